import DNSLookup
import SenderAuthCore

/// `gmail.ptr-required`: gmail: sending IPs need valid forward and reverse DNS (Gmail).
public struct GmailPTRRequiredRule: ConditionalRequirement {
  public init() {}

  public let description = RuleDescription(
    id: "gmail.ptr-required",
    title: LocalizedText(
      en: "Gmail: sending IPs need valid forward and reverse DNS",
      de: "Gmail: Versand-IPs brauchen gültiges Forward- und Reverse-DNS"),
    rationale: LocalizedText(
      en: """
        Gmail: "Ensure that sending domains or IPs have valid forward and reverse DNS records, \
        also referred to as PTR records." The PTR host name must resolve back to the sending \
        IP; otherwise Gmail answers 4.7.23 or 5.7.25.
        """,
      de: """
        Gmail verlangt gültige Forward- und Reverse-DNS-Einträge (PTR) für sendende Domains \
        und IPs. Der PTR-Hostname muss wieder auf die Versand-IP auflösen; sonst antwortet \
        Gmail mit 4.7.23 oder 5.7.25.
        """),
    howToFix: LocalizedText(
      en: """
        Have the owner of each sending IP set a PTR record to a host name whose A or AAAA \
        record contains the IP (see ptr.missing and ptr.mismatch for the records).
        """,
      de: """
        Lassen Sie den Inhaber jeder Versand-IP einen PTR-Eintrag auf einen Hostnamen setzen, \
        dessen A- oder AAAA-Eintrag die IP enthält (die Einträge nennen ptr.missing und \
        ptr.mismatch).
        """),
    references: [
      ProviderReferences.googleGuidelines,
      ProviderReferences.googleGuidelinesFAQ,
    ],
    severity: .error,
    triggering: [
      RuleExample(
        zone: ProviderChecks.Zones.ptrBroken,
        options: CheckOptions(ips: ["192.0.2.10"].compactMap(IPAddress.init), profiles: ["gmail"]))
    ],
    nonTriggering: [
      RuleExample(
        zone: ProviderChecks.Zones.ptrGood,
        options: CheckOptions(ips: ["192.0.2.10"].compactMap(IPAddress.init), profiles: ["gmail"])),
      RuleExample(zone: ProviderChecks.Zones.ptrBroken, options: CheckOptions(profiles: ["gmail"])),
    ])

  public func isCheckable(_ context: DomainContext) -> Bool { !context.options.ips.isEmpty }

  public func check(_ context: DomainContext) -> [Finding] {
    ProviderChecks.ptrFinding(self, context, provider: "Gmail")
  }
}
