import Testing

@testable import DNSLookup

/// The wire reader takes an owner spelled octet for octet like the question's name (or the
/// previous record's owner) as that name, and parses every other spelling: names that only
/// start or end like it are other names, and other case is the same name.
@Suite struct WireOwnerTests {
  /// A name in wire form (uncompressed).
  static func wire(_ name: String) -> [UInt8] {
    name.split(separator: ".").flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) } + [0]
  }

  /// A TXT record of one string `value`, owned by `owner` (wire form).
  static func txt(_ owner: [UInt8], _ value: String) -> [UInt8] {
    owner + [0, 16, 0, 1, 0, 0, 1, 44, 0, UInt8(value.utf8.count + 1), UInt8(value.utf8.count)]
      + Array(value.utf8)
  }

  @Test func ownersLikeTheQuestionAreItAndOthersAreParsed() throws {
    let owners: [([UInt8], String)] = [
      ([0xc0, 12], "pointer"),  // the question's name, compressed
      (Self.wire("d1.test"), "same"),
      (Self.wire("D1.TEST"), "upper"),
      (Self.wire("d1.testx"), "longer"),
      (Self.wire("d1.tes"), "shorter"),
      (Self.wire("x.d1.test"), "below"),
      (Self.wire("d1.test"), "again"),
    ]
    var message: [UInt8] = [0x12, 0x34, 0x85, 0x80, 0, 1, 0, UInt8(owners.count), 0, 0, 0, 0]
    message += Self.wire("d1.test") + [0, 16, 0, 1]
    for (owner, value) in owners { message += Self.txt(owner, value) }
    let name = try DomainName("d1.test")
    let answer = try message.withUnsafeBufferPointer { buffer in
      try WireFormat.parse(
        buffer.baseAddress!, length: buffer.count, name: name, type: .txt, server: "test")
    }
    #expect(answer.status == .answer)
    #expect(answer.records.map(\.name) == Array(repeating: name, count: 4))
    #expect(answer.records.map(\.name.text) == Array(repeating: "d1.test", count: 4))
    #expect(answer.txtJoined == ["pointer", "same", "upper", "again"])
  }
}
