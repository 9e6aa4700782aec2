import DNSLookup
import SenderAuthCore
import SenderAuthRules
import Testing

/// One example of one checked row of the provider table.
struct ProviderRowCase: Sendable, CustomStringConvertible {
  var row: ProviderRequirement
  var triggering: Bool
  var index: Int
  var example: RuleExample

  var description: String {
    "\(row.id) \(triggering ? "triggering" : "non-triggering") #\(index + 1)"
  }

  static var all: [ProviderRowCase] {
    ProviderTable.rows.filter(\.kind.isChecked).flatMap { row in
      let description = row.description
      return description.triggering.enumerated().map {
        ProviderRowCase(row: row, triggering: true, index: $0, example: $1)
      }
        + description.nonTriggering.enumerated().map {
          ProviderRowCase(row: row, triggering: false, index: $0, example: $1)
        }
    }
  }
}

/// The table's rows judged the way `senderauth check` judges them: through the session, with
/// the profile the example names (or the default), so that the evaluator decides which rows
/// run, findings fold into their RFC-level causes, and the profile shows the verdict.
@Suite struct ProviderRowSessionTests {
  @Test(arguments: ProviderRowCase.all)
  func rowIsJudgedThroughTheSession(_ item: ProviderRowCase) async throws {
    let report = try await RuleExampleRunner.result(for: item.example).report
    let holders = report.profiles.compactMap { profile in
      profile.requirements.first { $0.id == item.row.id }
    }
    let requirement = try #require(holders.first, "\(item): no judged profile lists the row")
    let reported = Set(report.findings.map(\.id))
    if item.triggering {
      #expect(requirement.status == .failed, "\(item): \(requirement.status)")
      #expect(!requirement.findings.isEmpty && requirement.findings.allSatisfy(reported.contains))
      // Either the row's own finding is shown, or it was folded into its causes, which then
      // list the row among the requirements they break.
      if !reported.contains(item.row.id) {
        for cause in requirement.findings {
          let finding = try #require(report.findings.first { $0.id == cause })
          #expect(finding.breaks.contains(item.row.id), "\(item): \(cause) does not break it")
        }
      }
      for finding in report.findings where finding.id == item.row.id {
        #expect(finding.message.isComplete, "\(item)")
        for (word, _) in ProviderTableTests.avoided where finding.message.de.contains(word) {
          Issue.record("\(item): '\(word)' in \(finding.message.de)")
        }
      }
    } else if item.row.needsSendingIPs && item.example.options.ips.isEmpty {
      #expect(requirement.status == .notCheckable, "\(item): \(requirement.status)")
    } else {
      #expect(requirement.status == .passed, "\(item): \(requirement.status)")
    }
    // The rule's own findings (before folding) carry the row's provider and its causes.
    let rule = try #require(RuleCatalog.rule(id: item.row.id))
    let findings = try await RuleExampleRunner.findings(of: rule, example: item.example)
    #expect(findings.isEmpty != item.triggering, "\(item)")
    for finding in findings {
      #expect(finding.message.en.hasPrefix(item.row.provider.name), "\(finding.message.en)")
      #expect(finding.severity == item.row.severity)
    }
  }

  /// A row of the `dmarcPolicy` kind (no provider asks for more than p=none yet; BIMI rows
  /// will): its check through a real session over small zones.
  @Test func policyStrengthKindComparesTheEffectivePolicy() async throws {
    let row = ProviderRequirement(
      "test.dmarc-enforced", provider: .gmail, profiles: [],
      kind: .dmarcPolicy(minimum: .quarantine),
      title: LocalizedText(en: "t", de: "t"), rationale: LocalizedText(en: "r", de: "r"),
      howToFix: LocalizedText(en: "f", de: "f"), references: [])
    let rule = ProviderRequirementRule(row)
    func findings(_ dmarc: String?) async throws -> [Finding] {
      var zone = "@ SOA ns1 hostmaster 1 3600 600 86400 300\n@ TXT \"v=spf1 -all\"\n"
      if let dmarc { zone += "_dmarc TXT \"\(dmarc)\"\n" }
      let file = try ZoneFile.parse("$ORIGIN example.com.\n$TTL 3600\n" + zone, file: "test")
      let context = try await TestSession.result(ZoneResolver(zones: [file])).context
      return rule.check(context)
    }
    let none = try await findings("v=DMARC1; p=none")
    #expect(none.first?.causes == ["dmarc.policy-none"])
    #expect(none.first?.message.en.contains("p=quarantine") == true)
    #expect(try await findings("v=DMARC1; p=quarantine").isEmpty)
    #expect(try await findings("v=DMARC1; p=reject").isEmpty)
    // t=y lowers quarantine to none: receivers apply none, and no RFC finding stands for it.
    let testing = try await findings("v=DMARC1; p=quarantine; t=y")
    #expect(testing.count == 1)
    #expect(testing.first?.causes == [])
    #expect(try await findings(nil).first?.causes == ["dmarc.missing"])
  }
}
