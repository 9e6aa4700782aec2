import DNSLookup

/// An SMTP TLS Reporting record at `_smtp._tls.<domain>` (RFC 8460 §3).
///
/// `tlsrpt-record = tlsrpt-version 1*(field-delim tlsrpt-field) [field-delim]`,
/// `tlsrpt-version = %s"v=TLSRPTv1"`, `tlsrpt-rua = %s"rua=" tlsrpt-uri *(*WSP "," *WSP
/// tlsrpt-uri)`, each URI `mailto:` or `https:`. Senders discard TXT records that do not begin
/// with `v=TLSRPTv1;`; if not exactly one remains, or it is invalid, they send no reports.
public struct TLSRPTRecord: Hashable, Sendable {
  public var text: String
  public var record: ResourceRecord
  /// The `rua=` URIs that are valid `mailto:` or `https:` URIs.
  public var reportURIs: [String]
  public var issues: [TagValueRecord.Issue]

  public var isValid: Bool { issues.isEmpty && !reportURIs.isEmpty }

  /// True when `text` is meant as a TLS-RPT record: it begins with `v=TLSRPTv1` in any case.
  public static func isCandidate(_ text: String) -> Bool {
    TagValueRecord.isCandidate(text, version: "v=TLSRPTv1")
  }

  public init(record: ResourceRecord, text: String) {
    self.record = record
    self.text = text
    // rua values may hold commas and spaces around them: check the field grammar loosely and
    // the URIs one by one.
    let parsed = TagValueRecord.parse(text, strictExtensions: false)
    var issues = [TagValueRecord.prefixIssue(text, prefix: "v=TLSRPTv1;")].compactMap { $0 }
    issues += parsed.issues
    var uris: [String] = []
    if let rua = parsed.field("rua") {
      for part in rua.value.split(separator: ",", omittingEmptySubsequences: false) {
        let uri = String(part.trimmingSpaces)
        if Self.isReportURI(uri) {
          uris.append(uri)
        } else {
          issues.append(
            TagValueRecord.Issue(
              offset: rua.offset, length: rua.length,
              reason: LocalizedText(
                en: "'\(uri)' is not a 'mailto:' or 'https:' report address",
                de: "'\(uri)' ist keine Berichtsadresse mit 'mailto:' oder 'https:'")))
        }
      }
    } else {
      issues.append(TagValueRecord.missingField("rua", in: text))
    }
    self.reportURIs = uris
    self.issues = issues
  }

  /// `mailto:local@domain` or an `https:` URL (RFC 8460 §3: only these two schemes).
  public static func isReportURI(_ uri: String) -> Bool {
    let lower = uri.lowercased()
    if lower.hasPrefix("mailto:") {
      let address = uri.dropFirst(7).split(separator: "?", maxSplits: 1).first ?? ""
      let parts = address.split(separator: "@", omittingEmptySubsequences: false)
      guard parts.count == 2, !parts[0].isEmpty,
        address.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "," && $0 != ";" })
      else { return false }
      return (try? DomainName(String(parts[1]))).map { $0.labelCount >= 2 } ?? false
    }
    return lower.hasPrefix("https:") && HTTPSURL(uri) != nil
  }
}
