import DNSLookup
import SenderAuthCore

/// `bimi.multiple-records`: more than one BIMI record at one selector name, so receivers use
/// none.
public struct BIMIMultipleRecordsRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "bimi.multiple-records",
    title: LocalizedText(en: "Several BIMI records", de: "Mehrere BIMI-Einträge"),
    rationale: LocalizedText(
      en: """
        Receivers need exactly one TXT record beginning with 'v=BIMI1' at \
        default._bimi.<domain>; with several they cannot tell which logo is meant and show \
        none.
        """,
      de: """
        Postfachanbieter brauchen unter default._bimi.<Domain> genau einen TXT-Eintrag, der mit \
        'v=BIMI1' beginnt; bei mehreren wissen sie nicht, welches Logo gemeint ist, und zeigen \
        keines.
        """),
    howToFix: LocalizedText(
      en: "Keep one BIMI record and remove the others.",
      de: "Behalten Sie einen BIMI-Eintrag und entfernen Sie die anderen."),
    references: [BIMIRuleSupport.draft],
    severity: .error,
    triggering: [
      RuleExample(
        zone: BIMIRuleSupport.zone()
          + "\ndefault._bimi TXT \"v=BIMI1; l=https://example.com/old.svg\"", fixable: true)
    ],
    nonTriggering: [RuleExample(zone: BIMIRuleSupport.zone())])

  public func check(_ context: DomainContext) -> [Finding] {
    let records = context.bimi.records
    guard records.count > 1 else { return [] }
    let owner = records[0].record.name
    // Keep the record with a certificate, else the first.
    let keep = records.firstIndex { $0.evidence != nil && $0.issues.isEmpty } ?? 0
    return [
      finding(
        LocalizedText(
          en: "'\(owner.text)' has \(records.count) BIMI records; receivers show no logo",
          de:
            "'\(owner.text)' hat \(records.count) BIMI-Einträge; Postfachanbieter zeigen kein Logo"),
        at: BIMIRuleSupport.location(records[0]),
        fix: Fix(
          explanation: LocalizedText(
            en: "Keep '\(records[keep].text)' and remove the others.",
            de: "Behalten Sie '\(records[keep].text)' und entfernen Sie die anderen."),
          remove: records.enumerated().filter { $0.offset != keep }.map {
            DNSChange(
              owner: owner, ttl: $0.element.record.ttl, type: .txt, value: $0.element.text)
          }))
    ]
  }
}
