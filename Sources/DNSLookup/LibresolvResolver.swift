/// Asks real nameservers: libresolv composes the queries (`res_nmkquery`), parses the answers
/// (`ns_initparse`/`ns_parserr`/`dn_expand`) and reads the system configuration (`res_ninit`);
/// the sending is our own.
///
/// One I/O thread for the whole process runs `epoll` over non-blocking sockets: per server a
/// few connected UDP sockets with random source ports, random query ids, thousands of queries
/// in flight (at most `ResolverConfiguration.maxInFlight` per server, the rest wait), per-try
/// timeouts, and TCP when an answer comes back truncated. An answer is accepted only when its
/// source address and port, id and question match the query; anything else is dropped and
/// counted (`transportStatistics.dropped`). `query` suspends until the I/O thread resumes it,
/// so Swift's cooperative pool is never blocked.
///
/// Only absolute names are sent (no search list); EDNS0 is on (1232 octets) and a server that
/// answers FORMERR is asked again without it. NXDOMAIN and NODATA come back as answers with
/// their negative TTL; SERVFAIL, REFUSED, timeouts, refused connections and unparseable
/// answers throw their own `DNSError`. A cancelled task's query is dropped at once and fails
/// with `.timeout(server: nil)`.
public final class LibresolvResolver: DNSResolver {
  /// The configuration in use.
  public let configuration: ResolverConfiguration
  /// The servers asked, in order: the configured ones, or those of resolv.conf.
  public let servers: [ResolverConfiguration.Nameserver]
  private let setup: Result<(transport: Transport, composer: QueryComposer), DNSError>

  /// With no nameservers configured, resolv.conf's are used.
  public init(configuration: ResolverConfiguration = ResolverConfiguration()) {
    self.configuration = configuration
    let state: ResolverState
    do {
      state = try ResolverState(
        dnssecOK: configuration.dnssecOK, checkingDisabled: configuration.checkingDisabled)
    } catch {
      servers = configuration.nameservers
      setup = .failure(error)
      return
    }
    let servers =
      configuration.nameservers.isEmpty ? state.nameservers : configuration.nameservers
    self.servers = servers
    guard !servers.isEmpty else {
      setup = .failure(.network("no nameserver configured (resolv.conf lists none)"))
      return
    }
    let composer = QueryComposer(state)
    setup = Transport.make(servers: servers, maximumInFlight: configuration.maxInFlight)
      .map { ($0, composer) }
  }

  /// What the transport has done so far: queries sent, answers accepted, stray datagrams
  /// dropped, TCP fallbacks, timeouts, and what is in flight now.
  public var transportStatistics: TransportStatistics {
    (try? setup.get())?.transport.counters.snapshot ?? TransportStatistics()
  }

  /// CNAME hops followed, over all answers of one query.
  public static let maximumChain = 16

  /// Asks for `type` at `name`. When the answer ends in a CNAME and says nothing about its
  /// target (no record there, no SOA vouching for NODATA: an authoritative server answers only
  /// for its own zones and stops long chains), the target is asked in turn, as a recursive
  /// resolver would, and the records are joined in chain order. A chain that loops or passes
  /// `maximumChain` hops is a failure (SERVFAIL), as a recursive resolver reports it.
  public func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
    var answer = try await ask(name, type)
    guard type != .cname, configuration.followsCNAMEs else { return answer }
    while answer.matching.isEmpty, answer.status != .nxdomain, answer.negativeTTL == nil,
      !answer.cnameChain.isEmpty
    {
      let target = answer.canonicalName
      let owners = answer.cnameChain.map(\.name)
      guard !owners.contains(target), owners.count < Self.maximumChain else {
        throw .serverFailure(
          server: (answer.server ?? "") + " (CNAME loop or chain too long at '\(target.text)')")
      }
      let next = try await ask(target, type)
      answer = DNSAnswer(
        name: name, type: type, status: next.status, records: answer.records + next.records,
        negativeTTL: next.negativeTTL, server: next.server,
        authenticated: answer.authenticated && next.authenticated)
    }
    let owners = answer.cnameChain.map(\.name)
    if Set(owners).count != owners.count || owners.contains(answer.canonicalName) {
      throw .serverFailure(
        server: (answer.server ?? "") + " (CNAME loop at '\(answer.canonicalName.text)')")
    }
    return answer
  }

  /// What a cancelled query fails with: it got no answer in the time it was given.
  static let cancelled = DNSError.timeout(server: nil)

  /// Asks the servers in order, `tries` rounds; a server that answered with an error (or whose
  /// port is closed) is not asked again, one that timed out is. The first error a server
  /// actually sent is reported over a later timeout elsewhere.
  private func ask(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
    let (transport, composer) = try setup.get()
    var finished = Set<Int>()
    var answeredError: DNSError?
    var lastError = DNSError.network("no nameserver configured")
    for _ in 0..<configuration.tries {
      for index in servers.indices where !finished.contains(index) {
        guard !Task.isCancelled else { throw Self.cancelled }
        switch await attempt(name, type, server: index, transport, composer) {
        case .success(let answer): return answer
        case .failure(let error):
          if error == Self.cancelled { throw error }
          lastError = error
          if case .timeout = error { continue }
          finished.insert(index)
          if answeredError == nil { answeredError = error }
        }
      }
      if finished.count == servers.count { break }
    }
    throw answeredError ?? lastError
  }

  /// One try at one server: EDNS0 first, plain DNS again if the server answers FORMERR.
  private func attempt(
    _ name: DomainName, _ type: RRType, server index: Int, _ transport: Transport,
    _ composer: QueryComposer
  ) async -> Result<DNSAnswer, DNSError> {
    let server = servers[index].description
    for edns in [true, false] {
      let query: [UInt8]
      do {
        query = try composer.makeQuery(name, type, edns: edns)
      } catch {
        return .failure(error)
      }
      switch await transport.exchange(query, server: index, timeout: configuration.timeout) {
      case .reply(let reply):
        if edns, reply.count >= MessageHeader.length,
          reply[3] & 0x0f == WireFormat.ResponseCode.formatError
        {
          continue
        }
        return Result { () throws(DNSError) -> DNSAnswer in
          try reply.withUnsafeBufferPointer { bytes throws(DNSError) -> DNSAnswer in
            guard let base = bytes.baseAddress else {
              throw DNSError.malformed("an empty answer from \(server)")
            }
            var answer = try WireFormat.parse(
              base, length: bytes.count, name: name, type: type, server: server)
            // AD means "validated" only to a resolver that asked for DNSSEC (DO and AD set).
            answer.authenticated = answer.authenticated && configuration.dnssecOK
            return answer
          }
        }
      case .timeout: return .failure(.timeout(server: server))
      case .cancelled: return .failure(Self.cancelled)
      case .connectionRefused: return .failure(.network("connection refused by \(server)"))
      case .failed(let error): return .failure(.network("\(server): \(error.message)"))
      }
    }
    return .failure(.malformed("\(server) answered FORMERR (format error)"))
  }
}
