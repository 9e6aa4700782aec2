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

  static let mnemonics: [UInt16: String] = [
    1: "A", 2: "NS", 5: "CNAME", 6: "SOA", 12: "PTR", 13: "HINFO", 15: "MX", 16: "TXT", 17: "RP",
    28: "AAAA", 29: "LOC", 33: "SRV", 35: "NAPTR", 39: "DNAME", 43: "DS", 44: "SSHFP", 46: "RRSIG",
    47: "NSEC", 48: "DNSKEY", 50: "NSEC3", 51: "NSEC3PARAM", 52: "TLSA", 53: "SMIMEA", 59: "CDS",
    60: "CDNSKEY", 61: "OPENPGPKEY", 63: "ZONEMD", 64: "SVCB", 65: "HTTPS", 99: "SPF", 256: "URI",
    257: "CAA",
  ]

  /// `TXT`, `A`, … or RFC 3597's `TYPE123` for types without a mnemonic here.
  public var mnemonic: String { Self.mnemonics[rawValue] ?? "TYPE\(rawValue)" }
  public var description: String { mnemonic }

  /// Parses `TXT`, `txt` or `TYPE16`.
  public init?(mnemonic: String) {
    let upper = mnemonic.uppercased()
    if let match = Self.mnemonics.first(where: { $0.value == upper }) {
      self.init(rawValue: match.key)
    } else if upper.hasPrefix("TYPE"), let number = UInt16(upper.dropFirst(4)) {
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
