import DNSLookup
import SenderAuthCore

/// `apple.spf-and-dkim`: iCloud Mail: SPF and DKIM must be used (iCloud Mail).
public struct AppleSPFAndDKIMRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "apple.spf-and-dkim",
    title: LocalizedText(
      en: "iCloud Mail: SPF and DKIM must be used",
      de: "iCloud Mail: SPF und DKIM müssen genutzt werden"),
    rationale: LocalizedText(
      en: """
        Apple: "Make use of Sender Policy Framework (SPF) and DomainKeys Identified Mail \
        (DKIM)"; "All requirements must be met in order to send a bulk email. If not, the \
        email will be rejected."
        """,
      de: """
        Apple verlangt SPF und DKIM; alle Anforderungen müssen für Massenversand erfüllt sein, \
        sonst wird die Mail abgewiesen.
        """),
    howToFix: ProviderHowToFix.spfAndDKIM,
    references: [
      ProviderReferences.appleICloud
    ],
    severity: .error,
    triggering: [
      RuleExample(zone: ProviderChecks.Zones.spfOnly, options: CheckOptions(profiles: ["apple"]))
    ],
    nonTriggering: [
      RuleExample(zone: ProviderChecks.Zones.spfAndDKIM, options: CheckOptions(profiles: ["apple"]))
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    ProviderChecks.spfAndDKIMFinding(self, context, provider: "iCloud Mail")
  }
}
