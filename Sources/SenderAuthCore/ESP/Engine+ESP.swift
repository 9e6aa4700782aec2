import DNSLookup

extension Engine {
  /// The SPF context and the DKIM probe: the given selectors, the selectors the message signs
  /// the domain with (source `.message`) and the common list go out beside the SPF walk; the
  /// selectors the SPF record names (`selectorsFromSPF`: HubSpot's `hs1-<hub-id>` from its
  /// include) are probed after it, with source `.esp`.
  func spfAndDKIM(for domain: DomainName, options: CheckOptions) async -> (
    SPFContext, DKIMContext
  ) {
    async let spfFetch = SPFContext.fetch(domain: domain, resolver: resolver, options: options)
    let signed = (options.message?.signatures ?? []).filter { $0.domain == domain }
      .compactMap(\.selector)
    var candidates = DKIMSelectors.candidates(given: options.selectors, domain: domain)
    for selector in signed where !candidates.contains(where: { $0.selector == selector }) {
      let first = candidates.firstIndex { $0.source != .given } ?? candidates.endIndex
      candidates.insert(DKIMSelectorCandidate(selector: selector, source: .message), at: first)
    }
    async let dkimFetch = DKIMContext.fetch(
      domain: domain, resolver: resolver, candidates: candidates)
    let spf = await spfFetch
    var dkim = await dkimFetch
    let tried = Set(dkim.selectors.map(\.selector))
    let derived = (selectorsFromSPF?(spf) ?? []).map { DKIMSelectors.normalized($0) }.filter {
      !tried.contains($0)
    }
    guard !derived.isEmpty else { return (spf, dkim) }
    let more = await DKIMContext.fetch(
      domain: domain, resolver: resolver,
      candidates: DKIMSelectors.candidates(given: [], esp: derived, includeCommon: false))
    dkim.append(more)
    return (spf, dkim)
  }
}
