/// Labels as octets and back: RFC 1035 §5.1 escapes.
///
/// A label is a string of octets. Its presentation form writes `\DDD` (a decimal octet) or
/// `\X` (the character X itself) for an octet that cannot stand as itself. `DomainName` keeps
/// each label in one canonical presentation form, the one dig and libresolv print
/// (`ns_name_ntop`): letters lower-cased, `.`, `\`, `"`, `(`, `)`, `;`, `@` and `$` escaped
/// as `\X`, octets outside `!`…`~` as `\DDD`, every other octet as itself. Two names are equal
/// exactly when their octets are equal (ASCII case folded), however they were written.
extension DomainName {
  /// The octets of each label (`foo\058bar` is `foo:bar`), letters lower-cased.
  public var labelOctets: [[UInt8]] {
    labels.map { Self.octets(ofCanonicalLabel: $0) }
  }

  /// The uncompressed wire form (RFC 1035 §3.1): length-prefixed labels, then a zero octet.
  public var wireFormat: [UInt8] {
    var out: [UInt8] = []
    for label in labelOctets {
      out.append(UInt8(truncatingIfNeeded: label.count))
      out += label
    }
    return out + [0]
  }

  /// Builds a name from label octets (ASCII letters are folded to lower case).
  public init(labelOctets: [[UInt8]]) throws(DomainNameError) {
    var wire = 1
    for label in labelOctets {
      guard !label.isEmpty else { throw .emptyLabel(Self.presentation(ofLabel: label)) }
      guard label.count <= 63 else { throw .labelTooLong(Self.presentation(ofLabel: label)) }
      wire += label.count + 1
    }
    // 255 octets on the wire are 253 characters of an unescaped name without the final dot.
    guard wire <= 255 else { throw .tooLong(wire - 2) }
    self.init(canonicalLabels: labelOctets.map(Self.presentation(ofLabel:)))
  }

  /// A name from labels already in canonical presentation form (lower case, escaped).
  init(canonicalLabels: [String]) {
    self.labels = canonicalLabels
  }

  /// The canonical presentation form of a label's octets.
  public static func presentation(ofLabel octets: [UInt8]) -> String {
    var out = ""
    out.unicodeScalars.reserveCapacity(octets.count)
    for octet in octets {
      let lower = octet >= 0x41 && octet <= 0x5A ? octet + 0x20 : octet
      switch lower {
      case 0x22, 0x24, 0x28, 0x29, 0x2E, 0x3B, 0x40, 0x5C:
        out.unicodeScalars.append("\\")
        out.unicodeScalars.append(Unicode.Scalar(lower))
      case 0x21...0x7E:
        out.unicodeScalars.append(Unicode.Scalar(lower))
      default:
        out += "\\" + threeDigits(lower)
      }
    }
    return out
  }

  /// The octets of a label in canonical presentation form (every `\` starts an escape there).
  static func octets(ofCanonicalLabel label: String) -> [UInt8] {
    guard label.utf8.contains(UInt8(ascii: "\\")) else { return Array(label.utf8) }
    return (try? decodeLabels(label).labels.first) ?? Array(label.utf8)
  }

  /// Splits presentation text into label octets at unescaped dots and decodes `\DDD` and
  /// `\X`. `absolute` is true when the text ends in an unescaped dot. Characters that are not
  /// escaped stand for their UTF-8 octets.
  static func decodeLabels(_ text: String) throws(DomainNameError) -> (
    labels: [[UInt8]], absolute: Bool
  ) {
    let bytes = Array(text.utf8)
    var labels: [[UInt8]] = []
    var current: [UInt8] = []
    var index = 0
    var endsWithDot = false
    while index < bytes.count {
      let byte = bytes[index]
      endsWithDot = false
      if byte == UInt8(ascii: ".") {
        guard !current.isEmpty else { throw .emptyLabel(text) }
        labels.append(current)
        current = []
        endsWithDot = true
        index += 1
        continue
      }
      guard byte == UInt8(ascii: "\\") else {
        current.append(byte)
        index += 1
        continue
      }
      guard index + 1 < bytes.count else { throw .badEscape(text) }
      let next = bytes[index + 1]
      guard isDigit(next) else {
        current.append(next)
        index += 2
        continue
      }
      guard index + 3 < bytes.count, isDigit(bytes[index + 2]), isDigit(bytes[index + 3]) else {
        throw .badEscape(text)
      }
      let value =
        Int(next - 48) * 100 + Int(bytes[index + 2] - 48) * 10 + Int(bytes[index + 3] - 48)
      guard value <= 255 else { throw .badEscape(text) }
      current.append(UInt8(value))
      index += 4
    }
    if !current.isEmpty { labels.append(current) }
    return (labels, endsWithDot)
  }

  static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  /// `byte` as three decimal digits (`058`), the form of a `\DDD` escape.
  static func threeDigits(_ byte: UInt8) -> String {
    let digits = String(byte)
    return String(repeating: "0", count: 3 - digits.count) + digits
  }
}
