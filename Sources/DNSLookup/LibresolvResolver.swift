/// Asks real nameservers through the system's libresolv (`res_nmkquery` + `res_nsend`).
///
/// A fixed pool of worker threads, each with its own `res_state` per nameserver, runs the
/// blocking calls; `query` suspends until a worker resumes it, so Swift's cooperative pool is
/// never blocked. Only absolute names are sent (no search list); EDNS0 is on (1232 octets) and a
/// truncated UDP answer is asked again over TCP by libresolv. NXDOMAIN and NODATA come back as
/// answers with their negative TTL; SERVFAIL, REFUSED, timeouts, refused connections and
/// unparseable answers throw their own `DNSError`. A cancelled task's query that has not
/// started yet is dropped and fails with `.timeout(server: nil)`; a running one finishes.
public final class LibresolvResolver: DNSResolver {
  /// The configuration in use.
  public let configuration: ResolverConfiguration
  /// The servers asked, in order: the configured ones, or those of resolv.conf.
  public let servers: [ResolverConfiguration.Nameserver]
  private let pool: WorkerPool

  /// Starts the worker threads; with no nameservers configured, resolv.conf's are used.
  public init(configuration: ResolverConfiguration = ResolverConfiguration()) {
    self.configuration = configuration
    let servers =
      configuration.nameservers.isEmpty
      ? ResolverState.systemNameservers() : configuration.nameservers
    self.servers = servers
    self.pool = WorkerPool(
      count: configuration.workers, configuration: configuration, servers: servers)
  }

  deinit { pool.shutdown() }

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

  private func ask(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
    let pool = self.pool
    let id = pool.makeID()
    let result = await withTaskCancellationHandler {
      await withCheckedContinuation {
        (continuation: CheckedContinuation<Result<DNSAnswer, DNSError>, Never>) in
        if Task.isCancelled {
          continuation.resume(returning: .failure(WorkerPool.cancelled))
        } else {
          pool.submit(WorkerPool.Job(id: id, name: name, type: type, continuation: continuation))
        }
      }
    } onCancel: {
      pool.cancel(id)
    }
    return try result.get()
  }
}
