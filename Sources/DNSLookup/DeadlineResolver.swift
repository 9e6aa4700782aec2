import Synchronization

/// Bounds the time one domain's lookups may take: once the deadline has passed, every query
/// still waiting and every later one fails with `DNSError.deadlineExceeded`.
///
/// One instance per domain, wrapping the run's shared resolver. An abandoned query is not
/// cancelled below (another domain may share it through the cache); only this domain stops
/// waiting for it. The failures land in the domain's context like any other, and
/// the `dns.deadline-exceeded` rule reports them.
public final class DeadlineResolver: DNSResolver {
  private let wrapped: any DNSResolver
  private let pending: PendingQueries
  private let timer: Task<Void, Never>

  /// Starts the clock: the deadline is `seconds` from now.
  public init(wrapping resolver: any DNSResolver, seconds: Double) {
    self.wrapped = resolver
    let pending = PendingQueries()
    self.pending = pending
    let nanoseconds = UInt64(max(seconds, 0) * 1_000_000_000)
    self.timer = Task {
      try? await Task.sleep(nanoseconds: nanoseconds)
      if !Task.isCancelled { pending.expire() }
    }
  }

  deinit { timer.cancel() }

  /// True once the deadline has passed.
  public var hasExpired: Bool { pending.hasExpired }

  /// Stops the clock; call when the domain is done.
  public func finish() { timer.cancel() }

  public func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
    let wrapped = self.wrapped
    let pending = self.pending
    let result: Result<DNSAnswer, DNSError> = await withCheckedContinuation { continuation in
      guard let id = pending.register(continuation) else {
        continuation.resume(returning: .failure(DNSError.deadlineExceeded))
        return
      }
      Task {
        let result: Result<DNSAnswer, DNSError>
        do throws(DNSError) {
          result = .success(try await wrapped.query(name, type))
        } catch {
          result = .failure(error)
        }
        pending.finish(id, with: result)
      }
    }
    return try result.get()
  }
}

/// The queries of one `DeadlineResolver` still waiting; each is resumed exactly once, by its
/// answer or by the deadline, whichever comes first.
private final class PendingQueries: Sendable {
  typealias Waiter = CheckedContinuation<Result<DNSAnswer, DNSError>, Never>

  private struct State {
    var expired = false
    var next = 0
    var waiting: [Int: Waiter] = [:]
  }

  private let state = Mutex(State())

  var hasExpired: Bool { state.withLock { $0.expired } }

  /// Adds a waiter; nil when the deadline has already passed.
  func register(_ waiter: Waiter) -> Int? {
    state.withLock { state in
      guard !state.expired else { return nil }
      let id = state.next
      state.next += 1
      state.waiting[id] = waiter
      return id
    }
  }

  /// Resumes waiter `id` with its result, unless the deadline already did.
  func finish(_ id: Int, with result: Result<DNSAnswer, DNSError>) {
    let waiter = state.withLock { $0.waiting.removeValue(forKey: id) }
    waiter?.resume(returning: result)
  }

  /// Fails every waiter; later registrations fail at once.
  func expire() {
    let waiters = state.withLock { state in
      state.expired = true
      let waiters = Array(state.waiting.values)
      state.waiting = [:]
      return waiters
    }
    for waiter in waiters { waiter.resume(returning: .failure(DNSError.deadlineExceeded)) }
  }
}
