/// Everything one resolver does with one nameserver: a few connected UDP sockets with random
/// source ports, the exchanges in flight on them (at most `maximumInFlight`), the ones waiting
/// for a slot, and the TCP connections of truncated answers.
///
/// Made by `Transport` on the caller's thread; from then on only the I/O thread touches it.
/// An answer is accepted only when its source address and port, its id and its question match
/// an exchange in flight; anything else is dropped and counted, never taken for an answer.
/// Below the cap, a `CongestionWindow` steered by the round-trip time decides how many are in
/// flight, so a server with default socket buffers is never flooded with a burst it drops.
final class ServerEndpoint: TimerTarget, @unchecked Sendable {
  /// UDP sockets per server at most: queries are spread over them in turn, one more socket
  /// for each `queriesPerSocket` in flight.
  static let socketCount = 4
  static let queriesPerSocket = 16
  /// Nanoseconds without a query in flight after which the sockets are closed, so a run that
  /// asks hundreds of servers now and then (`--authoritative`) does not hold their sockets.
  static let idleTimeout: UInt64 = 2_000_000_000

  let server: ResolverConfiguration.Nameserver
  let maximumInFlight: Int
  let counters: TransportCounters
  private let address: SocketAddress
  private let loop: EventLoop

  private var sockets: [UDPSocket?] = Array(repeating: nil, count: ServerEndpoint.socketCount)
  private var nextSocket = 0
  private var inFlight = 0
  private var waiting: [Exchange] = []
  private var waitingHead = 0
  private var connections: [Int32: TCPConnection] = [:]
  private var window: CongestionWindow
  private var retransmit = RetransmitTimer()
  /// Bumped when the server becomes busy or idle: an older idle timer is stale.
  private var idleGeneration: UInt32 = 0
  /// True while `startWaiting` runs: a send that fails inside it finishes exchanges, which
  /// must not start waiting ones again from deeper down the stack.
  private var isStartingWaiting = false

  /// Nil when the server's host is not an address the kernel takes.
  init?(
    server: ResolverConfiguration.Nameserver, maximumInFlight: Int, excludesWire: Bool,
    counters: TransportCounters, loop: EventLoop
  ) {
    guard let address = SocketAddress(server) else { return nil }
    self.server = server
    self.address = address
    self.maximumInFlight = max(maximumInFlight, 1)
    self.counters = counters
    self.loop = loop
    window = CongestionWindow(cap: self.maximumInFlight, excludesWire: excludesWire)
  }

  // MARK: Commands from the inbox

  /// Starts `exchange`, or queues it while the cap is reached.
  func start(_ exchange: Exchange) {
    guard !exchange.isCancelled else {
      finish(exchange, .cancelled)
      return
    }
    if inFlight < window.limit {
      begin(exchange)
    } else {
      exchange.phase = .waiting
      waiting.append(exchange)
      counters.waiting.add(1, ordering: .relaxed)
    }
  }

  /// Ends a cancelled exchange at once, wherever it is; one not seen yet is ended by `start`.
  func cancel(_ exchange: Exchange) {
    switch exchange.phase {
    case .created, .finished: break
    case .waiting, .udp, .tcp: finish(exchange, .cancelled)
    }
  }

  /// A UDP query's resend timer or a try's timeout came due; stale entries (an earlier try, a
  /// finished exchange) are ignored. Before the try's end, the query goes out again.
  func timedOut(_ exchange: Exchange, generation: UInt32) {
    guard exchange.generation == generation, exchange.holdsSlot else { return }
    if case .udp(let socket, let id) = exchange.phase, !socket.isClosed,
      socket.pending[QueryID(id)] === exchange
    {
      let now = Sockets.now()
      if now < exchange.deadline {
        resend(exchange, id: id, on: socket, now: now)
        return
      }
    }
    counters.timeouts.add(1, ordering: .relaxed)
    if case .udp = exchange.phase { window.lost(exchange.sequence) }
    finish(exchange, .timeout)
  }

  /// The idle timer: closes the sockets if nothing was sent since it was armed.
  func timerFired(generation: UInt32) {
    guard generation == idleGeneration, inFlight == 0 else { return }
    for case let socket? in sockets { close(socket) }
    sockets = Array(repeating: nil, count: Self.socketCount)
  }

