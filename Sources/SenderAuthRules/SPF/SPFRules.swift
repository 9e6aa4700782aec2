import SenderAuthCore

/// The SPF rules, in catalog order.
public enum SPFRules {
  public static let all: [any Rule] = [
    SPFMissingRule(),
    SPFMultipleRecordsRule(),
    SPFSyntaxRule(),
    SPFLookupLimitRule(),
    SPFVoidLookupLimitRule(),
    SPFIncludeMissingRule(),
    SPFIncludeLoopRule(),
    SPFMXTooManyRule(),
    SPFPlusAllRule(),
    SPFNeutralAllRule(),
    SPFNoAllRule(),
    SPFPTRRule(),
    SPFTooLongRule(),
    SPFRedirectIgnoredRule(),
    SPFTermsAfterAllRule(),
    SPFMacroUnverifiableRule(),
    SPFIPNotAuthorizedRule(),
  ]
}
