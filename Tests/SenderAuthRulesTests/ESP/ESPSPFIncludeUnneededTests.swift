import DNSLookup
import SenderAuthCore
import SenderAuthRules
import Testing

/// Over the SPF lookup limit, the includes ESPs do not need are named first, with what
/// removing them saves, before anything gets flattened.
@Suite struct ESPSPFIncludeUnneededTests {
  @Test func overTheLimitSaysWhatRemovalSaves() async throws {
    let rule = ESPSPFIncludeUnneededRule()
    let example = try #require(rule.description.triggering.last)
    let findings = try await RuleExampleRunner.findings(of: rule, example: example)
    let finding = try #require(findings.first)
    #expect(finding.severity == .warning)
    #expect(finding.message.en.contains("needs 11, the limit is 10; after removal 10"))
    let add = try #require(finding.fix?.add.first)
    #expect(!add.value.contains("servers.mcsv.net"))
    #expect(add.value.hasSuffix("include:s10.example.com -all"))
  }

  @Test func withinTheLimitItIsANote() async throws {
    let rule = ESPSPFIncludeUnneededRule()
    let example = try #require(rule.description.triggering.first)
    let findings = try await RuleExampleRunner.findings(of: rule, example: example)
    #expect(findings.map(\.severity) == [.note])
  }
}
