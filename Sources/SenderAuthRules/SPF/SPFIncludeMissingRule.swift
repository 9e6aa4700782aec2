import DNSLookup
import SenderAuthCore

/// `spf.include-missing`: an `include` or `redirect` names a domain without an SPF record, so
/// every check that reaches it is a `permerror` (RFC 7208 §5.2, §6.1).
public struct SPFIncludeMissingRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "spf.include-missing",
    title: LocalizedText(
      en: "SPF include target has no SPF record", de: "SPF-include-Ziel ohne SPF-Eintrag"),
    rationale: LocalizedText(
      en: "An include whose target publishes no SPF record (or does not exist) does not simply "
        + "fail to match: the whole check ends in 'permerror' (RFC 7208 §5.2). The same holds "
        + "for a redirect target (§6.1). It usually means a provider was dropped or renamed "
        + "its SPF domain, or the name has a typo.",
      de: "Ein include, dessen Ziel keinen SPF-Eintrag hat (oder nicht existiert), passt nicht "
        + "einfach nicht: die ganze Prüfung endet mit 'permerror' (RFC 7208 §5.2). Dasselbe gilt "
        + "für ein redirect-Ziel (§6.1). Meist wurde ein Anbieter aufgegeben, hat seine "
        + "SPF-Domain umbenannt, oder der Name ist vertippt."),
    howToFix: LocalizedText(
      en: "Correct the target name from the provider's current documentation, or remove the "
        + "term if the service is no longer used.",
      de: "Korrigieren Sie den Zielnamen nach der aktuellen Anleitung des Anbieters oder "
        + "entfernen Sie den Mechanismus, wenn der Versanddienst nicht mehr genutzt wird."),
    references: [SPFRuleSupport.rfc("5.2"), SPFRuleSupport.rfc("6.1")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: """
          @       3600 IN TXT "v=spf1 include:_gone.example.com ip4:192.0.2.0/24 ~all"
          """, fixable: true),
      RuleExample(
        zone: """
          @       3600 IN TXT "v=spf1 include:_nospf.example.com ~all"
          _nospf  3600 IN TXT "google-site-verification=abc123"
          """, fixable: true),
      RuleExample(
        zone: """
          @       3600 IN TXT "v=spf1 mx redirect=_gone.example.com"
          @       3600 IN MX  10 mail.example.com.
          mail    3600 IN A   192.0.2.25
          """, fixable: true),
      RuleExample(
        zone: """
          @       3600 IN TXT "v=spf1 redirect=_spf.gone.example ip4:192.0.2.25"
          """, fixable: true),
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @     3600 IN TXT "v=spf1 include:_spf.example.com ~all"
          _spf  3600 IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
          """)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let tree = context.spf.tree else { return [] }
    let apex = SPFRuleSupport.record(context)
    return tree.terms(with: .missingTarget).map { node, term in
      let target = term.child?.domain ?? term.target ?? "?"
      let nxdomain = term.child?.status == .nxdomain
      var fix: Fix?
      if node.domain == tree.root.domain, let apex, node.record == apex.candidate.text {
        let isRedirect = term.name == "redirect"
        fix = SPFRuleSupport.correction(
          context,
          lead: isRedirect
            ? LocalizedText(
              en: "Replace '\(term.text)' by '~all' (or by a redirect to the correct domain)",
              de: "Ersetzen Sie '\(term.text)' durch '~all' (oder ein redirect auf die richtige "
                + "Domain)")
            : LocalizedText(
              en: "Remove '\(term.text)': it authorizes nothing; if the service still sends "
                + "for you, add its current include instead",
              de: "Entfernen Sie '\(term.text)': es erlaubt nichts; versendet der Dienst noch für "
                + "Sie, tragen Sie stattdessen seinen aktuellen include-Mechanismus ein"))
      }
      let why =
        nxdomain
        ? LocalizedText(en: "does not exist", de: "existiert nicht")
        : LocalizedText(en: "has no SPF record", de: "hat keinen SPF-Eintrag")
      return finding(
        LocalizedText(
          en: "'\(term.text)' of '\(node.domain)': '\(target)' \(why.en); receivers return "
            + "permerror",
          de: "'\(term.text)' von '\(node.domain)': '\(target)' \(why.de); empfangende Server "
            + "werten die SPF-Prüfung als 'permerror'"),
        at: SPFRuleSupport.location(node, term), fix: fix)
    }
  }
}
