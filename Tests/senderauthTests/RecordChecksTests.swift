import DNSTestSupport
import Foundation
import Testing

/// `check` end to end against real servers (`RecordChecksEnvironment`): Knot signing the test
/// zones, unbound validating them, an HTTPS server with certificates from a test CA. Each case
/// is a correct or broken variant of one record type and the findings and fixes it must give.
/// Serialized: the runs start processes, and timing tests elsewhere suffer from bursts.
@Suite(.serialized) struct RecordChecksTests {
  /// One run of `check DOMAIN` through unbound, trusting the test CA.
  struct Outcome {
    var run: SenderAuthCLI.Run
    var findings: [[String: Any]]

    var ids: Set<String> { Set(findings.compactMap { $0["id"] as? String }) }

    func finding(_ id: String) -> [String: Any]? {
      findings.first { $0["id"] as? String == id }
    }

    func message(_ id: String) -> String { finding(id)?["message"] as? String ?? "" }

    /// The zone lines a finding's fix adds (`add`) or removes (`remove`).
    func fix(_ id: String, _ part: String) -> [String] {
      (finding(id)?["fix"] as? [String: Any])?[part] as? [String] ?? []
    }
  }

  static func check(
    _ domain: String, caFile: Bool = true, tries: Int = 1, privateAddresses: Bool = true
  ) async throws -> Outcome {
    let environment = try await RecordChecksEnvironment.shared.value
    var arguments = [
      "check", domain, "--nameserver", environment.dns.unbound.nameserver, "--format", "jsonl",
      "--profile", "rfc", "--timeout", "2", "--tries", "\(tries)",
    ]
    // The test servers listen on loopback addresses.
    if privateAddresses { arguments.append("--https-private") }
    if caFile { arguments += ["--ca-file", environment.https.caFile] }
    let run = try await SenderAuthCLI.run(arguments)
    let line = try #require(run.stdout.split(separator: "\n").first, "stderr: \(run.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    return Outcome(run: run, findings: object?["findings"] as? [[String: Any]] ?? [])
  }

  static func ids(_ outcome: Outcome, prefix: String) -> [String] {
    outcome.ids.filter { $0.hasPrefix(prefix) }.sorted()
  }

  // MARK: MTA-STS and TLS-RPT

  @Test func aCorrectMTASTSSetupIsSilent() async throws {
    let outcome = try await Self.check("sts-good.test")
    #expect(Self.ids(outcome, prefix: "mta-sts.").isEmpty, "\(outcome.ids)")
    #expect(Self.ids(outcome, prefix: "tls-rpt.").isEmpty, "\(outcome.ids)")
    #expect(Self.ids(outcome, prefix: "dnssec.").isEmpty, "\(outcome.ids)")
  }

  /// Each broken policy fetch is its own finding naming what failed.
  @Test(arguments: [
    ("sts-404.test", "HTTP 404"),
    ("sts-html.test", "Content-Type 'text/html'"),
    ("sts-redirect.test", "redirects (HTTP 301) to 'https://www.sts-redirect.test/policy.txt'"),
    ("sts-large.test", "larger than 65536 bytes"),
    ("sts-wrongname.test", "no alternative certificate subject name matches"),
    ("sts-untrusted.test", "certificate not valid"),
    ("sts-hang.test", "timeout"),
    ("sts-refused.test", "refused"),
    ("sts-noaddr.test", "has no A or AAAA record"),
  ])
  func aPolicyThatCannotBeFetchedSaysWhy(domain: String, reason: String) async throws {
    let outcome = try await Self.check(domain)
    let message = outcome.message("mta-sts.policy-unavailable")
    #expect(message.contains(reason), "\(domain): \(message) \(outcome.ids)")
    #expect(!outcome.ids.contains("mta-sts.policy-syntax"))
  }

