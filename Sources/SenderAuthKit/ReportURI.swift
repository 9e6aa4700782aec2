import DNSLookup
import Foundation

/// A DMARC report destination as `--rua` takes it (RFC 9989 §4.7): a `mailto:` URI with one
/// address, or an `https:` URI. A bare address becomes a `mailto:` URI.
struct ReportURI: Hashable, Sendable {
  /// The URI as it goes into a record (`mailto:dmarc@example.com`).
  var text: String

  init?(_ input: String) {
    let value = input.trimmingCharacters(in: .whitespaces)
    let lower = value.lowercased()
    if lower.hasPrefix("https://") {
      let rest = value.dropFirst("https://".count)
      let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
      guard Self.isClean(value), !host.isEmpty, (try? DomainName(String(host))) != nil else {
        return nil
      }
      text = value
      return
    }
    let address = lower.hasPrefix("mailto:") ? String(value.dropFirst("mailto:".count)) : value
    guard Self.isAddress(address) else { return nil }
    text = "mailto:" + address
  }

  /// Printable ASCII without blanks, commas or semicolons (which would end the tag value or
  /// start a second URI in the record).
  static func isClean(_ text: String) -> Bool {
    !text.isEmpty
      && text.unicodeScalars.allSatisfy {
        $0.value > 0x20 && $0.value < 0x7F && $0 != ";" && $0 != ","
      }
  }

  /// `local@domain` with a plain local part and a valid domain name.
  static func isAddress(_ text: String) -> Bool {
    guard isClean(text), let at = text.lastIndex(of: "@") else { return false }
    let local = text[..<at]
    let domain = text[text.index(after: at)...]
    guard !local.isEmpty, !local.contains("@"), !local.contains("!"), domain.contains(".") else {
      return false
    }
    return (try? DomainName(String(domain))) != nil
  }
}
