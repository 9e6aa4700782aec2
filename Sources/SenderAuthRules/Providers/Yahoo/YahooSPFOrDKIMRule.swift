import DNSLookup
import SenderAuthCore

/// `yahoo.spf-or-dkim`: yahoo: SPF or DKIM must be set up (Yahoo).
public struct YahooSPFOrDKIMRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "yahoo.spf-or-dkim",
    title: LocalizedText(
      en: "Yahoo: SPF or DKIM must be set up",
      de: "Yahoo: SPF oder DKIM muss eingerichtet sein"),
    rationale: LocalizedText(
      en: """
        Yahoo asks all senders to "Implement SPF or DKIM at a minimum"; it applies to Yahoo \
        Mail, AOL and the other brands Yahoo hosts.
        """,
      de: """
        Yahoo verlangt von allen Absendern mindestens SPF oder DKIM; das gilt für Yahoo Mail, \
        AOL und die anderen von Yahoo betriebenen Marken.
        """),
    howToFix: LocalizedText(
      en: """
        Publish a valid SPF record for the envelope domain, or the DKIM key of your mail \
        service (both is better).
        """,
      de: """
        Veröffentlichen Sie einen gültigen SPF-Eintrag für die Umschlagdomain oder den \
        DKIM-Schlüssel Ihres Maildienstes (besser beides).
        """),
    references: [
      ProviderReferences.yahooBestPractices,
      ProviderReferences.yahooFAQ,
    ],
    severity: .error,
    triggering: [
      RuleExample(zone: ProviderChecks.Zones.empty, options: CheckOptions(profiles: ["yahoo"]))
    ],
    nonTriggering: [
      RuleExample(zone: ProviderChecks.Zones.spfOnly, options: CheckOptions(profiles: ["yahoo"])),
      RuleExample(zone: ProviderChecks.Zones.dkimOnly, options: CheckOptions(profiles: ["yahoo"])),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    ProviderChecks.spfOrDKIMFinding(self, context, provider: "Yahoo")
  }
}
