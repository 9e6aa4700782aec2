import DNSLookup
import SenderAuthCore

/// `tls-rpt.record-syntax`: a `_smtp._tls` record meant as TLS-RPT that senders cannot read,
/// so no TLS reports arrive (RFC 8460 §3).
public struct TLSRPTRecordSyntaxRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "tls-rpt.record-syntax",
    title: LocalizedText(
      en: "The TLS-RPT record is not valid", de: "Der TLS-RPT-Eintrag ist ungültig"),
    rationale: LocalizedText(
      en: """
        Senders read the TXT record at _smtp._tls.<domain> only when it begins with exactly \
        'v=TLSRPTv1;' and has 'rua=' with one or more 'mailto:' or 'https:' addresses, \
        separated by commas (RFC 8460 §3). Otherwise they send no TLS reports, and failures \
        of MTA-STS or DANE go unnoticed.
        """,
      de: """
        Sendende Mailserver lesen den TXT-Eintrag unter _smtp._tls.<Domain> nur, wenn er genau mit \
        'v=TLSRPTv1;' beginnt und 'rua=' mit einer oder mehreren 'mailto:'- oder \
        'https:'-Adressen hat, durch Kommas getrennt (RFC 8460 §3). Sonst senden sie keine \
        TLS-Berichte, und Fehler bei MTA-STS oder DANE bleiben unbemerkt.
        """),
    howToFix: LocalizedText(
      en: "Publish 'v=TLSRPTv1; rua=mailto:<address>'.",
      de: "Veröffentlichen Sie 'v=TLSRPTv1; rua=mailto:<Adresse>'."),
    references: [.rfc(8460, section: "3")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: TLSRPTRuleSupport.zone("v=TLSRPTv1; rua=tls-reports@example.com"), fixable: true),
      RuleExample(zone: TLSRPTRuleSupport.zone("v=TLSRPTv1")),
    ],
    nonTriggering: [
      RuleExample(zone: TLSRPTRuleSupport.zone("v=TLSRPTv1; rua=mailto:tls@example.com")),
      RuleExample(
        zone: TLSRPTRuleSupport.zone(
          "v=TLSRPTv1; rua=mailto:tls@example.com, https://reports.example.net/tlsrpt")),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let owner = context.tlsRPT.recordName else { return [] }
    return context.tlsRPT.records.filter { !$0.isValid }.map { record in
      let uris = TLSRPTRuleSupport.reportURIs(record, domain: context.domain)
      let note = uris.contains("<") ? TLSRPTRuleSupport.placeholderNote : nil
      return invalidRecord(
        LocalizedText(en: "TLS-RPT record", de: "TLS-RPT-Eintrag"), record: record.record,
        text: record.text, issues: record.issues,
        consequence: LocalizedText(
          en: "senders send no TLS reports", de: "sendende Mailserver senden keine TLS-Berichte"),
        fix: Fix(
          explanation: LocalizedText(
            en: "Publish the record in the form senders read." + (note?.en ?? ""),
            de: "Veröffentlichen Sie den Eintrag in der Form, die sendende Mailserver lesen."
              + (note?.de ?? "")),
          add: [DNSChange(owner: owner, type: .txt, value: "v=TLSRPTv1; rua=\(uris)")],
          remove: [
            DNSChange(owner: owner, ttl: record.record.ttl, type: .txt, value: record.text)
          ]))
    }
  }
}
