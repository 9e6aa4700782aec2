import DNSLookup
import SenderAuthCore

/// `spf.redirect-ignored`: a `redirect=` beside an `all` mechanism is never used
/// (RFC 7208 §6.1).
public struct SPFRedirectIgnoredRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "spf.redirect-ignored",
    title: LocalizedText(en: "SPF redirect ignored", de: "SPF-redirect wird ignoriert"),
    rationale: LocalizedText(
      en: "'all' always matches, so a record with 'all' never reaches its redirect: RFC 7208 "
        + "§6.1 says the redirect MUST be ignored. Whatever the redirect target authorizes is "
        + "not authorized; usually an 'include:' of the same domain was meant.",
      de: "'all' passt immer, daher erreicht ein Eintrag mit 'all' sein redirect nie: laut RFC "
        + "7208 §6.1 MUSS das redirect ignoriert werden. Was das redirect-Ziel erlaubt, ist nicht "
        + "erlaubt; gemeint war meist ein 'include:' derselben Domain."),
    howToFix: LocalizedText(
      en: "Remove the redirect, or turn it into an 'include:' before 'all' if its servers "
        + "should be allowed.",
      de: "Entfernen Sie das redirect oder machen Sie es zu einem 'include:' vor 'all', wenn "
        + "dessen Server erlaubt sein sollen."),
    references: [SPFRuleSupport.rfc("6.1"), SPFRuleSupport.rfc("5.1")],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: """
          @     3600 IN TXT "v=spf1 ip4:192.0.2.0/24 -all redirect=_spf.example.com"
          _spf  3600 IN TXT "v=spf1 ip4:198.51.100.0/24 -all"
          """, fixable: true)
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @     3600 IN TXT "v=spf1 ip4:192.0.2.0/24 redirect=_spf.example.com"
          _spf  3600 IN TXT "v=spf1 ip4:198.51.100.0/24 -all"
          """)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let tree = context.spf.tree else { return [] }
    let apex = SPFRuleSupport.record(context)
    return tree.terms(with: .redirectIgnored).map { node, term in
      var fix: Fix?
      if node.domain == tree.root.domain, let apex, node.record == apex.candidate.text {
        fix = SPFRuleSupport.correction(
          context,
          lead: LocalizedText(
            en: "Remove '\(term.text)'; receivers ignore it already, so nothing changes. If its "
              + "servers should be allowed, add 'include:\(term.target ?? "…")' before 'all' "
              + "instead",
            de: "Entfernen Sie '\(term.text)'; empfangende Server ignorieren es schon, es ändert "
              + "sich nichts. Sollen dessen Server erlaubt sein, fügen Sie stattdessen "
              + "'include:\(term.target ?? "…")' vor 'all' ein"))
      }
      return finding(
        LocalizedText(
          en: "'\(term.text)' of '\(node.domain)' is ignored because the record has 'all'",
          de: "'\(term.text)' von '\(node.domain)' wird ignoriert, weil der Eintrag 'all' hat"),
        at: SPFRuleSupport.location(node, term), fix: fix)
    }
  }
}
