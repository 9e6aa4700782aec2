import Foundation

/// A fixed set of threads that run blocking libresolv calls off Swift's cooperative pool.
///
/// Jobs wait in a locked FIFO; each thread owns its resolver states (one `res_state` per
/// nameserver) and resumes the job's continuation itself. After `shutdown()` the threads finish
/// the queued jobs and exit, so every continuation is resumed exactly once.
final class WorkerPool: @unchecked Sendable {
  struct Job {
    var id: UInt64
    var name: DomainName
    var type: RRType
    var continuation: CheckedContinuation<Result<DNSAnswer, DNSError>, Never>
  }

  // All mutable state is guarded by `condition`.
  private let condition = NSCondition()
  private var jobs: [Job] = []
  private var head = 0
  private var stopping = false
  private var lastID: UInt64 = 0

  /// Starts `count` threads; each builds its own `QueryEngine` on its own thread.
  init(
    count: Int, configuration: ResolverConfiguration, servers: [ResolverConfiguration.Nameserver]
  ) {
    for index in 0..<max(count, 1) {
      let thread = Thread { [self] in
        let engine = QueryEngine(servers: servers, configuration: configuration)
        while let job = self.next() {
          job.continuation.resume(returning: engine.resolve(job.name, job.type))
        }
      }
      thread.name = "dns-worker-\(index)"
      thread.start()
    }
  }

  /// A new job id.
  func makeID() -> UInt64 {
    condition.lock()
    defer { condition.unlock() }
    lastID += 1
    return lastID
  }

  /// Queues a job; after shutdown the job fails at once.
  func submit(_ job: Job) {
    condition.lock()
    if stopping {
      condition.unlock()
      job.continuation.resume(returning: .failure(.network("the resolver has been shut down")))
      return
    }
    jobs.append(job)
    condition.signal()
    condition.unlock()
  }

  /// What a cancelled query fails with: it got no answer in the time it was given.
  static let cancelled = DNSError.timeout(server: nil)

  /// Takes a job that has not started out of the queue and fails it; a running one, or one
  /// not queued yet, finishes normally (its time is bounded by timeout × tries × servers).
  func cancel(_ id: UInt64) {
    condition.lock()
    guard let index = jobs[head...].firstIndex(where: { $0.id == id }) else {
      condition.unlock()
      return
    }
    let job = jobs.remove(at: index)
    condition.unlock()
    job.continuation.resume(returning: .failure(Self.cancelled))
  }

  /// The next job, waiting for one; nil once stopped and drained.
  private func next() -> Job? {
    condition.lock()
    defer { condition.unlock() }
    while head == jobs.count && !stopping { condition.wait() }
    guard head < jobs.count else { return nil }
    let job = jobs[head]
    head += 1
    if head > 64 && head * 2 > jobs.count {
      jobs.removeFirst(head)
      head = 0
    }
    return job
  }

  /// Lets the threads exit once the queue is empty.
  func shutdown() {
    condition.lock()
    stopping = true
    condition.broadcast()
    condition.unlock()
  }
}

/// The per-thread query logic: one `ResolverState` per server, rounds of tries over them.
final class QueryEngine {
  private let states: [ResolverState]
  private let setupError: DNSError?
  private let tries: Int
  private var answerBuffer: UnsafeMutableBufferPointer<UInt8>

  init(servers: [ResolverConfiguration.Nameserver], configuration: ResolverConfiguration) {
    var states: [ResolverState] = []
    var setupError: DNSError?
    for server in servers {
      do {
        states.append(
          try ResolverState(
            server: server, timeout: configuration.timeout, dnssecOK: configuration.dnssecOK,
            checkingDisabled: configuration.checkingDisabled))
      } catch {
        setupError = error
      }
    }
    if states.isEmpty && setupError == nil {
      setupError = .network("no nameserver configured (resolv.conf lists none)")
    }
    self.states = states
    self.setupError = states.isEmpty ? setupError : nil
    self.tries = configuration.tries
    // NS_MAXMSG: a TCP reply can be up to 65535 octets.
    self.answerBuffer = .allocate(capacity: 65535)
    self.answerBuffer.initialize(repeating: 0)
  }

  deinit { answerBuffer.deallocate() }

  /// Asks the servers in order, `tries` rounds; a server that answered with an error is not
  /// asked again, one that timed out is.
  func resolve(_ name: DomainName, _ type: RRType) -> Result<DNSAnswer, DNSError> {
    if let setupError { return .failure(setupError) }
    var finished = Set<Int>()
    var answeredError: DNSError?
    var lastError: DNSError = .network("no nameserver configured")
    for _ in 0..<tries {
      for (index, state) in states.enumerated() where !finished.contains(index) {
        switch attempt(name, type, on: state) {
        case .success(let answer): return .success(answer)
        case .failure(let error):
          lastError = error
          if case .timeout = error { continue }
          finished.insert(index)
          if answeredError == nil { answeredError = error }
        }
      }
      if finished.count == states.count { break }
    }
    // An error a server actually sent says more than a later timeout elsewhere.
    return .failure(answeredError ?? lastError)
  }

  /// One query to one server: EDNS0 first, plain DNS again if the server rejects EDNS.
  private func attempt(
    _ name: DomainName, _ type: RRType, on state: ResolverState
  ) -> Result<DNSAnswer, DNSError> {
    let server = state.server.description
    var result = send(name, type, on: state, edns: true, server: server)
    if case .failure(.malformed(let message)) = result, message.contains("FORMERR") {
      result = send(name, type, on: state, edns: false, server: server)
    }
    return result
  }

  private func send(
    _ name: DomainName, _ type: RRType, on state: ResolverState, edns: Bool, server: String
  ) -> Result<DNSAnswer, DNSError> {
    let query: [UInt8]
    do {
      query = try state.makeQuery(name, type, edns: edns)
    } catch {
      return .failure(error)
    }
    switch state.send(query, into: answerBuffer) {
    case .failed(let rcode?, _):
      return .failure(
        WireFormat.error(forRcode: rcode, server: server)
          ?? .malformed("\(server) sent an answer libresolv rejected (rcode \(rcode))"))
    case .failed(nil, let code):
      switch code {
      case ECONNREFUSED: return .failure(.network("connection refused by \(server)"))
      case 0, ETIMEDOUT, EAGAIN: return .failure(.timeout(server: server))
      default:
        return .failure(.network("\(server): \(String(cString: strerror(code)))"))
      }
    case .reply(let length):
      guard let base = answerBuffer.baseAddress else {
        return .failure(.network("no answer buffer"))
      }
      do {
        return .success(
          try WireFormat.parse(base, length: length, name: name, type: type, server: server))
      } catch {
        return .failure(error)
      }
    }
  }
}
