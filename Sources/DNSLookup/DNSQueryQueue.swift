import Synchronization

/// Many questions asked from one task without a task each: `ask` starts a question at once
/// (`DNSResolver.start`) and `next()` hands back the outcomes in the order they arrive, each
/// with the tag it was asked with. A task keeps dozens of lookups going this way, and can
/// ask a follow-up the moment an answer calls for it, at the cost of a small object per
/// question where a child task each would hold a stack of its own.
///
/// One task owns a queue: it asks, and it takes outcomes until `next()` returns nil (nothing
/// outstanding). When that task is cancelled, every outstanding question is cancelled and
/// comes back as a failure (as do questions asked afterwards).
public final class DNSQueryQueue: Sendable {
  /// An outcome that arrived, with its tag.
  public typealias Arrival = (tag: Int, outcome: DNSOutcome)

  private struct State {
    /// The questions not answered yet (each knows its place).
    var outstanding = WaitingList<Ask>(initialCapacity: 16)
    /// Outcomes that arrived while nobody waited, oldest first from `head`.
    var arrived: [Arrival] = []
    var head = 0
    var waiter: UnsafeContinuation<Arrival?, Never>?
    var cancelled = false
  }

  private let resolver: any DNSResolver
  private let state = Mutex(State())

  /// A queue asking `resolver` (unless `ask` names another).
  public init(_ resolver: any DNSResolver) {
    self.resolver = resolver
  }

  /// Starts `question` (at `resolver`, or the queue's own); its outcome comes out of `next()`
  /// with `tag`.
  public func ask(_ question: DNSQuestion, tag: Int, from resolver: (any DNSResolver)? = nil) {
    let ask = Ask(queue: self, tag: tag)
    // `ask` runs in the owning task: once it is cancelled, as after `cancelAll`, nothing is
    // sent and the question fails at once.
    let taskCancelled = Task.isCancelled
    let cancelled = state.withLock { state in
      state.outstanding.add(ask)
      if taskCancelled { state.cancelled = true }
      return state.cancelled
    }
    guard !cancelled else {
      ask.receive(.failure(.cancelled))
      return
    }
    let handle = (resolver ?? self.resolver).start(question, for: ask)
    guard let handle else { return }
    let cancel = state.withLock { state -> Bool in
      // Still outstanding (not answered at once): keep the handle for cancellation.
      guard ask.index != nil else { return false }
      ask.handle = handle
      return state.cancelled
    }
    if cancel { handle.cancel() }
  }

  /// The next outcome to arrive; nil when no question is outstanding.
  public func next() async -> Arrival? {
    // An outcome that is already here (or nothing outstanding) is taken without a
    // continuation and a cancellation handler; a cancelled task takes the path below, whose
    // handler cancels what is outstanding.
    if !Task.isCancelled, case .some(let ready) = state.withLock({ Self.take(&$0) }) {
      return ready
    }
    return await withTaskCancellationHandler {
      await withUnsafeContinuation { (continuation: UnsafeContinuation<Arrival?, Never>) in
        let ready = state.withLock { state -> Arrival?? in
          if let ready = Self.take(&state) { return ready }
          state.waiter = continuation
          return .none
        }
        if case .some(let arrival) = ready { continuation.resume(returning: arrival) }
      }
    } onCancel: {
      cancelAll()
    }
  }

  /// The oldest outcome that arrived, or nil inside when nothing is outstanding; nil when
  /// the owner has to wait.
  private static func take(_ state: inout State) -> Arrival?? {
    if state.head < state.arrived.count {
      let arrival = state.arrived[state.head]
      state.head += 1
      if state.head == state.arrived.count {
        state.arrived.removeAll(keepingCapacity: true)
        state.head = 0
      }
      return .some(arrival)
    }
    if state.outstanding.isEmpty { return .some(nil) }
    return .none
  }

  /// Whether the owner waits in `next()` for an outcome (tests).
  var isWaiting: Bool { state.withLock { $0.waiter != nil } }

  /// Cancels every outstanding question, and every one asked from now on.
  public func cancelAll() {
    let handles = state.withLock { state in
      state.cancelled = true
      return state.outstanding.members.compactMap { ask in ask.handle.take() }
    }
    for handle in handles { handle.cancel() }
  }

  fileprivate func arrive(_ ask: Ask, _ outcome: DNSOutcome) {
    let waiter = state.withLock { state -> UnsafeContinuation<Arrival?, Never>? in
      ask.handle = nil
      guard state.outstanding.remove(ask) else { return nil }
      if let waiter = state.waiter {
        state.waiter = nil
        return waiter
      }
      state.arrived.append((ask.tag, outcome))
      return nil
    }
    waiter?.resume(returning: (ask.tag, outcome))
  }

  /// One question of the queue; its mutable fields are guarded by the queue's lock.
  fileprivate final class Ask: DNSQueryReceiver, WaitingListMember, @unchecked Sendable {
    let queue: DNSQueryQueue
    let tag: Int
    var handle: (any DNSQueryHandle)?
    /// Its place in `outstanding`; nil once answered.
    var index: Int?

    init(queue: DNSQueryQueue, tag: Int) {
      self.queue = queue
      self.tag = tag
    }

    func receive(_ outcome: DNSOutcome) { queue.arrive(self, outcome) }
  }
}
