/// RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?ISO-8859-1?Q?…?=`) in display names and the
/// subject, decoded for display. Charsets other than UTF-8, US-ASCII and the Latin-1 family are
/// left as written; so is a word that does not decode.
enum EncodedWords {
  /// `text` with every encoded word decoded; white space between two adjacent encoded words is
  /// dropped (RFC 2047 §6.2).
  static func decode(_ text: String) -> String {
    guard text.contains("=?") else { return text }
    var out = ""
    var pendingSpace = ""
    var lastWasEncoded = false
    var rest = Substring(text)
    while !rest.isEmpty {
      if rest.hasPrefix("=?"), let (word, after) = encodedWord(rest),
        let decoded = decodeWord(word)
      {
        if !lastWasEncoded { out += pendingSpace }
        pendingSpace = ""
        out += decoded
        lastWasEncoded = true
        rest = after
        continue
      }
      let character = rest.removeFirst()
      if character == " " || character == "\t" {
        pendingSpace.append(character)
        continue
      }
      out += pendingSpace
      pendingSpace = ""
      out.append(character)
      lastWasEncoded = false
    }
    return out + pendingSpace
  }

  /// The encoded word at the start of `text` (`=?charset?encoding?text?=`, no white space
  /// inside, at most 75 characters as RFC 2047 §2 allows, a little more for sloppy senders) and
  /// the text after it.
  private static func encodedWord(_ text: Substring) -> (Substring, Substring)? {
    var questionMarks = 0
    var index = text.index(text.startIndex, offsetBy: 2)
    var length = 2
    while index < text.endIndex, length < 400 {
      let character = text[index]
      if character == " " || character == "\t" { return nil }
      if character == "?" {
        questionMarks += 1
        let next = text.index(after: index)
        if questionMarks == 3 {
          guard next < text.endIndex, text[next] == "=" else { return nil }
          let end = text.index(after: next)
          return (text[..<end], text[end...])
        }
      }
      index = text.index(after: index)
      length += 1
    }
    return nil
  }

  /// The text of one encoded word, or nil when its charset or encoding is unknown or broken.
  private static func decodeWord(_ word: Substring) -> String? {
    let parts = word.dropFirst(2).dropLast(2).split(
      separator: "?", maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count == 3 else { return nil }
    // RFC 2231 §5: a language may follow the charset after '*'.
    let charset = parts[0].split(separator: "*").first.map { $0.lowercased() } ?? ""
    let bytes: [UInt8]
    switch parts[1].lowercased() {
    case "b":
      guard case .success(let decoded) = Base64.decode(parts[2], allowingWhitespace: false)
      else { return nil }
      bytes = decoded
    case "q":
      guard let decoded = quoted(parts[2]) else { return nil }
      bytes = decoded
    default:
      return nil
    }
    switch charset {
    case "utf-8", "utf8", "us-ascii", "ascii":
      return String(validating: bytes, as: UTF8.self)
    case "iso-8859-1", "latin1", "iso-8859-15", "windows-1252", "cp1252":
      var scalars = String.UnicodeScalarView()
      for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
      return String(scalars)
    default:
      return nil
    }
  }

  /// The Q encoding (RFC 2047 §4.2): `_` is a space, `=XX` an octet.
  private static func quoted(_ text: Substring) -> [UInt8]? {
    var out: [UInt8] = []
    var bytes = Array(text.utf8)[...]
    while let byte = bytes.popFirst() {
      switch byte {
      case UInt8(ascii: "_"):
        out.append(0x20)
      case UInt8(ascii: "="):
        guard bytes.count >= 2, let high = hex(bytes[bytes.startIndex]),
          let low = hex(bytes[bytes.startIndex + 1])
        else { return nil }
        out.append(high << 4 | low)
        bytes = bytes.dropFirst(2)
      default:
        out.append(byte)
      }
    }
    return out
  }

  private static func hex(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
