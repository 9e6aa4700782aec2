/// One token of a zone file: its bytes as written (escapes kept, quotes removed) and where it
/// starts. What the bytes mean (a name, a number, a character-string) depends on the field, so
/// escapes are decoded by the reader of that field.
struct ZoneToken: Hashable, Sendable {
  var bytes: [UInt8]
  var quoted: Bool
  /// The line and column (1-based, in characters) of the token's first character (the
  /// opening quote of a quoted string).
  var line: Int
  var column: Int
  /// `(` or `)` written directly after an unquoted token. Knot's scanner keeps it as the last
  /// character of a character-string (`TXT (a b)` is `"a" "b)"`) and also opens or closes the
  /// parentheses with it; `ZoneFileText` does the same.
  var paren: UInt8?

  /// The token as written, for messages and for fields read as text (`TXT`, `IN`, `3600`).
  var raw: String { String(decoding: bytes, as: UTF8.self) }

  init(bytes: [UInt8], quoted: Bool, line: Int, column: Int, paren: UInt8? = nil) {
    self.bytes = bytes
    self.quoted = quoted
    self.line = line
    self.column = column
    self.paren = paren
  }
}

/// One logical entry of a zone file: the tokens of a line, parentheses joined.
struct ZoneEntry: Hashable, Sendable {
  var tokens: [ZoneToken]
  /// The line the entry starts on (1-based).
  var line: Int
  /// True when the entry starts with a blank or `(`: the owner is the previous one.
  var ownerOmitted: Bool
  /// False for the last entry of a file that does not end with a line end.
  var terminated = true
}

/// Splits RFC 1035 §5.1 master-file text into entries as Knot's scanner (libzscanner) does:
/// blanks are spaces and tabs, `;` starts a comment, `(` … `)` continue an entry over lines
/// (not nested), a quoted string ends on the same line unless it lies within parentheses, and
/// a carriage return outside a comment is an error (Knot refuses CR LF files). Never traps;
/// every error names its line, column and token.
struct ZoneFileLexer {
  let bytes: [UInt8]
  let file: String

  init(_ text: String, file: String) {
    self.init(bytes: Array(text.utf8), file: file)
  }

  init(bytes: [UInt8], file: String) {
    self.bytes = bytes
    self.file = file
  }

  private static let space = UInt8(ascii: " ")
  private static let tab = UInt8(ascii: "\t")
  private static let newline = UInt8(ascii: "\n")
  private static let carriageReturn = UInt8(ascii: "\r")
  private static let semicolon = UInt8(ascii: ";")
  private static let open = UInt8(ascii: "(")
  private static let close = UInt8(ascii: ")")
  private static let quote = UInt8(ascii: "\"")
  private static let backslash = UInt8(ascii: "\\")

  /// Bytes that end an unquoted token.
  static func isDelimiter(_ byte: UInt8) -> Bool {
    switch byte {
    case space, tab, newline, carriageReturn, semicolon, open, close, quote: true
    default: false
    }
  }

  func entries() throws(ZoneFileError) -> [ZoneEntry] {
    var cursor = Cursor(bytes: bytes)
    var entries: [ZoneEntry] = []
    var tokens: [ZoneToken] = []
    var entryLine = 1
    var ownerOmitted = false
    var openParen: (line: Int, column: Int)?

    func finishEntry(terminated: Bool = true) {
      if !tokens.isEmpty {
        entries.append(
          ZoneEntry(
            tokens: tokens, line: entryLine, ownerOmitted: ownerOmitted, terminated: terminated))
      }
      tokens = []
    }
    func paren(_ byte: UInt8, line: Int, column: Int) throws(ZoneFileError) {
      if byte == Self.open {
        if let first = openParen {
          throw error(
            line, column, "(",
            "'(' inside parentheses (opened on line \(first.line)); they do not nest")
        }
        openParen = (line, column)
      } else {
        guard openParen != nil else {
          throw error(line, column, ")", "')' without a matching '('")
        }
        openParen = nil
      }
    }

    var atLineStart = true
    while let byte = cursor.peek {
      if atLineStart && openParen == nil {
        atLineStart = false
        ownerOmitted = byte == Self.space || byte == Self.tab || byte == Self.open
        entryLine = cursor.line
      }
      switch byte {
      case Self.newline:
        cursor.advance()
        if openParen == nil {
          finishEntry()
          atLineStart = true
        }
      case Self.space, Self.tab:
        cursor.advance()
      case Self.carriageReturn:
        throw error(
          cursor.line, cursor.column, "\\r",
          "carriage return (a CR LF line end); zone files end lines with LF only, as Knot "
            + "requires: remove the CR characters")
      case Self.semicolon:
        while let next = cursor.peek, next != Self.newline { cursor.advance() }
      case Self.open, Self.close:
        let (line, column) = (cursor.line, cursor.column)
        cursor.advance()
        try paren(byte, line: line, column: column)
      case Self.quote:
        tokens.append(try quoted(&cursor, multiline: openParen != nil))
      default:
        var token = try unquoted(&cursor)
        if let next = cursor.peek, next == Self.open || next == Self.close {
          token.paren = next
        }
        tokens.append(token)
      }
    }
    if let first = openParen {
      throw error(first.line, first.column, "(", "'(' is never closed")
    }
    finishEntry(terminated: false)
    return entries
  }

