import DNSLookup
import SenderAuthCore

/// `apple.dmarc-required`: iCloud Mail: a DMARC policy is required (iCloud Mail).
public struct AppleDMARCRequiredRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "apple.dmarc-required",
    title: LocalizedText(
      en: "iCloud Mail: a DMARC policy is required",
      de: "iCloud Mail: eine DMARC-Richtlinie ist Pflicht"),
    rationale: LocalizedText(
      en: """
        Apple: "The sending domain must publish their Domain-based Message Authentication, \
        Reporting and Conformance (DMARC) policy"; iCloud honours the sender's policy.
        """,
      de: """
        Apple verlangt, dass die Versanddomain eine DMARC-Richtlinie veröffentlicht; iCloud \
        richtet sich nach der Richtlinie des Absenders.
        """),
    howToFix: ProviderHowToFix.dmarcRequired,
    references: [
      ProviderReferences.appleICloud
    ],
    severity: .error,
    triggering: [
      RuleExample(
        zone: ProviderChecks.Zones.spfAndDKIM, options: CheckOptions(profiles: ["apple"]),
        fixable: true),
      RuleExample(
        zone: ProviderChecks.Zones.noPolicy, options: CheckOptions(profiles: ["apple"]),
        fixable: true),
    ],
    nonTriggering: [
      RuleExample(zone: ProviderChecks.Zones.complete, options: CheckOptions(profiles: ["apple"]))
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    ProviderChecks.dmarcRequiredFinding(self, context, provider: "iCloud Mail")
  }
}
