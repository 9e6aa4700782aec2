import DNSLookup

/// An MTA-STS policy file (RFC 8461 §3.2), as served at
/// `https://mta-sts.<domain>/.well-known/mta-sts.txt`.
///
/// `sts-policy-record = sts-policy-field *WSP *(sts-policy-term sts-policy-field *WSP)
/// [sts-policy-term]`, `sts-policy-term = LF / CRLF`; fields `version: STSv1`,
/// `mode: enforce | testing | none`, `max_age:` seconds (at most 31557600) and one `mx:` per
/// allowed MX pattern. Field names are case-sensitive; unknown fields are ignored.
public struct MTASTSPolicy: Hashable, Sendable {
  public enum Mode: String, Hashable, Sendable, Codable {
    case enforce
    case testing
    case none
  }

  /// One problem, with the 1-based line it is on (0 for the whole file).
  public struct Issue: Hashable, Sendable {
    public var line: Int
    public var reason: LocalizedText
  }

  /// RFC 8461 §3.2: "maximum value of 31557600".
  public static let maximumMaxAge = 31_557_600

  public var text: String
  public var version: String?
  public var mode: Mode?
  public var maxAge: Int?
  /// The `mx:` patterns in order, as written.
  public var mx: [String]
  public var issues: [Issue]

  public init(text: String) {
    self.text = text
    var version: String?
    var mode: Mode?
    var maxAge: Int?
    var mx: [String] = []
    var issues: [Issue] = []
    var seen: [String: Int] = [:]
    func issue(_ line: Int, _ en: String, _ de: String) {
      issues.append(Issue(line: line, reason: LocalizedText(en: en, de: de)))
    }
    // "\r\n" is one Character in Swift: split on both line ends.
    let lines = text.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    for (index, rawLine) in lines.enumerated() {
      let number = index + 1
      var line = Substring(rawLine)
      if line.hasSuffix("\r") { line = line.dropLast() }
      if line.isEmpty { continue }
      guard let colon = line.firstIndex(of: ":") else {
        issue(
          number, "line \(number) '\(line.prefix(40))' is not a 'key: value' field",
          "Zeile \(number) '\(line.prefix(40))' ist kein Feld der Form 'Schlüssel: Wert'")
        continue
      }
      let key = String(line[..<colon])
      let value = String(line[line.index(after: colon)...].trimmingSpaces)
      let known = ["version", "mode", "max_age", "mx"]
      if !known.contains(key) {
        if known.contains(key.trimmingSpaces.lowercased()) {
          issue(
            number,
            "line \(number): '\(key)' is not '\(key.trimmingSpaces.lowercased())' (field names "
              + "are case-sensitive and have no spaces), so senders ignore it",
            "Zeile \(number): '\(key)' ist nicht '\(key.trimmingSpaces.lowercased())' "
              + "(Feldnamen unterscheiden Groß- und Kleinschreibung und haben keine Leerzeichen), "
              + "darum ignorieren sendende Mailserver es")
        }
        continue
      }
      if key != "mx" {
        if let first = seen[key] {
          issue(
            number, "line \(number) repeats '\(key)' (first on line \(first))",
            "Zeile \(number) wiederholt '\(key)' (zuerst in Zeile \(first))")
          continue
        }
        seen[key] = number
      }
      switch key {
      case "version":
        version = value
        if value != "STSv1" {
          issue(
            number, "line \(number): 'version: \(value)' must be 'version: STSv1'",
            "Zeile \(number): 'version: \(value)' muss 'version: STSv1' lauten")
        }
      case "mode":
        mode = Mode(rawValue: value)
        if mode == nil {
          issue(
            number,
            "line \(number): 'mode: \(value)' must be 'enforce', 'testing' or 'none'",
            "Zeile \(number): 'mode: \(value)' muss 'enforce', 'testing' oder 'none' sein")
        }
      case "max_age":
        if let seconds = Int(value), value.allSatisfy(\.isASCII), value.count <= 10,
          value.allSatisfy(\.isNumber)
        {
          maxAge = seconds
          if seconds > Self.maximumMaxAge {
            issue(
              number,
              "line \(number): 'max_age: \(value)' is above the maximum of 31557600 (one year)",
              "Zeile \(number): 'max_age: \(value)' liegt über dem Höchstwert 31557600 (ein Jahr)")
          }
        } else {
          issue(
            number, "line \(number): 'max_age: \(value)' is not a number of seconds",
            "Zeile \(number): 'max_age: \(value)' ist keine Zahl von Sekunden")
        }
      default:
        if Self.isValidPattern(value) {
          mx.append(value)
        } else {
          issue(
            number,
            "line \(number): 'mx: \(value)' is not a host name or '*.' followed by one",
            "Zeile \(number): 'mx: \(value)' ist kein Hostname und nicht '*.' mit einem Hostnamen")
        }
      }
    }
    if version == nil && seen["version"] == nil {
      issue(0, "the 'version: STSv1' field is missing", "das Feld 'version: STSv1' fehlt")
    }
    if seen["mode"] == nil {
      issue(0, "the 'mode' field is missing", "das Feld 'mode' fehlt")
    }
    if seen["max_age"] == nil {
      issue(0, "the 'max_age' field is missing", "das Feld 'max_age' fehlt")
    }
    if mx.isEmpty, mode == .enforce || mode == .testing {
      issue(
        0, "no 'mx' field: with mode '\(mode?.rawValue ?? "")' at least one is needed",
        "kein Feld 'mx': bei mode '\(mode?.rawValue ?? "")' ist mindestens eines nötig")
    }
    self.version = version
    self.mode = mode
    self.maxAge = maxAge
    self.mx = mx
    self.issues = issues
  }

  /// A host name, or `*.` followed by one (RFC 8461 §4.1 wildcards cover one label).
  public static func isValidPattern(_ pattern: String) -> Bool {
    var host = Substring(pattern)
    if host.hasPrefix("*.") { host = host.dropFirst(2) }
    if host.hasSuffix(".") { host = host.dropLast() }
    let labels = host.split(separator: ".", omittingEmptySubsequences: false)
    return labels.count >= 2 && host.count <= 253
      && labels.allSatisfy { label in
        (1...63).contains(label.count) && label.first != "-" && label.last != "-"
          && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
      }
  }

  /// RFC 8461 §4.1: `host` matches `pattern` case-insensitively; a leading `*.` matches exactly
  /// one whole left-most label.
  public static func matches(_ host: DomainName, pattern: String) -> Bool {
    var text = pattern.lowercased()
    if text.hasSuffix(".") { text.removeLast() }
    if text.hasPrefix("*.") {
      let suffix = text.dropFirst(2)
      guard host.labelCount >= 2 else { return false }
      return host.labels.dropFirst().joined(separator: ".") == suffix
    }
    return host.text == text
  }

  /// The patterns `host` matches.
  public func patterns(matching host: DomainName) -> [String] {
    mx.filter { Self.matches(host, pattern: $0) }
  }

  /// The policy text for `mode`, `mx` and `maxAge`, lines ending in CRLF.
  public static func text(mode: Mode, mx: [String], maxAge: Int) -> String {
    var text = "version: STSv1\r\nmode: "
    text += mode.rawValue
    for host in mx {
      text += "\r\nmx: "
      text += host
    }
    text += "\r\nmax_age: \(maxAge)\r\n"
    return text
  }
}
