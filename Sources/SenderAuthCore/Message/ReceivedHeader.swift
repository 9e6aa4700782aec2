import DNSLookup

/// The `from` clause of a `Received` header field (RFC 5321 §4.4): the name the client gave in
/// HELO and the address it connected from, as the receiving server wrote them
/// (`from mail.example.com (mail.example.com [192.0.2.1]) by …`, `from host (2603:10b6::1) by …`,
/// `from [192.0.2.1] (helo=x) by …`).
public struct ReceivedHeader: Hashable, Sendable, Codable {
  /// The name after `from`.
  public var helo: String?
  public var ip: IPAddress?
  public var line: Int

  public init(helo: String?, ip: IPAddress?, line: Int) {
    self.helo = helo
    self.ip = ip
    self.line = line
  }

  public init(field: HeaderField) {
    var helo: String?
    var ip: IPAddress?
    // The clause runs from `from` to the next `by` (or `;`).
    var words: [Substring] = []
    let all = field.value.split(whereSeparator: { $0 == " " || $0 == "\t" })
    if all.first?.lowercased() == "from" {
      for word in all.dropFirst() {
        if word.lowercased() == "by" { break }
        if let semicolon = word.firstIndex(of: ";") {
          words.append(word[..<semicolon])
          break
        }
        words.append(word)
      }
    }
    if let first = words.first {
      if let address = Self.address(String(first)) {
        ip = address
      } else {
        let name = first.trimmingCharacters(in: "[]()")
        if !name.isEmpty { helo = String(name) }
      }
    }
    if ip == nil {
      for word in words.dropFirst() {
        if let address = Self.address(String(word)) {
          ip = address
          break
        }
      }
    }
    self.init(helo: helo, ip: ip, line: field.line)
  }

  /// An address written as `[192.0.2.1]`, `[IPv6:2001:db8::1]`, `(2001:db8::1)` or bare, with
  /// punctuation around it; nil for anything else.
  static func address(_ word: String) -> IPAddress? {
    var text = Substring(word).trimmingCharacters(in: "[]()<>,;")
    if text.lowercased().hasPrefix("ipv6:") { text = text.dropFirst(5) }
    if let close = text.firstIndex(of: "]") { text = text[..<close] }
    if let open = text.lastIndex(of: "[") { text = text[text.index(after: open)...] }
    guard text.contains(".") || text.contains(":") else { return nil }
    return IPAddress(String(text))
  }
}

extension Substring {
  /// The text without the given characters at either end.
  fileprivate func trimmingCharacters(in set: String) -> Substring {
    var text = self
    while let first = text.first, set.contains(first) { text = text.dropFirst() }
    while let last = text.last, set.contains(last) { text = text.dropLast() }
    return text
  }
}
