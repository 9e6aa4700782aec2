import DNSLookup
import SenderAuthCore

/// `laposte.ptr-required`: la Poste: sending IPs need valid, consistent reverse DNS (La Poste).
public struct LaPostePTRRequiredRule: ConditionalRequirement {
  public init() {}

  public let description = RuleDescription(
    id: "laposte.ptr-required",
    title: LocalizedText(
      en: "La Poste: sending IPs need valid, consistent reverse DNS",
      de: "La Poste: Versand-IPs brauchen gültiges, stimmiges Reverse-DNS"),
    rationale: LocalizedText(
      en: """
        La Poste: "Tout serveur expéditeur doit disposer d'un enregistrement DNS inversé \
        valide et cohérent"; connections without one may be refused.
        """,
      de: """
        La Poste: jeder sendende Server braucht einen gültigen und stimmigen \
        Reverse-DNS-Eintrag; Verbindungen ohne ihn können abgelehnt werden.
        """),
    howToFix: LocalizedText(
      en: """
        Have the owner of each sending IP set a PTR record to a host name whose address record \
        contains the IP.
        """,
      de: """
        Lassen Sie den Inhaber jeder Versand-IP einen PTR-Eintrag auf einen Hostnamen setzen, \
        dessen Adresseintrag die IP enthält.
        """),
    references: [
      ProviderReferences.laPosteSpecifications
    ],
    severity: .error,
    triggering: [
      RuleExample(
        zone: ProviderChecks.Zones.ptrBroken,
        options: CheckOptions(ips: ["192.0.2.10"].compactMap(IPAddress.init), profiles: ["laposte"])
      )
    ],
    nonTriggering: [
      RuleExample(
        zone: ProviderChecks.Zones.ptrGood,
        options: CheckOptions(ips: ["192.0.2.10"].compactMap(IPAddress.init), profiles: ["laposte"])
      ),
      RuleExample(
        zone: ProviderChecks.Zones.ptrBroken, options: CheckOptions(profiles: ["laposte"])),
    ])

  public func isCheckable(_ context: DomainContext) -> Bool { !context.options.ips.isEmpty }

  public func check(_ context: DomainContext) -> [Finding] {
    ProviderChecks.ptrFinding(self, context, provider: "La Poste")
  }
}
