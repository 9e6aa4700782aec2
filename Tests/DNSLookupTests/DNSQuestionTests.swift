import DNSTestSupport
import Testing

@testable import DNSLookup

/// A question as a dictionary key: its own placement (`_rawHashValue(seed:)`) must agree with
/// equality and spread questions over a table's buckets as well as the default does.
@Suite struct DNSQuestionTests {
  static let types: [RRType] = [.txt, .mx, .a, .aaaa, .cname]

  /// Fixed seed: 4,000 names (upper case among them), each with a few types.
  static func questions() throws -> [DNSQuestion] {
    var random = SeededRandom(seed: 0xD45_0001)
    var questions: [DNSQuestion] = []
    for index in 0..<4_000 {
      let label = random.pick(["s1._domainkey", "_dmarc", "", "mta-sts", "_spf"])
      let name = "\(label.isEmpty ? "" : label + ".")D\(index).Example.test"
      questions.append(DNSQuestion(name: try DomainName(name), type: random.pick(Self.types)))
    }
    return questions
  }

  @Test func equalQuestionsAreFoundUnderAnyCaseAndSeed() throws {
    let questions = try Self.questions()
    for question in questions.prefix(500) {
      let lower = DNSQuestion(
        name: try DomainName(question.name.text.lowercased()), type: question.type)
      #expect(lower == question)
      for seed in [0, 1, -1, 0x5eed, Int.max] {
        #expect(lower._rawHashValue(seed: seed) == question._rawHashValue(seed: seed))
      }
    }
    // A dictionary holds each question once and finds it again, with a second type apart.
    var table: [DNSQuestion: Int] = [:]
    for (index, question) in questions.enumerated() where table[question] == nil {
      table[question] = index
    }
    for question in questions {
      #expect(table[question] != nil)
      let other = DNSQuestion(name: question.name, type: question.type == .txt ? .mx : .txt)
      if let found = table[other] { #expect(questions[found] == other) }
    }
  }

  /// The low bits a table of 4,096 buckets uses: with any seed no bucket holds more than a
  /// handful of 4,000 questions (a uniform spread puts at most about 8 in one), and two seeds
  /// place them differently.
  @Test func questionsSpreadOverTheBuckets() throws {
    let questions = try Self.questions()
    var placements: [[Int]] = []
    for seed in [0, 0x1234_5678, -42] {
      var buckets = [Int](repeating: 0, count: 4_096)
      let placed = questions.map { $0._rawHashValue(seed: seed) & 4_095 }
      for bucket in placed { buckets[bucket] += 1 }
      #expect(buckets.max()! <= 10, "seed \(seed): \(buckets.max()!) in one bucket")
      #expect(buckets.filter { $0 == 0 }.count < 1_700, "seed \(seed): too many empty buckets")
      placements.append(placed)
    }
    #expect(placements[0] != placements[1] && placements[1] != placements[2])
  }

  /// Query ids (`QueryID`) are placed the same way: 4,096 ids drawn at random, as a socket
  /// holds at most, spread over a table of 8,192 buckets under three seeds.
  @Test func queryIDsSpreadOverTheBuckets() {
    var random = SeededRandom(seed: 0x1D5_0001)
    let ids = (0..<4_096).map { _ in QueryID(UInt16(truncatingIfNeeded: random.next())) }
    for seed in [0, 0x1234_5678, -42] {
      var buckets = [Int](repeating: 0, count: 8_192)
      for id in ids { buckets[id._rawHashValue(seed: seed) & 8_191] += 1 }
      #expect(buckets.max()! <= 8, "seed \(seed): \(buckets.max()!) in one bucket")
      #expect(QueryID(7)._rawHashValue(seed: seed) == QueryID(7)._rawHashValue(seed: seed))
    }
    var table: [QueryID: Int] = [:]
    for (index, id) in ids.enumerated() { table[id] = index }
    #expect(ids.allSatisfy { table[$0] != nil })
  }
}
