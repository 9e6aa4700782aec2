import DNSLookup
import SenderAuthCore

/// `spf.void-lookup-limit`: more than two terms of the tree query names with no records, so
/// receivers return `permerror` (RFC 7208 §4.6.4).
public struct SPFVoidLookupLimitRule: Rule {
  public init() {}

  public static let limit = 2

  public let description = RuleDescription(
    id: "spf.void-lookup-limit",
    title: LocalizedText(
      en: "Too many void SPF lookups", de: "Zu viele SPF-Abfragen ohne Ergebnis (Void-Lookups)"),
    rationale: LocalizedText(
      en: "A void lookup is a DNS query of an SPF term that returns no records or NXDOMAIN. "
        + "Receivers allow two per check; the third makes it 'permerror' (RFC 7208 §4.6.4). "
        + "Void lookups come from includes and a/mx/exists terms naming hosts or services that "
        + "no longer exist. They depend on the sending server's address family: for an IPv4 "
        + "client an 'a' term asks for A records, for an IPv6 client for AAAA, so a name with "
        + "only AAAA records is void for every IPv4 client; an 'mx' term is void when no MX "
        + "host has an address of the client's family. The worse of the two families counts.",
      de: "Eine DNS-Abfrage ohne Ergebnis (Void-Lookup) ist eine Abfrage eines SPF-Mechanismus, "
        + "die keine Einträge oder NXDOMAIN liefert. Empfangende Server erlauben zwei pro "
        + "Prüfung; die dritte macht sie zu 'permerror' (RFC 7208 §4.6.4). Solche Abfragen "
        + "entstehen durch include, a, mx und exists, die Hosts oder Versanddienste nennen, die "
        + "es nicht mehr gibt. Sie hängen von der Adressfamilie des sendenden Servers ab: Für "
        + "einen IPv4-Client fragt ein 'a'-Mechanismus nach A-Einträgen, für einen IPv6-Client "
        + "nach AAAA; ein Name nur mit AAAA-Einträgen bleibt also für jeden IPv4-Client ohne "
        + "Ergebnis, ein 'mx'-Mechanismus, wenn kein MX-Host eine Adresse der Familie des "
        + "Clients hat. Es zählt die ungünstigere Familie."),
    howToFix: LocalizedText(
      en: "Remove the terms that name hosts or services that no longer exist, and name hosts "
        + "with addresses of both families (or use ip4:/ip6:) where clients of both send.",
      de: "Entfernen Sie die Mechanismen, die Hosts oder Versanddienste nennen, die es nicht mehr "
        + "gibt, und nennen Sie Hosts mit Adressen beider Familien (oder ip4:/ip6:), wo Clients "
        + "beider Familien senden."),
    references: [SPFRuleSupport.rfc("4.6.4")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: """
          @     3600 IN TXT "v=spf1 a:gone1.example.com a:gone2.example.com mx:nomx.example.com -all"
          nomx  3600 IN A   192.0.2.7
          """),
      RuleExample(
        zone: """
          @     3600 IN TXT "v=spf1 a:v6a.example.com a:v6b.example.com mx:mx6.example.com -all"
          v6a   3600 IN AAAA 2001:db8::1
          v6b   3600 IN AAAA 2001:db8::2
          mx6   3600 IN MX   10 v6a.example.com.
          """),
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @       3600 IN TXT "v=spf1 a:gone1.example.com a:v6only.example.com mx:nomx.example.com -all"
          nomx    3600 IN A    192.0.2.7
          nomx    3600 IN MX   10 nomx.example.com.
          v6only  3600 IN AAAA 2001:db8::7
          """)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let tree = context.spf.tree, tree.voidLookups > Self.limit else { return [] }
    // The worse family; IPv4 first when both exceed the limit equally.
    let ipv4 = tree.voidLookupsIPv4 >= tree.voidLookupsIPv6
    let count = tree.voidLookups(ipv4: ipv4)
    let both = tree.voidLookupsIPv4 == tree.voidLookupsIPv6
    let void = tree.terms.filter { ipv4 ? $0.term.voidIPv4 : $0.term.voidIPv6 }
    let list = void.map { "'\($0.term.text)' (\($0.node.domain))" }.joined(separator: ", ")
    let third = void.dropFirst(Self.limit).first
    let location = third.map { SPFRuleSupport.location($0.node, $0.term) }
    let family = ipv4 ? "IPv4" : "IPv6"
    let clientsEN = both ? "" : " for \(family) clients"
    let clientsDE = both ? "" : " für \(family)-Clients"
    return [
      finding(
        LocalizedText(
          en: "SPF record of '\(tree.domain)' has \(count) void lookups\(clientsEN); the limit "
            + "is \(Self.limit): \(list)",
          de:
            "SPF-Eintrag von '\(tree.domain)' hat \(count) DNS-Abfragen ohne Ergebnis (Void-Lookups)\(clientsDE); erlaubt "
            + "sind \(Self.limit): \(list)"),
        at: location)
    ]
  }
}
