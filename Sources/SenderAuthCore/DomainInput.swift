import DNSLookup

/// A domain as the user typed it, checked and converted: an e-mail address gives its domain,
/// a URL its host, an internationalised name its A-labels, a trailing dot is dropped. Bad
/// input is an error that says what is wrong in one line.
///
/// RFC 1035 §2.3.4: a name is at most 255 octets on the wire (253 characters in text), a label
/// 1–63 octets. RFC 5891 §4: a U-label is checked in its A-label (`xn--`, RFC 3492) form.
public struct DomainInput: Hashable, Sendable {
  /// The domain to check.
  public var domain: DomainName
  /// What was typed.
  public var input: String
  /// Why the domain differs from the input (`took the domain part of the e-mail address`).
  public var note: String?
  /// The Unicode form when the input was an internationalised name (`bücher.example`).
  public var unicode: String?

  /// The longest name in text form, without the trailing dot (RFC 1035 §2.3.4).
  public static let maxLength = 253
  /// The longest label (RFC 1035 §2.3.4).
  public static let maxLabelLength = 63

  public static func parse(_ text: String) throws(DomainInputError) -> DomainInput {
    let typed = text
    func fail(_ reason: String) -> DomainInputError {
      DomainInputError(input: typed, reason: reason)
    }
    var candidate = text.trimmingWhitespace
    var note: String?
    guard !candidate.isEmpty else { throw fail("it is empty; give a domain such as example.com") }
    if let control = candidate.unicodeScalars.first(where: \.isControlCharacter) {
      throw fail("it contains the control character \(DomainInputError.escaped(String(control)))")
    }
    if let scheme = candidate.firstRange(of: "://") {
      var host = candidate[scheme.upperBound...]
      if let end = host.firstIndex(where: { "/?#".contains($0) }) { host = host[..<end] }
      if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
      if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
        host = host[...close]  // [IPv6]:port
      } else if let colon = host.lastIndex(of: ":") {
        host = host[..<colon]
      }
      guard !host.isEmpty else { throw fail("the URL has no host name") }
      candidate = String(host)
      note = "took the host name '\(candidate)' from the URL"
    } else if let at = candidate.lastIndex(of: "@") {
      candidate = String(candidate[candidate.index(after: at)...])
      guard !candidate.isEmpty else { throw fail("the e-mail address has no domain part") }
      note = "took the domain part '\(candidate)' of the e-mail address"
    }
    let bare =
      candidate.hasPrefix("[") && candidate.hasSuffix("]")
      ? String(candidate.dropFirst().dropLast()) : candidate
    if IPAddress(bare) != nil {
      throw fail(
        "it is an IP address; give the domain that sends mail (use --ip for addresses)")
    }
    if candidate.hasSuffix("."), candidate.count > 1 { candidate.removeLast() }
    var unicode: String?
    if candidate.unicodeScalars.contains(where: { !$0.isASCII }) {
      guard let converted = IDNA.toASCII(candidate) else {
        throw fail(
          "it is not a valid internationalised name (a label is too long or cannot be "
            + "converted to an A-label)")
      }
      unicode = candidate.lowercased()
      note = [note, "checked as '\(converted)' (the A-label form of '\(candidate)')"]
        .compactMap { $0 }.joined(separator: "; ")
      candidate = converted
    } else {
      candidate = candidate.lowercased()
    }
    try check(candidate, fail: fail)
    do {
      return DomainInput(
        domain: try DomainName(candidate), input: typed, note: note, unicode: unicode)
    } catch {
      throw fail(error.description)
    }
  }

  /// Checks the ASCII name `name` label by label; the first problem is the error.
  static func check(
    _ name: String, fail: (String) -> DomainInputError
  ) throws(DomainInputError) {
    let labels = name.split(separator: ".", omittingEmptySubsequences: false)
    guard labels.count >= 2 else {
      throw fail("a domain has at least two labels, such as example.com")
    }
    guard name.utf8.count <= maxLength else {
      throw fail("it is \(name.utf8.count) octets long; a domain name has at most \(maxLength)")
    }
    for (index, label) in labels.enumerated() {
      guard !label.isEmpty else {
        throw fail(
          index == 0 ? "it starts with a dot" : "it has an empty label (two dots in a row)")
      }
      guard label.utf8.count <= maxLabelLength else {
        throw fail(
          "label '\(label.prefix(20))…' is \(label.utf8.count) octets long; "
            + "a label has at most \(maxLabelLength)")
      }
      if let bad = label.unicodeScalars.first(where: { !isAllowed($0) }) {
        throw fail(
          "'\(DomainInputError.escaped(String(bad)))' is not allowed in a domain name "
            + "(letters, digits, '-' and '_' only)")
      }
      guard !label.hasPrefix("-"), !label.hasSuffix("-") else {
        throw fail("label '\(label)' starts or ends with '-'")
      }
    }
  }

  static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
      || scalar == "_"
  }

  public init(domain: DomainName, input: String, note: String? = nil, unicode: String? = nil) {
    self.domain = domain
    self.input = input
    self.note = note
    self.unicode = unicode
  }
}

/// Why a typed domain cannot be checked.
public struct DomainInputError: Error, Hashable, Sendable, CustomStringConvertible {
  public var input: String
  public var reason: String

  public init(input: String, reason: String) {
    self.input = input
    self.reason = reason
  }

  /// One line, with the input's control characters shown as `\xNN` so that it cannot act on
  /// the terminal it is printed to.
  public var description: String {
    "'\(Self.escaped(input))' is not a domain to check: \(reason)"
  }

  /// `text` with C0/C1 control characters and DEL as `\xNN` (the form `TerminalText` uses).
  static func escaped(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      if scalar.isControlCharacter {
        let hex = String(scalar.value, radix: 16)
        out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}

extension Unicode.Scalar {
  /// C0 controls, DEL and C1 controls.
  var isControlCharacter: Bool {
    value < 0x20 || value == 0x7f || (0x80...0x9f).contains(value)
  }
}

extension String {
  var trimmingWhitespace: String {
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