  /// Closes every socket; the resolver is gone, so nothing is in flight any more.
  func shutdown() {
    for case let socket? in sockets { close(socket) }
    sockets = Array(repeating: nil, count: Self.socketCount)
    for descriptor in connections.keys { loop.close(descriptor) }
    connections = [:]
  }

  // MARK: Sending

  private func begin(_ exchange: Exchange) {
    exchange.holdsSlot = true
    if inFlight == 0 { idleGeneration &+= 1 }
    inFlight += 1
    let current = counters.inFlight.add(1, ordering: .relaxed).newValue
    if current > counters.peakInFlight.load(ordering: .relaxed) {
      counters.peakInFlight.store(current, ordering: .relaxed)
    }
    sendUDP(exchange)
  }

  private func sendUDP(_ exchange: Exchange) {
    let socket: UDPSocket
    switch currentSocket() {
    case .success(let current): socket = current
    case .failure(let error):
      finish(exchange, ExchangeOutcome(error))
      return
    }
    let id = socket.freeID(from: loop)
    MessageHeader.setID(id, in: &exchange.query)
    socket.pending[QueryID(id)] = exchange
    socket.sent += 1
    exchange.sequence = window.send()
    exchange.phase = .udp(socket, id: id)
    exchange.resent = 0
    exchange.resendDelay = retransmit.delay
    arm(exchange, resendingAfter: exchange.resendDelay)
    queue(exchange, on: socket)
    if socket.sent >= UDPSocket.retirementAge { retire(socket) }
  }

  /// Sends `exchange`'s query again with its `id` on `socket`, and waits twice as long for the
  /// next (this query, and the server's later ones until one is answered without a resend).
  ///
  /// A near server (a smoothed round trip under `CongestionWindow.nearRoundTrip`) answers
  /// long before the timer's 128 ms unless the query was lost, mostly to a burst its socket
  /// buffer could not hold: the congestion window is halved, as a timed-out try halves it.
  /// Far away, a resend more often means a slow answer (a resolver recursing) or loss on the
  /// path, which fewer queries in flight would not prevent.
  private func resend(_ exchange: Exchange, id: UInt16, on socket: UDPSocket, now: UInt64) {
    if exchange.resent == 0 {
      counters.resent.add(1, ordering: .relaxed)
      if let roundTrip = retransmit.roundTrip, roundTrip < CongestionWindow.nearRoundTrip {
        window.lost(exchange.sequence)
      }
    }
    retransmit.resent(exchange.sequence, latest: window.sent)
    exchange.resent += 1
    socket.resentIDs.insert(QueryID(id))
    exchange.resendDelay = min(exchange.resendDelay, .max / 2) * 2
    exchange.generation &+= 1
    loop.schedule(
      exchange, after: min(exchange.resendDelay, exchange.deadline - now),
      generation: exchange.generation)
    queue(exchange, on: socket)
  }

  /// Queues `exchange`'s query to go out on `socket` at the end of the I/O thread's turn.
  private func queue(_ exchange: Exchange, on socket: UDPSocket) {
    if socket.unsent.isEmpty { loop.flushLater(socket) }
    socket.unsent.append(exchange)
  }

  /// Sends the queries queued on `socket` this turn with one system call (many queries go out
  /// per turn when many answers came in: one `send` each put the I/O thread through the
  /// kernel, and often off the CPU, once per query), and stamps them sent. An exchange that
  /// ended meanwhile (cancelled, timed out, or its socket failed) is left out.
  func flush(_ socket: UDPSocket) {
    let batch = loop.sendBatch
    batch.removeAll()
    if !socket.isClosed {
      let now = Sockets.now()
      for exchange in socket.unsent {
        guard case .udp(let holder, let id) = exchange.phase, holder === socket,
          socket.pending[QueryID(id)] === exchange
        else { continue }
        exchange.sentAt = now
        batch.append(exchange.query)
      }
    }
    socket.unsent.removeAll(keepingCapacity: true)
    guard batch.count > 0 else { return }
    counters.sent.add(batch.count, ordering: .relaxed)
    var start = 0
    while start < batch.count, !socket.isClosed {
      let result = Sockets.send(socket.descriptor, batch, from: start)
      guard let error = result.error else { return }
      // A full socket buffer loses the datagram as the network would: the timeout handles
      // it; the ones after it are tried again.
      guard error.isLostDatagram else {
        fail(socket, with: ExchangeOutcome(error))
        return
      }
      start += result.sent + 1
    }
  }

