import DNSLookup
import Synchronization
import Testing

@testable import SenderAuthCore

/// A resolver that answers every TXT question with one record naming the question, or fails
/// every question, and counts what it was asked.
private final class CountingResolver: DNSResolver, Sendable {
  let fails: Bool
  private let asked = Mutex<[String]>([])

  init(fails: Bool = false) { self.fails = fails }

  var questions: [String] { asked.withLock { $0 } }

  func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
    asked.withLock { $0.append("\(name.text) \(type.mnemonic)") }
    if fails { throw .timeout(server: "test") }
    let record = ResourceRecord(
      name: name, type: type, ttl: 300, data: .txt([Array(name.text.utf8)]))
    return DNSAnswer(name: name, type: type, status: .answer, records: [record], server: "test")
  }
}

/// A resolver that fails every question at once, from inside `start` (as a zone or a cache
/// hit answers), counting them.
private final class FailingAtOnceResolver: DNSResolver, Sendable {
  private let asked = Mutex(0)

  var count: Int { asked.withLock { $0 } }

  func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
    throw .serverFailure(server: "elsewhere")
  }

  func start(_ question: DNSQuestion, for receiver: any DNSQueryReceiver)
    -> (any DNSQueryHandle)?
  {
    asked.withLock { $0 += 1 }
    receiver.receive(.failure(.serverFailure(server: "elsewhere")))
    return nil
  }
}

@Suite struct LookupWalkTests {
  let name = try! DomainName("s1._domainkey.example.com")
  let other = try! DomainName("example.com")

  @Test func walksAskingTheSameQuestionShareIt() async {
    let resolver = CountingResolver()
    let lookups = [
      SingleLookup(name: name, type: .txt, purpose: "DKIM selector 's1'"),
      SingleLookup(name: other, type: .txt, purpose: "SPF record"),
      SingleLookup(name: name, type: .txt, purpose: "ESP record"),
      SingleLookup(name: name, type: .mx, purpose: "ESP record"),
    ]
    let results = await SingleLookup.run(lookups, resolver: resolver)
    // Asked once each: the shared TXT question, the other name, and the other type.
    #expect(
      resolver.questions.sorted() == [
        "example.com TXT", "s1._domainkey.example.com MX", "s1._domainkey.example.com TXT",
      ])
    #expect(results.count == 4)
    #expect(results[0].answer?.records.first?.data == .txt([Array(name.text.utf8)]))
    #expect(results[0] == results[2])
    #expect(results[1].answer?.name == other)
    #expect(results[3].answer?.type == .mx)
  }

  @Test func fourWalksAskingTheSameQuestionShareOneQuery() async {
    // The asker and three sharers (one sharer is kept apart from several).
    let resolver = CountingResolver()
    let lookups = (1...4).map { SingleLookup(name: name, type: .txt, purpose: "walk \($0)") }
    let results = await SingleLookup.run(lookups, resolver: resolver)
    #expect(resolver.questions == ["s1._domainkey.example.com TXT"])
    #expect(results.count == 4)
    #expect(results.allSatisfy { $0 == results[0] && $0.answer?.name == name })
  }

  @Test func aSharedFailureNamesEachWalksPurpose() async {
    let resolver = CountingResolver(fails: true)
    let lookups = [
      SingleLookup(name: name, type: .txt, purpose: "DKIM selector 's1'"),
      SingleLookup(name: name, type: .txt, purpose: "ESP record"),
    ]
    let results = await SingleLookup.run(lookups, resolver: resolver)
    #expect(resolver.questions == ["s1._domainkey.example.com TXT"])
    #expect(results.map { $0.failure?.purpose } == ["DKIM selector 's1'", "ESP record"])
    #expect(results.allSatisfy { $0.failure?.error == .timeout(server: "test") })
  }

  /// The same question at another resolver is neither shared nor takes the sharers of the
  /// walk's own: its failure, here delivered before the walk's answer, reaches only its asker.
  @Test func aQuestionForAnotherResolverIsNotShared() async {
    let resolver = CountingResolver()
    let elsewhere = FailingAtOnceResolver()
    let lookups = [
      SingleLookup(name: name, type: .txt, purpose: "at the server", resolver: elsewhere),
      SingleLookup(name: name, type: .txt, purpose: "DKIM selector 's1'"),
      SingleLookup(name: name, type: .txt, purpose: "ESP record"),
    ]
    let results = await SingleLookup.run(lookups, resolver: resolver)
    #expect(resolver.questions == ["s1._domainkey.example.com TXT"])
    #expect(elsewhere.count == 1)
    #expect(results.count == 3)
    #expect(results[0].failure?.error == .serverFailure(server: "elsewhere"))
    #expect(results[1].answer?.status == .answer)
    #expect(results[2] == results[1])
  }

  /// The engine's round shares each DKIM selector's TXT question between its key probe and
  /// the ESP probe of the same name: one question each.
  @Test func theEngineAsksEachQuestionOnce() async throws {
    let resolver = CountingResolver(fails: true)
    var engine = Engine(resolver: resolver)
    engine.espProbes = ESPProbePlan([ESPProbe(label: "s1._domainkey", types: [.txt])])
    _ = await engine.fetch(other, options: CheckOptions())
    let selector = resolver.questions.filter { $0 == "s1._domainkey.example.com TXT" }
    #expect(selector.count == 1)
  }
}
