import DNSLookup
import SenderAuthCore
import SenderAuthRules
import Testing

/// The catalog's own examples are the rules' tests (SwiftLint's way, run by Swift Testing).
@Suite struct RuleCatalogTests {
  @Test func idsAreUniqueAndWellFormed() {
    var seen: Set<String> = []
    for rule in RuleCatalog.all {
      let id = rule.description.id
      #expect(seen.insert(id).inserted, "duplicate rule id '\(id)'")
      let wellFormed =
        id.split(separator: ".").count >= 2
        && id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "." || $0 == "-" }
      #expect(wellFormed, "rule id '\(id)' is not <scope>.<kebab-slug>")
    }
    #expect(!RuleCatalog.all.isEmpty)
  }

  @Test(arguments: RuleCatalog.all.map(\.description.id))
  func everyRuleIsDescribedInEveryLanguage(id: String) throws {
    let description = try #require(RuleCatalog.rule(id: id)?.description)
    #expect(description.title.isComplete, "\(id): title lacks a language")
    #expect(description.rationale.isComplete, "\(id): rationale lacks a language")
    #expect(description.howToFix.isComplete, "\(id): how-to-fix lacks a language")
    // Long texts that read the same in both languages were never translated.
    #expect(description.rationale.en != description.rationale.de, "\(id): rationale untranslated")
    #expect(description.howToFix.en != description.howToFix.de, "\(id): how-to-fix untranslated")
    #expect(!description.references.isEmpty, "\(id): no references")
    #expect(!description.triggering.isEmpty, "\(id): no triggering example")
    #expect(!description.nonTriggering.isEmpty, "\(id): no non-triggering example")
    for reference in description.references {
      #expect(reference.url.hasPrefix("https://"), "\(id): reference '\(reference.title)'")
    }
  }

  /// The provider table's rows, including those that are no rule of their own (a requirement
  /// DNS cannot decide, one met by an RFC rule): hand-written sentences in both languages.
  @Test(arguments: ProviderTable.rows.map { "\($0.provider.id) \($0.id)" })
  func everyProviderRequirementIsDescribedInEveryLanguage(_ key: String) throws {
    let row = try #require(ProviderTable.rows.first { "\($0.provider.id) \($0.id)" == key })
    for (name, text) in [
      ("title", row.title), ("rationale", row.rationale), ("how-to-fix", row.howToFix),
    ] {
      #expect(text.isComplete, "\(key): \(name) lacks a language")
      #expect(text.en != text.de, "\(key): \(name) reads the same in both languages")
    }
    if let reason = row.notCheckableBecause {
      #expect(reason.isComplete && reason.en != reason.de, "\(key): not-checkable text")
    }
    #expect(!row.references.isEmpty, "\(key): no references")
    for code in row.bounceCodes {
      #expect(
        BounceCode.Query.parse(code.status)?.subjectDetail == code.subjectDetail,
        "\(key): '\(code.status)' is not an enhanced status code")
      if let reply = code.reply { #expect((200...599).contains(reply), "\(key): \(reply)") }
    }
  }

  @Test(arguments: RuleExampleCase.all)
  func exampleBehavesAsDescribed(_ example: RuleExampleCase) async throws {
    let rule = try #require(example.rule)
    let findings = try await RuleExampleRunner.findings(of: rule, example: example.example)
    switch example.kind {
    case .triggering:
      #expect(!findings.isEmpty, "\(example) did not trigger")
      for finding in findings {
        #expect(finding.message.isComplete, "\(example): message lacks a language")
        if let fix = finding.fix {
          #expect(fix.explanation.isComplete, "\(example): fix explanation lacks a language")
        }
      }
    case .nonTriggering:
      #expect(
        findings.isEmpty,
        "\(example) triggered: \(findings.map(\.message.en).joined(separator: "; "))")
    }
  }

  @Test(arguments: RuleExampleCase.all.filter { $0.kind == .triggering && $0.example.fixable })
  func fixSilencesTheRule(_ example: RuleExampleCase) async throws {
    let rule = try #require(example.rule)
    let findings = try await RuleExampleRunner.findings(of: rule, example: example.example)
    let fixes = findings.compactMap(\.fix)
    try #require(!fixes.isEmpty, "\(example) is marked fixable but its findings carry no fix")
    var zone = try RuleExampleRunner.zone(example.example)
    for fix in fixes {
      zone = try zone.applying(RuleExampleRunner.filled(fix))
    }
    let after = try await RuleExampleRunner.findings(
      of: rule, example: example.example, zone: zone)
    #expect(
      after.isEmpty,
      "\(example): still reported after the fix: \(after.map(\.message.en).joined(separator: "; "))"
    )
  }
}
