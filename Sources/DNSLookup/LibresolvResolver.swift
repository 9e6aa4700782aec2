/// Asks real nameservers: libresolv composes the queries (`res_nmkquery`), parses the answers
/// (`ns_initparse`/`ns_parserr`/`dn_expand`) and reads the system configuration (`res_ninit`);
/// the sending is our own.
///
/// One I/O thread for the whole process runs `epoll` over non-blocking sockets: per server a few
/// connected UDP sockets with random source ports, random query ids, thousands of queries in flight
/// (per server at most `ResolverConfiguration.maxInFlight`, by default plus those on the wire; the
/// rest wait), per-try timeouts, a UDP query without answer sent again within its try
/// (`RetransmitTimer`), and TCP when an answer comes back truncated. An answer is accepted only
/// when its source address and port, id and question match the query; anything else is dropped and
/// counted (`transportStatistics.dropped`). `query` suspends until the I/O thread resumes it, so
/// Swift's cooperative pool is never blocked.
///
/// Only absolute names are sent (no search list); EDNS0 is on (1232 octets) and a server that
/// answers FORMERR is asked again without it. NXDOMAIN and NODATA come back as answers with
/// their negative TTL; SERVFAIL, REFUSED, timeouts, refused connections and unparseable
/// answers throw their own `DNSError`. A cancelled task's query (or a cancelled started query)
/// is dropped at once and fails with `DNSError.cancelled`.
///
/// A query holds no task: `start` hands it to a `Resolution` (the servers, tries, EDNS
/// fallback and CNAME chain as steps), and `query` waits for that on one continuation.
public final class LibresolvResolver: StartingResolver {
  /// The configuration in use.
  public let configuration: ResolverConfiguration
  /// The servers asked, in order: the configured ones, or those of resolv.conf.
  public let servers: [ResolverConfiguration.Nameserver]
  private let setup: Result<Resolution.Context, DNSError>

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
    setup = Transport.make(
      servers: servers, maximumInFlight: configuration.maxInFlight,
      excludesWire: configuration.maxInFlightExcludesWire
    )
    .map {
      Resolution.Context(
        transport: $0, composer: composer, servers: servers, configuration: configuration)
    }
  }

  /// What the transport has done so far: queries sent, answers accepted, stray datagrams
  /// dropped, TCP fallbacks, timeouts, and what is in flight now.
  public var transportStatistics: TransportStatistics {
    (try? setup.get())?.transport.counters.snapshot ?? TransportStatistics()
  }

  /// CNAME hops followed, over all answers of one query.
  public static let maximumChain = 16

  /// Asks for `type` at `name` without a task: the receiver gets the outcome on the I/O
  /// thread. When the answer ends in a CNAME and says nothing about its target (no record
  /// there, no SOA vouching for NODATA: an authoritative server answers only for its own zones
  /// and stops long chains), the target is asked in turn, as a recursive resolver would, and
  /// the records are joined in chain order. A chain that loops or passes `maximumChain` hops
  /// is a failure (SERVFAIL), as a recursive resolver reports it.
  public func start(_ question: DNSQuestion, for receiver: any DNSQueryReceiver)
    -> (any DNSQueryHandle)?
  {
    let context: Resolution.Context
    switch setup {
    case .success(let ready): context = ready
    case .failure(let error):
      receiver.receive(.failure(error))
      return nil
    }
    let resolution = Resolution(
      question.name, question.type, context: context, receiver: receiver)
    resolution.begin()
    return resolution
  }
}
