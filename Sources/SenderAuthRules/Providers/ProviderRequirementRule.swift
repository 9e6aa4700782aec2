import SenderAuthCore

/// The rule of one checked row of `ProviderTable`: its description comes from the row, its
/// findings from the generic check of the row's kind.
///
/// It never asks which profiles are chosen: `DomainEvaluator` runs a provider rule only when a
/// judged profile holds it.
public struct ProviderRequirementRule: ConditionalRequirement {
  public let row: ProviderRequirement
  public let description: RuleDescription

  public init(_ row: ProviderRequirement) {
    self.row = row
    description = row.description
  }

  public var inputs: RuleInputs { row.kind.inputs }

  /// A reverse-DNS row judges only the sending IPs checked (`--ip`, a message's); without
  /// any, a profile shows it as checkable with `--ip` (`waitsFor`) instead of passed.
  public func isCheckable(_ context: DomainContext) -> Bool {
    !row.needsSendingIPs || context.sendingIPs.isChecked
  }

  public var waitsFor: OnRequestInput? { row.needsSendingIPs ? .ip : nil }

  public func hasInput(_ context: DomainContext) -> Bool {
    row.needsSendingIPs && context.options.namesSendingIP
  }

  public func check(_ context: DomainContext) -> [Finding] {
    row.kind.findings(self, context)
  }
}
