import DNSLookup

/// An MTA-STS TXT record at `_mta-sts.<domain>` (RFC 8461 §3.1).
///
/// `sts-text-record = sts-version 1*(sts-field-delim sts-field) [sts-field-delim]`,
/// `sts-version = %s"v=STSv1"`, `sts-id = %s"id=" 1*32(ALPHA / DIGIT)`. Senders discard TXT
/// records that do not begin with `v=STSv1;`; if not exactly one remains, or it is invalid,
/// the domain has no MTA-STS policy for them.
public struct MTASTSRecord: Hashable, Sendable {
  /// The record as published (TXT strings joined).
  public var text: String
  public var record: ResourceRecord
  /// The `id=` value when it is 1–32 letters and digits.
  public var id: String?
  public var issues: [TagValueRecord.Issue]

  /// True when senders read it: it begins with `v=STSv1;` and has no issue.
  public var isValid: Bool { issues.isEmpty && id != nil }

  /// True when `text` is meant as an MTA-STS record: it begins with `v=STSv1` in any case.
  public static func isCandidate(_ text: String) -> Bool {
    TagValueRecord.isCandidate(text, version: "v=STSv1")
  }

  public init(record: ResourceRecord, text: String) {
    self.record = record
    self.text = text
    let parsed = TagValueRecord.parse(text)
    var issues = [TagValueRecord.prefixIssue(text, prefix: "v=STSv1;")].compactMap { $0 }
    issues += parsed.issues
    if let id = parsed.field("id") {
      let valid =
        (1...32).contains(id.value.count)
        && id.value.unicodeScalars.allSatisfy(TagValueRecord.isAlphanumeric)
      if valid {
        self.id = id.value
      } else {
        issues.append(
          TagValueRecord.Issue(
            offset: id.offset, length: id.length,
            reason: LocalizedText(
              en: "'id=\(id.value)' must be 1 to 32 letters and digits",
              de: "'id=\(id.value)' muss aus 1 bis 32 Buchstaben und Ziffern bestehen")))
      }
    } else {
      issues.append(TagValueRecord.missingField("id", in: text))
    }
    self.issues = issues
  }
}
