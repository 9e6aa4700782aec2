import Synchronization

/// Asks each name/type once per run: concurrent askers of the same question share one query,
/// and later ones get the remembered answer. TTLs are not applied to answers: an answer is as
/// valid at the end of a run as at its start, so every domain is judged on the same data.
///
/// A failure (timeout, SERVFAIL, REFUSED, a network error, a malformed answer) is remembered
/// for a while only, as RFC 9520 asks of resolvers: 1 s at first, twice as long each time the
/// question fails again, at most 5 minutes (`failureLifetime`). A batch runs for hours: one
/// SERVFAIL on a provider's SPF include must not fail every later domain that includes it,
/// and a name that stays dead is asked ever more rarely. A failure a domain saw stays a
/// failure for that domain all the same: its `DomainResolver` keeps it.
///
/// At most `limit` finished outcomes are remembered, chosen by what is asked again (a
/// segmented LRU): an answer asked for once waits in probation, one asked for again is
/// protected (80 % of the limit). A run over many domains keeps flat memory; each domain's own
/// records pass through probation and push out each other, while the names many domains share
/// (provider SPF includes and DKIM targets, report vendors) stay and are asked once per run.
///
/// Queries pass through as started queries (`DNSResolver.start`): an asker waiting for a
/// shared question holds a small record, no task. An asker that cancels stops waiting at once
/// (failing with `DNSError.cancelled`); the question goes on while anyone else waits for it,
/// and is cancelled below when no one does (its outcome is then not remembered).
public final class CachingResolver: StartingResolver {
  /// Finished answers remembered unless `init(wrapping:limit:)` says otherwise: about 1 KB
  /// each. The protected segment keeps the shared names; 10,000 synthetic domains sent 0.8 %
  /// more queries with 8,192 than with 16,384, and the batch's peak memory fell by 6–10 MB.
  public static let defaultLimit = 8_192

  /// How long a failure is remembered (seconds): the lower bound the first time, doubling
  /// with each failure of the same question in a row, never beyond the upper bound.
  public static let defaultFailureLifetime: ClosedRange<Double> = 1...300

  /// A finished question's outcome; a failure's until `expiry`.
  private struct Remembered {
    var outcome: DNSOutcome
    /// Monotonic nanoseconds from which a failure is asked again; nil for an answer.
    var expiry: UInt64?
    /// How many times in a row the question failed.
    var failures: Int
  }

  private struct Store {
    /// Questions being asked, with everyone waiting for the answer.
    var inFlight: [DNSQuestion: Flight] = [:]
    var finished: SegmentedLRU<DNSQuestion, Remembered>
  }

  private enum Claim {
    case remembered(DNSOutcome)
    case joined(Waiter)
    case asker(Flight)
  }

  private let wrapped: any DNSResolver
  private let store: Mutex<Store>
  private let queries = Atomic(0)
  private let hits = Atomic(0)
  /// The first and the longest lifetime of a failure, in nanoseconds.
  private let failureLifetime: (first: UInt64, longest: UInt64)
  private let clock: @Sendable () -> UInt64

  /// A cache over `resolver` holding at most `limit` outcomes, failures for `failureLifetime`
  /// seconds (see `defaultFailureLifetime`).
  public convenience init(
    wrapping resolver: any DNSResolver, limit: Int = CachingResolver.defaultLimit,
    failureLifetime: ClosedRange<Double> = CachingResolver.defaultFailureLifetime
  ) {
    self.init(
      wrapping: resolver, limit: limit, failureLifetime: failureLifetime, clock: Sockets.now)
  }

  /// As above, with the monotonic clock in nanoseconds given (tests).
  package init(
    wrapping resolver: any DNSResolver, limit: Int = CachingResolver.defaultLimit,
    failureLifetime: ClosedRange<Double>, clock: @escaping @Sendable () -> UInt64
  ) {
    self.wrapped = resolver
    self.store = Mutex(Store(finished: SegmentedLRU(capacity: max(limit, 1))))
    func nanoseconds(_ seconds: Double) -> UInt64 { UInt64(min(max(seconds, 0), 1e9) * 1e9) }
    self.failureLifetime = (
      nanoseconds(failureLifetime.lowerBound), nanoseconds(failureLifetime.upperBound)
    )
    self.clock = clock
  }

  /// A remembered outcome is received at once; otherwise the asker waits for the question in
  /// flight, or is the first and starts it below.
  public func start(_ question: DNSQuestion, for receiver: any DNSQueryReceiver)
    -> (any DNSQueryHandle)?
  {
    let claim = store.withLock { store -> Claim in
      var failures = 0
      if let remembered = store.finished.value(for: question) {
        guard let expiry = remembered.expiry, clock() >= expiry else {
          return .remembered(remembered.outcome)
        }
        failures = remembered.failures
      }
      // One hash of the key: the optional subscript's modify accessor finds the flight out
      // or inserts the new one.
      return Self.board(&store.inFlight[question], receiver) {
        Flight(cache: self, key: question, first: receiver, failures: failures)
      }
    }
    switch claim {
    case .remembered(let outcome):
      hits.add(1, ordering: .relaxed)
      receiver.receive(outcome)
      return nil
    case .joined(let waiter):
      return waiter
    case .asker(let flight):
      queries.add(1, ordering: .relaxed)
      let handle = wrapped.start(question, for: flight)
      let cancel = store.withLock { _ in flight.hold(handle) }
      if cancel { handle?.cancel() }
      return flight
    }
  }

