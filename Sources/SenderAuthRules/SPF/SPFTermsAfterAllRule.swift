import DNSLookup
import SenderAuthCore

/// `spf.terms-after-all`: mechanisms after `all` are never evaluated (RFC 7208 §5.1).
public struct SPFTermsAfterAllRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "spf.terms-after-all",
    title: LocalizedText(en: "SPF mechanisms after 'all'", de: "SPF-Mechanismen nach 'all'"),
    rationale: LocalizedText(
      en: "'all' always matches, so 'Mechanisms after \"all\" will never be tested' and MUST be "
        + "ignored (RFC 7208 §5.1). Servers listed after 'all' are not authorized; usually the "
        + "term was appended to the end of the record by mistake.",
      de: "'all' passt immer, daher werden Mechanismen nach 'all' nie geprüft und MÜSSEN "
        + "ignoriert werden (RFC 7208 §5.1). Nach 'all' aufgeführte Server sind nicht erlaubt; "
        + "meist wurde der Mechanismus versehentlich ans Ende des Eintrags gehängt."),
    howToFix: LocalizedText(
      en: "Move the mechanisms before 'all' if their servers should be allowed, else remove "
        + "them.",
      de: "Setzen Sie die Mechanismen vor 'all', wenn deren Server erlaubt sein sollen, sonst "
        + "entfernen Sie sie."),
    references: [SPFRuleSupport.rfc("5.1")],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: """
          @     3600 IN TXT "v=spf1 a -all include:_spf.example.com"
          @     3600 IN A   192.0.2.4
          _spf  3600 IN TXT "v=spf1 ip4:198.51.100.0/24 -all"
          """, fixable: true)
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @     3600 IN TXT "v=spf1 a include:_spf.example.com -all exp=_exp.example.com"
          @     3600 IN A   192.0.2.4
          _spf  3600 IN TXT "v=spf1 ip4:198.51.100.0/24 -all"
          """)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let tree = context.spf.tree, tree.notes.contains(.afterAll) else { return [] }
    let apex = SPFRuleSupport.record(context)
    return tree.nodes.compactMap { node in
      let after = node.terms.filter { $0.notes.contains(.afterAll) }
      guard let first = after.first else { return nil }
      let list = after.map { "'\($0.text)'" }.joined(separator: ", ")
      var fix: Fix?
      if node.domain == tree.root.domain, let apex, node.record == apex.candidate.text {
        fix = SPFRuleSupport.correction(
          context,
          lead: LocalizedText(
            en: "Remove \(list): receivers never evaluate them, so nothing changes. If their "
              + "servers should be allowed, put them before 'all' instead",
            de: "Entfernen Sie \(list): empfangende Server werten sie nie aus, es ändert sich "
              + "nichts. Sollen deren Server erlaubt sein, setzen Sie sie stattdessen vor 'all'"))
      }
      return finding(
        LocalizedText(
          en: "SPF record of '\(node.domain)' has mechanisms after 'all' that are never "
            + "evaluated: \(list)",
          de: "SPF-Eintrag von '\(node.domain)' hat Mechanismen nach 'all', die nie ausgewertet "
            + "werden: \(list)"),
        at: SPFRuleSupport.location(node, first), fix: fix)
    }
  }
}
