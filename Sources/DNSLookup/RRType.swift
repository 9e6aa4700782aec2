/// A DNS resource-record type, named by its RFC mnemonic; unknown types keep their number.
public struct RRType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
  public let rawValue: UInt16
  public init(rawValue: UInt16) { self.rawValue = rawValue }

  public static let a = RRType(rawValue: 1)
  public static let ns = RRType(rawValue: 2)
  public static let cname = RRType(rawValue: 5)
  public static let soa = RRType(rawValue: 6)
  public static let ptr = RRType(rawValue: 12)
  public static let mx = RRType(rawValue: 15)
  public static let txt = RRType(rawValue: 16)
  public static let aaaa = RRType(rawValue: 28)
  public static let spf = RRType(rawValue: 99)
  public static let caa = RRType(rawValue: 257)

  public static let srv = RRType(rawValue: 33)

  // DNSSEC (RFC 4034) and DANE (RFC 6698).
  public static let ds = RRType(rawValue: 43)
  public static let rrsig = RRType(rawValue: 46)
  public static let nsec = RRType(rawValue: 47)
  public static let dnskey = RRType(rawValue: 48)
  public static let nsec3 = RRType(rawValue: 50)
  public static let tlsa = RRType(rawValue: 52)

  /// Every mnemonic Knot 3.2's zone parser knows, by number.
  static let mnemonics: [UInt16: String] = [
    1: "A", 2: "NS", 5: "CNAME", 6: "SOA", 12: "PTR", 13: "HINFO", 14: "MINFO", 15: "MX",
    16: "TXT", 17: "RP", 18: "AFSDB", 21: "RT", 25: "KEY", 28: "AAAA", 29: "LOC", 33: "SRV",
    35: "NAPTR", 36: "KX", 37: "CERT", 39: "DNAME", 42: "APL", 43: "DS", 44: "SSHFP",
    45: "IPSECKEY", 46: "RRSIG", 47: "NSEC", 48: "DNSKEY", 49: "DHCID", 50: "NSEC3",
    51: "NSEC3PARAM", 52: "TLSA", 53: "SMIMEA", 59: "CDS", 60: "CDNSKEY", 61: "OPENPGPKEY",
    62: "CSYNC", 63: "ZONEMD", 64: "SVCB", 65: "HTTPS", 99: "SPF", 104: "NID", 105: "L32",
    106: "L64", 107: "LP", 108: "EUI48", 109: "EUI64", 256: "URI", 257: "CAA",
  ]

  private static let numbers: [String: UInt16] = Dictionary(
    uniqueKeysWithValues: mnemonics.map { ($0.value, $0.key) })

  /// `TXT`, `A`, … or RFC 3597's `TYPE123` for types without a mnemonic here.
  public var mnemonic: String { Self.mnemonics[rawValue] ?? "TYPE\(rawValue)" }
  public var description: String { mnemonic }

  /// Parses `TXT`, `txt` or `TYPE16` (RFC 3597 §5: `TYPE` and decimal digits).
  public init?(mnemonic: String) {
    guard mnemonic.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
    let upper = mnemonic.uppercased()
    if let number = Self.numbers[upper] {
      self.init(rawValue: number)
    } else if upper.hasPrefix("TYPE"), upper.count > 4,
      upper.utf8.dropFirst(4).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
      let number = UInt16(upper.dropFirst(4))
    {
      self.init(rawValue: number)
    } else {
      return nil
    }
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let type = RRType(mnemonic: text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "unknown record type '\(text)'")
    }
    self = type
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(mnemonic)
  }
}
