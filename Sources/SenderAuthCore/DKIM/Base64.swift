/// A strict base64 decoder (RFC 4648 §4, the standard alphabet with `=` padding).
///
/// DKIM's `p=` tag is `base64string = ALPHADIGITPS *([FWS] ALPHADIGITPS) [ [FWS] "=" [ [FWS]
/// "=" ] ]` (RFC 6376 §2.4): folding whitespace may appear between characters, so the decoder
/// can skip space, tab, CR and LF. Everything else outside the alphabet is an error with its
/// offset; padding must complete the last quantum and nothing may follow it.
public enum Base64 {
  /// Why a text is not base64, with the offset (in input octets) of the offending character.
  public enum DecodeError: Error, Hashable, Sendable, Codable {
    /// A character outside the base64 alphabet.
    case invalidCharacter(offset: Int, character: UInt8)
    /// `=` where padding cannot be, or a character after the padding.
    case misplacedPadding(offset: Int)
    /// The number of base64 characters is not a multiple of four (missing padding).
    case incompleteQuantum(characters: Int)
    /// Nothing to decode.
    case empty

    /// The offset of the problem, when there is one.
    public var offset: Int? {
      switch self {
      case .invalidCharacter(let offset, _), .misplacedPadding(let offset): offset
      case .incompleteQuantum, .empty: nil
      }
    }
  }

  /// The 6-bit value of each alphabet character; 0xff for anything else.
  private static let table: [UInt8] = {
    var table = [UInt8](repeating: 0xff, count: 256)
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
    return table
  }()

  /// True for the whitespace folding may leave inside a tag value (SP, HTAB, CR, LF).
  static func isFoldingWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0d || byte == 0x0a
  }

  /// Decodes `text`; whitespace between characters is skipped when `allowingWhitespace`.
  public static func decode(
    _ text: some StringProtocol, allowingWhitespace: Bool = true
  ) -> Result<[UInt8], DecodeError> {
    decode(bytes: Array(text.utf8), allowingWhitespace: allowingWhitespace)
  }

  /// Decodes the octets `input`; whitespace between characters is skipped when
  /// `allowingWhitespace`.
  public static func decode(
    bytes input: [UInt8], allowingWhitespace: Bool = true
  ) -> Result<[UInt8], DecodeError> {
    // Read through buffer pointers: a key's 400 characters cost 55 instructions each through
    // the arrays' checked subscripts and the table's global accessor.
    table.withUnsafeBufferPointer { table in
      input.withUnsafeBufferPointer { input in
        decode(input, table: table, allowingWhitespace: allowingWhitespace)
      }
    }
  }

  private static func decode(
    _ input: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<UInt8>,
    allowingWhitespace: Bool
  ) -> Result<[UInt8], DecodeError> {
    var output: [UInt8] = []
    output.reserveCapacity(input.count * 3 / 4)
    var quantum: UInt32 = 0
    var count = 0
    var characters = 0
    var padding = 0
    for (offset, byte) in input.enumerated() {
      if allowingWhitespace, isFoldingWhitespace(byte) { continue }
      if byte == UInt8(ascii: "=") {
        // Padding may only complete a quantum that holds two or three characters.
        guard count >= 2, padding < 2, count + padding < 4 else {
          return .failure(.misplacedPadding(offset: offset))
        }
        padding += 1
        characters += 1
        continue
      }
      let value = table[Int(byte)]
      guard value != 0xff else {
        return .failure(.invalidCharacter(offset: offset, character: byte))
      }
      guard padding == 0 else { return .failure(.misplacedPadding(offset: offset)) }
      quantum = quantum << 6 | UInt32(value)
      count += 1
      characters += 1
      if count == 4 {
        output.append(UInt8(truncatingIfNeeded: quantum >> 16))
        output.append(UInt8(truncatingIfNeeded: quantum >> 8))
        output.append(UInt8(truncatingIfNeeded: quantum))
        quantum = 0
        count = 0
      }
    }
    guard characters > 0 else { return .failure(.empty) }
    guard characters % 4 == 0 else { return .failure(.incompleteQuantum(characters: characters)) }
    switch count {
    case 2:
      output.append(UInt8(truncatingIfNeeded: quantum >> 4))
    case 3:
      output.append(UInt8(truncatingIfNeeded: quantum >> 10))
      output.append(UInt8(truncatingIfNeeded: quantum >> 2))
    default:
      break
    }
    return .success(output)
  }
}
