import DNSLookup
import SenderAuthCore

/// `t-online.ptr-required`: t-Online: sending IPs need forward-confirmed reverse DNS (T-Online).
public struct TOnlinePTRRequiredRule: ConditionalRequirement {
  public init() {}

  public let description = RuleDescription(
    id: "t-online.ptr-required",
    title: LocalizedText(
      en: "T-Online: sending IPs need forward-confirmed reverse DNS",
      de: "T-Online: Versand-IPs brauchen bestätigtes Reverse-DNS"),
    rationale: LocalizedText(
      en: """
        T-Online (postmaster section 4.1): the host name (FQDN) of the delivering IP must make \
        the operator's domain easy to find (RFC 1912, FCrDNS); unknown IPs are blocked until \
        whitelisted.
        """,
      de: """
        T-Online (Postmaster, Abschnitt 4.1): aus dem Hostnamen (FQDN) zur IP des \
        einliefernden Systems muss die Domain des Betreibers einfach recherchierbar \
        hervorgehen (RFC 1912, FCrDNS); unbekannte IPs werden bis zur Freischaltung blockiert.
        """),
    howToFix: LocalizedText(
      en: """
        Have the owner of each sending IP set a PTR record to a host name in your domain whose \
        address record contains the IP, and a website with contact details on that domain.
        """,
      de: """
        Lassen Sie den Inhaber jeder Versand-IP einen PTR-Eintrag auf einen Hostnamen Ihrer \
        Domain setzen, dessen Adresseintrag die IP enthält, mit einer Website samt \
        Kontaktmöglichkeit auf dieser Domain.
        """),
    references: [
      ProviderReferences.tOnlinePostmaster
    ],
    severity: .error,
    triggering: [
      RuleExample(
        zone: ProviderChecks.Zones.ptrBroken,
        options: CheckOptions(
          ips: ["192.0.2.10"].compactMap(IPAddress.init), profiles: ["t-online"])),
      RuleExample(
        zone: ProviderChecks.Zones.ptrGenericName,
        options: CheckOptions(
          ips: ["192.0.2.10"].compactMap(IPAddress.init), profiles: ["t-online"])),
    ],
    nonTriggering: [
      RuleExample(
        zone: ProviderChecks.Zones.ptrGood,
        options: CheckOptions(
          ips: ["192.0.2.10"].compactMap(IPAddress.init), profiles: ["t-online"]))
    ])

  public func isCheckable(_ context: DomainContext) -> Bool { !context.options.ips.isEmpty }

  public func check(_ context: DomainContext) -> [Finding] {
    ProviderChecks.ptrFinding(self, context, provider: "T-Online", nonGeneric: true)
  }
}
