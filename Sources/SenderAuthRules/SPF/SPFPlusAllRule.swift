import DNSLookup
import SenderAuthCore

/// `spf.plus-all`: `+all` (or a bare `all`) authorizes every server on the internet to send
/// for the domain (RFC 7208 §5.1); so does an `ip4` range of /8 or wider or an `ip6` range of
/// /16 or wider (`ip4:0.0.0.0/0`, `ip6:::/0`).
public struct SPFPlusAllRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "spf.plus-all",
    title: LocalizedText(en: "SPF allows every server", de: "SPF erlaubt jeden Server"),
    rationale: LocalizedText(
      en: "'all' always matches (RFC 7208 §5.1); with the '+' qualifier, written or implied, "
        + "every IP address passes SPF for the domain, so SPF no longer protects it and "
        + "forged mail passes SPF-based DMARC alignment. In an included record, '+all' makes "
        + "the include match every address, which has the same effect on the including record. "
        + "An ip4 range of /8 or wider or an ip6 range of /16 or wider (ip4:0.0.0.0/0, ip6:::/0) "
        + "authorizes the whole internet or a large part of it in the same way; it is reported "
        + "under this id, not a separate one, because its effect and its fix (remove it) are the "
        + "same, and whoever suppresses or searches for spf.plus-all means it too.",
      de: "'all' passt immer (RFC 7208 §5.1); mit dem Qualifier '+', geschrieben oder "
        + "weggelassen, besteht jede IP-Adresse die SPF-Prüfung der Domain: SPF schützt sie "
        + "nicht mehr, und gefälschte Mail besteht eine auf SPF gestützte DMARC-Prüfung. In "
        + "einem eingebundenen Eintrag lässt '+all' den include-Mechanismus auf jede Adresse passen, mit "
        + "derselben Wirkung auf den einbindenden Eintrag. Ein ip4-Bereich von /8 oder größer "
        + "oder ein ip6-Bereich von /16 oder größer (ip4:0.0.0.0/0, ip6:::/0) erlaubt ebenso das "
        + "ganze Internet oder einen großen Teil davon; er wird unter dieser Kennung gemeldet, "
        + "nicht unter einer eigenen, weil Wirkung und Korrektur (ihn entfernen) dieselben sind "
        + "und wer spf.plus-all unterdrückt oder sucht, ihn mit meint."),
    howToFix: LocalizedText(
      en: "End the record in '~all' (or '-all' once all senders are listed) and list only your "
        + "own address ranges; for an included record of another domain, stop including it.",
      de: "Beenden Sie den Eintrag mit '~all' (oder '-all', sobald alle Versender aufgeführt "
        + "sind) und führen Sie nur Ihre eigenen Adressbereiche auf; bei einem eingebundenen Eintrag einer fremden Domain binden Sie ihn nicht "
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
      RuleExample(zone: #"@ 3600 IN TXT "v=spf1 ip4:0.0.0.0/0 -all""#, fixable: true),
      RuleExample(zone: #"@ 3600 IN TXT "v=spf1 mx +ip6:::/0 ~all""#, fixable: true),
    ],
    nonTriggering: [
      RuleExample(zone: #"@ 3600 IN TXT "v=spf1 ip4:192.0.2.0/24 -all +all""#),
      RuleExample(zone: #"@ 3600 IN TXT "v=spf1 ip4:192.0.2.0/24 ~all""#),
      RuleExample(
        zone: """
          @ 3600 IN TXT "v=spf1 ip4:10.0.0.0/9 ip6:2001:db8::/17 -ip4:0.0.0.0/0 ~all"
          """),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let tree = context.spf.tree else { return [] }
    let apex = SPFRuleSupport.record(context)
    return SPFRuleSupport.termsAuthorizingTooMuch(tree).map { node, term in
      var fix: Fix?
      let isRoot = node.domain == tree.root.domain && node.record == apex?.candidate.text
      if !SPFRuleSupport.isAll(term) {
        return broadFinding(node, term, isRoot: isRoot, context: context)
      }
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
          de:
            "'\(term.text)' im eingebundenen Eintrag von '\(node.domain)' lässt den include-Mechanismus "
            + "auf jeden Server im Internet passen")
      return finding(message, at: SPFRuleSupport.location(node, term), fix: fix)
    }
  }

  /// The finding for an address range so wide that it works like `+all`.
  private func broadFinding(
    _ node: SPFLookupTree.Node, _ term: SPFLookupTree.Term, isRoot: Bool, context: DomainContext
  ) -> Finding {
    let fix =
      isRoot
      ? SPFRuleSupport.correction(
        context,
        lead: LocalizedText(
          en: "Remove '\(term.text)' and list only the address ranges your servers use",
          de: "Entfernen Sie '\(term.text)' und führen Sie nur die Adressbereiche Ihrer Server "
            + "auf"))
      : nil
    let message =
      isRoot
      ? LocalizedText(
        en: "'\(term.text)' in the SPF record of '\(node.domain)' lets a large part of the "
          + "internet, like '+all', send as the domain",
        de: "'\(term.text)' im SPF-Eintrag von '\(node.domain)' erlaubt wie '+all' einem großen "
          + "Teil des Internets, als die Domain zu senden")
      : LocalizedText(
        en: "'\(term.text)' in the included record of '\(node.domain)' makes the include match "
          + "a large part of the internet, like '+all'",
        de:
          "'\(term.text)' im eingebundenen Eintrag von '\(node.domain)' lässt den include-Mechanismus wie "
          + "'+all' auf einen großen Teil des Internets passen")
    return finding(message, at: SPFRuleSupport.location(node, term), fix: fix)
  }
}
