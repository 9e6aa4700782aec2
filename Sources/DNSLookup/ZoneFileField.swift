/// Readers for the fields of a zone-file record, each accepting what Knot's scanner accepts
/// in that field: domain names, numbers, TTLs and character-strings.
enum ZoneFileField {
  /// A domain name (RFC 1035 §5.1): `@` (the origin), `.` (the root), or labels of letters,
  /// digits, `-`, `_`, `*` and `/`, with `\X` and `\DDD` for any other octet; relative names
  /// lie below `origin`.
  static func name(
    _ token: ZoneToken, origin: DomainName?, file: String, what: String = "name"
  ) throws(ZoneFileError) -> DomainName {
    func fail(_ message: String) -> ZoneFileError {
      ZoneFileError(
        file: file, line: token.line, column: token.column, token: token.raw, message: message)
    }
    let shown = ZoneFileError.quoted(token.raw)
    guard !token.quoted else { throw fail("a \(what) cannot be quoted: \(shown)") }
    let bytes = token.bytes
    if bytes == [UInt8(ascii: "@")] {
      guard let origin else { throw fail("'@' used before any $ORIGIN") }
      return origin
    }
    if bytes == [UInt8(ascii: ".")] { return .root }
    var labels: [[UInt8]] = []
    var current: [UInt8] = []
    var absolute = false
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      absolute = false
      switch byte {
      case UInt8(ascii: "."):
        guard !current.isEmpty else {
          throw fail("\(what) \(shown) has an empty label (two dots in a row or a leading dot)")
        }
        guard current.count <= 63 else {
          throw fail("\(what) \(shown) has a label of \(current.count) octets; the limit is 63")
        }
        labels.append(current)
        current = []
        absolute = true
        index += 1
      case UInt8(ascii: "\\"):
        let (octet, used) = try escape(in: bytes, at: index, fail: fail)
        current.append(octet)
        index += used
      default:
        guard isNameCharacter(byte) else {
          let character = byte < 0x80 ? "'\(Unicode.Scalar(byte))'" : "a non-ASCII character"
          throw fail(
            "\(what) \(shown) holds \(character); a label holds letters, digits, '-', '_', "
              + "'*' and '/', other octets as \\DDD (\\\(DomainName.threeDigits(byte)) here)")
        }
        current.append(byte)
        index += 1
      }
    }
    if !current.isEmpty {
      guard current.count <= 63 else {
        throw fail("\(what) \(shown) has a label of \(current.count) octets; the limit is 63")
      }
      labels.append(current)
    }
    if !absolute {
      guard let origin else {
        throw fail("relative \(what) \(shown) used before any $ORIGIN")
      }
      labels += origin.labelOctets
    }
    do {
      return try DomainName(labelOctets: labels)
    } catch {
      throw fail("\(what) \(shown) is too long: \(error)")
    }
  }

  /// Letters, digits, `-`, `_`, `*` and `/`: what a label holds without escapes.
  static func isNameCharacter(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
    case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "*"), UInt8(ascii: "/"): true
    default: false
    }
  }

  /// The escape at `index` (a backslash): `\DDD` (000–255) or `\X`, and the octets it takes.
  static func escape(
    in bytes: [UInt8], at index: Int, printableOnly: Bool = false,
    fail: (String) -> ZoneFileError
  ) throws(ZoneFileError) -> (UInt8, Int) {
    guard index + 1 < bytes.count else { throw fail("'\\' at the end of the field") }
    let next = bytes[index + 1]
    guard DomainName.isDigit(next) else {
      if printableOnly, !(0x20...0x7E).contains(next) {
        throw fail(
          "'\\' before \(next < 0x80 ? "a control character" : "a non-ASCII character"); "
            + "write that octet as \\DDD")
      }
      return (next, 2)
    }
    let digits = bytes[(index + 1)...].prefix(3)
    guard digits.count == 3, digits.allSatisfy(DomainName.isDigit) else {
      let written = String(decoding: bytes[index...].prefix(4), as: UTF8.self)
      throw fail("escape '\(written)' needs exactly three digits (\\000 to \\255)")
    }
    let value = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
    guard value <= 255 else {
      throw fail("escape '\\\(value)' is not an octet (\\000 to \\255)")
    }
    return (UInt8(value), 4)
  }

  /// An unsigned number in decimal digits only (no sign, no units).
  static func number<T: FixedWidthInteger & UnsignedInteger>(
    _ token: ZoneToken, _: T.Type, _ what: String, file: String
  ) throws(ZoneFileError) -> T {
    guard !token.quoted, !token.bytes.isEmpty, token.bytes.allSatisfy(DomainName.isDigit),
      let value = T(token.raw)
    else {
      throw ZoneFileError(
        file: file, line: token.line, column: token.column, token: token.raw,
        message: "\(what) \(ZoneFileError.quoted(token.raw)) is not a number from 0 to \(T.max)")
    }
    return value
  }

  /// A TTL in seconds: `3600`, or units `1h30m`, `2d`, `1w` (case-insensitive), with Knot's
  /// limits: at most 2^32 − 1, and a sum of several units below it. Nil when not a TTL.
  static func ttl(_ text: String) -> UInt32? {
    ttl(Array(text.utf8))
  }

  static func ttl(_ bytes: [UInt8]) -> UInt32? {
    let limit = UInt64(UInt32.max)
    var index = 0
    func number() -> UInt64? {
      let start = index
      var value: UInt64 = 0
      while index < bytes.count, DomainName.isDigit(bytes[index]) {
        let (times, overflow) = value.multipliedReportingOverflow(by: 10)
        let (sum, overflow2) = times.addingReportingOverflow(UInt64(bytes[index] - 48))
        guard !overflow, !overflow2 else { return nil }
        value = sum
        index += 1
      }
      return index > start ? value : nil
    }
    func unit(_ value: UInt64) -> UInt64? {
      guard index < bytes.count else { return nil }
      let factor: UInt64
      switch bytes[index] | 0x20 {
      case UInt8(ascii: "s"): factor = 1
      case UInt8(ascii: "m"): factor = 60
      case UInt8(ascii: "h"): factor = 3600
      case UInt8(ascii: "d"): factor = 86400
      case UInt8(ascii: "w"): factor = 604800
      default: return nil
      }
      index += 1
      guard factor == 1 || value <= limit / factor else { return nil }
      return value * factor
    }
    guard var total = number() else { return nil }
    if index < bytes.count {
      guard let first = unit(total) else { return nil }
      total = first
      while index < bytes.count {
        guard let value = number(), let block = unit(value) else { return nil }
        let (sum, overflow) = block.addingReportingOverflow(total)
        guard !overflow, sum < limit else { return nil }
        total = sum
      }
    }
    return total <= limit ? UInt32(total) : nil
  }

  /// One character-string (RFC 1035 §3.3): printable ASCII, blanks and `;` inside quotes, a
  /// line end inside quotes within parentheses, and `\X` / `\DDD` escapes. Knot refuses raw
  /// control and non-ASCII octets; so does this. The paren written right after an unquoted
  /// token belongs to the string, as in Knot.
  static func characterString(_ token: ZoneToken, file: String) throws(ZoneFileError)
    -> [UInt8]
  {
    func fail(_ message: String) -> ZoneFileError {
      ZoneFileError(
        file: file, line: token.line, column: token.column, token: token.raw, message: message)
    }
    let bytes = token.bytes
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\\") {
        let (octet, used) = try escape(in: bytes, at: index, printableOnly: true, fail: fail)
        out.append(octet)
        index += used
        continue
      }
      let allowed =
        (0x21...0x7E).contains(byte)
        || (token.quoted && (byte == 0x20 || byte == 0x09 || byte == 0x0A))
      guard allowed else {
        let what =
          byte >= 0x80
          ? "a non-ASCII character" : byte == 0x20 ? "a blank" : "a control character"
        throw fail(
          "text \(ZoneFileError.quoted(token.raw)) holds \(what); write that octet as "
            + "\\\(DomainName.threeDigits(byte)) (Knot refuses it as written)")
      }
      out.append(byte)
      index += 1
    }
    if let paren = token.paren { out.append(paren) }
    return out
  }
}
