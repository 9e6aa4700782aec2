import Testing

@testable import DNSLookup

/// A negative answer's time to live is the lesser of its SOA's TTL and MINIMUM (RFC 2308 §5).
/// The reader unpacks the SOA's two names without making names of them, with the checks name
/// expansion makes: names compressed or not give the numbers, and names or numbers that do not
/// fit the RDATA, and pointers outside the message or to themselves, a malformed answer.
@Suite struct WireNegativeAnswerTests {
  /// An NXDOMAIN reply to `d1.test TXT` whose authority section is one SOA record of
  /// `ttl` with RDATA `rdata`.
  static func nxdomain(soaTTL ttl: UInt32, rdata: [UInt8]) -> [UInt8] {
    var message: [UInt8] = [0x12, 0x34, 0x85, 0x83, 0, 1, 0, 0, 0, 1, 0, 0]
    message += WireOwnerTests.wire("d1.test") + [0, 16, 0, 1]
    let ttlOctets = (0..<4).map { UInt8(truncatingIfNeeded: ttl >> (24 - 8 * $0)) }
    message += [0xc0, 15]  // "test", inside the question's name
    message += [0, 6, 0, 1] + ttlOctets + [UInt8(rdata.count >> 8), UInt8(rdata.count & 0xff)]
    return message + rdata
  }

  /// SOA numbers: serial, refresh, retry, expire, minimum.
  static func numbers(minimum: UInt32) -> [UInt8] {
    [1, 3600, 600, 86400, minimum].flatMap { (value: UInt32) in
      (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
    }
  }

  static func parse(_ message: [UInt8]) throws(DNSError) -> DNSAnswer {
    let name = try! DomainName("d1.test")
    return try message.withUnsafeBufferPointer { buffer throws(DNSError) in
      try WireFormat.parse(
        buffer.baseAddress!, length: buffer.count, name: name, type: .txt, server: "test")
    }
  }

  @Test func theLesserOfTTLAndMinimumWithNamesCompressedOrNot() throws {
    let plain = WireOwnerTests.wire("ns.test") + WireOwnerTests.wire("hostmaster.test")
    let compressed = [2] + Array("ns".utf8) + [0xc0, 15] + [0xc0, 15]
    for names in [plain, compressed] {
      let short = try Self.parse(
        Self.nxdomain(soaTTL: 60, rdata: names + Self.numbers(minimum: 300)))
      #expect(short.status == .nxdomain)
      #expect(short.negativeTTL == 60)
      let long = try Self.parse(
        Self.nxdomain(soaTTL: 3600, rdata: names + Self.numbers(minimum: 300)))
      #expect(long.negativeTTL == 300)
    }
  }

  @Test func anSOAThatDoesNotFitItsRDATAIsMalformed() {
    let names = WireOwnerTests.wire("ns.test") + WireOwnerTests.wire("hostmaster.test")
    let cases: [([UInt8], String)] = [
      (names + Self.numbers(minimum: 300).dropLast(), "wrong length of the SOA numbers"),
      (names + Self.numbers(minimum: 300) + [0], "wrong length of the SOA numbers"),
      (WireOwnerTests.wire("ns.test"), "missing domain name"),
      ([7] + Array("ns".utf8), "invalid domain name"),  // a label longer than the RDATA
      ([0x80, 1] + Self.numbers(minimum: 300), "invalid domain name"),  // a reserved label type
      ([2] + Array("ns".utf8), "invalid domain name"),  // no root label before the end
      // Compression pointers past the message's end, and to themselves (the RDATA starts at
      // octet 37: header 12, question 13, the SOA's owner, type, class, TTL and length 12).
      ([0xc0, 0xff, 0xc0, 15] + Self.numbers(minimum: 300), "invalid domain name"),
      ([0xc0, 37, 0xc0, 15] + Self.numbers(minimum: 300), "invalid domain name"),
    ]
    for (rdata, reason) in cases {
      #expect(throws: DNSError.malformed("SOA record at 'test.' from test: \(reason)")) {
        try Self.parse(Self.nxdomain(soaTTL: 3600, rdata: rdata))
      }
    }
  }
}
