/// A unit of record text a tag-list parser walks: a Character, or an octet of text in which
/// every octet is one Character. Parsers generic over it read the common ASCII record on its
/// octets and anything else Character by Character, with the same offsets.
protocol TextUnit: Equatable {
  /// The unit of an ASCII character.
  init(ascii: UInt8)
  /// White space (Unicode White_Space, as `Character.isWhitespace`).
  var isWhitespace: Bool { get }
  /// RFC 6376 §3.2 VALCHAR: %x21-3A / %x3C-7E.
  var isValueCharacter: Bool { get }
  /// The ASCII value of a unit that is one ASCII character, else nil (a character's own
  /// `asciiValue`: CR LF, never an octet unit, gives LF's).
  var asciiValue: UInt8? { get }
  /// The units as text.
  static func text(_ units: ArraySlice<Self>) -> String
}

extension TextUnit {
  static var semicolon: Self { Self(ascii: UInt8(ascii: ";")) }
  static var equals: Self { Self(ascii: UInt8(ascii: "=")) }
  static var comma: Self { Self(ascii: UInt8(ascii: ",")) }
  static var space: Self { Self(ascii: UInt8(ascii: " ")) }
  static var tab: Self { Self(ascii: UInt8(ascii: "\t")) }

  /// The units of ASCII text.
  static func units(_ ascii: StaticString) -> [Self] {
    ascii.withUTF8Buffer { $0.map(Self.init(ascii:)) }
  }
}

/// Choosing the units to parse a text with.
enum TextUnits {
  /// The octets of `text` when each is one Character (ASCII without CR, since "\r\n" is one
  /// Character), else nil.
  static func octets(_ text: String) -> [UInt8]? {
    let octets = Array(text.utf8)
    return octets.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) ? octets : nil
  }
}

extension Character: TextUnit {
  init(ascii: UInt8) { self.init(Unicode.Scalar(ascii)) }

  var isValueCharacter: Bool {
    guard let scalar = unicodeScalars.first, unicodeScalars.count == 1, scalar.isASCII else {
      return false
    }
    return UInt8(scalar.value).isValueCharacter
  }

  static func text(_ units: ArraySlice<Character>) -> String { String(units) }
}

extension UInt8: TextUnit {
  init(ascii: UInt8) { self = ascii }
  /// ASCII White_Space: HT, LF, VT, FF, CR and space.
  var isWhitespace: Bool { (0x09...0x0d).contains(self) || self == 0x20 }
  var isValueCharacter: Bool { (0x21...0x3a).contains(self) || (0x3c...0x7e).contains(self) }
  var asciiValue: UInt8? { self < 0x80 ? self : nil }
  static func text(_ units: ArraySlice<UInt8>) -> String { String(decoding: units, as: UTF8.self) }
}
