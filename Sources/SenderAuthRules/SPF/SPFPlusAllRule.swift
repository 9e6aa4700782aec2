import DNSLookup
import SenderAuthCore

/// `spf.plus-all`: `+all` (or a bare `all`) authorizes every server on the internet to send
/// for the domain (RFC 7208 §5.1).
public struct SPFPlusAllRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "spf.plus-all",
    title: LocalizedText(en: "SPF allows every server", de: "SPF erlaubt jeden Server"),
    rationale: LocalizedText(
      en: "'all' always matches (RFC 7208 §5.1); with the '+' qualifier, written or implied, "
        + "every IP address passes SPF for the domain, so SPF no longer protects it and "
        + "forged mail passes SPF-based DMARC alignment. In an included record, '+all' makes "
        + "the include match every address, which has the same effect on the including record.",
      de: "'all' passt immer (RFC 7208 §5.1); mit dem Qualifier '+', geschrieben oder "
        + "weggelassen, besteht jede IP-Adresse die SPF-Prüfung der Domain: SPF schützt sie "
        + "nicht mehr, und gefälschte Mail besteht eine auf SPF gestützte DMARC-Prüfung. In "
        + "einem eingebundenen Eintrag lässt '+all' das include auf jede Adresse passen, mit "
        + "derselben Wirkung auf den einbindenden Eintrag."),
    howToFix: LocalizedText(
      en: "End the record in '~all' (or '-all' once all senders are listed); for an included "
        + "record of another domain, stop including it.",
      de: "Beenden Sie den Eintrag mit '~all' (oder '-all', sobald alle Versender aufgeführt "
        + "sind); bei einem eingebundenen Eintrag einer fremden Domain binden Sie ihn nicht "
        + "mehr ein."),
    references: [SPFRuleSupport.rfc("5.1"), SPFRuleSupport.rfc("4.6.2")],
    severity: .error,
    triggering: [
      RuleExample(zone: #"@ 3600 IN TXT "v=spf1 ip4:192.0.2.0/24 +all""#, fixable: true),
      RuleExample(zone: #"@ 3600 IN TXT "v=spf1 mx all""#, fixable: true),
      RuleExample(
        zone: """
          @      3600 IN TXT "v=spf1 include:_open.example.com -all"
          _open  3600 IN TXT "v=spf1 +all"
          """),
    ],
    nonTriggering: [
      RuleExample(zone: #"@ 3600 IN TXT "v=spf1 ip4:192.0.2.0/24 -all +all""#),
      RuleExample(zone: #"@ 3600 IN TXT "v=spf1 ip4:192.0.2.0/24 ~all""#),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let tree = context.spf.tree else { return [] }
    let apex = SPFRuleSupport.record(context)
    return tree.terms.filter { node, term in
      SPFRuleSupport.isAll(term) && SPFRuleSupport.qualifier(term) == "+"
        && !term.notes.contains(.afterAll)
    }.map { node, term in
      var fix: Fix?
      let isRoot = node.domain == tree.root.domain && node.record == apex?.candidate.text
      if isRoot {
        fix = SPFRuleSupport.correction(
          context,
          lead: LocalizedText(
            en: "Replace '\(term.text)' by '~all'",
            de: "Ersetzen Sie '\(term.text)' durch '~all'"))
      }
      let message =
        isRoot
        ? LocalizedText(
          en: "'\(term.text)' in the SPF record of '\(node.domain)' lets every server on the "
            + "internet send as the domain",
          de: "'\(term.text)' im SPF-Eintrag von '\(node.domain)' erlaubt jedem Server im "
            + "Internet, als die Domain zu senden")
        : LocalizedText(
          en: "'\(term.text)' in the included record of '\(node.domain)' makes the include "
            + "match every server on the internet",
          de: "'\(term.text)' im eingebundenen Eintrag von '\(node.domain)' lässt das include "
            + "auf jeden Server im Internet passen")
      return finding(message, at: SPFRuleSupport.location(node, term), fix: fix)
    }
  }
}
