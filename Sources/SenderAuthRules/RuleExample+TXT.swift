import DNSLookup
import SenderAuthCore

extension RuleExample {
  /// TXT data for an example zone: `text` in quoted strings of exactly 255 octets each (the
  /// last one shorter), as a zone file may split a long record.
  static func txtData(_ text: String) -> String {
    let bytes = Array(text.utf8)
    var parts: [String] = []
    var start = 0
    repeat {
      let end = min(start + 255, bytes.count)
      parts.append(RData.quoted(Array(bytes[start..<end])))
      start = end
    } while start < bytes.count
    return parts.joined(separator: " ")
  }
}
