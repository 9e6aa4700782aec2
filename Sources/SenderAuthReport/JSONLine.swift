/// Writes compact JSON straight into bytes: the text `JSONText.line` makes for the same value
/// (Foundation's `JSONEncoder` with sorted keys and unescaped slashes, then
/// `JSONText.escapingTerminalControls`), without building Codable containers.
///
/// The writer does not sort: a caller writes an object's keys in the order `JSONEncoder` sorts
/// them (by their UTF-8 octets), and omits a nil value where `encodeIfPresent` would. Strings
/// are escaped as Foundation escapes them (`"`, `\`, `\b \f \n \r \t`, other controls as
/// `\u00xx`, lower-case hex), and DEL and the C1 controls as `\u007f`…`\u009f`.
struct JSONLine {
  private(set) var bytes: [UInt8] = []
  /// True when the next value or key needs a comma before it.
  private var needsComma = false

  init() { bytes.reserveCapacity(4096) }

  /// The text written so far.
  var text: String { String(decoding: bytes, as: UTF8.self) }

  mutating func beginObject() { open(UInt8(ascii: "{")) }
  mutating func endObject() { close(UInt8(ascii: "}")) }
  mutating func beginArray() { open(UInt8(ascii: "[")) }
  mutating func endArray() { close(UInt8(ascii: "]")) }

  private mutating func open(_ bracket: UInt8) {
    separate()
    bytes.append(bracket)
    needsComma = false
  }

  private mutating func close(_ bracket: UInt8) {
    bytes.append(bracket)
    needsComma = true
  }

  /// `"key":`, with a comma before it when it is not the object's first.
  mutating func key(_ key: StaticString) {
    separate()
    bytes.append(UInt8(ascii: "\""))
    key.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    needsComma = false
  }

  /// `"key":` for a key known only at run time (a dictionary's), escaped like any string.
  mutating func key(_ key: String) {
    string(key)
    bytes.append(UInt8(ascii: ":"))
    needsComma = false
  }

  mutating func string(_ value: String) {
    separate()
    bytes.append(UInt8(ascii: "\""))
    var value = value
    value.withUTF8 { octets in
      var index = 0
      var mark = 0
      while index < octets.count {
        // Eight octets at a time while none of them needs a look (most strings: none does);
        // else on to the first that does.
        if index + 8 <= octets.count, let base = octets.baseAddress {
          let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
          let flagged = Self.octetsToLookAt(UInt64(littleEndian: word))
          guard flagged != 0 else {
            index += 8
            continue
          }
          index += flagged.trailingZeroBitCount / 8
        }
        let octet = octets[index]
        // Most octets are printable ASCII other than `"` and `\`, or UTF-8 other than a C1
        // control's lead octet: copied as they are, with the run they belong to.
        if octet >= 0x20, octet != UInt8(ascii: "\""), octet != UInt8(ascii: "\\"), octet != 0x7f,
          octet != 0xc2
        {
          index += 1
          continue
        }
        // `\` and a letter, or `\u00` and the hex digits of a control character.
        var letter: UInt8?
        var control: UInt8?
        var used = 1
        switch octet {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): letter = octet
        case 0x08: letter = UInt8(ascii: "b")
        case 0x0c: letter = UInt8(ascii: "f")
        case 0x0a: letter = UInt8(ascii: "n")
        case 0x0d: letter = UInt8(ascii: "r")
        case 0x09: letter = UInt8(ascii: "t")
        case 0x00...0x1f, 0x7f: control = octet
        case 0xc2 where index + 1 < octets.count && (0x80...0x9f).contains(octets[index + 1]):
          // U+0080…U+009F, the C1 controls (U+009B is CSI to a terminal).
          control = octets[index + 1]
          used = 2
        default: break
        }
        if letter != nil || control != nil {
          bytes.append(contentsOf: UnsafeBufferPointer(rebasing: octets[mark..<index]))
          bytes.append(UInt8(ascii: "\\"))
          if let letter { bytes.append(letter) }
          if let control { appendUnicodeEscape(control) }
          mark = index + used
        }
        index += used
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: octets[mark..<octets.count]))
    }
    bytes.append(UInt8(ascii: "\""))
    needsComma = true
  }

  /// The high bit of each octet of `word` (little-endian: the first octet lowest) that
  /// `string` escapes or looks at: a control (below 0x20), `"`, `\`, DEL or 0xC2 (the lead
  /// octet of a C1 control); zero when there is none. Each test is the "has a zero byte" trick:
  /// it may also flag octets above (after) a flagged one, never below, so the lowest flag is
  /// the first such octet.
  @inline(__always)
  static func octetsToLookAt(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    func hasZero(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
    func has(_ octet: UInt8) -> UInt64 { hasZero(word ^ (ones &* UInt64(octet))) }
    let control = (word &- ones &* 0x20) & ~word & highs
    let quoteOrBackslash = has(UInt8(ascii: "\"")) | has(UInt8(ascii: "\\"))
    return control | quoteOrBackslash | has(0x7f) | has(0xc2)
  }

  mutating func number(_ value: some BinaryInteger) {
    separate()
    bytes.append(contentsOf: String(value).utf8)
    needsComma = true
  }

  mutating func bool(_ value: Bool) {
    separate()
    bytes.append(contentsOf: (value ? "true" : "false").utf8)
    needsComma = true
  }

  mutating func null() {
    separate()
    bytes.append(contentsOf: "null".utf8)
    needsComma = true
  }

  /// `[…]` of `items`, each written by `write`.
  mutating func array<Items: Sequence>(
    _ items: Items, _ write: (inout JSONLine, Items.Element) -> Void
  ) {
    beginArray()
    for item in items { write(&self, item) }
    endArray()
  }

  /// `{…}` of a dictionary, keys sorted by their UTF-8 octets as `JSONEncoder` sorts them.
  mutating func object<Value>(
    _ dictionary: [String: Value], _ write: (inout JSONLine, Value) -> Void
  ) {
    beginObject()
    for (key, value) in dictionary.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    ) {
      self.key(key)
      write(&self, value)
    }
    endObject()
  }

  private mutating func separate() {
    if needsComma { bytes.append(UInt8(ascii: ",")) }
  }

  /// `u00xx` (after the backslash) with lower-case hex digits.
  private mutating func appendUnicodeEscape(_ value: UInt8) {
    bytes.append(UInt8(ascii: "u"))
    bytes.append(UInt8(ascii: "0"))
    bytes.append(UInt8(ascii: "0"))
    bytes.append(Self.hexDigit(value >> 4))
    bytes.append(Self.hexDigit(value & 0x0f))
  }

  private static func hexDigit(_ value: UInt8) -> UInt8 {
    value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
  }
}