  /// The socket for the next query, in turn over as many as the load needs; opened (and
  /// watched) when its slot is empty.
  private func currentSocket() -> Result<UDPSocket, SystemError> {
    let used = min(Self.socketCount, 1 + inFlight / Self.queriesPerSocket)
    let slot = nextSocket % used
    nextSocket = slot + 1
    if let socket = sockets[slot] { return .success(socket) }
    do throws(SystemError) {
      let descriptor = try Sockets.connectedUDP(to: address)
      let socket = UDPSocket(descriptor: descriptor, endpoint: self)
      try loop.watch(descriptor, socket, events: Poller.readable)
      sockets[slot] = socket
      counters.sockets.add(1, ordering: .relaxed)
      return .success(socket)
    } catch {
      return .failure(error)
    }
  }

  /// Takes `socket` out of the rotation; it closes once its last exchange is done.
  private func retire(_ socket: UDPSocket) {
    guard let slot = sockets.firstIndex(where: { $0 === socket }) else { return }
    sockets[slot] = nil
    socket.isRetired = true
    if socket.pending.isEmpty { close(socket) }
  }

  private func close(_ socket: UDPSocket) {
    guard !socket.isClosed else { return }
    socket.isClosed = true
    loop.close(socket.descriptor)
    counters.sockets.add(-1, ordering: .relaxed)
  }

  /// Starts the try's timeout, and its first resend timer when that comes earlier.
  private func arm(_ exchange: Exchange, resendingAfter resend: UInt64 = .max) {
    exchange.generation &+= 1
    let now = Sockets.now()
    let (deadline, overflow) = now.addingReportingOverflow(exchange.timeout)
    exchange.deadline = overflow ? .max : deadline
    loop.schedule(
      exchange, after: min(exchange.timeout, resend), from: now, generation: exchange.generation)
  }

  // MARK: Receiving

  /// Reads every datagram waiting on `socket`, a batch per system call (up to a bound, for
  /// fairness: epoll reports the rest again).
  func drain(_ socket: UDPSocket) {
    var budget = 256
    while budget > 0, !socket.isClosed {
      let received = Sockets.receive(socket.descriptor, into: loop.batch) { datagram, source in
        // An answer can retire and close the socket (its last exchange done) mid-batch; what
        // else came on it then answers nothing.
        guard !socket.isClosed else {
          if !isLateCopy(datagram, from: source, on: socket) {
            counters.dropped.add(1, ordering: .relaxed)
          }
          return
        }
        accept(datagram, from: source, on: socket)
      }
      switch received {
      case .failure(let error) where Sockets.wouldBlock(error):
        return
      case .failure(let error):
        // ICMP port unreachable (or another error) on a connected socket: every query on it
        // was sent to the same closed port.
        fail(socket, with: ExchangeOutcome(error))
        return
      case .success(let count):
        // Fewer than a batch: the socket is empty now, and the poller (level-triggered) says
        // when more comes; a read to hear `EAGAIN` was a system call per socket and turn.
        guard count == loop.batch.count else { return }
        budget -= count
      }
    }
  }

  private func accept(
    _ reply: UnsafeRawBufferPointer, from source: SocketAddress?, on socket: UDPSocket
  ) {
    guard source == address, let header = MessageHeader(reply),
      let exchange = socket.pending[QueryID(header.id)], answers(exchange, reply)
    else {
      if !isLateCopy(reply, from: source, on: socket) {
        counters.dropped.add(1, ordering: .relaxed)
      }
      return
    }
    counters.answered.add(1, ordering: .relaxed)
    if exchange.resent == 0 {
      // Only the round trips of queries sent once are taken (which copy a resent query's
      // answer belongs to is unknown).
      let now = Sockets.now()
      let roundTrip = now &- exchange.sentAt
      retransmit.answered(exchange.sequence, roundTrip: roundTrip)
      let wasRecursive = window.isRecursive
      window.answered(
        exchange.sequence, roundTrip: roundTrip, inFlight: inFlight, at: now,
        recursive: header.recursionAvailable)
      if window.isRecursive, !wasRecursive {
        counters.recursiveServers.add(1, ordering: .relaxed)
      }
    }
    if header.isTruncated {
      switchToTCP(exchange)
    } else {
      finish(exchange, .reply(reply))
    }
  }

