import DNSLookup

extension Engine {
  /// The DKIM probe: the given and common selectors, plus the ESP selectors (source `.esp`,
  /// whose absence says nothing) when the engine was given any.
  func dkimContext(for domain: DomainName, options: CheckOptions) async -> DKIMContext {
    guard !espSelectors.isEmpty else {
      return await DKIMContext.fetch(domain: domain, resolver: resolver, options: options)
    }
    return await DKIMContext.fetch(
      domain: domain, resolver: resolver,
      candidates: DKIMSelectors.candidates(given: options.selectors, esp: espSelectors))
  }
}
