import SenderAuthCore

/// The DKIM rules, in catalog order.
public enum DKIMRules {
  public static let all: [any Rule] = [
    DKIMNoKeyFoundRule(),
    DKIMSelectorMissingRule(),
    DKIMKeyTooShortRule(),
    DKIMKeyWeakRule(),
    DKIMKeyRevokedRule(),
    DKIMKeySyntaxRule(),
    DKIMMultipleRecordsRule(),
    DKIMCNAMEDanglingRule(),
    DKIMCNAMELoopRule(),
    DKIMM365CNAMEMismatchRule(),
    DKIMTestingRule(),
    DKIMSHA1OnlyRule(),
    DKIMHashUnusableRule(),
    DKIMEd25519OnlyRule(),
  ]
}
