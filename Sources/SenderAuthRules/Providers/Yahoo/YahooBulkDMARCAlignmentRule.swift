import DNSLookup
import SenderAuthCore

/// `yahoo.bulk.dmarc-alignment`: yahoo bulk senders: From must align with SPF or DKIM (Yahoo).
public struct YahooBulkDMARCAlignmentRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "yahoo.bulk.dmarc-alignment",
    title: LocalizedText(
      en: "Yahoo bulk senders: From must align with SPF or DKIM",
      de: "Yahoo-Massenversender: From muss zu SPF oder DKIM ausgerichtet sein"),
    rationale: LocalizedText(
      en: """
        Yahoo: "Ensure the domain in the From: header is aligned with either the SPF domain or \
        the DKIM domain"; relaxed alignment is acceptable.
        """,
      de: """
        Yahoo: die Domain im From-Header muss zur SPF- oder zur DKIM-Domain ausgerichtet sein; \
        relaxed genügt.
        """),
    howToFix: ProviderHowToFix.alignment,
    references: [
      ProviderReferences.yahooBestPractices
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
    ProviderChecks.alignmentFinding(self, context, provider: "Yahoo")
  }
}
