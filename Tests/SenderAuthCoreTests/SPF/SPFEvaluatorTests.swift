import DNSLookup
import Foundation
import SenderAuthCore
import Testing

/// `check_host()` on small zones: results, limits, explanations, HELO, DNS failures.
@Suite("SPF evaluator")
struct SPFEvaluatorTests {
  static let zone = """
    $TTL 300
    @         IN TXT  "v=spf1 a mx include:_spf.example.com -all exp=_exp.example.com"
    @         IN A    192.0.2.10
    @         IN MX   10 mail.example.com.
    mail      IN A    192.0.2.25
    mail      IN AAAA 2001:db8::25
    _spf      IN TXT  "v=spf1 ip4:198.51.100.0/24 ip6:2001:db8:1::/48 ~all"
    _exp      IN TXT  "%{i} is not one of %{d}'s designated mail servers"
    helo      IN TXT  "v=spf1 a -all"
    helo      IN A    192.0.2.99
    broken    IN TXT  "v=spf1 include:_gone.example.com -all"
    twice     IN TXT  "v=spf1 -all"
    twice     IN TXT  "v=spf1 +all"
    slow      IN TXT  "v=spf1 a:timeout.example.com -all"
    """

  func evaluate(_ ip: String, sender: String, helo: String = "mail.example.com") async throws
    -> SPFEvaluation
  {
    let resolver = Failing(zones: try spfZone(Self.zone), failing: ["timeout.example.com"])
    let evaluator = SPFEvaluator(resolver: resolver, defaultExplanation: "DEFAULT")
    return await evaluator.evaluate(
      ip: try #require(IPAddress(ip)), sender: sender, helo: helo)
  }

  @Test(
    "results and the term that matched",
    arguments: [
      ("192.0.2.10", "pass", "a"), ("192.0.2.25", "pass", "mx"), ("2001:db8::25", "pass", "mx"),
      ("198.51.100.7", "pass", "include:_spf.example.com"),
      (
        "2001:db8:1::9", "pass",
        "include:_spf.example.com"
      ),
      ("203.0.113.1", "fail", "-all"), ("::ffff:192.0.2.10", "pass", "a"),
    ])
  func results(_ ip: String, _ result: String, _ term: String) async throws {
    let evaluation = try await evaluate(ip, sender: "news@example.com")
    #expect(evaluation.result.rawValue == result)
    #expect(evaluation.matchedTerm == term)
  }

  @Test("a fail carries the expanded exp= text; the trace shows every term tried")
  func explanation() async throws {
    let evaluation = try await evaluate("203.0.113.1", sender: "news@example.com")
    #expect(
      evaluation.explanation == "203.0.113.1 is not one of example.com's designated mail servers")
    #expect(evaluation.lookups == 3)
    let tried = evaluation.trace.filter { $0.depth == 0 && $0.outcome != "record" }.map(\.term)
    #expect(tried == ["a", "mx", "include:_spf.example.com", "-all"])
    #expect(
      evaluation.trace.contains { $0.depth == 1 && $0.term == "~all" && $0.outcome == "match" })
  }

  @Test("an empty sender checks the HELO identity (postmaster@helo)")
  func heloIdentity() async throws {
    let evaluation = try await evaluate("192.0.2.99", sender: "", helo: "helo.example.com")
    #expect(evaluation.identity == "helo")
    #expect(evaluation.sender == "postmaster@helo.example.com")
    #expect(evaluation.result == .pass)
  }

  @Test(
    "none, permerror and temperror",
    arguments: [
      ("x@nothing.example.com", "none"), ("x@broken.example.com", "permerror"),
      ("x@twice.example.com", "permerror"), ("x@slow.example.com", "temperror"),
      ("x@[192.0.2.1]", "none"), ("x@localhost", "none"),
    ])
  func errors(_ sender: String, _ result: String) async throws {
    let evaluation = try await evaluate("203.0.113.1", sender: sender)
    #expect(evaluation.result.rawValue == result, "\(evaluation.reason ?? "")")
    if result != "none" { #expect(evaluation.reason != nil) }
  }

  @Test("the 10-lookup limit is counted through includes and stops evaluation")
  func lookupLimit() async throws {
    var zone = "$TTL 300\n@ IN TXT \"v=spf1 include:_a.example.com ip4:192.0.2.1 -all\"\n"
    zone += "_a IN TXT \"v=spf1 " + String(repeating: "a ", count: 10) + "\"\n_a IN A 192.0.2.200\n"
    let evaluator = SPFEvaluator(resolver: try spfZone(zone))
    let evaluation = await evaluator.evaluate(
      ip: try #require(IPAddress("192.0.2.1")), sender: "x@example.com", helo: "h")
    #expect(evaluation.result == .permerror)
    #expect(evaluation.lookups == 11)
  }

  @Test("a check that runs out of time ends in temperror")
  func timeLimit() async throws {
    let zone = "$TTL 300\n@ IN TXT \"v=spf1 a:x1.example.com a:x2.example.com -all\"\n"
    let slow = InFlightCounter(wrapping: try spfZone(zone))
    let evaluator = SPFEvaluator(resolver: slow, limits: SPFLimits(seconds: 0.01))
    let evaluation = await evaluator.evaluate(
      ip: try #require(IPAddress("192.0.2.1")), sender: "x@example.com", helo: "h")
    #expect(evaluation.result == .temperror)
    #expect(evaluation.reason?.contains("longer than") == true)
  }

  @Test("a bad IP form or sender never traps")
  func odd() async throws {
    let evaluation = try await evaluate("203.0.113.1", sender: "@@@")
    #expect(evaluation.result == .none)
  }

  /// Every test of the suite's 'Processing limits' scenario, through the zone files made from
  /// it (`Fixtures/spf/suite-processing-limits*.zone`) and `ZoneResolver`, as the CLI runs it.
  @Test(
    "suite scenario as zone files gives the suite's results",
    .enabled(if: SPFConformanceTests.suiteAvailable, "../shared/conformance/spf is absent"))
  func suiteScenarioZones() async throws {
    let resolver = try ZoneResolver(zones: [
      try ZoneFile.load(path: fixturePath("suite-processing-limits")),
      try ZoneFile.load(path: fixturePath("suite-processing-limits-reverse")),
    ])
    let cases = SPFConformanceTests.cases.filter { $0.scenario == "Processing limits" }
    #expect(cases.count == 11)
    for test in cases {
      let evaluator = SPFEvaluator(resolver: resolver)
      let evaluation = await evaluator.evaluate(
        ip: try #require(IPAddress(test.host)), sender: test.mailfrom, helo: test.helo)
      #expect(test.results.contains(evaluation.result.rawValue), "\(test.name)")
    }
  }

  func fixturePath(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/spf/\(name).zone").path
  }
}

/// Answers from `zones`, with a timeout for the names in `failing`.
struct Failing: DNSResolver {
  var zones: ZoneResolver
  var failing: Set<String>
  func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
    if failing.contains(name.text) { throw .timeout(server: "test") }
    return try await zones.query(name, type)
  }
}
