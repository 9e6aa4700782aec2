import DNSLookup
import SenderAuthCore

/// `apple.ptr-required`: iCloud Mail: sending IPs need reverse DNS (iCloud Mail).
public struct ApplePTRRequiredRule: ConditionalRequirement {
  public init() {}

  public let description = RuleDescription(
    id: "apple.ptr-required",
    title: LocalizedText(
      en: "iCloud Mail: sending IPs need reverse DNS",
      de: "iCloud Mail: Versand-IPs brauchen Reverse-DNS"),
    rationale: LocalizedText(
      en: """
        Apple: "Publish reverse DNS with your domain to help identify your IP addresses."
        """,
      de: """
        Apple verlangt Reverse-DNS mit Ihrer Domain, damit Ihre IP-Adressen erkennbar sind.
        """),
    howToFix: ProviderHowToFix.ptrRequired,
    references: [
      ProviderReferences.appleICloud
    ],
    severity: .error,
    triggering: [
      RuleExample(
        zone: ProviderChecks.Zones.ptrBroken,
        options: CheckOptions(ips: ["192.0.2.10"].compactMap(IPAddress.init), profiles: ["apple"]))
    ],
    nonTriggering: [
      RuleExample(
        zone: ProviderChecks.Zones.ptrGood,
        options: CheckOptions(ips: ["192.0.2.10"].compactMap(IPAddress.init), profiles: ["apple"])),
      RuleExample(zone: ProviderChecks.Zones.ptrBroken, options: CheckOptions(profiles: ["apple"])),
    ])

  public func isCheckable(_ context: DomainContext) -> Bool { !context.options.ips.isEmpty }

  public func check(_ context: DomainContext) -> [Finding] {
    ProviderChecks.ptrFinding(self, context, provider: "iCloud Mail")
  }
}
