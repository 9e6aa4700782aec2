import DNSLookup
import SenderAuthCore

/// `mta-sts.multiple-records`: more than one MTA-STS record at `_mta-sts.<domain>`, so
/// senders use none (RFC 8461 §3.1).
public struct MTASTSMultipleRecordsRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "mta-sts.multiple-records",
    title: LocalizedText(
      en: "Several MTA-STS records", de: "Mehrere MTA-STS-Einträge"),
    rationale: LocalizedText(
      en: """
        RFC 8461 §3.1: if more than one TXT record at _mta-sts.<domain> begins with \
        'v=STSv1;', senders assume the domain has no MTA-STS policy. Two records usually \
        remain when a policy change added a record with a new id instead of replacing the old \
        one.
        """,
      de: """
        RFC 8461 §3.1: beginnen unter _mta-sts.<Domain> mehrere TXT-Einträge mit 'v=STSv1;', \
        nehmen sendende Mailserver an, dass die Domain keine MTA-STS-Richtlinie hat. Meist bleiben zwei \
        Einträge stehen, wenn bei einer Änderung der Richtlinie ein Eintrag mit neuer id \
        hinzugefügt statt der alte ersetzt wurde.
        """),
    howToFix: LocalizedText(
      en: "Keep exactly one MTA-STS record, the one with the id of the current policy.",
      de: "Behalten Sie genau einen MTA-STS-Eintrag, den mit der id der aktuellen Richtlinie."),
    references: [MTASTSRuleSupport.rfc8461("3.1")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: MTASTSRuleSupport.zone("_mta-sts TXT \"v=STSv1; id=20250101\""), fixable: true)
    ],
    nonTriggering: [
      RuleExample(zone: MTASTSRuleSupport.zone("_mta-sts TXT \"site-verification=abc\""))
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    let records = context.mtaSTS.records
    guard records.count > 1, let owner = context.mtaSTS.recordName else { return [] }
    // Keep the valid record with the largest id (ids are often dates), else the first.
    let valid = records.enumerated().filter { $0.element.isValid }
    let keep =
      valid.max { ($0.element.id ?? "") < ($1.element.id ?? "") }?.offset ?? 0
    let remove = records.enumerated().filter { $0.offset != keep }.map {
      DNSChange(owner: owner, ttl: $0.element.record.ttl, type: .txt, value: $0.element.text)
    }
    return [
      finding(
        LocalizedText(
          en: "'\(owner.text)' has \(records.count) MTA-STS records; senders use none of them",
          de:
            "'\(owner.text)' hat \(records.count) MTA-STS-Einträge; sendende Mailserver nutzen keinen"
        ),
        at: Location(record: records[0].record, text: records[0].text),
        fix: Fix(
          explanation: LocalizedText(
            en: "Keep '\(records[keep].text)' and remove the others; if the policy changed "
              + "since, publish a record with a new id instead.",
            de: "Behalten Sie '\(records[keep].text)' und entfernen Sie die anderen; hat sich "
              + "die Richtlinie seitdem geändert, veröffentlichen Sie stattdessen einen Eintrag "
              + "mit neuer id."),
          remove: remove))
    ]
  }
}
