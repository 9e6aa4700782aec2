import DNSLookup
import SenderAuthCore

/// `gmail.spf-or-dkim`: gmail: SPF or DKIM must be set up (Gmail).
public struct GmailSPFOrDKIMRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "gmail.spf-or-dkim",
    title: LocalizedText(
      en: "Gmail: SPF or DKIM must be set up",
      de: "Gmail: SPF oder DKIM muss eingerichtet sein"),
    rationale: LocalizedText(
      en: """
        Gmail requires of all senders: "Set up SPF or DKIM email authentication for your \
        sending domains." Unauthenticated mail is answered with 5.7.26 or lands in spam.
        """,
      de: """
        Gmail verlangt von allen Absendern, SPF oder DKIM für ihre Versanddomains \
        einzurichten. Nicht authentifizierte Mails werden mit 5.7.26 abgewiesen oder landen im \
        Spam.
        """),
    howToFix: LocalizedText(
      en: """
        Publish a valid SPF record for the domain mail is sent with, or the DKIM key of your \
        mail service (both is better).
        """,
      de: """
        Veröffentlichen Sie einen gültigen SPF-Eintrag für die Versanddomain oder den \
        DKIM-Schlüssel Ihres Maildienstes (besser beides).
        """),
    references: [
      ProviderReferences.googleGuidelines
    ],
    severity: .error,
    triggering: [
      RuleExample(zone: ProviderChecks.Zones.empty, options: CheckOptions(profiles: ["gmail"]))
    ],
    nonTriggering: [
      RuleExample(zone: ProviderChecks.Zones.spfOnly, options: CheckOptions(profiles: ["gmail"])),
      RuleExample(zone: ProviderChecks.Zones.dkimOnly, options: CheckOptions(profiles: ["gmail"])),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    ProviderChecks.spfOrDKIMFinding(self, context, provider: "Gmail")
  }
}
