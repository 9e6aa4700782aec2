/// Labels as octets and back: RFC 1035 §5.1 escapes (the canonical form is described on
/// `DomainName.text`).
extension DomainName {
  /// The uncompressed wire form (RFC 1035 §3.1): length-prefixed labels, then a zero octet.
  public var wireFormat: [UInt8] {
    var out: [UInt8] = []
    for label in labelOctets {
      out.append(UInt8(truncatingIfNeeded: label.count))
      out += label
    }
    return out + [0]
  }

  /// The canonical presentation form of a label's octets.
  public static func presentation(ofLabel octets: [UInt8]) -> String { canonical(octets) }

  /// `byte` as three decimal digits (`058`), the form of a `\DDD` escape.
  static func threeDigits(_ byte: UInt8) -> String {
    let digits = String(byte)
    return String(repeating: "0", count: 3 - digits.count) + digits
  }
}
