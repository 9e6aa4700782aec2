import DNSLookup
import Foundation
import SenderAuthCore
import SenderAuthRules
import Synchronization

/// One domain's outcome: its report, and the context it was judged on (for the views that
/// show what was fetched: the SPF tree, the DMARC walk, the DKIM table).
public struct DomainResult: Sendable {
  /// The domain's position in the request.
  public var index: Int
  public var report: DomainReport
  public var context: DomainContext
}

/// Turns a `CheckRequest` into reports, the one path every command takes: the resolver stack
/// (zones, replay, cache, recorder), the per-domain deadline, the authoritative servers, the
/// ESP probes, the rules of the request's scope with their verdicts and root causes, the
/// profiles, and the configuration's suppressions.
public final class Session: Sendable {
  public let request: CheckRequest
  private let stack: ResolverStack
  /// `ResolverStack.answerable`, made once.
  private let answerable: (@Sendable (DNSQuestion) -> Bool)?
  private let evaluator: DomainEvaluator
  /// With `--authoritative`: the resolver that asks one name server directly.
  private let servers: (@Sendable (IPAddress) -> any DNSResolver)?

  /// Loads the zones and builds the resolver stack; bad zone files, a missing replay file and
  /// the like are request errors (exit status 2), found before any query.
  public convenience init(_ request: CheckRequest) throws(RequestError) {
    let stack = try ResolverStack(
      request.resolver, extraZones: request.configuredZones, records: request.scope == .all)
    let direct = DirectResolvers(port: request.resolver.authoritativePort)
    let configuration = request.resolver.configuration
    self.init(
      request, stack: stack,
      servers: { direct.resolver(for: $0, configuration: configuration) })
  }

  /// A session that asks `resolver` (a test's zones or injected failures; the request's own
  /// resolver settings are not used) and, for `--authoritative`, `servers`; the run's cache
  /// remembers failures for `failureLifetime` seconds.
  public convenience init(
    _ request: CheckRequest, resolver: any DNSResolver,
    servers: (@Sendable (IPAddress) -> any DNSResolver)? = nil,
    records: RecordSources = RecordSources(),
    failureLifetime: ClosedRange<Double> = CachingResolver.defaultFailureLifetime
  ) {
    var stack = ResolverStack(wrapping: resolver, failureLifetime: failureLifetime)
    stack.records = records
    self.init(request, stack: stack, servers: servers)
  }

  private init(
    _ request: CheckRequest, stack: ResolverStack,
    servers: (@Sendable (IPAddress) -> any DNSResolver)?
  ) {
    self.request = request
    self.stack = stack
    answerable = stack.answerable
    self.servers = servers
    evaluator = DomainEvaluator(rules: request.scope.rules, judgesProfiles: request.scope == .all)
  }

  /// The zones loaded for this session.
  public var zones: [ZoneFile] { stack.zones.zones }

  /// Queries asked and answered from the cache so far.
  public var statistics: (queries: Int, hits: Int) { stack.cache.statistics }

  /// Tries that timed out, queries sent again within a try, and stray datagrams dropped, over
  /// every resolver of the run that asks the network (the DNSSEC checks' included); nil when
  /// none does.
  public var transportCounts: (timeouts: Int, resent: Int, dropped: Int)? {
    let network = stack.networkResolvers
    guard !network.isEmpty else { return nil }
    var counts = (timeouts: 0, resent: 0, dropped: 0)
    for statistics in network.map(\.transportStatistics) {
      counts.timeouts += statistics.timeouts
      counts.resent += statistics.resent
      counts.dropped += statistics.dropped
    }
    return counts
  }

  /// The most domains in flight at once so far (`run`), also while it runs.
  public var mostAtOnce: Int { mostInFlight.load(ordering: .relaxed) }
  private let mostInFlight = Atomic(0)

