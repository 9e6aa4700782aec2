/// One token of a zone file: its text as written and its octets with escapes decoded.
struct ZoneToken: Hashable, Sendable {
  /// The token as written, escapes kept (what a domain name is read from).
  var raw: String
  /// The octets with `\DDD` and `\X` decoded (what a character-string is made of).
  var octets: [UInt8]
  var quoted: Bool
}

/// One logical entry of a zone file: the tokens of a line, parentheses joined.
struct ZoneEntry: Hashable, Sendable {
  var tokens: [ZoneToken]
  /// The line the entry starts on (1-based).
  var line: Int
  /// True when the entry starts with white space (the owner is the previous one).
  var ownerOmitted: Bool
}

/// Splits RFC 1035 §5.1 master-file text into entries: comments dropped, parentheses joined,
/// quoted strings and escapes decoded. Never traps; every error names its line.
struct ZoneFileLexer {
  let bytes: [UInt8]
  let file: String

  init(_ text: String, file: String) {
    self.bytes = Array(text.utf8)
    self.file = file
  }

  func entries() throws(ZoneFileError) -> [ZoneEntry] {
    var entries: [ZoneEntry] = []
    var tokens: [ZoneToken] = []
    var line = 1
    var entryLine = 1
    var ownerOmitted = false
    var depth = 0
    var parenLine = 0
    var atLineStart = true
    var index = 0

    func finishEntry() {
      if !tokens.isEmpty {
        entries.append(ZoneEntry(tokens: tokens, line: entryLine, ownerOmitted: ownerOmitted))
      }
      tokens = []
    }

    while index < bytes.count {
      let byte = bytes[index]
      if atLineStart && depth == 0 {
        atLineStart = false
        ownerOmitted = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
        entryLine = line
      }
      switch byte {
      case UInt8(ascii: "\n"):
        line += 1
        index += 1
        if depth == 0 {
          finishEntry()
          atLineStart = true
        }
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
        index += 1
      case UInt8(ascii: ";"):
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
      case UInt8(ascii: "("):
        if depth == 0 { parenLine = line }
        depth += 1
        index += 1
      case UInt8(ascii: ")"):
        guard depth > 0 else {
          throw ZoneFileError(file: file, line: line, message: "')' without a matching '('")
        }
        depth -= 1
        index += 1
      case UInt8(ascii: "\""):
        let start = line
        index += 1
        var raw: [UInt8] = []
        var octets: [UInt8] = []
        var closed = false
        while index < bytes.count {
          let current = bytes[index]
          if current == UInt8(ascii: "\"") {
            closed = true
            index += 1
            break
          }
          if current == UInt8(ascii: "\n") { line += 1 }
          if current == UInt8(ascii: "\\") {
            let (decoded, used) = try escape(at: index, line: line)
            raw.append(contentsOf: bytes[index..<index + used])
            octets.append(decoded)
            index += used
            continue
          }
          raw.append(current)
          octets.append(current)
          index += 1
        }
        guard closed else {
          throw ZoneFileError(file: file, line: start, message: "quoted string is not closed")
        }
        tokens.append(
          ZoneToken(raw: String(decoding: raw, as: UTF8.self), octets: octets, quoted: true))
      default:
        var raw: [UInt8] = []
        var octets: [UInt8] = []
        while index < bytes.count {
          let current = bytes[index]
          if Self.delimiters.contains(current) { break }
          if current == UInt8(ascii: "\\") {
            let (decoded, used) = try escape(at: index, line: line)
            raw.append(contentsOf: bytes[index..<index + used])
            octets.append(decoded)
            index += used
            continue
          }
          raw.append(current)
          octets.append(current)
          index += 1
        }
        tokens.append(
          ZoneToken(raw: String(decoding: raw, as: UTF8.self), octets: octets, quoted: false))
      }
    }
    guard depth == 0 else {
      throw ZoneFileError(file: file, line: parenLine, message: "'(' is never closed")
    }
    finishEntry()
    return entries
  }

  static let delimiters: Set<UInt8> = [
    UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"),
    UInt8(ascii: ";"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\""),
  ]

  /// Decodes the escape at `index` (a backslash): `\DDD` (0–255) or `\X`.
  private func escape(at index: Int, line: Int) throws(ZoneFileError) -> (UInt8, Int) {
    guard index + 1 < bytes.count else {
      throw ZoneFileError(file: file, line: line, message: "'\\' at the end of the file")
    }
    let next = bytes[index + 1]
    guard Self.isDigit(next) else { return (next, 2) }
    guard index + 3 < bytes.count, Self.isDigit(bytes[index + 2]), Self.isDigit(bytes[index + 3])
    else {
      throw ZoneFileError(
        file: file, line: line, message: "'\\DDD' escape needs exactly three digits")
    }
    let value =
      Int(next - 48) * 100 + Int(bytes[index + 2] - 48) * 10 + Int(bytes[index + 3] - 48)
    guard value <= 255 else {
      throw ZoneFileError(
        file: file, line: line, message: "'\\\(value)' is not an octet (0 to 255)")
    }
    return (UInt8(value), 4)
  }

  static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}

/// A zone file that could not be read: the file, the line and what is wrong.
public struct ZoneFileError: Error, Hashable, Sendable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var message: String

  public init(file: String, line: Int, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  /// `zones/example.com.zone:12: TTL 'abc' is not a number`.
  public var description: String {
    line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
  }
}
