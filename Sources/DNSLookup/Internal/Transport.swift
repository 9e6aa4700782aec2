/// A resolver's way to its nameservers: one `ServerEndpoint` per server, driven by the shared
/// I/O thread (`EventLoop.shared`).
///
/// `send` is the only entry point: it hands an exchange to the I/O thread, which tells the
/// exchange's owner the outcome, so callers never block a thread; `cancel` removes an exchange
/// at once. Dropping the transport closes its sockets.
final class Transport: Sendable {
  let endpoints: [ServerEndpoint]
  let counters: TransportCounters
  private let loop: EventLoop

  /// Nil with the reason when the I/O thread cannot run or a server is not a usable address.
  static func make(
    servers: [ResolverConfiguration.Nameserver], maximumInFlight: Int, excludesWire: Bool = false
  ) -> Result<Transport, DNSError> {
    let loop: EventLoop
    switch EventLoop.shared {
    case .success(let shared): loop = shared
    case .failure(let error):
      return .failure(.network("cannot start the DNS I/O thread: \(error.message)"))
    }
    let counters = TransportCounters()
    var endpoints: [ServerEndpoint] = []
    for server in servers {
      guard
        let endpoint = ServerEndpoint(
          server: server, maximumInFlight: maximumInFlight, excludesWire: excludesWire,
          counters: counters, loop: loop)
      else { return .failure(.network("cannot use nameserver \(server)")) }
      endpoints.append(endpoint)
    }
    return .success(Transport(endpoints: endpoints, counters: counters, loop: loop))
  }

  private init(endpoints: [ServerEndpoint], counters: TransportCounters, loop: EventLoop) {
    self.endpoints = endpoints
    self.counters = counters
    self.loop = loop
  }

  deinit { loop.post(.shutdown(endpoints)) }

  /// An exchange of `query` with server `index` whose outcome `owner` is told (on the I/O
  /// thread): at most `timeout` seconds over UDP, and as long again over TCP when the UDP
  /// answer was truncated. Made, not sent: the owner keeps it (for `cancel`) before `send`,
  /// since the outcome may come at once.
  func exchange(
    _ query: [UInt8], server index: Int, timeout: Int, owner: any ExchangeOwner
  ) -> Exchange {
    Exchange(
      endpoint: endpoints[index], query: query, timeout: UInt64(timeout) * 1_000_000_000,
      owner: owner)
  }

  /// Hands `exchange` to the I/O thread.
  func send(_ exchange: Exchange) {
    loop.post(.start(exchange))
  }

  /// Ends `exchange` at once with `.cancelled` (unless it has ended already).
  func cancel(_ exchange: Exchange) {
    exchange.isCancelled = true
    loop.post(.cancel(exchange))
  }
}
