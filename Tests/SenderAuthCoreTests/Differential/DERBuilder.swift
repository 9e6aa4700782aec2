/// DER written by hand for tests (ITU-T X.690 §8, §10), with the knobs to break it: every
/// length, tag and INTEGER can be written the way DER requires or some other way.
///
/// It is independent of `DERReader` on purpose: the differential test builds keys with it and
/// asks both openssl and senderauth what they are. Its correct output is checked against
/// openssl's own encoding of the same keys.
enum DERBuilder {
  /// How a length is written.
  enum Length: String, Hashable, Sendable, CaseIterable {
    /// The shortest form: DER (X.690 §10.1).
    case minimal
    /// The long form with one leading zero octet too many (`0x82 0x00 0x05`).
    case leadingZero
    /// The long form for a length that fits the short form (`0x81 0x05`).
    case longForm
    /// The indefinite form `0x80`, the content closed by two zero octets (BER only).
    case indefinite
  }

  /// The length octets for `count` content octets written in `style`.
  static func length(_ count: Int, _ style: Length) -> [UInt8] {
    var octets: [UInt8] = []
    var rest = count
    while rest > 0 {
      octets.insert(UInt8(rest & 0xff), at: 0)
      rest >>= 8
    }
    switch style {
    case .minimal:
      return count < 0x80 ? [UInt8(count)] : [0x80 | UInt8(octets.count)] + octets
    case .leadingZero:
      return [0x80 | UInt8(octets.count + 1), 0] + octets
    case .longForm:
      return octets.isEmpty ? [0x81, 0] : [0x80 | UInt8(octets.count)] + octets
    case .indefinite:
      return [0x80]
    }
  }

  /// One TLV: the tag, the length in `style`, the content (and the end-of-contents octets of
  /// the indefinite form).
  static func element(_ tag: UInt8, _ content: [UInt8], _ style: Length = .minimal) -> [UInt8] {
    [tag] + length(content.count, style) + content + (style == .indefinite ? [0, 0] : [])
  }

  /// The content octets of the positive INTEGER with this big-endian magnitude, minimal.
  static func positive(_ magnitude: [UInt8]) -> [UInt8] {
    let trimmed = Array(magnitude.drop { $0 == 0 })
    guard let first = trimmed.first else { return [0] }
    return first & 0x80 != 0 ? [0] + trimmed : trimmed
  }

  /// The content octets of the INTEGER minus `magnitude` (two's complement), minimal.
  static func negative(_ magnitude: [UInt8]) -> [UInt8] {
    var octets = positive(magnitude)
    for index in octets.indices { octets[index] = ~octets[index] }
    var index = octets.count - 1
    while index >= 0 {
      octets[index] &+= 1
      if octets[index] != 0 { break }
      index -= 1
    }
    while octets.count > 1, octets[0] == 0xff, octets[1] & 0x80 != 0 { octets.removeFirst() }
    return octets
  }

  /// The content octets of an OBJECT IDENTIFIER in dotted form (X.690 §8.19).
  static func objectIdentifier(_ dotted: String) -> [UInt8] {
    let arcs = dotted.split(separator: ".").compactMap { UInt64($0) }
    guard arcs.count >= 2 else { return [] }
    var out: [UInt8] = []
    for arc in [arcs[0] * 40 + arcs[1]] + arcs.dropFirst(2) {
      var groups: [UInt8] = [UInt8(arc & 0x7f)]
      var rest = arc >> 7
      while rest > 0 {
        groups.insert(UInt8(rest & 0x7f) | 0x80, at: 0)
        rest >>= 7
      }
      out += groups
    }
    return out
  }

  /// The big-endian octets of a hexadecimal text (`52:9a:d6` or `0x10001`); nil when it is not.
  static func octets(hex text: some StringProtocol) -> [UInt8]? {
    var digits = Array(text.filter { $0.isHexDigit })
    if digits.count % 2 == 1 { digits.insert("0", at: 0) }
    var out: [UInt8] = []
    var index = 0
    while index < digits.count {
      guard let byte = UInt8(String(digits[index..<(index + 2)]), radix: 16) else { return nil }
      out.append(byte)
      index += 2
    }
    return out
  }

  /// The octets in lower-case hex, two digits each (for failure messages).
  static func hex(_ octets: [UInt8]) -> String {
    octets.map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
  }
}
