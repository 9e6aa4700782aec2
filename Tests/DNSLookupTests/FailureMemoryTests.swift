import DNSLookup
import Synchronization
import Testing

/// How long a failure is remembered: by the run's cache for a while (RFC 9520's backoff), by
/// one domain's view for as long as the domain is checked; and what a recording keeps.
@Suite struct FailureMemoryTests {
  /// Fails the questions whose place in `failing` is true with SERVFAIL, answers the others
  /// (and all beyond) with NODATA; counts them.
  final class Flaky: DNSResolver, Sendable {
    let failing: [Bool]
    let calls = Mutex(0)
    init(failing: Int) { self.failing = Array(repeating: true, count: failing) }
    init(failing: [Bool]) { self.failing = failing }
    func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
      let call = calls.withLock { calls in
        calls += 1
        return calls - 1
      }
      if call < failing.count, failing[call] { throw .serverFailure(server: "192.0.2.1:53") }
      return DNSAnswer(name: name, type: type, status: .nodata)
    }
    var count: Int { calls.withLock { $0 } }
  }

  /// A monotonic clock the test moves, in seconds.
  final class Clock: Sendable {
    private let nanoseconds = Atomic<UInt64>(1_000_000_000)
    func advance(to seconds: Double) {
      nanoseconds.store(UInt64(seconds * 1e9) + 1_000_000_000, ordering: .relaxed)
    }
    var now: @Sendable () -> UInt64 { { [self] in nanoseconds.load(ordering: .relaxed) } }
  }

  static let failure = DNSError.serverFailure(server: "192.0.2.1:53")

  static func outcome(_ resolver: any DNSResolver, _ name: DomainName) async -> DNSOutcome {
    do { return .success(try await resolver.query(name, .txt)) } catch { return .failure(error) }
  }

  @Test func theCacheAsksAFailedQuestionAgainLaterAndLaterUntilItIsAnswered() async throws {
    let flaky = Flaky(failing: 4)
    let clock = Clock()
    let cache = CachingResolver(
      wrapping: flaky, limit: 10, failureLifetime: 1...4, clock: clock.now)
    let name = try DomainName("_spf.provider.example")
    // (time, asked below so far, failed?): remembered 1 s, then 2 s, then 4 s (the longest)
    // and 4 s again; the fifth question is answered, and that answer is kept for the run.
    let steps: [(Double, Int, Bool)] = [
      (0, 1, true), (0.99, 1, true), (1, 2, true), (2.99, 2, true), (3, 3, true),
      (6.99, 3, true), (7, 4, true), (10.99, 4, true), (11, 5, false), (1_000, 5, false),
    ]
    for (time, asked, fails) in steps {
      clock.advance(to: time)
      let outcome = await Self.outcome(cache, name)
      #expect(flaky.count == asked, "at \(time) s")
      let answer = DNSAnswer(name: name, type: .txt, status: .nodata)
      #expect(outcome == (fails ? .failure(Self.failure) : .success(answer)), "at \(time) s")
    }
  }

  @Test(.timeLimit(.minutes(1)))
  func askersJoinTheQuestionAskedAgainAndACancelledAskKeepsTheBackoff() async throws {
    /// Fails every question with SERVFAIL once `open` is called for it; counts them.
    final class Gated: DNSResolver, Sendable {
      let calls = Mutex(0)
      let gates = Mutex<[CheckedContinuation<Void, Never>]>([])
      func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
        calls.withLock { $0 += 1 }
        await withCheckedContinuation { continuation in
          gates.withLock { $0.append(continuation) }
        }
        throw .serverFailure(server: "192.0.2.1:53")
      }
      func open() {
        let open = gates.withLock { gates in
          defer { gates = [] }
          return gates
        }
        for gate in open { gate.resume() }
      }
      func waiting(_ count: Int) async throws {
        while gates.withLock({ $0.count }) < count { try await Task.sleep(for: .milliseconds(2)) }
      }
    }
    let gated = Gated()
    let clock = Clock()
    let cache = CachingResolver(
      wrapping: gated, limit: 10, failureLifetime: 1...60, clock: clock.now)
    let name = try DomainName("_spf.provider.example")
    let first = Task { await Self.outcome(cache, name) }
    try await gated.waiting(1)
    gated.open()
    #expect(await first.value == .failure(Self.failure))
    // After the first lifetime two askers come: one question goes below, both get its outcome
    // (the second joins it; were it late, it would get the failure remembered from it).
    clock.advance(to: 1)
    let asker = Task { await Self.outcome(cache, name) }
    try await gated.waiting(1)
    let joiner = Task { await Self.outcome(cache, name) }
    try await Task.sleep(for: .milliseconds(20))
    gated.open()
    #expect(await asker.value == .failure(Self.failure))
    #expect(await joiner.value == .failure(Self.failure))
    #expect(gated.calls.withLock { $0 } == 2)
    // The second failure is remembered twice as long: still at 2.99 s, asked again at 3 s.
    clock.advance(to: 2.99)
    #expect(await Self.outcome(cache, name) == .failure(Self.failure))
    #expect(gated.calls.withLock { $0 } == 2)
    // A question asked again and given up by everyone is not an outcome: the count stays, so
    // the next failure is remembered 4 s, not 1 s.
    clock.advance(to: 3)
    let cancelled = Task { await Self.outcome(cache, name) }
    try await gated.waiting(1)
    cancelled.cancel()
    #expect(await cancelled.value == .failure(.cancelled))
    let again = Task { await Self.outcome(cache, name) }
    try await gated.waiting(2)
    gated.open()
    #expect(await again.value == .failure(Self.failure))
    clock.advance(to: 6.99)
    #expect(await Self.outcome(cache, name) == .failure(Self.failure))
    #expect(gated.calls.withLock { $0 } == 4)
  }

  @Test func aLifetimeOfZeroRemembersNoFailure() async throws {
    let flaky = Flaky(failing: 2)
    let cache = CachingResolver(wrapping: flaky, limit: 10, failureLifetime: 0...0)
    let name = try DomainName("broken.example")
    for _ in 0..<2 {
      await #expect(throws: Self.failure) { try await cache.query(name, .txt) }
    }
    #expect(try await cache.query(name, .txt).status == .nodata)
    #expect(try await cache.query(name, .txt).status == .nodata)
    #expect(flaky.count == 3)
  }

  @Test func aDomainKeepsTheFailuresItSawWhileOthersAskAgain() async throws {
    let flaky = Flaky(failing: 1)
    let cache = CachingResolver(wrapping: flaky, limit: 10, failureLifetime: 0...0)
    let name = try DomainName("_spf.provider.example")
    let first = DomainResolver(wrapping: cache)
    for _ in 0..<3 {
      await #expect(throws: Self.failure) { try await first.query(name, .txt) }
    }
    #expect(flaky.count == 1)
    // Another domain asks again and gets the answer; the first still sees its failure.
    let second = DomainResolver(wrapping: cache)
    #expect(try await second.query(name, .txt).status == .nodata)
    await #expect(throws: Self.failure) { try await first.query(name, .txt) }
    // Only that question: another name is asked as usual.
    #expect(try await first.query(try DomainName("other.example"), .txt).status == .nodata)
    #expect(flaky.count == 3)
  }

  @Test(.timeLimit(.minutes(1)))
  func aDomainDoesNotKeepAQuestionItStoppedWaitingFor() async throws {
    // A question that never comes back: the deadline cancels it below the domain's view.
    final class Silent: DNSResolver, Sendable {
      let calls = Mutex(0)
      func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
        calls.withLock { $0 += 1 }
        try? await Task.sleep(for: .seconds(60))
        throw .timeout(server: "192.0.2.1:53")
      }
    }
    let silent = Silent()
    let view = DomainResolver(wrapping: CachingResolver(wrapping: silent, limit: 10))
    let name = try DomainName("slow.example")
    await #expect(throws: DNSError.deadlineExceeded) {
      try await DeadlineResolver(wrapping: view, seconds: 0.05).query(name, .txt)
    }
    // Not remembered as the domain's failure: the next ask goes below again.
    let again = Task { try await view.query(name, .txt) }
    while silent.calls.withLock({ $0 }) < 2 { try await Task.sleep(for: .milliseconds(5)) }
    again.cancel()
    #expect(silent.calls.withLock { $0 } == 2)
  }

  @Test func aRecordingKeepsTheAnswerOverAFailure() async throws {
    let flaky = Flaky(failing: 1)
    let recorder = RecordingResolver(
      wrapping: CachingResolver(wrapping: flaky, limit: 10, failureLifetime: 0...0))
    let name = try DomainName("_spf.provider.example")
    await #expect(throws: Self.failure) { try await recorder.query(name, .txt) }
    #expect(recorder.snapshot.entries.map(\.status) == ["error"])
    #expect(try await recorder.query(name, .txt).status == .nodata)
    #expect(recorder.snapshot.entries.map(\.status) == ["nodata"])
    // A failure after an answer (the answer pushed out of a full cache) keeps the answer.
    let failingLater = RecordingResolver(wrapping: Flaky(failing: [false, true]))
    #expect(try await failingLater.query(name, .txt).status == .nodata)
    await #expect(throws: Self.failure) { try await failingLater.query(name, .txt) }
    #expect(failingLater.snapshot.entries.map(\.status) == ["nodata"])
  }
}
