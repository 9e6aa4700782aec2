import DNSLookup
import SenderAuthCore

/// `yahoo.ptr-required`: yahoo: sending IPs need valid forward and reverse DNS (Yahoo).
public struct YahooPTRRequiredRule: ConditionalRequirement {
  public init() {}

  public let description = RuleDescription(
    id: "yahoo.ptr-required",
    title: LocalizedText(
      en: "Yahoo: sending IPs need valid forward and reverse DNS",
      de: "Yahoo: Versand-IPs brauchen gültiges Forward- und Reverse-DNS"),
    rationale: LocalizedText(
      en: """
        Yahoo: "Have a valid forward and reverse DNS record for your sending IPs", and \
        recommends non-generic PTR names that reflect your domain.
        """,
      de: """
        Yahoo verlangt gültige Forward- und Reverse-DNS-Einträge für Versand-IPs und empfiehlt \
        nicht-generische PTR-Namen, die Ihre Domain erkennen lassen.
        """),
    howToFix: ProviderHowToFix.ptrRequired,
    references: [
      ProviderReferences.yahooBestPractices
    ],
    severity: .error,
    triggering: [
      RuleExample(
        zone: ProviderChecks.Zones.ptrBroken,
        options: CheckOptions(ips: ["192.0.2.10"].compactMap(IPAddress.init), profiles: ["yahoo"]))
    ],
    nonTriggering: [
      RuleExample(
        zone: ProviderChecks.Zones.ptrGood,
        options: CheckOptions(ips: ["192.0.2.10"].compactMap(IPAddress.init), profiles: ["yahoo"])),
      RuleExample(zone: ProviderChecks.Zones.ptrBroken, options: CheckOptions(profiles: ["yahoo"])),
    ])

  public func isCheckable(_ context: DomainContext) -> Bool { !context.options.ips.isEmpty }

  public func check(_ context: DomainContext) -> [Finding] {
    ProviderChecks.ptrFinding(self, context, provider: "Yahoo")
  }
}
