import DNSLookup
import SenderAuthCore

extension Rule {
  /// The finding about a `name=value` record receivers cannot read: "<kind> at '<owner>' is not
  /// valid: <issues>; <consequence>", pointing at the first issue.
  func invalidRecord(
    _ kind: LocalizedText, record: ResourceRecord, text: String,
    issues: [TagValueRecord.Issue], consequence: LocalizedText? = nil, fix: Fix? = nil
  ) -> Finding {
    let reasons = issues.map(\.reason).joined(separator: "; ")
    let tail = consequence.map { LocalizedText(en: "; " + $0.en, de: "; " + $0.de) }
    let owner = record.name.text
    return finding(
      LocalizedText(
        en: "\(kind.en) at '\(owner)' is not valid: \(reasons.en)\(tail?.en ?? "")",
        de: "\(kind.de) unter '\(owner)' ist ungültig: \(reasons.de)\(tail?.de ?? "")"),
      at: Location(
        record: record, text: text,
        span: issues.first.map { Location.Span(offset: $0.offset, length: $0.length) }),
      fix: fix)
  }
}
