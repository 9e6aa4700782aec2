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

  /// The comparison the transport used before: both questions' ends found, then the labels
  /// walked, their length octets compared exactly and their octets folded.
  static func referenceSame(_ query: [UInt8], _ reply: [UInt8]) -> Bool {
    query.withUnsafeBytes { query in
      reply.withUnsafeBytes { reply in
        guard let header = MessageHeader(reply), header.questionCount == 1,
          let queryEnd = MessageHeader.questionEnd(query),
          let replyEnd = MessageHeader.questionEnd(reply), queryEnd == replyEnd
        else { return false }
        func folded(_ octet: UInt8) -> UInt8 {
          (0x41...0x5a).contains(octet) ? octet | 0x20 : octet
        }
        var offset = MessageHeader.length
        while query[offset] != 0 {
          let label = Int(query[offset])
          guard reply[offset] == query[offset] else { return false }
          for index in (offset + 1)...(offset + label)
          where folded(query[index]) != folded(reply[index]) {
            return false
          }
          offset += label + 1
        }
        return (offset..<queryEnd).allSatisfy { query[$0] == reply[$0] }
      }
    }
  }

  /// Fixed seed: 20,000 replies made from queries by changing case, octets (letters' and
  /// length octets' neighbours among them), the question count, the length, or nothing, each
  /// judged as the label-by-label comparison judges it.
  @Test func agreesWithTheLabelByLabelComparison() {
    var random = SeededRandom(seed: 0x5A3E_0001)
    // Octets around the letters and the length octets' range, and some of every kind.
    let octets: [UInt8] = [
      0x2d, 0x30, 0x39, 0x3f, 0x40, 0x41, 0x5a, 0x5b, 0x60, 0x61, 0x7a, 0x7b, 0xc9, 0xe9, 0x00,
      0x3f,
    ]
    let types: [UInt16] = [1, 16, 0x41, 0x61, 0x5a, 0x7a, 0x4161]
    var matched = 0
    for _ in 0..<20_000 {
      var name: [String] = []
      for _ in 0..<random.number(1...4) {
        let label = (0..<random.number(1...12)).map { _ in
          random.chance(70) ? random.pick(Array("abcXYZ-09".utf8)) : random.pick(octets)
        }
        name.append(
          String(
            decoding: label.map {
              $0 == 0x2e || $0 == 0x5c || $0 < 0x21 || $0 > 0x7e ? UInt8(ascii: "q") : $0
            }, as: UTF8.self))
      }
      let query = Self.query(name.joined(separator: ".") + ".", type: random.pick(types))
      var reply = query
      reply[2] |= 0x80
      for _ in 0..<random.number(0...3) where reply.count > MessageHeader.length + 1 {
        let index = random.number(MessageHeader.length...(reply.count - 1))
        switch random.below(6) {
        case 0, 1:
          if (0x41...0x5a).contains(reply[index]) || (0x61...0x7a).contains(reply[index]) {
            reply[index] ^= 0x20
          }
        case 2: reply[index] = random.pick(octets)
        case 3: reply[index] = reply[index] &+ (random.chance(50) ? 1 : 0xff)
        case 4: reply[5] = UInt8(random.below(3))
        default: reply.removeLast(random.number(1...min(6, reply.count - MessageHeader.length)))
        }
      }
      if random.chance(20) { reply += [0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1] }
      let expected = Self.referenceSame(query, reply)
      #expect(Self.same(query, reply) == expected, "query \(query) reply \(reply)")
      if expected { matched += 1 }
    }
    // Both outcomes are well represented.
    #expect(matched > 4_000 && matched < 16_000, "\(matched) of 20,000 matched")
  }
}
