import DNSLookup
import SenderAuthCore

/// `microsoft.bulk.dmarc-required`: outlook.com high-volume senders: a DMARC record is required (Outlook.com).
public struct MicrosoftBulkDMARCRequiredRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "microsoft.bulk.dmarc-required",
    title: LocalizedText(
      en: "Outlook.com high-volume senders: a DMARC record is required",
      de: "Outlook.com-Großversender: ein DMARC-Eintrag ist Pflicht"),
    rationale: LocalizedText(
      en: """
        Outlook.com requires of domains sending over 5,000 messages a day a DMARC policy of \
        "At least p=none" that aligns with SPF or DKIM; p=reject is recommended.
        """,
      de: """
        Outlook.com verlangt von Domains mit mehr als 5.000 Mails am Tag eine DMARC-Richtlinie \
        von mindestens p=none, ausgerichtet zu SPF oder DKIM; empfohlen wird p=reject.
        """),
    howToFix: LocalizedText(
      en: """
        Publish _dmarc.<domain> TXT "v=DMARC1; p=none; rua=mailto:…" and tighten it over time.
        """,
      de: """
        Veröffentlichen Sie _dmarc.<Domain> TXT "v=DMARC1; p=none; rua=mailto:…" und \
        verschärfen Sie die Richtlinie mit der Zeit.
        """),
    references: [
      ProviderReferences.outlookHighVolume,
      ProviderReferences.outlookPolicies,
    ],
    severity: .error,
    triggering: [
      RuleExample(zone: ProviderChecks.Zones.spfAndDKIM, fixable: true),
      RuleExample(zone: ProviderChecks.Zones.noPolicy, fixable: true),
    ],
    nonTriggering: [
      RuleExample(zone: ProviderChecks.Zones.complete)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    ProviderChecks.dmarcRequiredFinding(self, context, provider: "Outlook.com")
  }
}
