import DNSTestSupport
import Testing

@testable import DNSLookup

/// What the transport reads of a datagram before it accepts it as an answer.
@Suite struct MessageHeaderTests {
  static func query(_ name: String, type: UInt16) -> [UInt8] {
    LoopbackSocket.query(id: 0x1234, name: name, type: type)
  }

  static func same(_ query: [UInt8], _ reply: [UInt8]) -> Bool {
    query.withUnsafeBytes { query in
      reply.withUnsafeBytes { MessageHeader.sameQuestion(query, $0) }
    }
  }

  @Test func readsTheHeaderFields() throws {
    var reply = try #require(DNSMessage.reply(to: Self.query("example.test.", type: 16), rcode: 3))
    reply[2] |= 0x02
    let header = try #require(reply.withUnsafeBytes { MessageHeader($0) })
    #expect(header.id == 0x1234)
    #expect(header.isResponse && header.isTruncated)
    #expect(header.opcode == 0 && header.rcode == 3 && header.questionCount == 1)
    // RA (recursion available) is the high bit of the fourth octet, next to the rcode.
    #expect(!header.recursionAvailable)
    reply[3] |= 0x80
    let recursive = try #require(reply.withUnsafeBytes { MessageHeader($0) })
    #expect(recursive.recursionAvailable && recursive.rcode == 3)
    #expect([UInt8](repeating: 0, count: 11).withUnsafeBytes { MessageHeader($0) } == nil)
  }

  @Test func namesMatchIgnoringASCIICaseOnly() throws {
    let query = Self.query("example.test.", type: 16)
    let upper = try #require(DNSMessage.reply(to: query, rcode: 0, question: ("EXAMPLE.Test", 16)))
    #expect(Self.same(query, upper))
    // 0xC9 and 0xE9 (É and é in Latin-1) differ: only A-Z fold (RFC 4343).
    let latin = Self.query("\u{e9}.test.", type: 16)
    var folded = latin
    folded[13] = 0xc9
    #expect(!Self.same(latin, try #require(DNSMessage.reply(to: folded, rcode: 0))))
  }

  @Test(arguments: [
    ("example.tesu", UInt16(16)), ("example.test.x", 16), ("example", 16), ("example.test", 1),
  ])
  func anotherQuestionDoesNotMatch(name: String, type: UInt16) throws {
    let query = Self.query("example.test.", type: 16)
    let reply = try #require(DNSMessage.reply(to: query, rcode: 0, question: (name, type)))
    #expect(!Self.same(query, reply))
  }

  @Test func typeAndClassOctetsAreNotCaseFolded() throws {
    // TYPE 0x0041 and 0x0061 would be equal if every octet were folded like a letter.
    let query = Self.query("example.test.", type: 0x41)
    let reply = try #require(
      DNSMessage.reply(to: query, rcode: 0, question: ("example.test", 0x61)))
    #expect(!Self.same(query, reply))
  }

  @Test func compressedOrCutQuestionsHaveNoEnd() {
    let pointer: [UInt8] = Array(repeating: 0, count: 12) + [0xc0, 0x0c, 0, 16, 0, 1]
    #expect(pointer.withUnsafeBytes { MessageHeader.questionEnd($0) } == nil)
    let cut: [UInt8] = Array(repeating: 0, count: 12) + [7] + Array("example".utf8) + [0, 0, 16]
    #expect(cut.withUnsafeBytes { MessageHeader.questionEnd($0) } == nil)
    // Five labels of 63 octets: 320 octets, past the 255 a name may have.
    let label: [UInt8] = [63] + Array(repeating: 0x61, count: 63)
    let long: [UInt8] =
      Array(repeating: 0, count: 12) + Array(Array(repeating: label, count: 5).joined())
      + [0, 0, 16, 0, 1]
    #expect(long.withUnsafeBytes { MessageHeader.questionEnd($0) } == nil)
  }
}
