import DNSLookup
import SenderAuthCore
import SenderAuthKit
import Synchronization
import Testing

/// A document fetch that the per-domain deadline ends is a lookup that did not finish: what
/// rests on the document is unknown (never passed, never "cannot be fetched"), and
/// `dns.deadline-exceeded` names the host.
@Suite struct HTTPSDeadlineTests {
  /// A client whose fetches never end on their own; it notes that one started.
  final class Stalled: HTTPSClient, Sendable {
    let started = Mutex(false)

    func fetch(_ request: HTTPSRequest) async -> HTTPSFetch {
      started.withLock { $0 = true }
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
    // The fetch must have started before the deadline: on a machine whose cooperative threads
    // the rest of the suite keeps busy (its tests wait for child processes), the zone lookups
    // alone can outlast a short deadline. Then the check runs again with a longer one.
    var checkedAfterFetch: DomainResult?
    for deadline in [5.0, 20, 60] {
      let client = Stalled()
      let request = try CheckRequest(domains: [domain], deadline: deadline)
      let session = Session(
        request, resolver: try ZoneResolver(zones: [zone]), records: RecordSources(https: client))
      let started = ContinuousClock.now
      let checked = await session.check(domain)
      #expect(ContinuousClock.now - started < .seconds(deadline + 60), "the deadline ends it")
      if client.started.withLock({ $0 }) {
        checkedAfterFetch = checked
        break
      }
    }
    let result = try #require(
      checkedAfterFetch, "the policy fetch never started before the deadline")
    let report = result.report
    let ids = report.findings.map(\.id)
    #expect(!ids.contains("mta-sts.policy-unavailable"), "\(ids)")
    #expect(ids.contains("dns.deadline-exceeded"), "\(ids)")
    // Among the unanswered lookups (the message names the first three; on a loaded machine
    // DNS lookups can still be waiting too) is the policy host's fetch.
    let unanswered = result.context.failures.filter { $0.error == .deadlineExceeded }
    #expect(unanswered.contains { $0.name.text == "mta-sts.example.com" }, "\(unanswered)")
    #expect(report.unknown.contains("mta-sts.policy-unavailable"), "\(report.unknown)")
    // The RFC profile (where the MTA-STS requirements are) is incomplete, not ready.
    #expect(report.profiles.first { $0.id == "rfc" }?.state == .incomplete)
  }
}
