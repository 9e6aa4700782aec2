import DNSLookup
import SenderAuthCore

/// `spf.no-all`: the record has neither `all` nor `redirect`, so servers it does not list get
/// the default result `neutral` (RFC 7208 §4.7).
public struct SPFNoAllRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "spf.no-all",
    title: LocalizedText(en: "SPF record without 'all'", de: "SPF-Eintrag ohne 'all'"),
    rationale: LocalizedText(
      en: "When no term matches and there is no redirect, the result is 'neutral' (RFC 7208 "
        + "§4.7): the record says which servers may send but not what to do with the others, "
        + "so forged mail is treated as if there were no SPF record.",
      de: "Passt kein Mechanismus und gibt es kein redirect, ist das Ergebnis 'neutral' (RFC 7208 "
        + "§4.7): der Eintrag sagt, welche Server senden dürfen, aber nicht, was mit den anderen "
        + "geschehen soll; gefälschte Mail wird behandelt, als gäbe es keinen SPF-Eintrag."),
    howToFix: LocalizedText(
      en: "End the record in '~all', and in '-all' once every sender is listed.",
      de: "Beenden Sie den Eintrag mit '~all' und mit '-all', sobald jeder Versender aufgeführt "
        + "ist."),
    references: [SPFRuleSupport.rfc("4.7"), SPFRuleSupport.rfc("5.1")],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: """
          @  3600 IN TXT "v=spf1 a ip4:192.0.2.0/24"
          @  3600 IN A   192.0.2.3
          """, fixable: true)
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @     3600 IN TXT "v=spf1 ip4:192.0.2.0/24 redirect=_spf.example.com"
          _spf  3600 IN TXT "v=spf1 ip4:198.51.100.0/24 -all"
          """),
      RuleExample(zone: #"@ 3600 IN TXT "v=spf1 ip4:192.0.2.0/24 -all""#),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let tree = context.spf.tree, let last = SPFRuleSupport.effectiveChain(tree).last,
      last.record != nil, last.issues.isEmpty,
      !last.terms.contains(where: { SPFRuleSupport.isAll($0) || $0.name == "redirect" })
    else { return [] }
    var fix: Fix?
    if last.domain == tree.root.domain, let apex = SPFRuleSupport.record(context),
      last.record == apex.candidate.text
    {
      fix = SPFRuleSupport.correction(
        context,
        lead: LocalizedText(
          en: "Add '~all' after the last mechanism",
          de: "Fügen Sie '~all' nach dem letzten Mechanismus an"))
    }
    return [
      finding(
        LocalizedText(
          en: "SPF record of '\(last.domain)' has no 'all' and no 'redirect': servers it does "
            + "not list get neutral",
          de: "SPF-Eintrag von '\(last.domain)' hat weder 'all' noch 'redirect': nicht "
            + "aufgeführte Server erhalten neutral"),
        at: SPFRuleSupport.location(last), fix: fix)
    ]
  }
}
