import DNSLookup
import SenderAuthCore

/// Rules about sending IPs (`--ip`) and the domain's mail hosts: PTR, FCrDNS, SPF
/// authorization, MX presence, parked domains.
public enum IPRules {
  public static let all: [any Rule] = [
    PTRMissingRule(),
    PTRMismatchRule(),
    PTRGenericRule(),
    MXMissingRule(),
    ParkedNotLockedDownRule(),
  ]

  /// A zone text for examples that spans forward and reverse names: `$ORIGIN .` with every
  /// owner written absolute and no SOA, so the zone's apex is the root and one example zone
  /// answers both.
  static func rootZone(_ lines: String) -> String {
    "$ORIGIN .\n$TTL 3600\n" + lines
  }

  /// A sending IP whose PTR name resolves back to it: the non-triggering example of the PTR
  /// rules.
  static let wellConfiguredExample = RuleExample(
    zone: rootZone(
      """
      example.com. TXT "v=spf1 -all"
      mail.example.com. A 192.0.2.10
      10.2.0.192.in-addr.arpa. PTR mail.example.com.
      """), options: CheckOptions(ips: ["192.0.2.10"].compactMap(IPAddress.init)))

  /// The suggested host name for a sending IP without a usable PTR: `mail.<domain>`.
  static func suggestedHost(for domain: DomainName) -> DomainName {
    (try? DomainName("mail." + domain.text)) ?? domain
  }

  /// The fix of a sending service's address (one its SPF publishes, as `--ip` or the message
  /// showed): its reverse DNS is the service's to set, not a record to paste. Nil for another
  /// address.
  static func serviceFix(for check: SendingIPCheck, in context: DomainContext) -> Fix? {
    guard let owner = ESPAddresses.owner(of: check.address, in: context) else { return nil }
    let name = owner.esp.name
    return Fix(
      explanation: LocalizedText(
        en: "'\(check.text)' is an address of \(name): only \(name) sets its PTR. For a "
          + "dedicated IP, set up reverse DNS in the \(name) account (it shows the address "
          + "record to publish in your zone); for a shared IP, ask its support.",
        de: "'\(check.text)' ist eine Adresse von \(name): nur \(name) setzt ihren PTR. "
          + "Richten Sie für eine dedizierte IP Reverse-DNS im Konto bei \(name) ein (es zeigt "
          + "den Adresseintrag für Ihre Zone); für eine geteilte IP fragen Sie den Support."))
  }

  /// "the owner of the IP (your hosting provider or ESP)": who sets a PTR record.
  static let ptrOwner = LocalizedText(
    en: "PTR records are set by whoever owns the address (your hosting provider, ISP or ESP)",
    de: "PTR-Einträge setzt, wem die Adresse gehört (Ihr Hoster, Provider oder ESP)")
}
