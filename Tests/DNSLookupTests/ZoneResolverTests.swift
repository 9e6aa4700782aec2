import Synchronization
import Testing

@testable import DNSLookup

/// A resolver that answers every question the same way, counting the questions.
final class StubResolver: DNSResolver, @unchecked Sendable {
  let result: Result<DNSAnswer.Status, DNSError>
  init(_ result: Result<DNSAnswer.Status, DNSError>) { self.result = result }
  func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
    DNSAnswer(name: name, type: type, status: try result.get(), server: "stub")
  }
}

@Suite struct ZoneResolverTests {
  static let zone = """
    $ORIGIN example.com.
    $TTL 300
    @ SOA ns1 hostmaster 1 3600 600 86400 60
    @ TXT "v=spf1 -all"
    a.b.c A 192.0.2.1
    alias CNAME www
    www CNAME target.example.com.
    target A 192.0.2.2
    dangling CNAME nowhere
    outside CNAME host.example.net.
    loop1 CNAME loop2
    loop2 CNAME loop1
    *.wild TXT "wildcard"
    exists.wild A 192.0.2.3
    """

  func resolver(fallback: (any DNSResolver)? = nil) throws -> ZoneResolver {
    try ZoneResolver(zones: [try ZoneFile.parse(Self.zone)], fallback: fallback)
  }

  @Test func answersNXDOMAINAndNODATA() async throws {
    let zones = try resolver()
    #expect(try await zones.query(try DomainName("nope.example.com"), .a).status == .nxdomain)
    let nodata = try await zones.query(try DomainName("example.com"), .a)
    #expect(nodata.status == .nodata)
    #expect(nodata.negativeTTL == 60)
    // An empty non-terminal exists: NODATA, not NXDOMAIN.
    #expect(try await zones.query(try DomainName("b.c.example.com"), .a).status == .nodata)
  }

  @Test func followsCNAMEChainsInOrder() async throws {
    let answer = try await resolver().query(try DomainName("alias.example.com"), .a)
    #expect(answer.status == .answer)
    #expect(answer.records.map(\.type) == [.cname, .cname, .a])
    #expect(answer.canonicalName.text == "target.example.com")
    #expect(answer.addresses == [IPAddress("192.0.2.2")!])
    let cname = try await resolver().query(try DomainName("alias.example.com"), .cname)
    #expect(cname.records.count == 1)
  }

  @Test func danglingCNAMEIsNXDOMAINWithTheChain() async throws {
    let answer = try await resolver().query(try DomainName("dangling.example.com"), .txt)
    #expect(answer.status == .nxdomain)
    #expect(answer.records.map(\.type) == [.cname])
  }

  @Test func cnameLoopFails() async throws {
    await #expect(throws: DNSError.self) {
      try await resolver().query(try DomainName("loop1.example.com"), .a)
    }
  }

  @Test func expandsWildcards() async throws {
    let zones = try resolver()
    let answer = try await zones.query(try DomainName("x.wild.example.com"), .txt)
    #expect(answer.txtJoined == ["wildcard"])
    #expect(answer.records.first?.name.text == "x.wild.example.com")
    #expect(
      try await zones.query(try DomainName("exists.wild.example.com"), .txt).status == .nodata)
  }

  @Test func offlineAnswersNXDOMAINOutsideTheZones() async throws {
    let answer = try await resolver().query(try DomainName("example.org"), .txt)
    #expect(answer.status == .nxdomain)
    #expect(answer.server == "offline")
  }

  @Test func overlaySendsOtherNamesToTheFallback() async throws {
    let zones = try resolver(fallback: StubResolver(.success(.nodata)))
    let answer = try await zones.query(try DomainName("example.org"), .txt)
    #expect(answer.server == "stub")
    let chained = try await zones.query(try DomainName("outside.example.com"), .a)
    #expect(chained.records.map(\.type) == [.cname])
    #expect(chained.name.text == "outside.example.com")
    let failing = try resolver(fallback: StubResolver(.failure(.timeout(server: nil))))
    await #expect(throws: DNSError.timeout(server: nil)) {
      try await failing.query(try DomainName("example.org"), .txt)
    }
  }

  @Test func delegatedNamesGoToTheFallback() async throws {
    let parent = try ZoneFile.parse(
      """
      $ORIGIN example.com.
      $TTL 300
      @ SOA ns1 hostmaster 1 3600 600 86400 60
      sub NS ns.elsewhere.net.
      sub TXT "glue-side data is not authoritative"
      """)
    let offline = try ZoneResolver(zones: [parent])
    let below = try DomainName("a.sub.example.com")
    #expect(try await offline.query(below, .txt).server == "offline")
    let overlay = try ZoneResolver(zones: [parent], fallback: StubResolver(.success(.nodata)))
    #expect(try await overlay.query(below, .txt).server == "stub")
    #expect(try await overlay.query(try DomainName("sub.example.com"), .txt).server == "stub")
    let child = try ZoneFile.parse(
      """
      $ORIGIN sub.example.com.
      $TTL 300
      @ SOA ns hostmaster 1 3600 600 86400 60
      a TXT "child"
      """)
    let both = try ZoneResolver(zones: [parent, child])
    #expect(try await both.query(below, .txt).txtJoined == ["child"])
  }

  @Test func recordsCarryTheirZoneLine() async throws {
    let answer = try await resolver().query(try DomainName("example.com"), .txt)
    #expect(answer.records.first?.origin?.line == 4)
  }
}

@Suite struct CachingResolverTests {
  final class Counting: DNSResolver, @unchecked Sendable {
    let lock = Mutex(0)
    func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
      lock.withLock { $0 += 1 }
      try? await Task.sleep(nanoseconds: 10_000_000)
      return DNSAnswer(name: name, type: type, status: .nodata)
    }
  }

  @Test func asksEachQuestionOnce() async throws {
    let counting = Counting()
    let cache = CachingResolver(wrapping: counting)
    let name = try DomainName("example.com")
    await withTaskGroup(of: Void.self) { group in
      for _ in 0..<50 {
        group.addTask { _ = try? await cache.query(name, .txt) }
        group.addTask { _ = try? await cache.query(name, .mx) }
      }
    }
    #expect(counting.lock.withLock { $0 } == 2)
    #expect(cache.statistics.queries == 2)
    #expect(cache.statistics.hits == 98)
  }
}
