import Foundation
import Testing

/// Gating DNS changes in CI: `diff` between the deployed and the proposed zone, project
/// configuration with suppressions, findings pointing at zone-file lines.
@Suite struct CIGateTests {
  static let deployed = "Fixtures/ci/zones/corp.example.zone"
  static let provider = "Fixtures/ci/zones/mailer.example.zone"
  static let config = "Fixtures/ci/senderauth.json"

  static func diff(_ proposed: String, format: String = "text") throws -> SenderAuthCLI.Run {
    try SenderAuthCLI.run([
      "diff", "corp.example", "--before", deployed, "--after", proposed, "--zone", provider,
      "--offline", "--config", config, "--format", format,
    ])
  }

  @Test func droppingAnIncludeFailsWithTheLineThatBrokeIt() async throws {
    let proposed = "Fixtures/ci/proposed/remove-include/corp.example.zone"
    let run = try Self.diff(proposed, format: "github")
    #expect(run.status == 1, "\(run.stdout)\n\(run.stderr)")
    // The SPF record is on line 9 of the proposed zone.
    #expect(
      run.stdout.contains("::error file=\(proposed),line=9,title=spf.ip-not-authorized"),
      "\(run.stdout)")
    #expect(run.stdout.contains("198.51.100.20"))
    let text = try Self.diff(proposed)
    #expect(text.status == 1)
    #expect(text.stdout.contains("New findings (1)"), "\(text.stdout)")
  }

  @Test func addingDMARCPassesAndListsTheResolvedFinding() async throws {
    let run = try Self.diff("Fixtures/ci/proposed/add-dmarc/corp.example.zone")
    #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
    #expect(run.stdout.contains("Resolved findings"))
    #expect(run.stdout.contains("dmarc.missing"))
    let json = try Self.diff("Fixtures/ci/proposed/add-dmarc/corp.example.zone", format: "json")
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    let resolved = (object?["resolved"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
    #expect(resolved?.contains("dmarc.missing") == true)
    #expect((object?["new"] as? [Any])?.isEmpty == true)
  }

  @Test func unchangedZoneReportsNoChange() async throws {
    let run = try Self.diff(Self.deployed)
    #expect(run.status == 0)
    #expect(run.stdout.contains("0 new, 0 resolved, 0 changed"), "\(run.stdout)")
  }

  @Test func suppressedFindingsAreShownNotDropped() async throws {
    let run = try await SenderAuthCLI.run([
      "check", "corp.example", "--zone", Self.deployed, "--zone", Self.provider, "--offline",
      "--config", "Fixtures/ci/senderauth.suppress-dmarc.json", "--format", "json",
    ])
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    let domain = (object?["domains"] as? [[String: Any]])?.first
    let findings = (domain?["findings"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
    let suppressed = (domain?["suppressed"] as? [[String: Any]]) ?? []
    #expect(findings?.contains("dmarc.missing") == false)
    #expect(suppressed.count == 1)
    #expect(suppressed.first?["reason"] as? String == "DMARC goes live with proposed/add-dmarc")
    let text = try await SenderAuthCLI.run([
      "check", "corp.example", "--zone", Self.deployed, "--zone", Self.provider, "--offline",
      "--config", "Fixtures/ci/senderauth.suppress-dmarc.json",
    ])
    #expect(text.stdout.contains("dmarc.missing"), "\(text.stdout)")
    #expect(text.stdout.contains("DMARC goes live with proposed/add-dmarc"))
  }

  @Test func configurationListsTheDomainsToCheck() async throws {
    let run = try await SenderAuthCLI.run([
      "check", "--zone", Self.deployed, "--zone", Self.provider, "--offline", "--config",
      Self.config, "--format", "json",
    ])
    #expect(run.stdout.contains("\"domain\" : \"corp.example\""), "\(run.stdout)\(run.stderr)")
  }

  @Test(arguments: [
    (#"{"domains": [{"domain": "corp.example", "ips": ["1.2.3"]}]}"#, "domains[0].ips[0]"),
    (#"{"domains": [{"domian": "corp.example"}]}"#, "domains[0].domian: unknown key"),
    (
      #"{"suppressions": [{"id": "dmarc.missing", "domain": "corp.example"}]}"#,
      "suppressions[0].reason: is required"
    ),
    (#"{"domains": {"domain": "corp.example"}}"#, "domains: must be an array"),
    (#"{"domains": [ }"#, "not valid JSON"),
  ])
  func badConfigurationIsOneLineWithItsJSONPath(text: String, expected: String) async throws {
    let path = NSTemporaryDirectory() + "senderauth-\(UUID().uuidString).json"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let run = try await SenderAuthCLI.run(["check", "corp.example", "--offline", "--config", path])
    #expect(run.status == 2)
    #expect(run.stdout.isEmpty)
    let lines = run.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(run.stderr)")
    #expect(run.stderr.contains(expected), "\(run.stderr)")
  }
}
