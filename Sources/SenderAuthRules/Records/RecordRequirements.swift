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

extension MTASTSPolicyUnavailableRule: ConditionalRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { context.mtaSTS.policyCheckable }
}

extension MTASTSPolicySyntaxRule: ConditionalRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { context.mtaSTS.policyCheckable }
}

extension MTASTSMXNotCoveredRule: ConditionalRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { context.mtaSTS.policyCheckable }
}

extension MTASTSMaxAgeShortRule: ConditionalRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { context.mtaSTS.policyCheckable }
}

extension MTASTSNotEnforcedRule: ConditionalRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { context.mtaSTS.policyCheckable }
}

extension BIMILogoInvalidRule: ConditionalRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { context.bimi.documentsCheckable }
}

extension BIMILogoUnavailableRule: ConditionalRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { context.bimi.documentsCheckable }
}

extension BIMIEvidenceInvalidRule: ConditionalRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { context.bimi.documentsCheckable }
}

/// Judged only through a validating resolver, which the run chooses (`--nameserver`,
/// resolv.conf); zone files and offline runs have none.
extension DNSSECBogusRule: ConditionalRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { context.dnssec.checkable }
  public var isJudgedOnRequest: Bool { true }
}

extension DNSSECDSMissingRule: ConditionalRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { context.dnssec.checkable }
  public var isJudgedOnRequest: Bool { true }
}

extension DNSSECUnsignedRule: ConditionalRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { context.dnssec.checkable }
  public var isJudgedOnRequest: Bool { true }
}
