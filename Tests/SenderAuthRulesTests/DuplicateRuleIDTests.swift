import DNSLookup
import SenderAuthCore
import SenderAuthRules
import Testing

/// Two rules with one id (the catalog never has them; an evaluator made of other rules may):
/// the id's verdict is the last of them that ran, and the rule a profile shows is the first, as
/// when the verdicts were a dictionary keyed by id.
@Suite struct DuplicateRuleIDTests {
  /// A rule that concludes `verdict`, in the guise of the catalog's first error-level rule the
  /// `rfc` profile requires.
  struct Fixed: Rule {
    static let borrowed = RuleCatalog.all.first {
      $0.id.hasPrefix("spf.") && $0.description.severity == .error
    }!

    let description = Fixed.borrowed.description
    let verdict: Verdict
    var checkable = true

    func check(_ context: DomainContext) -> [Finding] { verdict.findings }
    func evaluate(_ context: DomainContext) -> Verdict { verdict }
    func isCheckable(_ context: DomainContext) -> Bool { checkable }
  }

  static func context() async throws -> DomainContext {
    let zone = try ZoneFile.parse(
      "$ORIGIN example.com.\n$TTL 3600\n@ IN TXT \"v=spf1 -all\"\n", file: "test")
    return await Engine(resolver: try ZoneResolver(zones: [zone])).context(
      for: try DomainName("example.com"), options: CheckOptions())
  }

  /// The statuses of the `rfc` profile's requirements with the borrowed id, and the report's
  /// lists.
  static func statuses(_ rules: [Fixed]) async throws -> (
    rfc: [String], unknown: [String], notChecked: [String]
  ) {
    let report = DomainEvaluator(rules: rules).report(for: try await context())
    let rfc = report.profiles.first { $0.id == "rfc" }?.requirements ?? []
    return (
      rfc.filter { $0.id == Fixed.borrowed.id }.map(\.status.rawValue), report.unknown,
      report.notChecked
    )
  }

  @Test func theLastRuleThatRanGivesTheVerdict() async throws {
    let id = Fixed.borrowed.id
    let failure = LookupFailure(
      name: try DomainName("example.com"), type: .txt, error: .timeout(server: nil),
      purpose: "test")
    let finding = Fixed(verdict: .pass).finding(LocalizedText(en: "bad", de: "schlecht"))

    let passedLast = try await Self.statuses([
      Fixed(verdict: .unknown([failure])), Fixed(verdict: .pass),
    ])
    #expect(passedLast.unknown.isEmpty)
    #expect(passedLast.rfc == ["passed", "passed"])

    let unknownLast = try await Self.statuses([
      Fixed(verdict: .pass), Fixed(verdict: .unknown([failure])),
    ])
    #expect(unknownLast.unknown == [id, id])
    #expect(unknownLast.rfc == ["unknown", "unknown"])

    let failedLast = try await Self.statuses([
      Fixed(verdict: .pass), Fixed(verdict: .fail([finding])),
    ])
    #expect(failedLast.rfc == ["failed", "failed"])
  }

  @Test func theFirstRuleIsTheOneShown() async throws {
    // A rule that cannot be judged in this run (and does not say it waits for an option) is
    // not checked in the `rfc` profile, never passed: which rule is asked shows.
    let firstUncheckable = try await Self.statuses([
      Fixed(verdict: .pass, checkable: false), Fixed(verdict: .pass),
    ])
    #expect(firstUncheckable.rfc == ["notChecked", "notChecked"])
    #expect(firstUncheckable.notChecked == [Fixed.borrowed.id])
    let secondUncheckable = try await Self.statuses([
      Fixed(verdict: .pass), Fixed(verdict: .pass, checkable: false),
    ])
    #expect(secondUncheckable.rfc == ["passed", "passed"])
    #expect(secondUncheckable.notChecked.isEmpty)
    // An id that failed is never listed as not checked, whichever rule failed.
    let failedSecond = try await Self.statuses([
      Fixed(verdict: .pass, checkable: false),
      Fixed(verdict: .fail([Fixed(verdict: .pass).finding(LocalizedText(en: "bad", de: "bad"))])),
    ])
    #expect(failedSecond.rfc == ["failed", "failed"])
    #expect(failedSecond.notChecked.isEmpty)
  }
}
