import DNSLookup
import SenderAuthCore

/// `spf.ptr`: the `ptr` mechanism is slow, unreliable and should not be published
/// (RFC 7208 §5.5).
public struct SPFPTRRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "spf.ptr",
    title: LocalizedText(en: "SPF uses 'ptr'", de: "SPF verwendet 'ptr'"),
    rationale: LocalizedText(
      en: "'ptr' makes receivers look up the reverse name of the connecting address and then "
        + "its addresses again; RFC 7208 §5.5 says it SHOULD NOT be published: it is slow, "
        + "depends on reverse zones the domain does not control, loads the .arpa servers, and "
        + "some large receivers skip it, so the servers it was meant to allow fail.",
      de: "'ptr' lässt empfangende Server den Reverse-Namen der Versand-IP und danach dessen "
        + "Adressen nachschlagen; RFC 7208 §5.5 sagt, er SOLLTE NICHT veröffentlicht werden: er "
        + "ist langsam, hängt von Reverse-Zonen ab, die die Domain nicht kontrolliert, belastet "
        + "die .arpa-Server, und manche großen empfangenden Server überspringen ihn, sodass die "
        + "gemeinten Server scheitern."),
    howToFix: LocalizedText(
      en: "Replace 'ptr' by 'ip4:'/'ip6:' ranges or an 'a:' term for the servers it stands for.",
      de:
        "Ersetzen Sie 'ptr' durch 'ip4:'/'ip6:'-Bereiche oder einen 'a:'-Mechanismus für die gemeinten "
        + "Server."),
    references: [SPFRuleSupport.rfc("5.5")],
    severity: .warning,
    triggering: [
      RuleExample(zone: #"@ 3600 IN TXT "v=spf1 ptr -all""#),
      RuleExample(
        zone: """
          @     3600 IN TXT "v=spf1 include:_spf.example.com -all"
          _spf  3600 IN TXT "v=spf1 ptr:mail.example.com ?all"
          """),
    ],
    nonTriggering: [
      RuleExample(zone: #"@ 3600 IN TXT "v=spf1 ip4:192.0.2.0/24 -all ptr""#),
      RuleExample(zone: #"@ 3600 IN TXT "v=spf1 ip4:192.0.2.0/24 -all""#),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let tree = context.spf.tree else { return [] }
    return tree.terms(with: .ptr).map { node, term in
      finding(
        LocalizedText(
          en: "SPF record of '\(node.domain)' uses '\(term.text)', which should not be "
            + "published",
          de: "SPF-Eintrag von '\(node.domain)' verwendet '\(term.text)', der nicht "
            + "veröffentlicht werden sollte"),
        at: SPFRuleSupport.location(node, term))
    }
  }
}
