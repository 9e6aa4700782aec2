import SenderAuthCore

/// The checks that read what came over HTTPS (an MTA-STS policy, a BIMI logo or evidence
/// document) or from a validating resolver (DNSSEC) judge nothing when that source was not
/// there (offline, a replay, zone files, no libcurl): their requirements are then not checked
/// in this run (the documents a record names) or not checkable (DNSSEC, which rests on the
/// resolver the run was given), never passed.
extension MTASTSContext {
  /// False when the policy was never fetched though a record asks for it (no HTTPS client).
  var policyCheckable: Bool { !Self.notAttempted(policyProblem) }

  static func notAttempted(_ problem: HTTPSProblem?) -> Bool {
    if case .failed(.notAttempted)? = problem { return true }
    return false
  }
}

extension BIMIContext {
  /// False when the logo or the evidence document was never fetched (no HTTPS client).
  var documentsCheckable: Bool {
    !MTASTSContext.notAttempted(logoProblem) && !MTASTSContext.notAttempted(evidenceProblem)
  }
}

extension DNSSECContext {
  /// False when no validating resolver answered (offline, zone files, one that does not
  /// validate); a failed lookup is a failure instead (the verdict is unknown).
  var checkable: Bool {
    switch status {
    case .notChecked(.noResolver), .notChecked(.zoneData),
      .notChecked(.resolverDoesNotValidate):
      false
    default: true
    }
  }
}

/// A rule that reads the MTA-STS policy its record names: not checked in a run that did not
/// fetch it.
public protocol MTASTSPolicyRequirement: ConditionalRequirement {}

extension MTASTSPolicyRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { context.mtaSTS.policyCheckable }
}

extension MTASTSPolicyUnavailableRule: MTASTSPolicyRequirement {}
extension MTASTSPolicySyntaxRule: MTASTSPolicyRequirement {}
extension MTASTSMXNotCoveredRule: MTASTSPolicyRequirement {}
extension MTASTSMaxAgeShortRule: MTASTSPolicyRequirement {}
extension MTASTSNotEnforcedRule: MTASTSPolicyRequirement {}

/// A rule that reads the BIMI logo or mark certificate its record names: not checked in a run
/// that did not fetch them.
public protocol BIMIDocumentRequirement: ConditionalRequirement {}

extension BIMIDocumentRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { context.bimi.documentsCheckable }
}

extension BIMILogoInvalidRule: BIMIDocumentRequirement {}
extension BIMILogoUnavailableRule: BIMIDocumentRequirement {}
extension BIMIEvidenceInvalidRule: BIMIDocumentRequirement {}

/// A rule judged only through a validating resolver, which the run chooses (`--nameserver`,
/// resolv.conf); zone files and offline runs have none.
public protocol DNSSECRequirement: ConditionalRequirement {}

extension DNSSECRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { context.dnssec.checkable }
  public var waitsFor: OnRequestInput? { .validatingResolver }
}

extension DNSSECBogusRule: DNSSECRequirement {}
extension DNSSECDSMissingRule: DNSSECRequirement {}
extension DNSSECUnsignedRule: DNSSECRequirement {}
