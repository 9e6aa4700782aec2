import Synchronization

/// Writes compact JSON straight into bytes: the text `JSONText.line` makes for the same value
/// (Foundation's `JSONEncoder` with sorted keys and unescaped slashes, then
/// `JSONText.escapingTerminalControls`), without building Codable containers.
///
/// The writer does not sort: a caller writes an object's keys in the order `JSONEncoder` sorts
/// them (by their UTF-8 octets), and omits a nil value where `encodeIfPresent` would. Strings
/// are escaped as Foundation escapes them (`"`, `\`, `\b \f \n \r \t`, other controls as
/// `\u00xx`, lower-case hex), and DEL and the C1 controls as `\u007f`…`\u009f`.
struct JSONLine: ~Copyable {
  /// The octets written so far: `count` of `capacity` at `base`, owned by this writer.
  private var base: UnsafeMutablePointer<UInt8>
  private var count = 0
  private var capacity: Int
  /// True when the next value or key needs a comma before it.
  private var needsComma = false

  init() {
    capacity = 16_384
    base = .allocate(capacity: capacity)
  }

  deinit { base.deallocate() }

  /// The octets written so far.
  var bytes: [UInt8] { Array(written) }

  /// Calls `body` with the octets written so far and a line feed after them, in place.
  mutating func withLine<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    reserve(1)
    base[count] = 0x0a
    return body(UnsafeBufferPointer(start: base, count: count + 1))
  }

  /// The text written so far.
  var text: String { String(decoding: written, as: UTF8.self) }

  private var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

  /// Room for `more` octets past those written.
  @inline(__always)
  private mutating func reserve(_ more: Int) {
    if count + more > capacity { grow(count + more) }
  }

  private mutating func grow(_ needed: Int) {
    var larger = capacity * 2
    while larger < needed { larger *= 2 }
    let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
    moved.initialize(from: base, count: count)
    base.deallocate()
    base = moved
    capacity = larger
  }

  @inline(__always)
  private mutating func append(_ octet: UInt8) {
    reserve(1)
    base[count] = octet
    count += 1
  }

  private mutating func append(_ octets: UnsafeBufferPointer<UInt8>) {
    guard let source = octets.baseAddress, !octets.isEmpty else { return }
    reserve(octets.count)
    (base + count).initialize(from: source, count: octets.count)
    count += octets.count
  }

  private mutating func append(_ text: StaticString) {
    text.withUTF8Buffer { append($0) }
  }

  mutating func beginObject() { open(UInt8(ascii: "{")) }
  mutating func endObject() { close(UInt8(ascii: "}")) }
  mutating func beginArray() { open(UInt8(ascii: "[")) }
  mutating func endArray() { close(UInt8(ascii: "]")) }

  private mutating func open(_ bracket: UInt8) {
    separate()
    append(bracket)
    needsComma = false
  }

  private mutating func close(_ bracket: UInt8) {
    append(bracket)
    needsComma = true
  }

  /// `"key":`, with a comma before it when it is not the object's first.
  mutating func key(_ key: StaticString) {
    separate()
    key.withUTF8Buffer { name in
      reserve(name.count + 3)
      base[count] = UInt8(ascii: "\"")
      count += 1
      append(name)
      base[count] = UInt8(ascii: "\"")
      base[count + 1] = UInt8(ascii: ":")
      count += 2
    }
    needsComma = false
  }

  /// `"key":` for a key known only at run time (a dictionary's), escaped like any string.
  /// Its own label, so a key written as a literal is the `StaticString` one, copied as it is
  /// (with both as `key(_:)`, a literal is a `String` and was escaped: 376 keys a domain).
  mutating func key(escaping key: String) {
    string(key)
    append(UInt8(ascii: ":"))
    needsComma = false
  }

  mutating func string(_ value: String) {
    separate()
    // A native string lends its octets as they are; another (bridged, or not UTF-8) is made
    // native first.
    if value.utf8.withContiguousStorageIfAvailable({ quoted($0) }) == nil {
      var value = value
      value.withUTF8 { quoted($0) }
    }
    needsComma = true
  }

  /// `octets` between quotes, escaped. Eight octets at a time while none of them needs a look
  /// (most strings: none does), the last few padded with spaces to eight; else on to the first
  /// that does. Plain runs are copied whole.
  private mutating func quoted(_ octets: UnsafeBufferPointer<UInt8>) {
    reserve(octets.count + 2)
    base[count] = UInt8(ascii: "\"")
    count += 1
    if let start = octets.baseAddress {
      let end = octets.count
      var index = 0
      var mark = 0
      while index < end {
        var word: UInt64 = 0x2020_2020_2020_2020
        if index + 8 <= end {
          word = UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self)
        } else {
          withUnsafeMutableBytes(of: &word) {
            $0.baseAddress!.copyMemory(from: start + index, byteCount: end - index)
          }
        }
        let flagged = Self.octetsToLookAt(UInt64(littleEndian: word))
        guard flagged != 0 else {
          index += 8
          continue
        }
        // The lowest flag is exact, and padding is never flagged: `index` stays inside.
        index += flagged.trailingZeroBitCount / 8
        let octet = start[index]
        // `\` and a letter, or `\u00` and the hex digits of a control character; an 0xC2
        // that does not lead a C1 control is copied with its run.
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
        case 0xc2 where index + 1 < end && (0x80...0x9f).contains(start[index + 1]):
          // U+0080…U+009F, the C1 controls (U+009B is CSI to a terminal).
          control = start[index + 1]
          used = 2
        default: break
        }
        if letter != nil || control != nil {
          append(UnsafeBufferPointer(start: start + mark, count: index - mark))
          append(UInt8(ascii: "\\"))
          if let letter { append(letter) }
          if let control { appendUnicodeEscape(control) }
          mark = index + used
        }
        index += used
      }
      append(UnsafeBufferPointer(start: start + mark, count: end - mark))
    }
    append(UInt8(ascii: "\""))
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

  /// A whole value written before by another writer (`WrittenOnce`), copied as it is.
  mutating func value(written octets: [UInt8]) {
    separate()
    octets.withUnsafeBufferPointer { append($0) }
    needsComma = true
  }

  mutating func number(_ value: some BinaryInteger) {
    separate()
    if let small = Int(exactly: value), small >= 0 {
      var length = 1
      var scale = small
      while scale >= 10 {
        scale /= 10
        length += 1
      }
      reserve(length)
      var rest = small
      for position in stride(from: count + length - 1, through: count, by: -1) {
        base[position] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
      }
      count += length
    } else {
      var text = String(value)
      text.withUTF8 { append($0) }
    }
    needsComma = true
  }

  mutating func bool(_ value: Bool) {
    separate()
    append(value ? "true" : "false")
    needsComma = true
  }

  mutating func null() {
    separate()
    append("null")
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
      self.key(escaping: key)
      write(&self, value)
    }
    endObject()
  }

  private mutating func separate() {
    if needsComma { append(UInt8(ascii: ",")) }
  }

  /// `u00xx` (after the backslash) with lower-case hex digits.
  private mutating func appendUnicodeEscape(_ value: UInt8) {
    append("u00")
    append(Self.hexDigit(value >> 4))
    append(Self.hexDigit(value & 0x0f))
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

/// Values a writer writes again and again, each written once: the octets by key, for a
/// bounded number of keys (past `limit`, a new key's value is written every time).
final class WrittenOnce<Key: Hashable & Sendable>: Sendable {
  private let table = Mutex<[Key: [UInt8]]>([:])
  private let limit: Int

  init(limit: Int) { self.limit = limit }

  /// `key`'s value as `write` writes it into an empty writer, written the first time.
  func octets(for key: Key, write: (inout JSONLine) -> Void) -> [UInt8] {
    if let octets = table.withLock({ $0[key] }) { return octets }
    var line = JSONLine()
    write(&line)
    let octets = line.bytes
    table.withLock { table in
      if table.count < limit { table[key] = octets }
    }
    return octets
  }
}
