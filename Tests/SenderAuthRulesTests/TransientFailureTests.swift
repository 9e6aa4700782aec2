import DNSLookup
import SenderAuthCore
import SenderAuthKit
import Synchronization
import Testing

/// A failure on a name many domains share is not the run's last word: later domains ask again
/// (the cache remembers failures for a while), while the domain that saw it keeps it, in its
/// check and in its fix plan's re-check.
@Suite struct TransientFailureTests {
  /// Answers from `zones`, but fails the first question for `name` with SERVFAIL; counts the
  /// questions for it.
  final class FailingOnce: DNSResolver, Sendable {
    let zones: ZoneResolver
    let name: DomainName
    let asked = Mutex(0)
    init(zones: ZoneResolver, name: DomainName) {
      self.zones = zones
      self.name = name
    }
    func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
      if name == self.name {
        let first = asked.withLock { asked in
          asked += 1
          return asked == 1
        }
        if first { throw .serverFailure(server: "192.0.2.1:53") }
      }
      return try await zones.query(name, type)
    }
    var count: Int { asked.withLock { $0 } }
  }

  @Test func aLaterDomainGetsTheAnswerAndTheFirstKeepsItsFailure() async throws {
    let shared = try DomainName("_spf.provider.example")
    let zones = try [
      ("first.example", "v=spf1 include:_spf.provider.example -all"),
      ("second.example", "v=spf1 include:_spf.provider.example -all"),
      ("_spf.provider.example", "v=spf1 ip4:192.0.2.0/24 -all"),
    ].map { name, spf in
      try ZoneFile.parse("$ORIGIN \(name).\n$TTL 3600\n@ TXT \"\(spf)\"\n", file: name)
    }
    let resolver = FailingOnce(zones: try ZoneResolver(zones: zones), name: shared)
    let domains = [try DomainInput.parse("first.example"), try DomainInput.parse("second.example")]
    let request = try CheckRequest(domains: domains, deadline: nil)
    // The cache remembers no failure at all: only the domain's own view keeps it.
    let session = Session(request, resolver: resolver, failureLifetime: 0...0)

    let first = await session.check(domains[0])
    #expect(first.context.failures.map(\.name) == [shared])
    // The check and its fix plan's re-check (no DMARC record: there is a plan) read the one
    // outcome: the name was asked once.
    let plan = try #require(first.report.fixPlan)
    #expect(!plan.after.isEmpty)
    #expect(resolver.count == 1)

    let second = await session.check(domains[1])
    #expect(second.context.failures.isEmpty)
    #expect(resolver.count == 2)
  }
}
