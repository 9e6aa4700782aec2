import Synchronization

/// One question of `LibresolvResolver` from start to outcome, without a task: the servers in
/// order for `tries` rounds (a server that answered with an error is not asked again, one that
/// timed out is), EDNS0 first and plain DNS again after FORMERR, and the CNAME chain followed
/// where the answer stops at a CNAME into another zone.
///
/// It sends one exchange at a time; each step runs where the previous one ended (the caller's
/// thread for the first, the I/O thread after). Only `cancel` comes from elsewhere, so the
/// lock guards just what it touches: the flag, the current exchange, and the receiver.
final class Resolution: DNSQueryHandle, ExchangeOwner, @unchecked Sendable {
  /// The resolver's parts a resolution uses (one per resolver, shared by its resolutions).
  final class Context: Sendable {
    let transport: Transport
    let composer: QueryComposer
    let servers: [ResolverConfiguration.Nameserver]
    /// Each server as answers and errors name it (`127.0.0.1:53`), made once.
    let labels: [String]
    let configuration: ResolverConfiguration

    init(
      transport: Transport, composer: QueryComposer,
      servers: [ResolverConfiguration.Nameserver], configuration: ResolverConfiguration
    ) {
      self.transport = transport
      self.composer = composer
      self.servers = servers
      self.labels = servers.map(\.description)
      self.configuration = configuration
    }
  }

  private struct Shared {
    var cancelled = false
    var exchange: Exchange?
    var receiver: (any DNSQueryReceiver)?
  }

  private let context: Context
  private let name: DomainName
  private let type: RRType
  private let shared: Mutex<Shared>

  // The steps' own state: one step at a time.
  /// The name asked now: `name`, then the targets of a CNAME chain.
  private var current: DomainName
  /// The answer so far while a CNAME chain is followed.
  private var chain: DNSAnswer?
  private var round = 0
  private var server = -1
  private var edns = true
  private var finished = Set<Int>()
  private var answeredError: DNSError?
  private var lastError = DNSError.network("no nameserver configured")

  init(_ name: DomainName, _ type: RRType, context: Context, receiver: any DNSQueryReceiver) {
    self.context = context
    self.name = name
    self.type = type
    self.current = name
    self.shared = Mutex(Shared(receiver: receiver))
  }

  /// Sends the first query.
  func begin() { nextServer() }

  func cancel() {
    let exchange = shared.withLock { shared in
      shared.cancelled = true
      return shared.exchange.take()
    }
    if let exchange { context.transport.cancel(exchange) }
  }

  private var isCancelled: Bool { shared.withLock { $0.cancelled } }

  private func complete(_ outcome: DNSOutcome) {
    let receiver = shared.withLock { shared in
      shared.exchange = nil
      return shared.receiver.take()
    }
    receiver?.receive(outcome)
  }

  // MARK: Servers and tries

  /// Starts asking `current` from the first server.
  private func ask(_ target: DomainName) {
    current = target
    round = 0
    server = -1
    finished = []
    answeredError = nil
    lastError = .network("no nameserver configured")
    nextServer()
  }

  /// The next server of this round not finished, or of the next round; the first error a
  /// server actually sent is reported over a later timeout elsewhere.
  private func nextServer() {
    let servers = context.servers.indices
    while true {
      if let next = servers.first(where: { $0 > server && !finished.contains($0) }) {
        server = next
        break
      }
      round += 1
      server = -1
      guard round < context.configuration.tries, finished.count < servers.count else {
        complete(.failure(answeredError ?? lastError))
        return
      }
    }
    guard !isCancelled else {
      complete(.failure(.cancelled))
      return
    }
    edns = true
    send()
  }

