import DNSLookup
import SenderAuthCore

/// `dmarc.removed-tag`: the record uses `pct`, `rf`, `ri` or a `!size` suffix, which RFC 9989
/// removed.
public struct DMARCRemovedTagRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dmarc.removed-tag",
    title: LocalizedText(en: "Removed DMARC tag", de: "Entfallenes DMARC-Tag"),
    rationale: LocalizedText(
      en: "RFC 9989 removed pct=, rf=, ri= and the !size suffix on report URIs. RFC 9989 "
        + "receivers ignore them, RFC 7489 receivers still apply them: pct below 100 makes "
        + "old receivers enforce the policy on only part of the failing mail while new ones "
        + "enforce it on all, so the same record means different things. Use t=y for testing.",
      de: "RFC 9989 hat pct=, rf=, ri= und die Endung !size an Berichtsadressen gestrichen. "
        + "Empfangende Server nach RFC 9989 ignorieren sie, solche nach RFC 7489 wenden sie noch "
        + "an: pct unter 100 lässt ältere empfangende Server die Richtlinie nur auf einen Teil "
        + "anwenden, neue auf alle – derselbe Eintrag bedeutet Verschiedenes. Zum Testen dient "
        + "t=y."),
    howToFix: LocalizedText(
      en: "Remove pct=, rf= and ri= and any !size suffix from the record.",
      de: "Entfernen Sie pct=, rf=, ri= und jede Endung !size aus dem Eintrag."),
    references: [
      DMARCRuleSupport.rfc9989("4.8"), DMARCRuleSupport.rfc9989("A.6"),
      DMARCRuleSupport.rfc9989("C.5.2"), .rfc(7489, section: "6.3"),
    ],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: """
          $ORIGIN example.com.
          _dmarc  3600 IN TXT "v=DMARC1; p=quarantine; pct=50; rua=mailto:dmarc@example.com!10m"
          """, fixable: true)
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          $ORIGIN example.com.
          _dmarc  3600 IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com"
          """)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let record = DMARCRuleSupport.ownedPolicyRecord(context) else { return [] }
    let sized = (record.aggregateReportURIs + record.failureReportURIs).filter {
      $0.sizeLimit != nil
    }
    guard !record.removedTerms.isEmpty || !sized.isEmpty else { return [] }
    let owner = DMARCRuleSupport.ownerText(record, fallback: context.domain)
    let written =
      (record.removedTerms.map { "\($0.name)=\($0.value)" } + sized.compactMap(\.sizeLimit))
      .map { "'\($0)'" }.joined(separator: ", ")
    let pct = record.term(.pct).flatMap { Int($0.value) }
    let partial = pct.map { $0 < 100 } ?? false
    let fix = DMARCRuleSupport.correction(
      context,
      lead: LocalizedText(
        en: "Delete the tags RFC 9989 dropped; the policy then applies to all failing mail at "
          + "every receiver" + (partial ? " (add t=y while you are still testing)." : "."),
        de: "Entfernen Sie die gestrichenen Tags; die Richtlinie gilt dann bei allen empfangenden "
          + "Servern für alle Mails, die nicht bestehen"
          + (partial ? " (fügen Sie t=y hinzu, solange Sie noch testen)." : ".")))
    let first = record.removedTerms.first.map {
      Location.Span(offset: $0.offset, length: $0.length)
    }
    return [
      finding(
        LocalizedText(
          en: "DMARC record at '\(owner)' uses \(written), removed by RFC 9989"
            + (partial ? "; old receivers enforce the policy on only \(pct ?? 0)% of mail" : ""),
          de: "DMARC-Eintrag unter '\(owner)' nutzt \(written), von RFC 9989 gestrichen"
            + (partial
              ? "; ältere empfangende Server wenden die Richtlinie nur auf \(pct ?? 0) % der "
                + "Mails an"
              : "")),
        at: record.location(span: first), fix: fix, severity: partial ? .warning : .note)
    ]
  }
}
