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
        + "no longer exist. An 'a' term counts as void only when its name has neither an A nor "
        + "an AAAA record.",
      de: "Eine DNS-Abfrage ohne Ergebnis (Void-Lookup) ist eine Abfrage eines SPF-Mechanismus, "
        + "die keine Einträge oder NXDOMAIN liefert. Empfangende Server erlauben zwei pro "
        + "Prüfung; die dritte macht sie zu 'permerror' (RFC 7208 §4.6.4). Solche Abfragen "
        + "entstehen durch include, a, mx und exists, die Hosts oder Versanddienste nennen, die "
        + "es nicht mehr gibt. Ein 'a' zählt nur als ohne Ergebnis, wenn sein Name weder A- noch "
        + "AAAA-Einträge hat."),
    howToFix: LocalizedText(
      en: "Remove the terms that name hosts or services that no longer exist.",
      de: "Entfernen Sie die Mechanismen, die Hosts oder Versanddienste nennen, die es nicht mehr "
        + "gibt."),
    references: [SPFRuleSupport.rfc("4.6.4")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: """
          @     3600 IN TXT "v=spf1 a:gone1.example.com a:gone2.example.com mx:nomx.example.com -all"
          nomx  3600 IN A   192.0.2.7
          """)
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
    let void = tree.terms.filter(\.term.void)
    let list = void.map { "'\($0.term.text)' (\($0.node.domain))" }.joined(separator: ", ")
    let third = void.dropFirst(Self.limit).first
    let location = third.map { SPFRuleSupport.location($0.node, $0.term) }
    return [
      finding(
        LocalizedText(
          en: "SPF record of '\(tree.domain)' has \(tree.voidLookups) void lookups; the limit "
            + "is \(Self.limit): \(list)",
          de: "SPF-Eintrag von '\(tree.domain)' hat \(tree.voidLookups) leere Abfragen; erlaubt "
            + "sind \(Self.limit): \(list)"),
        at: location)
    ]
  }
}
