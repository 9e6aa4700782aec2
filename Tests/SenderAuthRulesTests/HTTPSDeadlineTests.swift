import DNSLookup
import SenderAuthCore
import SenderAuthKit
import Testing

/// A document fetch that the per-domain deadline ends is a lookup that did not finish: what
/// rests on the document is unknown (never passed, never "cannot be fetched"), and
/// `dns.deadline-exceeded` names the host.
@Suite struct HTTPSDeadlineTests {
  /// A client whose fetches never end on their own.
  struct Stalled: HTTPSClient {
    func fetch(_ request: HTTPSRequest) async -> HTTPSFetch {
      try? await Task.sleep(for: .seconds(120))
      return .failed(.timeout("stalled"))
    }
  }

  @Test func aPolicyFetchCutByTheDeadlineIsUnknown() async throws {
    let zone = try ZoneFile.parse(
      """
      $ORIGIN example.com.
      $TTL 3600
      @ SOA ns1 hostmaster 1 3600 600 86400 300
      @ MX 10 mx1
      mx1 A 192.0.2.25
      @ TXT "v=spf1 mx -all"
      _dmarc TXT "v=DMARC1; p=reject; rua=mailto:d@example.com"
      _mta-sts TXT "v=STSv1; id=20260101"
      _smtp._tls TXT "v=TLSRPTv1; rua=mailto:tls@example.com"
      mta-sts A 192.0.2.80
      """, file: "example")
    let domain = try DomainInput.parse("example.com")
    // Long enough for the zone lookups on a machine loaded by the rest of the suite (a CI
    // run with every suite in parallel left them unanswered after 5 s).
    let request = try CheckRequest(domains: [domain], deadline: 20)
    let session = Session(
      request, resolver: try ZoneResolver(zones: [zone]), records: RecordSources(https: Stalled()))
    let started = ContinuousClock.now
    let report = await session.check(domain).report
    #expect(ContinuousClock.now - started < .seconds(100), "the deadline ends the fetch")
    let ids = report.findings.map(\.id)
    #expect(!ids.contains("mta-sts.policy-unavailable"), "\(ids)")
    let exceeded = try #require(report.findings.first { $0.id == "dns.deadline-exceeded" })
    #expect(exceeded.message.en.contains("mta-sts.example.com"), "\(exceeded.message.en)")
    #expect(report.unknown.contains("mta-sts.policy-unavailable"), "\(report.unknown)")
    // The RFC profile (where the MTA-STS requirements are) is incomplete, not ready.
    #expect(report.profiles.first { $0.id == "rfc" }?.state == .incomplete)
  }
}
