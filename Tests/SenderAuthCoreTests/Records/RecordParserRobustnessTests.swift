import DNSLookup
import DNSTestSupport
import Testing

@testable import SenderAuthCore

/// Hostile input never traps the record parsers: fixed-seed mutations of valid records,
/// policies, SVGs and certificates are parsed to completion.
@Suite struct RecordParserRobustnessTests {
  static func mutations(of text: String, count: Int, seed: UInt64) -> [[UInt8]] {
    var generator = SeededRandom(seed: seed)
    let base = Array(text.utf8)
    let alphabet = Array("=;:,.*<>/\"' \t\r\n-_aZ9\u{0}\u{7f}é".utf8) + [0xff, 0xc3]
    return (0..<count).map { _ in
      var bytes = base
      for _ in 0..<Int.random(in: 1...8, using: &generator) {
        let position = Int.random(in: 0...bytes.count, using: &generator)
        switch Int.random(in: 0..<3, using: &generator) {
        case 0 where position < bytes.count: bytes.remove(at: position)
        case 1: bytes.insert(alphabet.randomElement(using: &generator) ?? 0, at: position)
        default:
          if position < bytes.count {
            bytes[position] = UInt8.random(in: 0...255, using: &generator)
          }
        }
      }
      return bytes
    }
  }

  @Test func recordsAndPoliciesSurviveMutations() throws {
    let owner = try DomainName("_mta-sts.example.com")
    let inputs = [
      "v=STSv1; id=20260101;", "v=TLSRPTv1; rua=mailto:a@example.com,https://r.example/x",
      "v=BIMI1; l=https://example.com/l.svg; a=https://example.com/a.pem",
    ]
    for (index, input) in inputs.enumerated() {
      for bytes in Self.mutations(of: input, count: 400, seed: UInt64(index)) {
        let text = String(decoding: bytes, as: UTF8.self)
        let record = ResourceRecord(name: owner, type: .txt, ttl: 1, data: .txt([bytes]))
        _ = MTASTSRecord(record: record, text: text).isValid
        _ = TLSRPTRecord(record: record, text: text).isValid
        _ = BIMIRecord(record: record, text: text).isDeclination
        _ = HTTPSURL(text)
      }
    }
    let policy = "version: STSv1\r\nmode: enforce\r\nmx: *.example.com\r\nmax_age: 86400\r\n"
    for bytes in Self.mutations(of: policy, count: 400, seed: 9) {
      let parsed = MTASTSPolicy(text: String(decoding: bytes, as: UTF8.self))
      _ = parsed.patterns(matching: try DomainName("mx.example.com"))
    }
  }

  @Test func svgsAndCertificatesSurviveMutations() throws {
    for bytes in Self.mutations(of: BIMIContentTests.good, count: 1000, seed: 3) {
      _ = SVGTinyPSCheck(bytes).problems
    }
    let mark = try BIMIContentTests.makeMark().pem
    for bytes in Self.mutations(of: mark, count: 300, seed: 4) {
      _ = try? MarkCertificate.chain(pem: String(decoding: bytes, as: UTF8.self))
    }
  }
}
