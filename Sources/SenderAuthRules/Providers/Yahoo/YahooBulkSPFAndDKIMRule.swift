import DNSLookup
import SenderAuthCore

/// `yahoo.bulk.spf-and-dkim`: yahoo bulk senders: SPF and DKIM must both be set up (Yahoo).
public struct YahooBulkSPFAndDKIMRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "yahoo.bulk.spf-and-dkim",
    title: LocalizedText(
      en: "Yahoo bulk senders: SPF and DKIM must both be set up",
      de: "Yahoo-Massenversender: SPF und DKIM müssen beide eingerichtet sein"),
    rationale: LocalizedText(
      en: """
        Yahoo asks bulk senders to "Implement both SPF & DKIM" and requires DKIM keys of 1024 \
        bits or more. Yahoo publishes no volume threshold for "bulk".
        """,
      de: """
        Yahoo verlangt von Massenversendern SPF und DKIM und DKIM-Schlüssel ab 1024 Bit. Eine \
        Mengenschwelle für Massenversand nennt Yahoo nicht.
        """),
    howToFix: ProviderHowToFix.spfAndDKIM,
    references: [
      ProviderReferences.yahooBestPractices,
      ProviderReferences.yahooFAQ,
    ],
    severity: .error,
    triggering: [
      RuleExample(zone: ProviderChecks.Zones.spfOnly)
    ],
    nonTriggering: [
      RuleExample(zone: ProviderChecks.Zones.spfAndDKIM)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    ProviderChecks.spfAndDKIMFinding(self, context, provider: "Yahoo")
  }
}
