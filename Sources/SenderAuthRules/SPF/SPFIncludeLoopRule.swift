import DNSLookup
import SenderAuthCore

/// `spf.include-loop`: an include or redirect leads back to a record already being evaluated,
/// so the check runs into the lookup limit and ends in `permerror` (RFC 7208 §4.6.4, §5.2).
public struct SPFIncludeLoopRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "spf.include-loop",
    title: LocalizedText(en: "SPF include loop", de: "SPF-include-Schleife"),
    rationale: LocalizedText(
      en: "When an include or redirect leads back to a domain whose record is already being "
        + "evaluated, evaluation would never end; receivers stop at the 10-lookup limit and "
        + "return 'permerror' for every server not matched before the loop (RFC 7208 §4.6.4, "
        + "§5.2).",
      de: "Führt ein include oder redirect zurück zu einer Domain, deren Eintrag gerade "
        + "ausgewertet wird, endet die Auswertung nie; empfangende Server brechen an der Grenze "
        + "von 10 Abfragen ab und liefern 'permerror' für jeden Server, der nicht vor der "
        + "Schleife passt (RFC 7208 §4.6.4, §5.2)."),
    howToFix: LocalizedText(
      en: "Remove the include or redirect that points back up the chain.",
      de:
        "Entfernen Sie den include-Mechanismus oder das redirect, das in der Kette zurückverweist."),
    references: [SPFRuleSupport.rfc("4.6.4"), SPFRuleSupport.rfc("5.2")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: """
          @       3600 IN TXT "v=spf1 include:_loop1.example.com -all"
          _loop1  3600 IN TXT "v=spf1 include:_loop2.example.com -all"
          _loop2  3600 IN TXT "v=spf1 include:_loop1.example.com -all"
          """),
      RuleExample(zone: #"@ 3600 IN TXT "v=spf1 ip4:192.0.2.1 redirect=example.com""#),
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @     3600 IN TXT "v=spf1 include:_a.example.com include:_b.example.com -all"
          _a    3600 IN TXT "v=spf1 include:_c.example.com -all"
          _b    3600 IN TXT "v=spf1 include:_c.example.com -all"
          _c    3600 IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
          """)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let tree = context.spf.tree else { return [] }
    return tree.terms(with: .loop).map { node, term in
      let target = term.target ?? "?"
      return finding(
        LocalizedText(
          en: "'\(term.text)' of '\(node.domain)' leads back to '\(target)', whose record is "
            + "already being evaluated; receivers return permerror",
          de: "'\(term.text)' von '\(node.domain)' führt zurück zu '\(target)', dessen Eintrag "
            + "bereits ausgewertet wird; empfangende Server werten die SPF-Prüfung als 'permerror'"),
        at: SPFRuleSupport.location(node, term))
    }
  }
}
