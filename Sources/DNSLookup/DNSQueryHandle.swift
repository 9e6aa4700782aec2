import Synchronization

/// The outcome of one question: an answer (NXDOMAIN and NODATA included) or a failure.
public typealias DNSOutcome = Result<DNSAnswer, DNSError>

/// Gets the outcome of a query started with `DNSResolver.start`.
///
/// An object rather than a closure: each layer of a run's resolver stack keeps one small
/// object per query that receives from the layer below and is the handle for the layer above,
/// so a query in flight costs no closure contexts.
public protocol DNSQueryReceiver: AnyObject, Sendable {
  /// The outcome; called exactly once, on any thread.
  func receive(_ outcome: DNSOutcome)
}

/// A query started with `DNSResolver.start`, for stopping it early.
///
/// Why `start` exists: a query awaited with `query` holds the awaiting task, so many questions
/// at once cost a task each, and a task's stack is kilobytes while a started query is a few
/// small objects. The resolvers of a run (libresolv, zones, the cache, the deadline, the
/// recorder) pass a started query down without a task anywhere; `query` is `start` plus one
/// continuation for them (`queryByStarting`), and `DNSQueryQueue` asks many from one task.
public protocol DNSQueryHandle: AnyObject, Sendable {
  /// Stops waiting for the answer: unless the receiver has been called already, it is called
  /// soon with a failure (`DNSError.cancelled` where nothing else is known). What the query
  /// shares with other askers (a cached question) goes on for them.
  func cancel()
}

extension DNSError {
  /// What a cancelled query fails with: it got no answer in the time it was given.
  public static let cancelled = DNSError.timeout(server: nil)
}

/// A receiver that calls a closure: for the paths where a query's outcome must be changed on
/// its way up (zone overlays, recordings, patches), not for the hot path.
public final class DNSCompletion: DNSQueryReceiver {
  private let body: @Sendable (DNSOutcome) -> Void

  public init(_ body: @escaping @Sendable (DNSOutcome) -> Void) {
    self.body = body
  }

  public func receive(_ outcome: DNSOutcome) { body(outcome) }
}

extension DNSResolver {
  /// Runs `query` in a task of its own; cancelling the handle cancels the task.
  public func start(_ question: DNSQuestion, for receiver: any DNSQueryReceiver)
    -> (any DNSQueryHandle)?
  {
    let task = Task {
      let outcome: DNSOutcome
      do throws(DNSError) {
        outcome = .success(try await query(question.name, question.type))
      } catch {
        outcome = .failure(error)
      }
      receiver.receive(outcome)
    }
    return TaskQueryHandle(task)
  }

  /// `start` of the question `name`/`type`.
  public func start(_ name: DomainName, _ type: RRType, for receiver: any DNSQueryReceiver)
    -> (any DNSQueryHandle)?
  {
    start(DNSQuestion(name: name, type: type), for: receiver)
  }

  /// `query` by way of `start`, for resolvers whose own path is `start`: an outcome given inside
  /// `start` (a cached answer) is returned at once; otherwise the awaiting task waits on one
  /// continuation, and cancelling it cancels the query.
  public func queryByStarting(_ name: DomainName, _ type: RRType) async throws(DNSError)
    -> DNSAnswer
  {
    // A task cancelled already sends nothing.
    guard !Task.isCancelled else { throw .cancelled }
    let waiter = DNSQueryWaiter()
    if let outcome = waiter.hold(start(name, type, for: waiter)) { return try outcome.get() }
    let outcome = await withTaskCancellationHandler {
      await withUnsafeContinuation { (continuation: UnsafeContinuation<DNSOutcome, Never>) in
        waiter.wait(continuation)
      }
    } onCancel: {
      waiter.cancel()
    }
    return try outcome.get()
  }
}

/// The handle of a query that runs `DNSResolver.query` in a task.
private final class TaskQueryHandle: DNSQueryHandle {
  private let task: Task<Void, Never>

  init(_ task: Task<Void, Never>) {
    self.task = task
  }

  func cancel() { task.cancel() }
}

/// One task awaiting one started query: keeps an outcome that comes before the task waits
/// (inside `start`), resumes the task with one that comes later, and cancels the query when
/// the task is cancelled (its handler is installed once the query is started and held).
private final class DNSQueryWaiter: DNSQueryReceiver {
  private struct State {
    var continuation: UnsafeContinuation<DNSOutcome, Never>?
    var handle: (any DNSQueryHandle)?
    var outcome: DNSOutcome?
    var finished = false
  }

  private let state = Mutex(State())

  /// Resumes `continuation` with the outcome when it is there, or keeps it until it comes.
  func wait(_ continuation: UnsafeContinuation<DNSOutcome, Never>) {
    let outcome = state.withLock { state -> DNSOutcome? in
      if state.outcome == nil { state.continuation = continuation }
      return state.outcome
    }
    if let outcome { continuation.resume(returning: outcome) }
  }

  func receive(_ outcome: DNSOutcome) {
    let continuation = state.withLock { state in
      state.finished = true
      state.handle = nil
      if state.continuation == nil { state.outcome = outcome }
      return state.continuation.take()
    }
    continuation?.resume(returning: outcome)
  }

  /// Keeps `handle` for cancellation, unless the outcome came already (inside `start`): then
  /// returns it.
  func hold(_ handle: (any DNSQueryHandle)?) -> DNSOutcome? {
    state.withLock { state in
      if !state.finished { state.handle = handle }
      return state.outcome
    }
  }

  func cancel() {
    let handle = state.withLock { $0.handle.take() }
    handle?.cancel()
  }
}

/// A resolver whose own path is `start` (the resolvers of a run): its `query` waits for a
/// started query (`queryByStarting`).
public protocol StartingResolver: DNSResolver {}

extension StartingResolver {
  public func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
    try await queryByStarting(name, type)
  }
}
