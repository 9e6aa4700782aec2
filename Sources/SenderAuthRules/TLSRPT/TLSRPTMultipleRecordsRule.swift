import DNSLookup
import SenderAuthCore

/// `tls-rpt.multiple-records`: more than one TLS-RPT record, so senders send no reports
/// (RFC 8460 §3).
public struct TLSRPTMultipleRecordsRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "tls-rpt.multiple-records",
    title: LocalizedText(en: "Several TLS-RPT records", de: "Mehrere TLS-RPT-Einträge"),
    rationale: LocalizedText(
      en: """
        RFC 8460 §3: if more than one TXT record at _smtp._tls.<domain> begins with \
        'v=TLSRPTv1;', senders assume the domain does not want TLS reports. Several report \
        addresses belong in one record's rua=, separated by commas.
        """,
      de: """
        RFC 8460 §3: beginnen unter _smtp._tls.<Domain> mehrere TXT-Einträge mit \
        'v=TLSRPTv1;', nehmen sendende Mailserver an, dass die Domain keine TLS-Berichte will. Mehrere \
        Berichtsadressen gehören in das rua= eines Eintrags, durch Kommas getrennt.
        """),
    howToFix: LocalizedText(
      en: "Merge the records into one whose rua= lists every address.",
      de: "Fassen Sie die Einträge zu einem zusammen, dessen rua= alle Adressen nennt."),
    references: [.rfc(8460, section: "3")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: TLSRPTRuleSupport.zone(
          "v=TLSRPTv1; rua=mailto:a@example.com",
          extra: "_smtp._tls TXT \"v=TLSRPTv1; rua=https://reports.example.net/tls\""),
        fixable: true)
    ],
    nonTriggering: [
      RuleExample(zone: TLSRPTRuleSupport.zone("v=TLSRPTv1; rua=mailto:a@example.com"))
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    // Sorted, so the merged record does not depend on the order DNS answered in.
    let records = context.tlsRPT.records.sorted { $0.text < $1.text }
    guard records.count > 1, let owner = context.tlsRPT.recordName else { return [] }
    var uris: [String] = []
    for uri in records.flatMap(\.reportURIs) where !uris.contains(uri) { uris.append(uri) }
    let merged =
      uris.isEmpty ? TLSRPTRuleSupport.placeholder(context.domain) : uris.joined(separator: ",")
    return [
      finding(
        LocalizedText(
          en: "'\(owner.text)' has \(records.count) TLS-RPT records; senders send no TLS reports",
          de:
            "'\(owner.text)' hat \(records.count) TLS-RPT-Einträge; sendende Mailserver senden keine "
            + "TLS-Berichte"),
        at: Location(record: records[0].record, text: records[0].text),
        fix: Fix(
          explanation: LocalizedText(
            en: "Replace them with one record that keeps every report address.",
            de: "Ersetzen Sie sie durch einen Eintrag, der alle Berichtsadressen behält."),
          add: [DNSChange(owner: owner, type: .txt, value: "v=TLSRPTv1; rua=\(merged)")],
          remove: records.map {
            DNSChange(owner: owner, ttl: $0.record.ttl, type: .txt, value: $0.text)
          }))
    ]
  }
}
