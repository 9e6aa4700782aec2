import DNSLookup
import SenderAuthCore

/// `dmarc.no-policy`: the applicable DMARC record has no `p=` tag.
public struct DMARCNoPolicyRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dmarc.no-policy",
    title: LocalizedText(en: "DMARC record without p=", de: "DMARC-Eintrag ohne p="),
    rationale: LocalizedText(
      en: "RFC 9989 reads a DMARC record without p= as p=none, but Gmail defers or rejects bulk "
        + "mail with 4.7.31 when the DMARC record does not specify a policy, and RFC 7489 "
        + "receivers require p=. Writing p= explicitly costs nothing.",
      de: "RFC 9989 liest einen DMARC-Eintrag ohne p= als p=none, aber Gmail stellt Massenmails "
        + "mit 4.7.31 zurück oder weist sie ab, wenn der Eintrag keine Richtlinie nennt, und "
        + "empfangende Server nach RFC 7489 verlangen p=. Ein ausdrückliches p= kostet nichts."
    ),
    howToFix: LocalizedText(
      en: "Add p=none (or a stricter policy) right after v=DMARC1.",
      de: "Fügen Sie direkt nach v=DMARC1 p=none (oder eine strengere Richtlinie) ein."),
    references: [
      DMARCRuleSupport.rfc9989("4.7"), DMARCRuleSupport.rfc9989("4.10.1"),
      DMARCRuleSupport.gmailFAQ, DMARCRuleSupport.gmailGuidelines,
    ],
    severity: .error,
    triggering: [
      RuleExample(
        zone: """
          $ORIGIN example.com.
          _dmarc  3600 IN TXT "v=DMARC1; rua=mailto:dmarc@example.com"
          """, fixable: true)
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          $ORIGIN example.com.
          _dmarc  3600 IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@example.com"
          """)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let record = DMARCRuleSupport.ownedPolicyRecord(context), !record.hasPolicyTag else {
      return []
    }
    let owner = DMARCRuleSupport.ownerText(record, fallback: context.domain)
    let fix = DMARCRuleSupport.correction(
      context,
      lead: LocalizedText(
        en: "Add p=none, which is what RFC 9989 receivers already apply; choose quarantine or "
          + "reject instead once the reports show that all legitimate mail passes.",
        de: "Fügen Sie p=none hinzu, was empfangende Server nach RFC 9989 ohnehin anwenden; "
          + "wählen Sie quarantine oder reject, sobald die Berichte zeigen, dass alle legitimen "
          + "Mails bestehen."))
    return [
      finding(
        LocalizedText(
          en: "DMARC record at '\(owner)' has no 'p=' tag; Gmail treats it as no policy (4.7.31)",
          de: "DMARC-Eintrag unter '\(owner)' hat kein Tag 'p='; Gmail wertet das als fehlende "
            + "Richtlinie (4.7.31)"),
        at: record.location(span: Location.Span(offset: 0, length: 8)), fix: fix)
    ]
  }
}
