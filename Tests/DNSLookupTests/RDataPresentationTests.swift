import DNSTestSupport
import Testing

@testable import DNSLookup

/// TXT data in presentation form, as dig and zone files write it (RFC 1035 §5.1): checked
/// against kdig for the fixtures (`KdigComparisonTests`), and here for every octet.
@Suite struct RDataPresentationTests {
  /// The form spelled out: printable ASCII as is, `"` and `\` escaped, any other octet `\DDD`.
  static func expected(_ bytes: [UInt8]) -> String {
    "\""
      + bytes.map { byte -> String in
        switch byte {
        case UInt8(ascii: "\""): "\\\""
        case UInt8(ascii: "\\"): "\\\\"
        case 0x20..<0x7f: String(UnicodeScalar(byte))
        default: "\\" + String(1000 + Int(byte)).dropFirst()
        }
      }.joined() + "\""
  }

  @Test func everyOctetIsQuotedOrEscaped() {
    let all = (0...255).map(UInt8.init)
    #expect(RData.quoted(all) == Self.expected(all))
    #expect(RData.quoted([]) == "\"\"")
    #expect(RData.quoted([0x07, 0x41]) == "\"\\007A\"")
  }

  @Test func stringsAreJoinedWithOneSpace() {
    let strings: [[UInt8]] = [Array("v=spf1 \"x\"".utf8), [], [0xc3, 0xa9]]
    #expect(RData.txt(strings).presentation == strings.map(Self.expected).joined(separator: " "))
    #expect(RData.txt(strings).presentation == #""v=spf1 \"x\"" "" "\195\169""#)
  }

  /// A record's character-strings joined and decoded as one string, ill-formed UTF-8 repaired
  /// (a sequence split across strings is whole again), as `String(decoding:)` of the joined
  /// octets gives it.
  @Test func joinedTextDecodesTheJoinedOctets() {
    var random = SeededRandom(seed: 0x7e47_0001)
    let pieces: [[UInt8]] = [
      Array("v=spf1 ".utf8), [0xc3], [0xa9], [0xe2, 0x82], [0xac], [0xff], [0x80], [], [0],
      Array("é€😀".utf8),
    ]
    for _ in 0..<2_000 {
      let strings = (0..<random.below(5)).map { _ in
        (0..<random.below(4)).flatMap { _ in random.pick(pieces) }
      }
      #expect(RData.txt(strings).joinedText == String(decoding: strings.joined(), as: UTF8.self))
    }
    #expect(RData.a(.v4([192, 0, 2, 1])).joinedText == nil)
  }
}
