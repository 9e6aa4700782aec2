import DNSLookup
import SenderAuthCore
import SenderAuthRules
import Testing

/// The SPF rules' own catalog examples, run on their own (the catalog test runs them too).
@Suite("SPF rule examples")
struct SPFRuleExampleTests {
  static let cases = RuleExampleCase.all.filter { $0.ruleID.hasPrefix("spf.") }

  @Test("every SPF rule is registered with both kinds of examples")
  func registered() {
    let ids = SPFRules.all.map(\.description.id)
    for required in [
      "spf.missing", "spf.multiple-records", "spf.syntax", "spf.lookup-limit",
      "spf.void-lookup-limit", "spf.include-missing", "spf.include-loop", "spf.plus-all",
      "spf.neutral-all", "spf.no-all", "spf.ptr", "spf.mx-too-many", "spf.too-long",
    ] {
      #expect(ids.contains(required), "\(required) is not in SPFRules.all")
    }
    for rule in SPFRules.all {
      #expect(!rule.description.triggering.isEmpty && !rule.description.nonTriggering.isEmpty)
    }
  }

  @Test("the too-long example's record is split into strings of 255 octets, in order")
  func tooLongExampleSplit() throws {
    let rule = try #require(SPFRules.all.first { $0.description.id == "spf.too-long" })
    for (example, terms) in [
      (rule.description.triggering, 39), (rule.description.nonTriggering, 20),
    ] {
      let zone = try #require(example.first?.zone)
      let strings = zone.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }
        .map { String($0.element) }
      let record =
        "v=spf1 " + (1...terms).map { "ip4:192.0.2.\($0)" }.joined(separator: " ") + " -all"
      #expect(strings.joined() == record)
      #expect(strings.dropLast().allSatisfy { $0.utf8.count == 255 })
      #expect(strings.last.map { (1...255).contains($0.utf8.count) } == true)
    }
  }

  @Test("examples behave as described", arguments: cases)
  func example(_ example: RuleExampleCase) async throws {
    let rule = try #require(example.rule)
    let findings = try await RuleExampleRunner.findings(of: rule, example: example.example)
    switch example.kind {
    case .triggering:
      #expect(!findings.isEmpty, "\(example) did not trigger")
      for finding in findings {
        #expect(finding.message.isComplete)
        #expect(finding.location != nil, "\(example): finding without a location")
        #expect(!finding.message.en.hasSuffix("."), "\(example): message ends in a period")
      }
    case .nonTriggering:
      #expect(findings.isEmpty, "\(example): \(findings.map(\.message.en))")
    }
  }

  @Test(
    "fixes silence the rule and never weaken the policy",
    arguments: cases.filter { $0.kind == .triggering && $0.example.fixable })
  func fix(_ example: RuleExampleCase) async throws {
    let rule = try #require(example.rule)
    let findings = try await RuleExampleRunner.findings(of: rule, example: example.example)
    let fixes = findings.compactMap(\.fix)
    try #require(!fixes.isEmpty, "\(example) is fixable but has no fix")
    var zone = try RuleExampleRunner.zone(example.example)
    for fix in fixes {
      for change in fix.add where change.type == .txt {
        #expect(!change.value.contains("+all") && !change.value.contains("?all"), "\(change.value)")
        #expect(!change.hasPlaceholder, "\(change.value)")
      }
      zone = try zone.applying(fix)
    }
    let after = try await RuleExampleRunner.findings(
      of: rule, example: example.example, zone: zone)
    #expect(after.isEmpty, "\(example): \(after.map(\.message.en))")
  }
}