  /// `receiver` joins the flight in `slot`, or asks in a new one (`make`) stored there.
  private static func board(
    _ slot: inout Flight?, _ receiver: any DNSQueryReceiver, _ make: () -> Flight
  ) -> Claim {
    if let flight = slot {
      let waiter = Waiter(flight: flight, receiver: receiver)
      flight.joined.add(waiter)
      return .joined(waiter)
    }
    let flight = make()
    slot = flight
    return .asker(flight)
  }

  /// The outcome of `flight` came back: remembered (unless the flight was cancelled because
  /// no one waited any more) and handed to everyone still waiting.
  fileprivate func land(_ flight: Flight, _ outcome: DNSOutcome) {
    let (first, joined) = store.withLock { store -> ((any DNSQueryReceiver)?, [Waiter]) in
      guard !flight.isCancelled else { return (nil, []) }
      store.inFlight[flight.key] = nil
      store.finished.insert(flight.key, remembered(outcome, after: flight.failures))
      flight.handle = nil
      flight.hasLanded = true
      defer { flight.first = nil }
      return (flight.first, flight.joined.removeAll())
    }
    if !joined.isEmpty { hits.add(joined.count, ordering: .relaxed) }
    first?.receive(outcome)
    for waiter in joined { waiter.receiver.receive(outcome) }
  }

  /// `outcome` as remembered: an answer for the run; a failure after `failures` earlier ones
  /// in a row for the first lifetime doubled that often, at most the longest.
  private func remembered(_ outcome: DNSOutcome, after failures: Int) -> Remembered {
    guard case .failure = outcome else {
      return Remembered(outcome: outcome, expiry: nil, failures: 0)
    }
    let (first, longest) = failureLifetime
    let (doubled, overflow) = first.multipliedReportingOverflow(by: 1 << UInt64(min(failures, 62)))
    let lifetime = overflow ? longest : min(doubled, longest)
    return Remembered(outcome: outcome, expiry: clock() &+ lifetime, failures: failures + 1)
  }

  /// An asker stops waiting for `flight` (`waiter` nil: the first one): it fails at once, and
  /// the flight is cancelled below when no one else waits for it.
  fileprivate func leave(_ flight: Flight, _ waiter: Waiter?) {
    let (receiver, handle) = store.withLock {
      store -> ((any DNSQueryReceiver)?, (any DNSQueryHandle)?) in
      let receiver: (any DNSQueryReceiver)?
      if let waiter {
        guard flight.joined.remove(waiter) else { return (nil, nil) }
        receiver = waiter.receiver
      } else {
        receiver = flight.first.take()
      }
      guard receiver != nil, flight.first == nil, flight.joined.isEmpty else {
        return (receiver, nil)
      }
      if store.inFlight[flight.key] === flight { store.inFlight[flight.key] = nil }
      flight.isCancelled = true
      return (receiver, flight.handle.take())
    }
    receiver?.receive(.failure(.cancelled))
    handle?.cancel()
  }

  /// How many questions went to the wrapped resolver (each once, and a failed one again after
  /// its lifetime), and how many were answered from memory.
  public var statistics: (queries: Int, hits: Int) {
    (queries.load(ordering: .relaxed), hits.load(ordering: .relaxed))
  }

  /// How many finished answers are remembered now (at most the limit).
  public var count: Int { store.withLock { $0.finished.count } }

  /// How many questions are being asked now.
  public var inFlightCount: Int { store.withLock { $0.inFlight.count } }

  /// One question being asked below, with everyone waiting for its outcome: it receives the
  /// outcome from below, and is the first asker's handle. Its fields are guarded by the
  /// cache's lock.
  fileprivate final class Flight: DNSQueryReceiver, DNSQueryHandle, @unchecked Sendable {
    let cache: CachingResolver
    let key: DNSQuestion
    /// The asker that started it, until it leaves.
    var first: (any DNSQueryReceiver)?
    /// The askers that came while it was in flight (they count as answered from memory).
    var joined = WaitingList<Waiter>()
    var handle: (any DNSQueryHandle)?
    var isCancelled = false
    /// Its outcome came (perhaps before `start` below returned its handle).
    var hasLanded = false
    /// How many times in a row the question had failed before.
    let failures: Int

    init(cache: CachingResolver, key: DNSQuestion, first: any DNSQueryReceiver, failures: Int) {
      self.cache = cache
      self.key = key
      self.first = first
      self.failures = failures
    }

    /// Keeps the query's handle while it is out; true when the flight was cancelled before
    /// the handle came.
    func hold(_ handle: (any DNSQueryHandle)?) -> Bool {
      if !isCancelled, !hasLanded { self.handle = handle }
      return isCancelled
    }

    func receive(_ outcome: DNSOutcome) { cache.land(self, outcome) }

    func cancel() { cache.leave(self, nil) }
  }

  /// An asker that joined a flight; cancelling it makes it leave.
  fileprivate final class Waiter: DNSQueryHandle, WaitingListMember, @unchecked Sendable {
    let flight: Flight
    let receiver: any DNSQueryReceiver
    /// Its place among the flight's waiters; nil once it got its outcome or left.
    var index: Int?

    init(flight: Flight, receiver: any DNSQueryReceiver) {
      self.flight = flight
      self.receiver = receiver
    }

    func cancel() { flight.cache.leave(flight, self) }
  }
}
