import DNSLookup

/// What was fetched for the message of `check --message`: each signature's key at
/// `<s>._domainkey.<d>` (CNAME chains followed), SPF for the sending IP on the envelope domain,
/// the DMARC walks that give the organizational domains of the signing and envelope domains,
/// and which sending services publish the sending IP in their SPF.
public struct MessageContext: Sendable {
  public var headers: MessageHeaders
  /// One probe per signature, in signature order; nil where the signature names no key.
  public var keys: [DKIMSelectorResult?]
  /// `check_host(sending IP, envelope domain)`; nil when either is unknown.
  public var spf: SPFEvaluation?
  /// The TXT answer at the envelope domain (its SPF record; a failure here makes SPF unknown).
  public var envelopeTXT: LookupResult?
  /// The `_dmarc` answers of the walks of every signing domain and the envelope domain.
  public var walkLookups: [DomainName: LookupResult]
  /// The sending IP against each sending service's SPF; nil without a sending IP.
  public var services: ServiceAddressCheck?

  public init(
    headers: MessageHeaders, keys: [DKIMSelectorResult?] = [], spf: SPFEvaluation? = nil,
    envelopeTXT: LookupResult? = nil, walkLookups: [DomainName: LookupResult] = [:],
    services: ServiceAddressCheck? = nil
  ) {
    self.headers = headers
    self.keys = keys
    self.spf = spf
    self.envelopeTXT = envelopeTXT
    self.walkLookups = walkLookups
    self.services = services
  }

  /// Fetches everything the prediction needs; independent lookups go out together.
  public static func fetch(
    _ headers: MessageHeaders, resolver: any DNSResolver, serviceDomains: [DomainName]
  ) async -> MessageContext {
    async let keys = fetchKeys(headers.signatures, resolver: resolver)
    async let spf = evaluateSPF(headers, resolver: resolver)
    async let envelopeTXT = fetchEnvelope(headers.envelopeDomain, resolver: resolver)
    var walked: [DomainName] = []
    for domain in headers.signatures.compactMap(\.domain)
      + [headers.envelopeDomain].compactMap({
        $0
      }) where !walked.contains(domain)
    {
      walked.append(domain)
    }
    async let walks = fetchWalks(walked, resolver: resolver)
    async let services = fetchServices(
      headers.sendingIP, domains: serviceDomains, resolver: resolver)
    return await MessageContext(
      headers: headers, keys: keys, spf: spf, envelopeTXT: envelopeTXT, walkLookups: walks,
      services: services)
  }

  private static func fetchKeys(
    _ signatures: [DKIMSignatureHeader], resolver: any DNSResolver
  ) async -> [DKIMSelectorResult?] {
    var probes: [(index: Int, probe: DKIMProbe)] = []
    for (index, signature) in signatures.enumerated() {
      guard signature.problem == nil, let domain = signature.domain,
        let selector = signature.selector
      else { continue }
      let candidate = DKIMSelectorCandidate(selector: selector, source: .message)
      probes.append((index, DKIMProbe(candidate, domain: domain)))
    }
    let results = await DKIMProbe.run(probes.map(\.probe), resolver: resolver)
    var out = [DKIMSelectorResult?](repeating: nil, count: signatures.count)
    for (probe, result) in zip(probes, results) { out[probe.index] = result }
    return out
  }

  private static func evaluateSPF(
    _ headers: MessageHeaders, resolver: any DNSResolver
  ) async -> SPFEvaluation? {
    guard let ip = headers.sendingIP, let domain = headers.envelopeDomain else { return nil }
    let sender =
      headers.envelopeSender.flatMap { $0.contains("@") ? $0 : nil }
      ?? "postmaster@" + domain.text
    return await SPFEvaluator(resolver: resolver).checkHost(
      ip: ip, domain: domain.text, sender: sender, helo: headers.helo ?? domain.text,
      identity: headers.envelopeSource == .helo ? "helo" : "mailfrom")
  }

  private static func fetchEnvelope(
    _ domain: DomainName?, resolver: any DNSResolver
  ) async -> LookupResult? {
    guard let domain else { return nil }
    return await LookupResult.fetch(domain, .txt, from: resolver, purpose: "SPF record")
  }

  private static func fetchWalks(
    _ domains: [DomainName], resolver: any DNSResolver
  ) async -> [DomainName: LookupResult] {
    await withTaskGroup(of: [DomainName: LookupResult].self) { group in
      for domain in domains {
        group.addTask { await DMARCDiscovery.lookups(for: domain, resolver: resolver) }
      }
      var out: [DomainName: LookupResult] = [:]
      for await lookups in group { out.merge(lookups) { first, _ in first } }
      return out
    }
  }

  private static func fetchServices(
    _ ip: IPAddress?, domains: [DomainName], resolver: any DNSResolver
  ) async -> ServiceAddressCheck? {
    guard let ip, !domains.isEmpty else { return nil }
    return await ServiceAddressCheck.fetch(ip, domains: domains, resolver: resolver)
  }

  /// The message's SPF evaluation when it passed for `ip`, the address the message came from:
  /// who runs that address is then told by where it passed.
  public func passedSPF(from ip: IPAddress) -> SPFEvaluation? {
    guard headers.sendingIP == ip, let spf, spf.result == .pass else { return nil }
    return spf
  }

  /// Every lookup that failed: key probes, the envelope domain's TXT, the walks.
  public var failures: [LookupFailure] {
    var out = keys.compactMap { $0?.failure }
    if let failure = envelopeTXT?.failure { out.append(failure) }
    out += walkLookups.keys.sorted().compactMap { walkLookups[$0]?.failure }
    return out
  }

  /// The key probe of signature `index`, when it names a key.
  public func key(_ index: Int) -> DKIMSelectorResult? {
    index < keys.count ? keys[index] : nil
  }
}
