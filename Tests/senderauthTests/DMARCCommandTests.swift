import Foundation
import Testing

/// `senderauth dmarc` on the DMARC fixture zones, offline: which record applies and why, the
/// findings, JSON field names and exit statuses.
@Suite struct DMARCCommandTests {
  static func zone(_ name: String) -> String { SenderAuthCLI.fixture("dmarc/\(name).zone") }

  @Test func explainsThePublicSuffixRecordThatApplies() async throws {
    let run = try await SenderAuthCLI.run([
      "dmarc", "agency.gov", "--offline", "--zone", Self.zone("psd-gov.trigger"),
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("Applicable record: _dmarc.gov (public suffix domain, psd=y)"))
    #expect(run.stdout.contains("Policy: none from 'sp=none' (the domain exists: sp, else p)"))
    #expect(run.stdout.contains("dmarc.policy-none"))
    #expect(run.stdout.contains("_dmarc.agency.gov. 3600 IN TXT"))
    // Piped output is never cut.
    for line in run.stdout.split(separator: "\n") { #expect(!line.hasSuffix("…")) }
  }

  @Test func failOnWarningExitsOne() async throws {
    let run = try await SenderAuthCLI.run([
      "dmarc", "agency.gov", "--offline", "--zone", Self.zone("psd-gov.trigger"),
      "--fail-on", "warning",
    ])
    #expect(run.status == 1)
  }

  @Test func missingRecordIsAnErrorWithAFix() async throws {
    let run = try await SenderAuthCLI.run([
      "dmarc", "example.com", "--offline", "--zone", Self.zone("missing.trigger"), "--rua",
      "dmarc@example.com",
    ])
    #expect(run.status == 1)
    #expect(
      run.stdout.contains(
        "_dmarc.example.com. 3600 IN TXT \"v=DMARC1; p=none; rua=mailto:dmarc@example.com\""))
  }

  @Test func jsonHasStableFieldNames() async throws {
    let run = try await SenderAuthCLI.run([
      "dmarc", "news.example.com", "--offline", "--zone", Self.zone("inherited.trigger"),
      "--format", "json",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    let discovery = try #require(object?["discovery"] as? [String: Any])
    #expect(discovery["source"] as? String == "organizationalDomain")
    #expect(discovery["appliedTag"] as? String == "sp")
    #expect(discovery["policyDomain"] as? String == "example.com")
    #expect(object?["schemaVersion"] as? Int == 1)
  }

  @Test(arguments: [["dmarc"], ["dmarc", "example.com", "--return-path", "a..b"]])
  func badInputExitsTwo(_ arguments: [String]) async throws {
    let run = try await SenderAuthCLI.run(arguments)
    #expect(run.status == 2)
    #expect(!run.stderr.isEmpty)
  }
}
