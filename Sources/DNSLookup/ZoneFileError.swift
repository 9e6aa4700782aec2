/// A zone file that could not be read: where, the offending token, and what is wrong.
///
/// `description` is one line, `file:line:column: message`, with the token shown inside the
/// message; control characters in it are escaped so the line stays one line.
public struct ZoneFileError: Error, Hashable, Sendable, CustomStringConvertible {
  public var file: String
  /// 1-based; 0 when the error concerns the whole file (it cannot be read).
  public var line: Int
  /// 1-based, in characters; 0 when unknown.
  public var column: Int
  /// The token as written, when one token is at fault.
  public var token: String?
  public var message: String

  public init(file: String, line: Int, column: Int = 0, token: String? = nil, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.token = token
    self.message = message
  }

  /// `zones/example.com.zone:12:5: '1x' is not a TTL …`; a token the message does not
  /// quote itself follows it in parentheses.
  public var description: String {
    var position = file
    if line > 0 { position += ":\(line)" }
    if line > 0, column > 0 { position += ":\(column)" }
    var text = message
    if let token, !message.contains(Self.quoted(token)) { text += " (\(Self.quoted(token)))" }
    return position + ": " + Self.oneLine(text)
  }

  /// `text` with control characters escaped as `\DDD` (a newline as `\010`).
  static func oneLine(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
      return text
    }
    var out = ""
    for scalar in text.unicodeScalars {
      if scalar.value < 0x20 || scalar.value == 0x7F {
        let digits = String(scalar.value)
        out += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// `token` for a message: at most 40 characters, quoted.
  static func quoted(_ token: String) -> String {
    let short = token.count > 40 ? token.prefix(37) + "…" : Substring(token)
    return "'\(short)'"
  }
}

/// Something in a zone file that a server reads differently from how it is written, or does
/// not serve: a repeated record, a record set with several TTLs, a record outside the zone.
/// The zone still loads; the warning says which line and what a server makes of it.
public struct ZoneFileWarning: Hashable, Sendable, CustomStringConvertible {
  public enum Kind: String, Hashable, Sendable {
    /// A record identical to an earlier one: an RRset holds no duplicates (RFC 2181 §5).
    case duplicate
    /// A record whose TTL differs from the earlier records of its RRset (RFC 2181 §5.2).
    case ttlMismatch
    /// A record whose owner is outside the zone's apex: Knot ignores it.
    case outOfZone
    /// A second SOA record at the apex: a zone has one; the first is served.
    case extraSOA
    /// A record of a type senderauth does not read (its data is not checked).
    case notRead
    /// A directive Knot skips: on the last line, with no line end after it.
    case ignoredDirective
  }

  public var kind: Kind
  public var file: String
  public var line: Int
  public var message: String

  public init(kind: Kind, file: String, line: Int, message: String) {
    self.kind = kind
    self.file = file
    self.line = line
    self.message = message
  }

  /// `zones/example.com.zone:12: …`.
  public var description: String { "\(file):\(line): \(message)" }
}
