import DNSLookup

extension Engine {
  /// The DKIM selectors probed beside the SPF walk: the given selectors, the selectors of the
  /// message's signatures (source `.message`), and the common list. A signature for another
  /// domain counts too: the service that made it names its selectors after the account
  /// (HubSpot's `hs1-<hub-id>`), and signs with the same one once the domain is connected, so
  /// the expected record is checked, not assumed missing.
  func dkimCandidates(for domain: DomainName, options: CheckOptions) -> [DKIMSelectorCandidate] {
    let signatures = options.message?.signatures ?? []
    let signed =
      (signatures.filter { $0.domain == domain } + signatures.filter { $0.domain != domain })
      .compactMap(\.selector)
    var candidates = DKIMSelectors.candidates(given: options.selectors, domain: domain)
    for selector in signed where !candidates.contains(where: { $0.selector == selector }) {
      let first = candidates.firstIndex { $0.source != .given } ?? candidates.endIndex
      candidates.insert(DKIMSelectorCandidate(selector: selector, source: .message), at: first)
    }
    let beside = signed.isEmpty ? [] : selectorsBeside?(signed, domain) ?? []
    for selector in beside where !candidates.contains(where: { $0.selector == selector }) {
      let first = candidates.firstIndex { $0.source == .common } ?? candidates.endIndex
      candidates.insert(DKIMSelectorCandidate(selector: selector, source: .esp), at: first)
    }
    return candidates
  }

  /// The SPF context, and the selectors its record names (`selectorsFromSPF`: HubSpot's
  /// `hs1-<hub-id>` from its include) that are not among `tried`, probed with source `.esp`
  /// once the SPF record is fetched (nil when there are none).
  func spfAndDerivedSelectors(
    for domain: DomainName, options: CheckOptions, tried: [DKIMSelectorCandidate]
  ) async -> (SPFContext, DKIMContext?) {
    let spf = await SPFContext.fetch(domain: domain, resolver: resolver, options: options)
    // Searched, not hashed: most records name no selector, and a set of the two dozen tried
    // ones built for every domain cost 12k instructions (a check without it runs 33–46k
    // fewer, callgrind over 300 domains).
    let derived = (selectorsFromSPF?(spf) ?? []).map { DKIMSelectors.normalized($0) }.filter {
      selector in !tried.contains { $0.selector == selector }
    }
    guard !derived.isEmpty else { return (spf, nil) }
    let more = await DKIMContext.fetch(
      domain: domain, resolver: resolver,
      candidates: DKIMSelectors.candidates(given: [], esp: derived, includeCommon: false))
    return (spf, more)
  }
}
