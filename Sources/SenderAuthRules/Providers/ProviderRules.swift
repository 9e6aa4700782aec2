import SenderAuthCore

/// The mailbox-provider rules (`<provider>.<slug>`), in catalog order. Each is silent unless a
/// chosen profile holds it.
public enum ProviderRules {
  public static let all: [any Rule] = [
    GmailSPFOrDKIMRule(),
    GmailPTRRequiredRule(),
    GmailBulkSPFAndDKIMRule(),
    GmailBulkDMARCRequiredRule(),
    GmailBulkDMARCAlignmentRule(),
    YahooSPFOrDKIMRule(),
    YahooPTRRequiredRule(),
    YahooBulkSPFAndDKIMRule(),
    YahooBulkDMARCRequiredRule(),
    YahooBulkDMARCAlignmentRule(),
    MicrosoftBulkSPFRequiredRule(),
    MicrosoftBulkDKIMRequiredRule(),
    MicrosoftBulkDMARCRequiredRule(),
    MicrosoftBulkDMARCAlignmentRule(),
    AppleSPFAndDKIMRule(),
    AppleDMARCRequiredRule(),
    ApplePTRRequiredRule(),
    LaPosteSPFRequiredRule(),
    LaPosteDMARCRUARequiredRule(),
    LaPostePTRRequiredRule(),
    GMXDKIMAlignedRule(),
    GMXPTRRequiredRule(),
    TOnlinePTRRequiredRule(),
  ]

  /// Their ids.
  public static let ids: Set<String> = Set(all.map(\.description.id))
}
