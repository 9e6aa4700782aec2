import DNSLookup

/// What was fetched for SPF: the TXT answer at the domain, its SPF record(s) parsed, and the
/// walked include/redirect tree with the worst-case lookup counts.
public struct SPFContext: Sendable {
  /// The domain checked; nil only for contexts made from a bare answer (`init(txt:)`).
  public var domain: DomainName?
  /// The TXT answer at the domain.
  public var txt: LookupResult
  /// The TXT records that start with `v=spf1` (more than one is a `permerror`).
  public var candidates: [SPFCandidate]
  /// One parse per candidate, in the same order.
  public var parsed: [SPFParseResult]
  /// Everything fetched while walking the tree, by domain.
  public var fetched: [DomainName: SPFFetchedDomain]
  /// The worst-case lookup tree; nil when the domain has no SPF record.
  public var tree: SPFLookupTree?
  /// `check_host()` for each sending IP of the check options (`--ip`), on the envelope
  /// domain (`--return-path`, else the domain).
  public var evaluations: [SPFEvaluation] = []

  /// A context from the apex TXT answer alone (no tree).
  public init(txt: LookupResult) {
    self.domain = nil
    self.txt = txt
    self.candidates = SPFParser.select(txt.answer?.matching ?? [])
    self.parsed = candidates.map { SPFParser.parse($0.text) }
    self.fetched = [:]
    self.tree = nil
  }

  public init(domain: DomainName, fetched: [DomainName: SPFFetchedDomain], tree: SPFLookupTree?) {
    let apex =
      fetched[domain]
      ?? SPFFetchedDomain(
        domain: domain,
        txt: .failed(
          LookupFailure(
            name: domain, type: .txt, error: .network("not fetched"), purpose: "SPF record")))
    self.domain = domain
    self.txt = apex.txt
    self.candidates = apex.candidates
    self.parsed = apex.parsed
    self.fetched = fetched
    self.tree = tree
  }

  /// Fetches the apex TXT records and walks the include/redirect tree. Children of one record
  /// are independent queries and go out together, so the wall time follows the depth of the
  /// tree, not the number of queries. Never throws: failures are kept in the context.
  public static func fetch(
    domain: DomainName, resolver: any DNSResolver, options: CheckOptions
  ) async -> SPFContext {
    // Without sending IPs there is nothing to evaluate: no second task, and no frame sized
    // for one (an async let keeps room for its task and result in the frame, and this frame
    // lives as long as the walk).
    guard !options.ips.isEmpty else { return await fetch(domain: domain, resolver: resolver) }
    return await fetchAndEvaluate(domain: domain, resolver: resolver, options: options)
  }

  /// The walk and, beside it, `check_host()` for each sending IP of `options`.
  @inline(never)
  private static func fetchAndEvaluate(
    domain: DomainName, resolver: any DNSResolver, options: CheckOptions
  ) async -> SPFContext {
    async let walked = fetch(domain: domain, resolver: resolver)
    let spfDomain = options.returnPath?.text ?? domain.text
    async let evaluations = evaluate(
      options.ips, domain: spfDomain, sender: options.sender ?? "postmaster@" + spfDomain,
      helo: options.helo ?? domain.text, resolver: resolver)
    var context = await walked
    context.evaluations = await evaluations
    return context
  }

  /// `check_host()` for each of `ips` on `domain` with `sender` and `helo`, together.
  static func evaluate(
    _ ips: [IPAddress], domain: String, sender: String, helo: String, resolver: any DNSResolver
  ) async -> [SPFEvaluation] {
    let evaluator = SPFEvaluator(resolver: resolver)
    return await withTaskGroup(of: (Int, SPFEvaluation).self) { group in
      for (index, ip) in ips.enumerated() {
        group.addTask {
          (
            index,
            await evaluator.checkHost(
              ip: ip, domain: domain, sender: sender, helo: helo)
          )
        }
      }
      var results: [(Int, SPFEvaluation)] = []
      for await result in group { results.append(result) }
      return results.sorted { $0.0 < $1.0 }.map(\.1)
    }
  }

  /// `fetch(domain:resolver:options:)` with explicit walk limits.
  public static func fetch(
    domain: DomainName, resolver: any DNSResolver,
    limits: SPFLookupTree.Limits = .standard
  ) async -> SPFContext {
    let fetched = await SPFFetchWalk.fetch(domain, resolver: resolver, limits: limits)
    let hasRecord = !(fetched[domain]?.candidates.isEmpty ?? true)
    let tree =
      hasRecord ? SPFLookupTree.build(domain: domain, fetched: fetched, limits: limits) : nil
    return SPFContext(domain: domain, fetched: fetched, tree: tree)
  }

  /// Every failed lookup: the apex TXT query, include targets, term queries.
  public var failures: [LookupFailure] {
    guard !fetched.isEmpty else { return [txt].compactMap(\.failure) }
    // Most trees have none: then the names are not sorted to gather them.
    guard fetched.values.contains(where: \.hasFailure) else { return [] }
    var seen: Set<LookupFailure> = []
    return fetched.keys.sorted().flatMap { fetched[$0]?.failures ?? [] }.filter {
      seen.insert($0).inserted
    }
  }

  /// The first SPF record at the domain and its parse, when there is one.
  public var record: (candidate: SPFCandidate, parsed: SPFParseResult)? {
    guard let candidate = candidates.first, let parsed = parsed.first else { return nil }
    return (candidate, parsed)
  }
}

/// Bounds one tree fetch: domains walked and queries made, whatever the zone says.
struct SPFFetchBudget {
  private var claimed: Set<DomainName> = []
  private var queries = 0
  private let maximumDomains: Int
  private let maximumQueries: Int

  init(domains: Int, queries: Int) {
    self.maximumDomains = domains
    self.maximumQueries = queries
  }

  /// True the first time `domain` is asked for, while the budget lasts.
  mutating func claim(_ domain: DomainName) -> Bool {
    guard claimed.count < maximumDomains, !claimed.contains(domain) else { return false }
    claimed.insert(domain)
    return true
  }

  /// True when `count` more queries fit the budget (and spends them).
  mutating func spend(_ count: Int) -> Bool {
    guard queries + count <= maximumQueries else { return false }
    queries += count
    return true
  }
}
