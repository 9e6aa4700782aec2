import DNSLookup
import SenderAuthCore

/// `dmarc.testing`: `t=y` lowers the applied policy one level.
public struct DMARCTestingRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dmarc.testing",
    title: LocalizedText(en: "DMARC policy in test mode", de: "DMARC-Richtlinie im Testmodus"),
    rationale: LocalizedText(
      en: "With t=y (RFC 9989 §4.7) receivers apply the policy one level below the one written: "
        + "reject is applied as quarantine, quarantine as none. It is meant for a rollout, and "
        + "is easily forgotten.",
      de: "Mit t=y (RFC 9989 §4.7) wenden empfangende Server die Richtlinie eine Stufe schwächer "
        + "an: reject als quarantine, quarantine als none. Das ist für die Einführung gedacht und "
        + "wird leicht vergessen."),
    howToFix: LocalizedText(
      en: "Remove t=y once the reports show that all legitimate mail passes.",
      de: "Entfernen Sie t=y, sobald die Berichte zeigen, dass alle legitimen Mails bestehen."),
    references: [DMARCRuleSupport.rfc9989("4.7"), DMARCRuleSupport.rfc9989("A.6")],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: """
          $ORIGIN example.com.
          _dmarc  3600 IN TXT "v=DMARC1; p=reject; t=y; rua=mailto:dmarc@example.com"
          """, fixable: true)
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          $ORIGIN example.com.
          _dmarc  3600 IN TXT "v=DMARC1; p=reject; t=n; rua=mailto:dmarc@example.com"
          """)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    let discovery = context.dmarc.discovery
    guard let record = DMARCRuleSupport.ownedPolicyRecord(context), record.testing,
      let applied = discovery.appliedPolicy, applied != .none,
      let effective = discovery.effectivePolicy, let term = record.term(.t)
    else { return [] }
    let owner = DMARCRuleSupport.ownerText(record, fallback: context.domain)
    let fix = DMARCRuleSupport.correction(
      context,
      lead: LocalizedText(
        en: "Remove t=y when testing is over, so that '\(applied.rawValue)' is applied.",
        de: "Entfernen Sie t=y nach Abschluss der Tests, damit '\(applied.rawValue)' gilt."))
    return [
      finding(
        LocalizedText(
          en: "DMARC record at '\(owner)' has 't=y'; receivers apply '\(effective.rawValue)' "
            + "instead of '\(applied.rawValue)'",
          de: "DMARC-Eintrag unter '\(owner)' hat 't=y'; empfangende Server wenden "
            + "'\(effective.rawValue)' statt '\(applied.rawValue)' an"),
        at: record.location(span: Location.Span(offset: term.offset, length: term.length)),
        fix: fix)
    ]
  }
}