  /// One try at the current server.
  private func send() {
    let query: [UInt8]
    do {
      query = try context.composer.makeQuery(current, type, edns: edns)
    } catch {
      failed(error)
      return
    }
    let exchange = context.transport.exchange(
      query, server: server, timeout: context.configuration.timeout, owner: self)
    // Kept before it is sent: its outcome may come (and the next exchange start) before
    // `send` returns, and a later store would put back an exchange that has ended.
    let cancelled = shared.withLock { shared in
      if !shared.cancelled { shared.exchange = exchange }
      return shared.cancelled
    }
    guard !cancelled else {
      complete(.failure(.cancelled))
      return
    }
    context.transport.send(exchange)
  }

  func exchangeEnded(_ outcome: ExchangeOutcome) {
    shared.withLock { $0.exchange = nil }
    let label = context.labels[server]
    switch outcome {
    case .reply(let reply):
      if edns, reply.count >= MessageHeader.length,
        reply[3] & 0x0f == WireFormat.ResponseCode.formatError
      {
        // Plain DNS again: the server does not take EDNS0.
        edns = false
        send()
        return
      }
      let parsed = Result { () throws(DNSError) -> DNSAnswer in
        try reply.withMemoryRebound(to: UInt8.self) { octets throws(DNSError) -> DNSAnswer in
          guard let base = octets.baseAddress else {
            throw DNSError.malformed("an empty answer from \(label)")
          }
          var answer = try WireFormat.parse(
            base, length: octets.count, name: current, type: type, server: label)
          // AD means "validated" only to a resolver that asked for DNSSEC (DO and AD set).
          answer.authenticated = answer.authenticated && context.configuration.dnssecOK
          return answer
        }
      }
      switch parsed {
      case .success(let answer): answered(answer)
      case .failure(let error): failed(error)
      }
    case .timeout: failed(.timeout(server: label))
    case .cancelled: complete(.failure(.cancelled))
    case .connectionRefused: failed(.network("connection refused by \(label)"))
    case .failed(let error): failed(.network("\(label): \(error.message)"))
    }
  }

  /// The try failed: a timeout leaves the server in the rotation, an error it sent does not.
  private func failed(_ error: DNSError) {
    lastError = error
    if case .timeout = error {
      nextServer()
      return
    }
    finished.insert(server)
    if answeredError == nil { answeredError = error }
    nextServer()
  }

  // MARK: CNAME chains

  /// When the answer ends in a CNAME and says nothing about its target (no record there, no
  /// SOA vouching for NODATA: an authoritative server answers only for its own zones and stops
  /// long chains), the target is asked in turn, as a recursive resolver would, and the records
  /// are joined in chain order. A chain that loops or passes `maximumChain` hops is a failure
  /// (SERVFAIL), as a recursive resolver reports it.
  private func answered(_ next: DNSAnswer) {
    var answer = next
    if let chain {
      answer = DNSAnswer(
        name: name, type: type, status: next.status, records: chain.records + next.records,
        negativeTTL: next.negativeTTL, server: next.server,
        authenticated: chain.authenticated && next.authenticated)
    }
    // Most answers carry no CNAME: nothing to follow or check.
    guard type != .cname, context.configuration.followsCNAMEs,
      answer.records.contains(where: { $0.type == .cname })
    else {
      complete(.success(answer))
      return
    }
    let owners = answer.cnameChain.map(\.name)
    if answer.matching.isEmpty, answer.status != .nxdomain, answer.negativeTTL == nil,
      !owners.isEmpty
    {
      let target = answer.canonicalName
      guard !owners.contains(target), owners.count < LibresolvResolver.maximumChain else {
        complete(
          .failure(
            .serverFailure(
              server: (answer.server ?? "")
                + " (CNAME loop or chain too long at '\(target.text)')")))
        return
      }
      guard !isCancelled else {
        complete(.failure(.cancelled))
        return
      }
      chain = answer
      ask(target)
      return
    }
    if Set(owners).count != owners.count || owners.contains(answer.canonicalName) {
      complete(
        .failure(
          .serverFailure(
            server: (answer.server ?? "") + " (CNAME loop at '\(answer.canonicalName.text)')")))
      return
    }
    complete(.success(answer))
  }
}
