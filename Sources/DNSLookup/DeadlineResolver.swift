import Synchronization

/// Bounds the time one domain's lookups may take: once the deadline has passed, every query
/// still waiting and every later one fails with `DNSError.deadlineExceeded`.
///
/// One instance per domain, wrapping the run's shared resolver. Queries pass through as
/// started queries (`DNSResolver.start`): no task per query, one timer per domain. At the
/// deadline each waiting query fails at once and is cancelled below; what another domain
/// shares through the cache goes on for that domain (the cache cancels a question only when
/// no one waits for it any more). The failures land in the domain's context like any other,
/// and the `dns.deadline-exceeded` rule reports them.
///
/// The clock is a timer of the DNS I/O thread (`EventLoop`), armed with the queries the
/// domain posts there anyway: a Dispatch timer per domain cost a wake-up of Dispatch's
/// manager thread to arm and another to cancel (about 8 % of a batch's CPU).
public final class DeadlineResolver: StartingResolver {
  private let wrapped: any DNSResolver
  private let pending: PendingQueries
  private let alarm: DeadlineAlarm

  /// Starts the clock: the deadline is `seconds` from now.
  public init(wrapping resolver: any DNSResolver, seconds: Double) {
    self.wrapped = resolver
    let pending = PendingQueries()
    self.pending = pending
    alarm = DeadlineAlarm(pending, after: UInt64(min(max(seconds, 0), 1e9) * 1e9))
  }

  deinit { alarm.disarm() }

  /// True once the deadline has passed.
  public var hasExpired: Bool { pending.hasExpired }

  /// Stops the clock; call when the domain is done.
  public func finish() { alarm.disarm() }

  /// Fails every waiting query now, as the deadline does when it passes.
  public func expire() { pending.expire() }

  public func start(_ question: DNSQuestion, for receiver: any DNSQueryReceiver)
    -> (any DNSQueryHandle)?
  {
    let entry = PendingQueries.Entry(pending, receiver)
    guard pending.register(entry) else {
      receiver.receive(.failure(.deadlineExceeded))
      return nil
    }
    let handle = wrapped.start(question, for: entry)
    pending.hold(handle, for: entry)
    return handle
  }
}

/// The queries of one `DeadlineResolver` still waiting; each gets exactly one outcome, its own
/// or the deadline's, whichever comes first.
private final class PendingQueries: Sendable {
  /// One waiting query: it receives from below and passes on, unless the deadline came
  /// first. Its fields are guarded by the lock of its `PendingQueries`.
  final class Entry: DNSQueryReceiver, WaitingListMember, @unchecked Sendable {
    let pending: PendingQueries
    let receiver: any DNSQueryReceiver
    var handle: (any DNSQueryHandle)?
    /// Its place in `waiting`; nil once it got its outcome.
    var index: Int?

    init(_ pending: PendingQueries, _ receiver: any DNSQueryReceiver) {
      self.pending = pending
      self.receiver = receiver
    }

    func receive(_ outcome: DNSOutcome) { pending.finish(self, with: outcome) }
  }

  private struct State {
    var expired = false
    var waiting = WaitingList<Entry>(initialCapacity: 16)
  }

  private let state = Mutex(State())

  var hasExpired: Bool { state.withLock { $0.expired } }

  /// Adds a waiter; false when the deadline has already passed.
  func register(_ entry: Entry) -> Bool {
    state.withLock { state in
      guard !state.expired else { return false }
      state.waiting.add(entry)
      return true
    }
  }

  /// Keeps the handle of `entry`, so that the deadline can cancel its query; cancels it at
  /// once when the deadline came first.
  func hold(_ handle: (any DNSQueryHandle)?, for entry: Entry) {
    guard let handle else { return }
    let expired = state.withLock { state in
      if entry.index != nil { entry.handle = handle }
      return state.expired
    }
    if expired { handle.cancel() }
  }

  /// Passes `entry`'s outcome on, unless the deadline already failed it.
  func finish(_ entry: Entry, with outcome: DNSOutcome) {
    let waiting = state.withLock { state -> Bool in
      entry.handle = nil
      return state.waiting.remove(entry)
    }
    if waiting { entry.receiver.receive(outcome) }
  }

  /// Fails every waiter and cancels its query below; later registrations fail at once.
  func expire() {
    let entries = state.withLock { state in
      state.expired = true
      return state.waiting.removeAll().map { ($0.receiver, $0.handle.take()) }
    }
    for (receiver, handle) in entries {
      receiver.receive(.failure(.deadlineExceeded))
      handle?.cancel()
    }
  }
}

/// The timer of one `DeadlineResolver` on the I/O thread's timer queue. Disarming only sets a
/// flag (the entry stays in the queue until it is due, holding this small object, not the
/// queries); without an I/O thread (epoll refused) the deadline is not enforced by a timer,
/// and the queries' own timeouts still bound them.
private final class DeadlineAlarm: TimerTarget, Sendable {
  private weak let pending: PendingQueries?
  private let armed = Atomic(true)

  init(_ pending: PendingQueries, after nanoseconds: UInt64) {
    self.pending = pending
    if case .success(let loop) = EventLoop.shared {
      loop.post(.alarm(self, after: nanoseconds, postedAt: Sockets.now()))
    }
  }

  func disarm() { armed.store(false, ordering: .relaxed) }

  func timerFired(generation: UInt32) {
    guard armed.load(ordering: .relaxed) else { return }
    pending?.expire()
  }
}