  /// Checks every domain of the request, at most `request.jobs` at a time (fewer while more
  /// would only wait: `ConcurrencyLimit`), and hands each result to `deliver` as it finishes
  /// (in finishing order); stops starting new domains once `deliver` returns false. How many
  /// were in flight at once at most is `mostAtOnce`.
  public func run(_ deliver: @Sendable (DomainResult) -> Bool) async {
    let domains = request.domains
    var limit = ConcurrencyLimit(cap: min(request.jobs, max(domains.count, 1)))
    // Each domain's task hands back a box: a task keeps its result in its own allocation, and
    // a `DomainResult` is kilobytes.
    await withTaskGroup(of: (HeapBox<DomainResult>, UInt64).self) { group in
      var next = 0
      var running = 0
      var most = 0
      func fill() {
        while running < limit.limit, next < domains.count {
          let index = next
          let domain = domains[index]
          group.addTask {
            let start = DispatchTime.now().uptimeNanoseconds
            let result = await self.checked(domain, index: index)
            return (result, DispatchTime.now().uptimeNanoseconds &- start)
          }
          next += 1
          running += 1
        }
        if running > most {
          most = running
          mostInFlight.store(most, ordering: .relaxed)
        }
      }
      fill()
      var going = true
      while let (result, nanoseconds) = await group.next() {
        running -= 1
        limit.finished(nanoseconds: nanoseconds)
        going = going && deliver(result.value)
        if going { fill() }
      }
    }
  }

  /// Checks one domain.
  public func check(_ domain: DomainInput, index: Int = 0) async -> DomainResult {
    await checked(domain, index: index).value
  }

  /// `check`, with the result in a box: the frames of a domain in flight hold pointers, not
  /// its context (see `HeapBox`).
  private func checked(_ domain: DomainInput, index: Int) async -> HeapBox<DomainResult> {
    // The domain's view: what failed for it stays failed, in the check and in its plan.
    let view = DomainResolver(wrapping: stack.resolver)
    let limited = request.deadline.map { DeadlineResolver(wrapping: view, seconds: $0) }
    let fetched = await fetch(domain.domain, resolver: limited ?? view)
    limited?.finish()
    let result = judge(fetched, input: domain, index: index)
    if request.plans, request.scope == .all {
      let planner = FixPlanner(
        resolver: view, evaluator: evaluator, deadline: request.deadline,
        suppressions: request.suppressions, answerable: answerable)
      let plan = await planner.plan(result)
      result.value.report.fixPlan = plan
    }
    return result
  }

  /// Fetches the context of `domain` through `resolver` (the run's stack, with the domain's
  /// deadline), the HTTPS and DNSSEC sources bounded by the same deadline.
  private func fetch(_ domain: DomainName, resolver: any DNSResolver) async
    -> HeapBox<DomainContext>
  {
    let options = request.options(for: domain)
    var engine = Engine.withCatalog(resolver: resolver)
    engine.answerable = answerable
    let records = stack.records.forDomain(deadline: request.deadline)
    engine.https = records.https
    engine.dnssec = records.dnssec
    if options.authoritative, let servers {
      engine.serverResolver = servers
      engine.now = { Date().timeIntervalSince1970 }
    }
    return await engine.fetch(domain, options: options)
  }

  /// The report on a fetched context: rules, verdicts, suppressions (not inlined: the result
  /// is built on this function's stack, not in the caller's async frame).
  @inline(never)
  private func judge(_ fetched: HeapBox<DomainContext>, input domain: DomainInput, index: Int)
    -> HeapBox<DomainResult>
  {
    fetched.value.scope = request.scope.inputs
    let input = domain.input == domain.domain.text ? nil : domain.input
    let report = Self.report(evaluator, on: &fetched.value, input: input)
      .suppressing(request.suppressions)
    return HeapBox(DomainResult(index: index, report: report, context: fetched.value))
  }

  /// `evaluator`'s report on `context` where it lies: the box's property passed by value would
  /// be copied for the call first (every reference of the context retained, about 130).
  private static func report(
    _ evaluator: DomainEvaluator, on context: inout DomainContext, input: String?
  ) -> DomainReport {
    evaluator.report(for: context, input: input)
  }

  /// Ends the session: writes the recording when `--save-dns` was given.
  public func finish() throws(RequestError) { try stack.finish() }
}