  @Test func withoutTheTestCATheValidPolicyIsUntrusted() async throws {
    let outcome = try await Self.check("sts-good.test", caFile: false)
    #expect(
      outcome.message("mta-sts.policy-unavailable").contains("unable to get local issuer"),
      "\(outcome.findings)")
  }

  @Test func withoutHTTPSPrivateALoopbackPolicyHostIsNotConnectedTo() async throws {
    // The policy host answers on 127.0.0.x: a domain's DNS must not point the checker into
    // the network it runs in, and senders on the internet could not reach it either.
    let outcome = try await Self.check("sts-good.test", privateAddresses: false)
    let message = outcome.message("mta-sts.policy-unavailable")
    #expect(message.contains("has only addresses that are not public (127."), "\(message)")
    #expect(message.contains("--https-private"))
  }

  @Test func aNoAddressPolicyHostGetsACNAMEToFillIn() async throws {
    let outcome = try await Self.check("sts-noaddr.test")
    #expect(
      outcome.fix("mta-sts.policy-unavailable", "add")
        == ["mta-sts.sts-noaddr.test. 3600 IN CNAME <your-policy-web-server>."])
  }

  @Test func recordAndPolicyDefectsAreReportedWithNewIDs() async throws {
    let record = try await Self.check("sts-badrecord.test")
    #expect(record.message("mta-sts.record-syntax").contains("'id=2026-01-01'"))
    #expect(
      record.fix("mta-sts.record-syntax", "add")
        == ["_mta-sts.sts-badrecord.test. 3600 IN TXT \"v=STSv1; id=20260101\""])
    let two = try await Self.check("sts-two.test")
    #expect(two.ids.contains("mta-sts.multiple-records"))
    let syntax = try await Self.check("sts-syntax.test")
    let message = syntax.message("mta-sts.policy-syntax")
    #expect(message.contains("'Version' is not 'version'"), "\(message)")
    #expect(message.contains("'max_age' field is missing"), "\(message)")
    // The fix proposes a valid policy and a record whose id changes with it.
    let add = syntax.fix("mta-sts.policy-syntax", "add")
    #expect(add.count == 1 && add[0].contains("v=STSv1; id="), "\(add)")
    #expect(!add[0].contains("id=1\""))
  }

  @Test func anMXHostOutsideTheEnforcedPolicyIsAnError() async throws {
    let outcome = try await Self.check("sts-uncovered.test")
    let finding = try #require(outcome.finding("mta-sts.mx-not-covered"), "\(outcome.ids)")
    #expect(finding["severity"] as? String == "error")
    #expect(outcome.message("mta-sts.mx-not-covered").contains("'backup.other.test'"))
    let explanation = (finding["fix"] as? [String: Any])?["explanation"] as? String ?? ""
    #expect(explanation.contains("mx: backup.other.test"), "\(explanation)")
  }

  @Test func testingModeWithoutReportsAndAShortMaxAgeAreNamed() async throws {
    let testing = try await Self.check("sts-testing.test")
    #expect(testing.ids.contains("mta-sts.not-enforced"))
    let reports = try #require(testing.finding("tls-rpt.missing"), "\(testing.ids)")
    #expect(reports["severity"] as? String == "warning")
    let short = try await Self.check("sts-shortage.test")
    #expect(short.message("mta-sts.max-age-short").contains("'max_age: 3600'"))
    let missing = try await Self.check("sts-missing.test")
    #expect(missing.ids.contains("mta-sts.missing"))
  }

  @Test func brokenTLSRPTRecordsAreFixed() async throws {
    let bad = try await Self.check("rpt-bad.test")
    #expect(
      bad.fix("tls-rpt.record-syntax", "add")
        == ["_smtp._tls.rpt-bad.test. 3600 IN TXT \"v=TLSRPTv1; rua=mailto:tls@rpt-bad.test\""])
    let two = try await Self.check("rpt-two.test")
    #expect(
      two.fix("tls-rpt.multiple-records", "add") == [
        "_smtp._tls.rpt-two.test. 3600 IN TXT "
          + "\"v=TLSRPTv1; rua=https://reports.rpt-two.test/tlsrpt,mailto:a@rpt-two.test\""
      ])
  }

  // MARK: BIMI

  @Test func aCompleteBIMISetupIsSilent() async throws {
    let outcome = try await Self.check("bimi-good.test")
    #expect(Self.ids(outcome, prefix: "bimi.").isEmpty, "\(outcome.findings)")
  }

  @Test(arguments: [
    ("bimi-logo404.test", "bimi.logo-unavailable", "HTTP 404"),
    ("bimi-badsvg.test", "bimi.logo-invalid", "baseProfile is missing"),
    ("bimi-badsvg.test", "bimi.logo-invalid", "<script>"),
    ("bimi-badsvg.test", "bimi.logo-invalid", "is an external reference"),
    ("bimi-noevidence.test", "bimi.evidence-missing", "Gmail and Apple Mail"),
    ("bimi-weakdmarc.test", "bimi.dmarc-not-enforced", "'none'"),
    ("bimi-badvmc.test", "bimi.evidence-invalid", "lacks the BIMI extended key usage"),
    ("bimi-badvmc.test", "bimi.evidence-invalid", "it is not for 'bimi-badvmc.test'"),
  ])
  func brokenBIMIIsNamed(domain: String, id: String, text: String) async throws {
    let outcome = try await Self.check(domain)
    #expect(outcome.message(id).contains(text), "\(domain): \(outcome.findings)")
  }

  // MARK: DNSSEC

  /// A second try: a validating resolver that meets a bogus zone retries its servers before
  /// it answers, which can take longer than one try on a loaded machine.
  static let patient = 2

  @Test func aSignedZoneWithItsDSIsSecure() async throws {
    let outcome = try await Self.check("secure.test", tries: Self.patient)
    #expect(Self.ids(outcome, prefix: "dnssec.").isEmpty, "\(outcome.ids)")
  }

  @Test func anUnsignedZoneIsANote() async throws {
    let outcome = try await Self.check("unsigned.test", tries: Self.patient)
    let finding = try #require(outcome.finding("dnssec.unsigned"), "\(outcome.ids)")
    #expect(finding["severity"] as? String == "note")
  }

  /// The DS the fix proposes is exactly the one Knot's keymgr computes for the zone's key.
  @Test func aSignedZoneWithoutDSGetsTheRightDS() async throws {
    let environment = try await RecordChecksEnvironment.shared.value
    let outcome = try await Self.check("island.test", tries: Self.patient)
    let expected = try #require(environment.dns.signing.ds["island.test."]?.first)
    let add = outcome.fix("dnssec.ds-missing", "add")
    #expect(add.count == 1, "\(outcome.findings)")
    #expect(add.first.map { Self.sameDS($0, expected) } == true, "\(add) vs \(expected)")
  }

  /// A DS left for an old key: validating receivers get SERVFAIL for everything, the finding
  /// says why and replaces the DS with the current key's.
  @Test func aStaleDSIsBogusAndBreaksEveryLookup() async throws {
    let environment = try await RecordChecksEnvironment.shared.value
    let outcome = try await Self.check("bogus.test", tries: Self.patient)
    let message = outcome.message("dnssec.bogus")
    #expect(message.contains("no DS record at the parent"), "\(outcome.findings)")
    let expected = try #require(environment.dns.signing.ds["bogus.test."]?.first)
    let stale = try #require(environment.dns.signing.ds["stale.test."]?.first)
      .replacingOccurrences(of: "stale.test.", with: "bogus.test.")
    let add = outcome.fix("dnssec.bogus", "add")
    let remove = outcome.fix("dnssec.bogus", "remove")
    #expect(add.count == 1 && Self.sameDS(add[0], expected), "\(add) vs \(expected)")
    #expect(remove.count == 1 && Self.sameDS(remove[0], stale), "\(remove) vs \(stale)")
    // What the broken chain breaks: the SPF and DMARC lookups fail for validating receivers.
    #expect(outcome.ids.contains("dns.lookup-failed"), "\(outcome.ids)")
    #expect(outcome.run.status == 1)
  }

  /// Two DS lines are the same record: owner, key tag, algorithm, digest type, digest (case
  /// and TTL aside).
  static func sameDS(_ line: String, _ other: String) -> Bool {
    func fields(_ text: String) -> [String] {
      let parts = text.split(separator: " ").map { $0.lowercased() }
      guard let index = parts.firstIndex(of: "ds"), index + 4 < parts.count else { return [] }
      return [parts[0]] + parts[(index + 1)...(index + 4)]
    }
    return !fields(line).isEmpty && fields(line) == fields(other)
  }

  // MARK: Null MX

  @Test(arguments: [
    ("nullmx-mixed.test", "mx.null-mx-with-other-mx"),
    ("nullmx-pref.test", "mx.null-mx-preference"),
    ("nullmx-spf.test", "mx.null-mx-spf-authorizes"),
  ])
  func brokenNullMXIsNamed(domain: String, id: String) async throws {
    let outcome = try await Self.check(domain)
    #expect(outcome.ids.contains(id), "\(domain): \(outcome.ids)")
  }

  @Test func aLockedDownNullMXDomainIsSilent() async throws {
    let outcome = try await Self.check("nullmx-ok.test")
    #expect(Self.ids(outcome, prefix: "mx.").isEmpty, "\(outcome.ids)")
    #expect(Self.ids(outcome, prefix: "mta-sts.").isEmpty, "\(outcome.ids)")
  }
}
