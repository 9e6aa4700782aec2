import DNSLookup
import SenderAuthCore

/// `spf.neutral-all`: the domain's record ends in `?all`, so servers not listed get `neutral`,
/// which says nothing (RFC 7208 §2.6.2, §8.2).
public struct SPFNeutralAllRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "spf.neutral-all",
    title: LocalizedText(en: "SPF ends in ?all", de: "SPF endet mit ?all"),
    rationale: LocalizedText(
      en: "With '?all', mail from servers the record does not list gets 'neutral', which "
        + "receivers must treat exactly like no SPF record at all (RFC 7208 §8.2): the record "
        + "protects nothing against forgery. Only the record that decides the domain's default "
        + "counts here (the domain's own, or its redirect target); '?all' inside an included "
        + "record is harmless.",
      de: "Mit '?all' erhält Mail von Servern, die der Eintrag nicht aufführt, 'neutral', was "
        + "empfangende Server genau wie einen fehlenden SPF-Eintrag behandeln müssen (RFC 7208 "
        + "§8.2): der Eintrag schützt nicht vor Fälschung. Hier zählt nur der Eintrag, der über "
        + "das Ergebnis der Domain entscheidet (ihr eigener oder sein redirect-Ziel); '?all' in "
        + "einem eingebundenen Eintrag ist harmlos."),
    howToFix: LocalizedText(
      en: "End the record in '~all', and in '-all' once every sender is listed.",
      de: "Beenden Sie den Eintrag mit '~all' und mit '-all', sobald jeder Versender aufgeführt "
        + "ist."),
    references: [SPFRuleSupport.rfc("8.2"), SPFRuleSupport.rfc("2.6.2")],
    severity: .warning,
    triggering: [
      RuleExample(zone: #"@ 3600 IN TXT "v=spf1 ip4:192.0.2.0/24 ?all""#, fixable: true),
      RuleExample(
        zone: """
          @     3600 IN TXT "v=spf1 ip4:192.0.2.0/24 redirect=_spf.example.com"
          _spf  3600 IN TXT "v=spf1 ip4:198.51.100.0/24 ?all"
          """),
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @     3600 IN TXT "v=spf1 include:_spf.example.com ~all"
          _spf  3600 IN TXT "v=spf1 ip4:198.51.100.0/24 ?all"
          """)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let tree = context.spf.tree else { return [] }
    let apex = SPFRuleSupport.record(context)
    return SPFRuleSupport.effectiveChain(tree).flatMap { node in
      node.terms.filter {
        SPFRuleSupport.isAll($0) && SPFRuleSupport.qualifier($0) == "?"
          && !$0.notes.contains(.afterAll)
      }.map { term in
        var fix: Fix?
        if node.domain == tree.root.domain, let apex, node.record == apex.candidate.text {
          fix = SPFRuleSupport.correction(
            context,
            lead: LocalizedText(
              en: "Replace '?all' by '~all'",
              de: "Ersetzen Sie '?all' durch '~all'"))
        }
        return finding(
          LocalizedText(
            en: "SPF record of '\(node.domain)' ends in '\(term.text)': servers it does not "
              + "list get neutral, as if there were no SPF record",
            de: "SPF-Eintrag von '\(node.domain)' endet mit '\(term.text)': nicht aufgeführte "
              + "Server erhalten neutral, als gäbe es keinen SPF-Eintrag"),
          at: SPFRuleSupport.location(node, term), fix: fix)
      }
    }
  }
}
