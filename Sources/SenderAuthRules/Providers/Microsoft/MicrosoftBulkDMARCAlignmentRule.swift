import DNSLookup
import SenderAuthCore

/// `microsoft.bulk.dmarc-alignment`: outlook.com high-volume senders: From must align with SPF or DKIM (Outlook.com).
public struct MicrosoftBulkDMARCAlignmentRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "microsoft.bulk.dmarc-alignment",
    title: LocalizedText(
      en: "Outlook.com high-volume senders: From must align with SPF or DKIM",
      de: "Outlook.com-Großversender: From muss zu SPF oder DKIM ausgerichtet sein"),
    rationale: LocalizedText(
      en: """
        Outlook.com: DMARC "At least p=none and align with either SPF or DKIM (preferably \
        both)".
        """,
      de: """
        Outlook.com: DMARC mit mindestens p=none, ausgerichtet zu SPF oder DKIM (besser \
        beidem).
        """),
    howToFix: ProviderHowToFix.alignment,
    references: [
      ProviderReferences.outlookHighVolume
    ],
    severity: .error,
    triggering: [
      RuleExample(
        zone: ProviderChecks.Zones.spfOnly,
        options: CheckOptions(returnPath: try? DomainName("bounces.mailer.example")))
    ],
    nonTriggering: [
      RuleExample(zone: ProviderChecks.Zones.complete)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    ProviderChecks.alignmentFinding(self, context, provider: "Outlook.com")
  }
}
