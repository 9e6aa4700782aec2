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

  public init(
    domain: DomainName, txt: LookupResult, candidates: [SPFCandidate],
    parsed: [SPFParseResult], termLookups: [Int: [LookupResult]] = [:]
  ) {
    self.domain = domain
    self.txt = txt
    self.candidates = candidates
    self.parsed = parsed
    self.termLookups = termLookups
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
    ([txt] + termLookups.sorted { $0.key < $1.key }.flatMap(\.value)).compactMap(\.failure)
  }

  /// The fixed targets of `include` and (when there is no `all`) `redirect` terms: the names
  /// the walk descends into. Targets with macros are unknowable without a message.
  public var childTargets: [DomainName] {
    guard let record else { return [] }
    var targets: [DomainName] = []
    for term in SPFLookupTree.evaluatedTerms(of: record) {
      let isInclude = if case .include = term.directive?.mechanism { true } else { false }
      guard isInclude || term.modifier?.kind == .redirect, let spec = term.domainSpec,
        let name = SPFLookupTree.fixedTarget(spec)
      else { continue }
      targets.append(name)
    }
    return targets
  }

  /// The queries a term makes that can be made without a message: (term index, name, types).
  public func termQueries(currentDomain: DomainName) -> [(Int, DomainName, [RRType])] {
    guard let record else { return [] }
    var queries: [(Int, DomainName, [RRType])] = []
    let evaluated = Set(SPFLookupTree.evaluatedTerms(of: record).map(\.span.offset))
    for (index, term) in record.terms.enumerated() where evaluated.contains(term.span.offset) {
      guard let mechanism = term.directive?.mechanism else { continue }
      let types: [RRType]
      switch mechanism {
      case .a: types = [.a, .aaaa]
      case .mx: types = [.mx]
      case .exists: types = [.a]
      default: continue
      }
      let name: DomainName?
      if let spec = mechanism.domainSpec {
        name = SPFLookupTree.fixedTarget(spec)
      } else {
        name = currentDomain
      }
      if let name { queries.append((index, name, types)) }
    }
    return queries
  }
}
