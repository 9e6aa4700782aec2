import DNSLookup

/// A DS record (RFC 4034 §5.1): key tag, algorithm, digest type, digest.
public struct DSRecord: Hashable, Sendable {
  public var keyTag: UInt16
  public var algorithm: UInt8
  public var digestType: UInt8
  public var digest: [UInt8]

  public init(keyTag: UInt16, algorithm: UInt8, digestType: UInt8, digest: [UInt8]) {
    self.keyTag = keyTag
    self.algorithm = algorithm
    self.digestType = digestType
    self.digest = digest
  }

  /// Reads RFC 4034 §5.1 wire RDATA; nil when it is too short.
  public init?(rdata: [UInt8]) {
    guard rdata.count > 4 else { return nil }
    self.init(
      keyTag: UInt16(rdata[0]) << 8 | UInt16(rdata[1]), algorithm: rdata[2],
      digestType: rdata[3], digest: Array(rdata[4...]))
  }

  /// `12345 13 2 ABCDEF…`, as zone files and registrars write it.
  public var presentation: String {
    "\(keyTag) \(algorithm) \(digestType) "
      + digest.map { byte in
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
      }.joined()
  }
}

/// A DNSKEY record (RFC 4034 §2.1).
public struct DNSKEYRecord: Hashable, Sendable {
  public var flags: UInt16
  public var algorithm: UInt8
  /// The whole RDATA, which the key tag and DS digests are computed over.
  public var rdata: [UInt8]

  public init?(rdata: [UInt8]) {
    guard rdata.count > 4 else { return nil }
    flags = UInt16(rdata[0]) << 8 | UInt16(rdata[1])
    algorithm = rdata[3]
    self.rdata = rdata
  }

  /// RFC 4034 §2.1.1: bit 7 (0x0100), a zone key.
  public var isZoneKey: Bool { flags & 0x0100 != 0 }
  /// RFC 4034 §2.1.1: bit 15 (0x0001), a key signing key the parent's DS should point at.
  public var isSecureEntryPoint: Bool { flags & 0x0001 != 0 }

  /// RFC 4034 Appendix B: the key tag DS and RRSIG records name this key by.
  public var keyTag: UInt16 {
    if algorithm == 1, rdata.count >= 4 {
      // Appendix B.1: RSA/MD5 uses the key's last 24 bits but 8.
      return UInt16(rdata[rdata.count - 3]) << 8 | UInt16(rdata[rdata.count - 2])
    }
    var sum: UInt32 = 0
    for (index, byte) in rdata.enumerated() {
      sum += index % 2 == 0 ? UInt32(byte) << 8 : UInt32(byte)
    }
    sum += (sum >> 16) & 0xFFFF
    return UInt16(truncatingIfNeeded: sum & 0xFFFF)
  }

  /// RFC 4509 §2.1: the SHA-256 DS record for this key at `owner`.
  public func ds(owner: DomainName) -> DSRecord {
    DSRecord(
      keyTag: keyTag, algorithm: algorithm, digestType: 2,
      digest: SHA256.hash(owner.wireFormat + rdata))
  }
}

/// The fields of an RRSIG record (RFC 4034 §3.1) the checks read.
public struct RRSIGRecord: Hashable, Sendable {
  public var typeCovered: RRType
  public var algorithm: UInt8
  /// Seconds since 1970 (RFC 4034 §3.1.5; serial-number arithmetic is not needed before 2106).
  public var expiration: UInt32
  public var inception: UInt32
  public var keyTag: UInt16

  public init?(rdata: [UInt8]) {
    guard rdata.count >= 18 else { return nil }
    func word(_ at: Int) -> UInt32 {
      rdata[at..<(at + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }
    typeCovered = RRType(rawValue: UInt16(rdata[0]) << 8 | UInt16(rdata[1]))
    algorithm = rdata[2]
    expiration = word(8)
    inception = word(12)
    keyTag = UInt16(rdata[16]) << 8 | UInt16(rdata[17])
  }
}

extension DNSAnswer {
  /// The raw RDATA of the records of `type` (DNSSEC types arrive as RFC 3597 data).
  func rdata(of type: RRType) -> [[UInt8]] {
    records.filter { $0.type == type }.compactMap {
      if case .unknown(let bytes) = $0.data { bytes } else { nil }
    }
  }

  public var dsRecords: [DSRecord] { rdata(of: .ds).compactMap(DSRecord.init(rdata:)) }
  public var dnskeyRecords: [DNSKEYRecord] {
    rdata(of: .dnskey).compactMap(DNSKEYRecord.init(rdata:))
  }
  public var rrsigRecords: [RRSIGRecord] {
    rdata(of: .rrsig).compactMap(RRSIGRecord.init(rdata:))
  }
}
