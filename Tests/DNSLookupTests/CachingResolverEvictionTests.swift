import DNSLookup
import DNSTestSupport
import Synchronization
import Testing

/// Which answers `CachingResolver` keeps when it is full: the ones asked for again.
@Suite struct CachingResolverEvictionTests {
  @Test func popularNameSurvivesManyOneOffNames() async throws {
    let counting = CountingResolver()
    let cache = CachingResolver(wrapping: counting, limit: 100)
    let popular = try DomainName("_spf.provider.example")
    _ = try await cache.query(popular, .txt)
    _ = try await cache.query(popular, .txt)
    for index in 0..<10_000 {
      _ = try await cache.query(DomainName("d\(index).example"), .txt)
    }
    _ = try await cache.query(popular, .txt)
    #expect(counting.count(popular) == 1)
    #expect(cache.count == 100)
    #expect(cache.statistics.queries == 10_001)
    #expect(cache.statistics.hits == 2)
  }

  @Test func sharedProviderNamesAreAskedOncePerRun() async throws {
    // 3,000 domains checked a few at a time, each with its own names, one of six provider
    // includes, and now and then a rarely shared name: far more names than the cache holds.
    let counting = CountingResolver()
    let cache = CachingResolver(wrapping: counting, limit: 200)
    let providers = try (0..<6).map { try DomainName("_spf.p\($0).example") }
    let rare = try (0..<30).map { try DomainName("rare\($0).vendor.example") }
    for batch in stride(from: 0, to: 3_000, by: 20) {
      try await withThrowingTaskGroup(of: Void.self) { group in
        for domain in batch..<(batch + 20) {
          group.addTask {
            for label in ["", "_dmarc.", "s1._domainkey.", "mail."] {
              _ = try await cache.query(DomainName("\(label)d\(domain).example"), .txt)
            }
            _ = try await cache.query(providers[domain % 6], .txt)
            if domain % 100 < 2 { _ = try await cache.query(rare[domain / 100], .txt) }
          }
        }
        try await group.waitForAll()
      }
    }
    for provider in providers { #expect(counting.count(provider) == 1) }
    // Asked by two domains of the same hundred: the second finds it in probation.
    for name in rare { #expect(counting.count(name) == 1) }
    #expect(cache.count <= 200)
  }

  /// The first question waits until `open` (or until cancelled, failing as a cancelled query
  /// fails); the next ones are answered at once.
  final class GatedOnce: DNSResolver, Sendable {
    let calls = Mutex(0)
    let isOpen = Mutex(false)
    func open() { isOpen.withLock { $0 = true } }
    func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
      if calls.withLock({
        $0 += 1; return $0
      }) == 1 {
        while !isOpen.withLock({ $0 }) {
          do {
            try await Task.sleep(for: .milliseconds(5))
          } catch {
            throw .timeout(server: nil)
          }
        }
      }
      return DNSAnswer(name: name, type: type, status: .nodata)
    }
  }

  /// A cache over a `GatedOnce` with two tasks asking TXT at example.com: the asker, whose
  /// question is out, and a waiter that joined it.
  private func askerAndWaiter() async throws -> (
    GatedOnce, CachingResolver, Task<DNSAnswer, any Error>, Task<DNSAnswer, any Error>
  ) {
    let gated = GatedOnce()
    let cache = CachingResolver(wrapping: gated)
    let name = try DomainName("example.com")
    let asker = Task { try await cache.query(name, .txt) }
    while gated.calls.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(5)) }
    let waiter = Task { try await cache.query(name, .txt) }
    try await Task.sleep(for: .milliseconds(100))
    return (gated, cache, asker, waiter)
  }

  @Test(.timeLimit(.minutes(1)))
  func aCancelledAskerLeavesTheQuestionToThoseStillWaiting() async throws {
    let (gated, cache, asker, waiter) = try await askerAndWaiter()
    let name = try DomainName("example.com")
    asker.cancel()
    // The asker stops waiting at once; the question goes on for the waiter.
    await #expect(throws: DNSError.cancelled) { try await asker.value }
    #expect(cache.inFlightCount == 1)
    gated.open()
    #expect(try await waiter.value.status == .nodata)
    #expect(try await cache.query(name, .txt).status == .nodata)
    #expect(gated.calls.withLock { $0 } == 1)
  }

  @Test(.timeLimit(.minutes(1)))
  func aQuestionNoOneWaitsForIsCancelledAndNotRemembered() async throws {
    let (gated, cache, asker, waiter) = try await askerAndWaiter()
    let name = try DomainName("example.com")
    asker.cancel()
    waiter.cancel()
    await #expect(throws: DNSError.cancelled) { try await asker.value }
    await #expect(throws: DNSError.cancelled) { try await waiter.value }
    #expect(cache.inFlightCount == 0)
    // Asked again (the cancelled outcome was not remembered), and that answer is.
    #expect(try await cache.query(name, .txt).status == .nodata)
    #expect(try await cache.query(name, .txt).status == .nodata)
    #expect(gated.calls.withLock { $0 } == 2)
    #expect(cache.statistics.hits == 1)
  }
}
