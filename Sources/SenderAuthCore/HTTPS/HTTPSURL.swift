import DNSLookup

/// An `https:` URL with a DNS host name, as MTA-STS policies and BIMI logos are published.
///
/// RFC 3986 §3: `https://host[:port]/path[?query]`. User information, IP literals and other
/// schemes are refused: a fetch must connect to the address DNS gives for a name, and its
/// certificate must be valid for that name.
public struct HTTPSURL: Hashable, Sendable, Codable, CustomStringConvertible {
  public var host: DomainName
  public var port: UInt16
  /// The path with its query, starting with `/`.
  public var path: String

  public init(host: DomainName, port: UInt16 = 443, path: String = "/") {
    self.host = host
    self.port = port
    self.path = path.hasPrefix("/") ? path : "/" + path
  }

  /// Parses `text`; nil when it is no `https:` URL with a DNS host name.
  public init?(_ text: String) {
    guard text.count <= 2048, let schemeEnd = text.range(of: "://"),
      text[..<schemeEnd.lowerBound].lowercased() == "https"
    else { return nil }
    let rest = text[schemeEnd.upperBound...]
    let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
    let authority = rest[..<authorityEnd]
    guard !authority.contains("@"), !authority.hasPrefix("[") else { return nil }
    var hostText = authority
    var port: UInt16 = 443
    if let colon = authority.lastIndex(of: ":") {
      guard let value = UInt16(authority[authority.index(after: colon)...]), value > 0 else {
        return nil
      }
      port = value
      hostText = authority[..<colon]
    }
    guard !hostText.isEmpty, IPAddress(String(hostText)) == nil,
      hostText.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) }),
      let host = try? DomainName(String(hostText))
    else { return nil }
    var path = String(rest[authorityEnd...])
    if let fragment = path.firstIndex(of: "#") { path = String(path[..<fragment]) }
    guard path.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "\u{7f}" }),
      path.unicodeScalars.allSatisfy({ $0.value >= 0x20 })
    else { return nil }
    self.init(host: host, port: port, path: path.isEmpty ? "/" : path)
  }

  /// `https://host/path`, the port only when it is not 443.
  public var description: String {
    "https://\(host.text)" + (port == 443 ? "" : ":\(port)") + path
  }
}
