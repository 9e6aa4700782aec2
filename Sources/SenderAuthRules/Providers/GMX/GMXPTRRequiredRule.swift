import DNSLookup
import SenderAuthCore

/// `gmx.ptr-required`: gMX/WEB.DE: sending IPs need a non-generic PTR (GMX/WEB.DE).
public struct GMXPTRRequiredRule: ConditionalRequirement {
  public init() {}

  public let description = RuleDescription(
    id: "gmx.ptr-required",
    title: LocalizedText(
      en: "GMX/WEB.DE: sending IPs need a non-generic PTR",
      de: "GMX/WEB.DE: Versand-IPs brauchen einen nicht-generischen PTR"),
    rationale: LocalizedText(
      en: """
        WEB.DE: "The IP address of the mail server must have a valid reverse DNS entry \
        (PTR-RR) that refers to a fully qualified domain name (FQDN)… Generic default entries \
        … usually result in rejection."
        """,
      de: """
        WEB.DE: die IP des Mailservers braucht einen gültigen Reverse-DNS-Eintrag (PTR) auf \
        einen vollqualifizierten Namen, möglichst der eigenen Domain; generische \
        Standardeinträge führen meist zur Ablehnung.
        """),
    howToFix: ProviderHowToFix.ptrRequired,
    references: [
      ProviderReferences.webDERequirements
    ],
    severity: .error,
    triggering: [
      RuleExample(
        zone: ProviderChecks.Zones.ptrBroken,
        options: CheckOptions(
          ips: ["192.0.2.10"].compactMap(IPAddress.init), profiles: ["gmx-webde"])),
      RuleExample(
        zone: ProviderChecks.Zones.ptrGenericName,
        options: CheckOptions(
          ips: ["192.0.2.10"].compactMap(IPAddress.init), profiles: ["gmx-webde"])),
    ],
    nonTriggering: [
      RuleExample(
        zone: ProviderChecks.Zones.ptrGood,
        options: CheckOptions(
          ips: ["192.0.2.10"].compactMap(IPAddress.init), profiles: ["gmx-webde"]))
    ])

  public func isCheckable(_ context: DomainContext) -> Bool { !context.options.ips.isEmpty }

  public func check(_ context: DomainContext) -> [Finding] {
    ProviderChecks.ptrFinding(self, context, provider: "GMX/WEB.DE", nonGeneric: true)
  }
}