  /// A quoted string: `"` … `"`, a backslash keeping the next character in the string.
  private func quoted(_ cursor: inout Cursor, multiline: Bool) throws(ZoneFileError)
    -> ZoneToken
  {
    let (line, column, start) = (cursor.line, cursor.column, cursor.index)
    cursor.advance()
    var content: [UInt8] = []
    while let byte = cursor.peek {
      switch byte {
      case Self.quote:
        cursor.advance()
        if let next = cursor.peek, !Self.isDelimiter(next) || next == Self.quote {
          throw error(
            cursor.line, cursor.column, shown(start, cursor.index + 1),
            "a quoted string must be followed by a blank, ';', '(' or ')'")
        }
        return ZoneToken(bytes: content, quoted: true, line: line, column: column)
      case Self.newline where !multiline:
        throw error(
          line, column, shown(start, cursor.index),
          "quoted string is not closed on its line (a string spans lines only inside "
            + "parentheses)")
      case Self.carriageReturn:
        throw error(
          cursor.line, cursor.column, "\\r",
          "carriage return inside a quoted string; write it as \\013")
      case Self.backslash:
        content.append(byte)
        cursor.advance()
        guard let escaped = cursor.peek else { break }
        guard escaped != Self.newline, escaped != Self.carriageReturn else {
          throw error(
            cursor.line, cursor.column - 1, "\\", "'\\' at the end of a line escapes nothing")
        }
        content.append(escaped)
        cursor.advance()
      default:
        content.append(byte)
        cursor.advance()
      }
    }
    throw error(line, column, shown(start, cursor.index), "quoted string is never closed")
  }

  /// An unquoted token: everything up to a blank, `;`, `(`, `)`, a quote or a line end; a
  /// backslash keeps the next character in the token, whatever it is (Knot reads `\` and a
  /// line end in a name as the octet 10; in text it is an error, found by the text reader).
  private func unquoted(_ cursor: inout Cursor) throws(ZoneFileError) -> ZoneToken {
    let (line, column, start) = (cursor.line, cursor.column, cursor.index)
    var content: [UInt8] = []
    while let byte = cursor.peek, !Self.isDelimiter(byte) {
      content.append(byte)
      cursor.advance()
      guard byte == Self.backslash else { continue }
      guard let escaped = cursor.peek else {
        throw error(line, column, shown(start, cursor.index), "'\\' at the end of the file")
      }
      content.append(escaped)
      cursor.advance()
    }
    if cursor.peek == Self.quote {
      throw error(
        cursor.line, cursor.column, shown(start, cursor.index + 1),
        "a quote directly after text; put a blank before the quoted string")
    }
    return ZoneToken(bytes: content, quoted: false, line: line, column: column)
  }

  /// The input from `start` to `end` (exclusive), for a message.
  private func shown(_ start: Int, _ end: Int) -> String {
    String(decoding: bytes[start..<min(end, bytes.count)], as: UTF8.self)
  }

  private func error(_ line: Int, _ column: Int, _ token: String, _ message: String)
    -> ZoneFileError
  {
    ZoneFileError(file: file, line: line, column: column, token: token, message: message)
  }

  /// A position in the input with its line and column.
  struct Cursor {
    let bytes: [UInt8]
    var index = 0
    var line = 1
    var column = 1

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func advance() {
      guard index < bytes.count else { return }
      let byte = bytes[index]
      index += 1
      if byte == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1  // UTF-8 continuation octets do not start a character
      }
    }
  }
}
