import DNSTestSupport
import Testing

@testable import DNSLookup

/// Queries as `res_nmkquery` composes them from a name's canonical text: the question is the
/// name's own wire form (read from its labels, not by libresolv), whatever octets the labels
/// hold, with the header bits and OPT record the configuration asks for.
@Suite struct QueryCompositionTests {
  @Test func theQuestionIsTheNamesWireForm() throws {
    var random = SeededRandom(seed: 0x9e7_0001)
    let alphabet = Array("a.\\0B9;_- ()\"$@".utf8) + [0x00, 0x07, 0x7f, 0xc3, 0xff]
    // Each combination of DO (with AD) and CD, so that each bit shows on its own.
    let states = [(false, false), (true, false), (false, true), (true, true)].map {
      (dnssecOK: $0.0, checkingDisabled: $0.1)
    }
    let composers = try states.map {
      try ResolverState(dnssecOK: $0.dnssecOK, checkingDisabled: $0.checkingDisabled)
    }
    for round in 0..<2_000 {
      let labels = (0..<random.below(5)).map { _ in
        (0..<(1 + random.below(round % 50 == 0 ? 63 : 6))).map { _ in random.pick(alphabet) }
      }
      // Longer than 255 octets in all: no name, nothing to ask.
      guard let name = try? DomainName(labelOctets: labels) else { continue }
      let type = random.pick([RRType.txt, .a, .mx, .cname, RRType(rawValue: 65_280)])
      let edns = random.chance(70)
      let which = random.below(states.count)
      let (dnssecOK, checkingDisabled) = states[which]
      let query = try composers[which].makeQuery(name, type, edns: edns)
      let question =
        name.wireFormat + [UInt8(type.rawValue >> 8), UInt8(type.rawValue & 0xff), 0, 1]
      #expect(Array(query[12..<(12 + question.count)]) == question, "\(name) \(type)")
      // QDCOUNT 1, ANCOUNT and NSCOUNT 0, ARCOUNT 1 with EDNS0.
      #expect(Array(query[4..<12]) == [0, 1, 0, 0, 0, 0, 0, edns ? 1 : 0])
      #expect(query[2] & 0x01 == 0x01, "RD")
      #expect(query[3] & 0x20 == (dnssecOK ? 0x20 : 0), "AD")
      #expect(query[3] & 0x10 == (checkingDisabled ? 0x10 : 0), "CD")
      var opt = WireFormat.optRecord
      if dnssecOK { opt[7] |= 0x80 }
      #expect(Array(query[(12 + question.count)...]) == (edns ? opt : []))
    }
    #expect(try composers[0].makeQuery(.root, .ns, edns: false).count == 12 + 1 + 4)
    // The longest name: 255 octets in wire form (three labels of 63, one of 61).
    let longest = try DomainName(
      labelOctets: [[UInt8]](repeating: Array(repeating: 0x2e, count: 63), count: 3)
        + [Array(repeating: 0x5c, count: 61)])
    #expect(longest.wireFormat.count == 255)
    let query = try composers[3].makeQuery(longest, .txt, edns: true)
    #expect(Array(query[12..<(12 + 255)]) == longest.wireFormat)
    #expect(query.count == 12 + 255 + 4 + 11)
  }
}
