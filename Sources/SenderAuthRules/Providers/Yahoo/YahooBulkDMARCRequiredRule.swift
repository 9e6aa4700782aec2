import DNSLookup
import SenderAuthCore

/// `yahoo.bulk.dmarc-required`: yahoo bulk senders: a DMARC record is required (Yahoo).
public struct YahooBulkDMARCRequiredRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "yahoo.bulk.dmarc-required",
    title: LocalizedText(
      en: "Yahoo bulk senders: a DMARC record is required",
      de: "Yahoo-Massenversender: ein DMARC-Eintrag ist Pflicht"),
    rationale: LocalizedText(
      en: """
        Yahoo: "Publish a valid DMARC policy with at least p=none - DMARC must pass"; a rua \
        report address is "strongly recommended".
        """,
      de: """
        Yahoo verlangt eine gültige DMARC-Richtlinie mit mindestens p=none, und DMARC muss \
        bestehen; eine rua-Berichtsadresse wird dringend empfohlen.
        """),
    howToFix: ProviderHowToFix.dmarcRequired,
    references: [
      ProviderReferences.yahooBestPractices,
      ProviderReferences.yahooFAQ,
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
    ProviderChecks.dmarcRequiredFinding(self, context, provider: "Yahoo")
  }
}
