import DNSLookup
import SenderAuthCore

/// `spf.syntax`: a term of the domain's SPF record, or of a record it includes, does not
/// parse, so every check that reaches the record is a `permerror` (RFC 7208 §4.6).
public struct SPFSyntaxRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "spf.syntax",
    title: LocalizedText(en: "SPF syntax error", de: "SPF-Syntaxfehler"),
    rationale: LocalizedText(
      en: "Receivers parse the whole record before they evaluate it; any term that does not "
        + "follow the grammar of RFC 7208 (an unknown mechanism, a bad address or prefix "
        + "length, a broken macro, a control character) makes the check 'permerror' (§4.6), "
        + "even when an earlier term would have matched. The same holds for records reached "
        + "through include and redirect. Unknown modifiers such as RFC 6652's ra=, rp=, rr= are "
        + "valid and are not reported.",
      de: "Empfangende Server lesen den ganzen Eintrag, bevor sie ihn auswerten; jeder der "
        + "Grammatik von RFC 7208 folgt (ein unbekannter Mechanismus, eine falsche Adresse oder "
        + "Präfixlänge, ein kaputtes Makro, ein Steuerzeichen), macht die Prüfung zu 'permerror' "
        + "(§4.6), selbst wenn ein früherer Mechanismus gepasst hätte. Das gilt auch für "
        + "Einträge, die über include und redirect erreicht werden. Unbekannte Modifikatoren wie "
        + "ra=, rp=, rr= aus RFC 6652 sind gültig und werden nicht gemeldet."),
    howToFix: LocalizedText(
      en: "Correct the term named in the finding; if it sits in a record of another domain, "
        + "ask its owner or stop including it.",
      de: "Korrigieren Sie den genannten Mechanismus oder Modifikator; steht er im Eintrag einer "
        + "fremden Domain, wenden Sie sich an deren Betreiber oder binden Sie ihn nicht mehr ein."),
    references: [
      SPFRuleSupport.rfc("4.6"), SPFRuleSupport.rfc("4.6.1"), SPFRuleSupport.rfc("5"),
      SPFRuleSupport.rfc("7.1"),
    ],
    severity: .error,
    triggering: [
      RuleExample(zone: #"@ 3600 IN TXT "v=spf1 ip4:192.0.2.300 -all""#),
      RuleExample(
        zone: """
          @     3600 IN TXT "v=spf1 include:_spf.example.com -all"
          _spf  3600 IN TXT "v=spf1 a:mail.example.com/33 -all"
          mail  3600 IN A   192.0.2.25
          """),
      RuleExample(zone: #"@ 3600 IN TXT "v=spf1 exists:%{x}.example.com -all""#),
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @     3600 IN TXT "v=spf1 ip4:192.0.2.0/24 a:mail.example.com//64 ra=postmaster -all"
          mail  3600 IN A   192.0.2.25
          """)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let tree = context.spf.tree else { return [] }
    return tree.nodes.flatMap { node in
      node.issues.map { issue in
        var location = SPFRuleSupport.location(node)
        location.span = Location.Span(offset: issue.offset, length: issue.length)
        let message =
          issue.term.isEmpty
          ? LocalizedText(
            en: "SPF record of '\(node.domain)' is invalid: \(issue.reason.en)",
            de: "SPF-Eintrag von '\(node.domain)' ist ungültig: \(issue.reason.de)")
          : LocalizedText(
            en: "SPF term '\(issue.term)' of '\(node.domain)' is invalid: \(issue.reason.en)",
            de:
              "SPF-Mechanismus '\(issue.term)' von '\(node.domain)' ist ungültig: \(issue.reason.de)"
          )
        return finding(message, at: location)
      }
    }
  }
}