extension JSONLine {
  mutating func string(_ value: String?) {
    if let value { string(value) } else { null() }
  }

  mutating func bool(_ value: Bool?) {
    if let value { bool(value) } else { null() }
  }

  mutating func strings(_ values: [String]) {
    array(values) { $0.string($1) }
  }
}

extension JSONLine {
  /// The text `JSONText.pretty` makes of the same value: what was written, indented as
  /// `JSONEncoder` pretty-prints (two spaces a level, `"key" : value`, an empty array or
  /// object as its brackets around an empty line).
  var prettyText: String { Self.pretty(bytes, depth: 0) }

  /// `compact` (this writer's text: no white space outside strings, so every bracket, comma
  /// and colon outside a string is structure) indented as a value `depth` levels deep: its
  /// inner lines two spaces a level further in, its first line not indented. Text that is not
  /// this writer's (a string left open, a bracket too many) is copied, never read past.
  static func pretty(_ compact: [UInt8], depth start: Int) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(compact.count * 2)
    var depth = start
    func newline(_ out: inout [UInt8], _ depth: Int) {
      out.append(UInt8(ascii: "\n"))
      out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: max(depth, 0) * 2))
    }
    var index = 0
    while index < compact.count {
      let octet = compact[index]
      switch octet {
      case UInt8(ascii: "\""):
        // A string as written, escapes included: up to the quote no backslash escapes.
        var end = index + 1
        while end < compact.count, compact[end] != UInt8(ascii: "\"") {
          end += compact[end] == UInt8(ascii: "\\") ? 2 : 1
        }
        end = min(end, compact.count - 1)
        out.append(contentsOf: compact[index...end])
        index = end
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        out.append(octet)
        let closing = octet == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
        if index + 1 < compact.count, compact[index + 1] == closing {
          out.append(UInt8(ascii: "\n"))
          newline(&out, depth)
          out.append(closing)
          index += 1
        } else {
          depth += 1
          newline(&out, depth)
        }
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        depth -= 1
        newline(&out, depth)
        out.append(octet)
      case UInt8(ascii: ","):
        out.append(octet)
        newline(&out, depth)
      case UInt8(ascii: ":"):
        out.append(contentsOf: [UInt8(ascii: " "), octet, UInt8(ascii: " ")])
      default:
        out.append(octet)
      }
      index += 1
    }
    return String(decoding: out, as: UTF8.self)
  }
}
