import DNSLookup

/// What was fetched for DKIM: each selector probed, its CNAME chain and key record(s).
///
/// Every selector is probed concurrently, all from one task (`DKIMProbe`); for each one the
/// TXT record at `<selector>._domainkey.<domain>` is asked, the CNAME chain is recorded hop by
/// hop (followed with our own queries where the resolver's answer does not carry it, at most
/// `maxCNAMEHops` hops), and the key records at its end are parsed and decoded. One name that
/// cannot be a selector is probed as well, so that a wildcard below `_domainkey` is not taken
/// for a list of real selectors.
public struct DKIMContext: Sendable {
  /// The longest CNAME chain followed (DESIGN: every walk is bounded).
  public static let maxCNAMEHops = 8
  /// A selector no one publishes: an answer for it comes from a wildcard.
  public static let wildcardProbe = "senderauth-wildcard-probe"

  /// The domain whose keys were probed (the `d=` of signatures).
  public var domain: DomainName
  /// One result per probed selector, in probe order (given, ESP, common).
  public var selectors: [DKIMSelectorResult]
  /// The probe of `wildcardProbe`: records here mean a wildcard answers every selector.
  public var wildcard: DKIMSelectorResult?

  /// An empty context (nothing probed).
  public init() {
    self.init(domain: .root, selectors: [])
  }

  public init(
    domain: DomainName, selectors: [DKIMSelectorResult], wildcard: DKIMSelectorResult? = nil
  ) {
    self.domain = domain
    self.selectors = selectors
    self.wildcard = wildcard
  }

  /// Probes the given selectors (`options.selectors`) and the common ones.
  public static func fetch(
    domain: DomainName, resolver: any DNSResolver, options: CheckOptions
  ) async -> DKIMContext {
    await fetch(
      domain: domain, resolver: resolver,
      candidates: DKIMSelectors.candidates(given: options.selectors, domain: domain))
  }

  /// Probes `candidates` concurrently (from the calling task), plus the wildcard probe.
  public static func fetch(
    domain: DomainName, resolver: any DNSResolver, candidates: [DKIMSelectorCandidate]
  ) async -> DKIMContext {
    let results = await DKIMProbe.run(
      probes(domain: domain, candidates: candidates), resolver: resolver)
    return DKIMContext(domain: domain, probed: results)
  }

  /// The probes `fetch` runs: the wildcard probe, then one per candidate.
  static func probes(domain: DomainName, candidates: [DKIMSelectorCandidate]) -> [DKIMProbe] {
    var probes: [DKIMProbe] = []
    probes.reserveCapacity(1 + candidates.count)
    let wildcard = DKIMSelectorCandidate(selector: wildcardProbe, source: .common)
    probes.append(DKIMProbe(wildcard, domain: domain))
    for candidate in candidates { probes.append(DKIMProbe(candidate, domain: domain)) }
    return probes
  }

  /// The context from the results of `probes(domain:candidates:)`, in their order.
  init(domain: DomainName, probed: [DKIMSelectorResult]) {
    var results = probed
    guard !results.isEmpty else {
      self.init(domain: domain, selectors: [])
      return
    }
    var wildcard = results.removeFirst()
    if !wildcard.records.isEmpty, let name = try? domain.prepending("_domainkey").prepending("*") {
      // Report what answered: the wildcard record, under its own name.
      wildcard.selector = "*"
      wildcard.name = name
      for index in wildcard.records.indices where wildcard.cnameChain.isEmpty {
        wildcard.records[index].owner = name
      }
    }
    let wildcardTexts = Set(wildcard.records.map(\.text))
    if !wildcardTexts.isEmpty {
      // A given selector is reported as found; an unnamed one with the wildcard's exact
      // answer is the wildcard speaking.
      for index in results.indices where results[index].source != .given {
        let texts = Set(results[index].records.map(\.text))
        if !texts.isEmpty, texts == wildcardTexts { results[index].status = .wildcard }
      }
    }
    self.init(domain: domain, selectors: results, wildcard: wildcard)
  }

  /// Adds the selectors of `other` (a later probe of the same domain) that are not here yet;
  /// one with exactly the wildcard's answer is the wildcard speaking, as in `fetch`.
  public mutating func append(_ other: DKIMContext) {
    let known = Set(selectors.map(\.selector))
    let wildcardTexts = Set(wildcard?.records.map(\.text) ?? [])
    for var result in other.selectors where !known.contains(result.selector) {
      let texts = Set(result.records.map(\.text))
      if result.source != .given, !texts.isEmpty, texts == wildcardTexts {
        result.status = .wildcard
      }
      selectors.append(result)
    }
  }

  /// Every lookup that failed. The wildcard probe is left out: it only refines the report.
  public var failures: [LookupFailure] { selectors.compactMap(\.failure) }

  /// The domains (`d=`) that usable keys were found for: what DKIM alignment can rest on.
  /// A key in testing mode (`t=y`) counts: receivers verify it, RFC 6376 only asks them not
  /// to treat the result differently from unsigned mail.
  public var signingDomains: [DomainName] {
    let wildcardKey = wildcard.map { $0.records.contains(where: \.isUsable) } ?? false
    return selectors.contains(where: \.hasUsableKey) || wildcardKey ? [domain] : []
  }

  /// The selectors at which a key record (usable or not) was found.
  public var found: [DKIMSelectorResult] { selectors.filter(\.hasKeyRecord) }

  /// The selectors that were tried.
  public var tried: [DKIMSelectorCandidate] {
    selectors.map { DKIMSelectorCandidate(selector: $0.selector, source: $0.source) }
  }

  /// True when the wildcard probe found records: `*._domainkey.<domain>` answers every name.
  public var hasWildcard: Bool { !(wildcard?.records.isEmpty ?? true) }
}
