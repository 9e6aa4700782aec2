import DNSLookup
import SenderAuthCore

/// What the TLS-RPT rules share.
enum TLSRPTRuleSupport {
  /// A report address nobody told us about.
  static func placeholder(_ domain: DomainName) -> String { "mailto:<tls-reports@your-domain>" }

  /// A zone with MX hosts and `record` at `_smtp._tls`.
  static func zone(_ record: String?, extra: String = "") -> String {
    """
    @ SOA ns1 hostmaster 1 3600 600 86400 300
    @ MX 10 mx1
    mx1 A 192.0.2.25
    \(record.map { "_smtp._tls TXT \"\($0)\"" } ?? "")
    \(extra)
    """
  }

  /// The `rua=` URIs for a corrected record: the valid ones, bare addresses with `mailto:`
  /// added, else the placeholder.
  static func reportURIs(_ record: TLSRPTRecord?, domain: DomainName) -> String {
    var uris = record?.reportURIs ?? []
    if let record {
      let parsed = TagValueRecord.parse(record.text, strictExtensions: false)
      for part in (parsed.field("rua")?.value ?? "").split(separator: ",") {
        let candidate = "mailto:" + part.trimmingSpaces
        if !part.contains(":"), TLSRPTRecord.isReportURI(candidate), !uris.contains(candidate) {
          uris.append(candidate)
        }
      }
    }
    return uris.isEmpty ? placeholder(domain) : uris.joined(separator: ",")
  }

  static let placeholderNote = LocalizedText(
    en: " Replace '<tls-reports@your-domain>' with a mailbox (or a report service's address) "
      + "that receives the daily JSON reports.",
    de: " Ersetzen Sie '<tls-reports@your-domain>' durch ein Postfach (oder die Adresse eines "
      + "Berichtsdienstes), das die täglichen JSON-Berichte empfängt.")
}