  /// True when `reply` is another answer to a query sent again on `socket`: late, not stray
  /// (never taken for an answer either way). Its question is not compared: the query's octets
  /// are gone once it was answered.
  private func isLateCopy(
    _ reply: UnsafeRawBufferPointer, from source: SocketAddress?, on socket: UDPSocket
  ) -> Bool {
    guard !socket.resentIDs.isEmpty, source == address, let header = MessageHeader(reply),
      header.isResponse
    else { return false }
    return socket.resentIDs.contains(QueryID(header.id))
  }

  /// True when `reply` answers `exchange`'s query: a response (QR) to a standard query with
  /// its id and its question. A FORMERR without a question is accepted too: a server that
  /// cannot parse the query (or its EDNS record) may not echo it (RFC 6891 §7).
  func answers(_ exchange: Exchange, _ reply: UnsafeRawBufferPointer) -> Bool {
    guard let header = MessageHeader(reply), header.isResponse, header.opcode == 0,
      exchange.query.count >= MessageHeader.length,
      header.id == UInt16(exchange.query[0]) << 8 | UInt16(exchange.query[1])
    else { return false }
    if header.rcode == WireFormat.ResponseCode.formatError, header.questionCount == 0 {
      return true
    }
    return exchange.query.withUnsafeBytes { MessageHeader.sameQuestion($0, reply) }
  }

  private func switchToTCP(_ exchange: Exchange) {
    release(exchange)
    counters.tcp.add(1, ordering: .relaxed)
    do throws(SystemError) {
      let descriptor = try Sockets.connectingTCP(to: address)
      let connection = TCPConnection(descriptor: descriptor, exchange: exchange, loop: loop)
      try loop.watch(descriptor, connection, events: Poller.writable)
      connections[descriptor] = connection
      exchange.phase = .tcp(connection)
      arm(exchange)
      counters.sent.add(1, ordering: .relaxed)
    } catch {
      finish(exchange, ExchangeOutcome(error))
    }
  }

  // MARK: Finishing

  /// Completes `exchange` with `outcome`, frees its slot and starts the next waiting one.
  func finish(_ exchange: Exchange, _ outcome: ExchangeOutcome) {
    if case .waiting = exchange.phase { counters.waiting.add(-1, ordering: .relaxed) }
    release(exchange)
    exchange.phase = .finished
    exchange.query = []
    exchange.generation &+= 1
    let owner = exchange.owner
    exchange.owner = nil
    // The slot is given back before the outcome goes up: the asker may go on at once (its
    // continuation resumed on this thread's call), and what it reads must show the slot free.
    let heldSlot = exchange.holdsSlot
    if heldSlot {
      exchange.holdsSlot = false
      inFlight -= 1
      counters.inFlight.add(-1, ordering: .relaxed)
    }
    owner?.exchangeEnded(outcome)
    guard heldSlot else { return }
    startWaiting()
    if inFlight == 0 {
      idleGeneration &+= 1
      loop.schedule(self, after: Self.idleTimeout, generation: idleGeneration)
    }
  }

  /// Frees what the exchange's current phase holds: its UDP id or its TCP connection.
  private func release(_ exchange: Exchange) {
    switch exchange.phase {
    case .udp(let socket, let id):
      guard socket.pending[QueryID(id)] === exchange else { return }
      socket.pending[QueryID(id)] = nil
      if socket.isRetired, socket.pending.isEmpty { close(socket) }
    case .tcp(let connection):
      guard connections.removeValue(forKey: connection.descriptor) != nil else { return }
      loop.close(connection.descriptor)
    case .created, .waiting, .finished:
      break
    }
  }

  /// Fails every exchange waiting for an answer on `socket` with `outcome`.
  private func fail(_ socket: UDPSocket, with outcome: ExchangeOutcome) {
    for exchange in socket.pending.values { finish(exchange, outcome) }
  }

  private func startWaiting() {
    guard !isStartingWaiting else { return }
    isStartingWaiting = true
    defer { isStartingWaiting = false }
    while inFlight < window.limit, waitingHead < waiting.count {
      let next = waiting[waitingHead]
      waitingHead += 1
      if waitingHead > 1024, waitingHead * 2 > waiting.count {
        waiting.removeFirst(waitingHead)
        waitingHead = 0
      }
      guard case .waiting = next.phase else { continue }
      counters.waiting.add(-1, ordering: .relaxed)
      begin(next)
    }
  }
}
