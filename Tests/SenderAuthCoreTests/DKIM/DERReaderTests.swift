import SenderAuthCore
import Testing

@Suite struct DERReaderTests {
  @Test func readsSequenceIntegerNullAndOID() throws {
    // SEQUENCE { OID 1.2.840.113549.1.1.1, NULL }, INTEGER 0x00ff
    let bytes: [UInt8] = [
      0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
      0x02, 0x02, 0x00, 0xff,
    ]
    var reader = DERReader(bytes)
    var sequence = try reader.readSequence()
    #expect(try sequence.readObjectIdentifier() == "1.2.840.113549.1.1.1")
    try sequence.readNull()
    try sequence.expectEnd()
    #expect(Array(try reader.readInteger()) == [0x00, 0xff])
    #expect(reader.isAtEnd)
  }

  @Test func readsLongFormLength() throws {
    let content = [UInt8](repeating: 0x41, count: 200)
    var reader = DERReader([0x03, 0x81, 201, 0x00] + content)
    #expect(Array(try reader.readBitString()) == content)
  }

  @Test(
    arguments: [
      ([0x30], "truncated"),
      ([0x30, 0x05, 0x02, 0x01], "truncated"),
      ([0x30, 0x80, 0x00, 0x00], "badLength"),
      ([0x30, 0x85, 1, 1, 1, 1, 1], "badLength"),
      ([0x30, 0x81, 0x05, 0, 0, 0, 0, 0], "badLength"),
      ([0x30, 0x82, 0x00, 0x05, 0, 0, 0, 0, 0], "badLength"),
      ([0x1f, 0x01, 0x00], "unsupportedTag"),
      ([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff], "truncated"),
    ] as [([UInt8], String)])
  func rejectsBrokenElements(bytes: [UInt8], kind: String) {
    var reader = DERReader(bytes)
    #expect(throws: DERReader.DERError.self) { try reader.readElement() }
    var again = DERReader(bytes)
    do {
      _ = try again.readElement()
    } catch {
      #expect("\(error)".hasPrefix(kind), "\(error)")
    }
  }

  @Test func rejectsNonMinimalAndEmptyIntegers() {
    var padded = DERReader([0x02, 0x02, 0x00, 0x7f])
    #expect(throws: DERReader.DERError.self) { try padded.readInteger() }
    var empty = DERReader([0x02, 0x00])
    #expect(throws: DERReader.DERError.self) { try empty.readInteger() }
  }

  @Test func rejectsUnexpectedTagAndTrailingData() {
    var reader = DERReader([0x02, 0x01, 0x05])
    #expect(throws: DERReader.DERError.unexpectedTag(offset: 0, expected: 0x30, found: 0x02)) {
      try reader.readSequence()
    }
    var trailing = DERReader([0x05, 0x00, 0x00])
    #expect(throws: DERReader.DERError.trailingData(offset: 2)) {
      try trailing.readNull()
      try trailing.expectEnd()
    }
  }

  @Test func neverTrapsOnArbitraryBytes() {
    var state: UInt64 = 0x2545_f491_4f6c_dd1d
    for _ in 0..<5000 {
      var bytes: [UInt8] = []
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let count = Int(state >> 58)
      for _ in 0..<count {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        bytes.append(UInt8(truncatingIfNeeded: state >> 33))
      }
      if !bytes.isEmpty { bytes[0] = [0x30, 0x02, 0x03, 0x06][Int(state >> 62)] }
      var reader = DERReader(bytes)
      _ = try? reader.readSequence()
      var integers = DERReader(bytes)
      _ = try? integers.readInteger()
      var oid = DERReader(bytes)
      _ = try? oid.readObjectIdentifier()
      _ = DKIMKey.decode(octets: bytes, declared: .rsa)
    }
  }
}
