import DNSLookup

/// What was fetched for one domain of an SPF include/redirect tree: its TXT answer, its SPF
/// record(s) parsed, and the answers to the queries its terms make.
public struct SPFFetchedDomain: Sendable {
  public var domain: DomainName
  public var txt: LookupResult
  public var candidates: [SPFCandidate]
  /// One parse per candidate, in the same order.
  public var parsed: [SPFParseResult]
  /// For each term (by index in the first record's terms) that queries DNS without macros:
  /// `a` → A and AAAA, `mx` → MX, `exists` → A.
  public var termLookups: [Int: [LookupResult]]
  /// For the hosts of `mx` terms (at most `SPFLimits.rfc.mxHosts` per term): their A and AAAA
  /// answers, in that order. Whether an `mx` term is void depends on them (RFC 7208 §5.4).
  public var hostLookups: [DomainName: [LookupResult]]

  public init(
    domain: DomainName, txt: LookupResult, candidates: [SPFCandidate],
    parsed: [SPFParseResult], termLookups: [Int: [LookupResult]] = [:],
    hostLookups: [DomainName: [LookupResult]] = [:]
  ) {
    self.domain = domain
    self.txt = txt
    self.candidates = candidates
    self.parsed = parsed
    self.termLookups = termLookups
    self.hostLookups = hostLookups
  }

  /// Selects and parses the SPF records of a TXT lookup.
  public init(domain: DomainName, txt: LookupResult) {
    let candidates = SPFParser.select(txt.answer?.matching ?? [])
    self.init(
      domain: domain, txt: txt, candidates: candidates,
      parsed: candidates.map { SPFParser.parse($0.text) })
  }

  /// The record the walk follows: the first SPF record.
  public var record: SPFRecord? { parsed.first?.record }

  /// Every failed lookup (timeouts, SERVFAIL …) of this domain and its terms.
  public var failures: [LookupFailure] {
    guard hasFailure else { return [] }
    let terms = termLookups.sorted { $0.key < $1.key }.flatMap(\.value)
    let hosts = hostLookups.sorted { $0.key < $1.key }.flatMap(\.value)
    return ([txt] + terms + hosts).compactMap(\.failure)
  }

  /// True when one of its lookups failed: `failures` is not empty (found without sorting).
  var hasFailure: Bool {
    func failed(_ result: LookupResult) -> Bool {
      if case .failed = result { true } else { false }
    }
    return failed(txt) || termLookups.values.contains { $0.contains(where: failed) }
      || hostLookups.values.contains { $0.contains(where: failed) }
  }

  /// Whether the term at `index` is a void lookup for IPv4 and for IPv6 clients, as
  /// `check_host` counts it (RFC 7208 §4.6.4): `a` asks A or AAAA by the client's family,
  /// `exists` always A, `mx` is void when the MX query is, or when none of its hosts has an
  /// address of the family. `failed` when a lookup failed (then nothing is void); nil when
  /// the term made no lookups here.
  public func voidness(ofTerm index: Int) -> (
    ipv4: Bool, ipv6: Bool, failed: Bool, mxHosts: Int?
  )? {
    guard let results = termLookups[index], let record else { return nil }
    let answers = results.compactMap(\.answer)
    guard answers.count == results.count else { return (false, false, true, nil) }
    func empty(_ position: Int) -> Bool { answers[position].matching.isEmpty }
    switch record.terms[index].directive?.mechanism {
    case .a:
      guard answers.count == 2 else { return nil }
      return (empty(0), empty(1), false, nil)
    case .mx:
      let hosts = answers[0].mxHosts.map(\.exchange)
      if hosts.isEmpty { return (true, true, false, 0) }
      guard hosts.count <= SPFLimits.rfc.mxHosts else { return (false, false, false, hosts.count) }
      var hasAddress = (ipv4: false, ipv6: false)
      for host in hosts where !host.isRoot {
        guard let lookups = hostLookups[host], lookups.count == 2 else {
          return (false, false, false, hosts.count)
        }
        let found = lookups.compactMap(\.answer)
        guard found.count == 2 else { return (false, false, true, hosts.count) }
        hasAddress.ipv4 = hasAddress.ipv4 || !found[0].matching.isEmpty
        hasAddress.ipv6 = hasAddress.ipv6 || !found[1].matching.isEmpty
      }
      return (!hasAddress.ipv4, !hasAddress.ipv6, false, hosts.count)
    default:
      let void = answers.allSatisfy { $0.matching.isEmpty }
      return (void, void, false, nil)
    }
  }

  /// The fixed targets of `include` and (when there is no `all`) `redirect` terms: the names
  /// the walk descends into. Targets with macros are unknowable without a message.
  public var childTargets: [DomainName] {
    guard let record else { return [] }
    var targets: [DomainName] = []
    for index in SPFLookupTree.evaluatedIndices(of: record) {
      let term = record.terms[index]
      let isInclude = if case .include = term.directive?.mechanism { true } else { false }
      guard isInclude || term.modifier?.kind == .redirect, let spec = term.domainSpec,
        let name = spec.fixedDomain
      else { continue }
      targets.append(name)
    }
    return targets
  }

  /// The queries a term makes that can be made without a message: (term index, name, types).
  public func termQueries(currentDomain: DomainName) -> [(Int, DomainName, [RRType])] {
    guard let record else { return [] }
    var queries: [(Int, DomainName, [RRType])] = []
    for index in SPFLookupTree.evaluatedIndices(of: record) {
      guard case .directive(let directive) = record.terms[index].kind else { continue }
      let mechanism = directive.mechanism
      let types: [RRType]
      switch mechanism {
      case .a: types = [.a, .aaaa]
      case .mx: types = [.mx]
      case .exists: types = [.a]
      default: continue
      }
      let name: DomainName?
      if let spec = mechanism.domainSpec {
        name = spec.fixedDomain
      } else {
        name = currentDomain
      }
      if let name { queries.append((index, name, types)) }
    }
    return queries
  }
}
