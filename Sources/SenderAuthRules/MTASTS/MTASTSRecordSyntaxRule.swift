import DNSLookup
import SenderAuthCore

/// `mta-sts.record-syntax`: an `_mta-sts` TXT record meant as MTA-STS (it begins with
/// `v=STSv1`) that senders cannot read, so the domain has no MTA-STS for them.
public struct MTASTSRecordSyntaxRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "mta-sts.record-syntax",
    title: LocalizedText(
      en: "The MTA-STS record is not valid", de: "Der MTA-STS-Eintrag ist ungültig"),
    rationale: LocalizedText(
      en: """
        Senders read the TXT record at _mta-sts.<domain> only when it begins with exactly \
        'v=STSv1;' and has an 'id=' of 1 to 32 letters and digits (RFC 8461 §3.1). Otherwise \
        they assume the domain has no MTA-STS policy and deliver over unauthenticated or \
        plain connections, whatever the policy file says.
        """,
      de: """
        Sendende Mailserver lesen den TXT-Eintrag unter _mta-sts.<Domain> nur, wenn er genau mit \
        'v=STSv1;' beginnt und ein 'id=' aus 1 bis 32 Buchstaben und Ziffern hat (RFC 8461 \
        §3.1). Sonst nehmen sie an, dass die Domain keine MTA-STS-Richtlinie hat, und stellen \
        über nicht authentifizierte oder unverschlüsselte Verbindungen zu, was auch immer in \
        der Richtliniendatei steht.
        """),
    howToFix: LocalizedText(
      en: "Publish 'v=STSv1; id=<id>' with an id of letters and digits only.",
      de: "Veröffentlichen Sie 'v=STSv1; id=<id>' mit einer id nur aus Buchstaben und Ziffern."),
    references: [MTASTSRuleSupport.rfc8461("3.1")],
    severity: .error,
    triggering: [
      RuleExample(zone: MTASTSRuleSupport.zone(record: "v=STSv1; id=2026-01-01"), fixable: true),
      RuleExample(zone: MTASTSRuleSupport.zone(record: "v=STSv1 id=20260101"), fixable: true),
    ],
    nonTriggering: [
      RuleExample(zone: MTASTSRuleSupport.zone()),
      RuleExample(zone: MTASTSRuleSupport.zone(record: "v=STSv1; id=20260101; ext=value;")),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    let records = context.mtaSTS.records
    guard let owner = context.mtaSTS.recordName else { return [] }
    return records.filter { !$0.isValid }.map { record in
      let id = record.id ?? Self.cleanedID(record.text)
      return invalidRecord(
        LocalizedText(en: "MTA-STS record", de: "MTA-STS-Eintrag"), record: record.record,
        text: record.text, issues: record.issues,
        consequence: LocalizedText(
          en: "senders ignore it", de: "sendende Mailserver ignorieren ihn"),
        fix: Fix(
          explanation: LocalizedText(
            en: "Publish the record in the form senders read; keep the id (change it only "
              + "together with the policy).",
            de: "Veröffentlichen Sie den Eintrag in der Form, die sendende Mailserver lesen; "
              + "behalten Sie die id (ändern Sie sie nur zusammen mit der Richtlinie)."),
          add: [DNSChange(owner: owner, type: .txt, value: "v=STSv1; id=\(id)")],
          remove: [
            DNSChange(owner: owner, ttl: record.record.ttl, type: .txt, value: record.text)
          ]))
    }
  }

  /// The letters and digits of the record's id value (at most 32), or a new id.
  static func cleanedID(_ text: String) -> String {
    let parsed = TagValueRecord.parse(text, strictExtensions: false)
    var value = parsed.field("id", caseSensitive: false)?.value ?? ""
    if value.isEmpty, let range = text.range(of: "id=") {
      value = String(text[range.upperBound...])
    }
    let kept = String(value.unicodeScalars.filter(TagValueRecord.isAlphanumeric).prefix(32))
    return kept.isEmpty ? MTASTSRuleSupport.policyID(text) : kept
  }
}
