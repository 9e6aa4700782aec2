import SenderAuthCore

/// The registry of every rule senderauth has, in the order reports list them.
public enum RuleCatalog {
  public static let all: [any Rule] =
    DNSRules.all + SPFRules.all + DMARCRules.all + DKIMRules.all + IPRules.all + ESPRules.all
    + NullMXRules.all + MTASTSRules.all + TLSRPTRules.all + BIMIRules.all + DNSSECRules.all
    + MessageRules.all + ProviderRules.all

  /// The rule with `id`, if there is one.
  public static func rule(id: String) -> (any Rule)? {
    all.first { $0.description.id == id }
  }
}
