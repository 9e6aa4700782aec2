import DNSLookup
import Foundation
import SenderAuthCore
import SenderAuthRules
import Testing

/// Every DMARC finding on `Fixtures/dmarc/`: a zone that triggers it and a near-identical one
/// that does not, run through `ZoneResolver` and the `Engine` like a real check.
@Suite struct DMARCRuleFixtureTests {
  struct Case: Sendable, CustomStringConvertible {
    var fixture: String
    var domain: String = "example.com"
    var ruleID: String
    var options = CheckOptions()
    var description: String { "\(ruleID) on \(fixture) for \(domain)" }
  }

  static let cases: [Case] = [
    Case(fixture: "missing", ruleID: "dmarc.missing"),
    Case(fixture: "multiple-records", ruleID: "dmarc.multiple-records"),
    Case(fixture: "syntax", ruleID: "dmarc.syntax"),
    Case(fixture: "no-policy", ruleID: "dmarc.no-policy"),
    Case(fixture: "policy-none", ruleID: "dmarc.policy-none"),
    Case(fixture: "no-rua", ruleID: "dmarc.no-rua"),
    Case(fixture: "removed-tag", ruleID: "dmarc.removed-tag"),
    Case(fixture: "testing", ruleID: "dmarc.testing"),
    Case(fixture: "at-apex", ruleID: "dmarc.at-apex"),
    Case(fixture: "unknown-tag", ruleID: "dmarc.unknown-tag"),
    Case(fixture: "rua-no-mx", ruleID: "dmarc.rua-no-mx"),
    Case(fixture: "inherited", domain: "news.example.com", ruleID: "dmarc.inherited"),
    Case(fixture: "psd-gov", domain: "agency.gov", ruleID: "dmarc.inherited"),
    Case(fixture: "psd-gov", domain: "agency.gov", ruleID: "dmarc.policy-none"),
    Case(fixture: "rua-unauthorized", domain: "shop.example", ruleID: "dmarc.rua-unauthorized"),
    Case(fixture: "alignment-none", ruleID: "alignment.none"),
    Case(
      fixture: "intermediate-ignored", domain: "a.mail.example.com",
      ruleID: "dmarc.intermediate-ignored"),
  ]

  static var root: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
  }

  func findings(_ item: Case, _ kind: String) async throws -> [Finding] {
    let path = Self.root.appendingPathComponent("Fixtures/dmarc/\(item.fixture).\(kind).zone").path
    let zone = try ZoneFile.load(path: path)
    let engine = Engine(resolver: CachingResolver(wrapping: try ZoneResolver(zones: [zone])))
    let context = await engine.context(for: try DomainName(item.domain), options: item.options)
    let rule = try #require(RuleCatalog.rule(id: item.ruleID))
    return rule.check(context).filter { $0.id == item.ruleID }
  }

  @Test(arguments: cases)
  func triggerFixtureTriggers(_ item: Case) async throws {
    let found = try await findings(item, "trigger")
    #expect(!found.isEmpty, "\(item) did not trigger")
    for finding in found {
      #expect(finding.message.isComplete)
      #expect(!finding.message.en.hasSuffix("."))
    }
  }

  @Test(arguments: cases)
  func nearIdenticalFixtureDoesNotTrigger(_ item: Case) async throws {
    let found = try await findings(item, "ok")
    #expect(found.isEmpty, "\(item): \(found.map(\.message.en))")
  }
}
