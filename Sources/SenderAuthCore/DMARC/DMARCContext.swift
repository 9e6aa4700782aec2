import DNSLookup

/// What was fetched for DMARC: the record at `_dmarc.<domain>`, the TXT records at the domain
/// itself (a DMARC record published there by mistake, and whether the domain exists), the
/// RFC 9989 tree walk, the report destinations, and the envelope domain alignment rests on.
public struct DMARCContext: Sendable {
  /// The envelope (RFC5321.MailFrom) domain given with `--return-path`: its TXT answer and the
  /// DMARC lookups of its own tree walk (for its organizational domain).
  public struct Envelope: Sendable {
    public var domain: DomainName
    public var txt: LookupResult
    public init(domain: DomainName, txt: LookupResult) {
      self.domain = domain
      self.txt = txt
    }
  }

  public var domain: DomainName
  /// The direct answer at `_dmarc.<domain>`.
  public var txt: LookupResult
  /// The TXT answer at the domain itself.
  public var apexTXT: LookupResult
  public var discovery: DMARCDiscovery
  /// One check per `rua`/`ruf` URI of the applicable record.
  public var reportDestinations: [DMARCReportAuthorization]
  public var envelope: Envelope?
  /// Every `_dmarc` answer fetched (keyed by the domain without `_dmarc`): the walks of the
  /// domain and of the envelope domain, for organizational domains.
  public var walkLookups: [DomainName: LookupResult]
  public var failures: [LookupFailure]

  public init(
    domain: DomainName, txt: LookupResult, apexTXT: LookupResult, discovery: DMARCDiscovery,
    reportDestinations: [DMARCReportAuthorization], envelope: Envelope?,
    walkLookups: [DomainName: LookupResult], failures: [LookupFailure]
  ) {
    self.domain = domain
    self.txt = txt
    self.apexTXT = apexTXT
    self.discovery = discovery
    self.reportDestinations = reportDestinations
    self.envelope = envelope
    self.walkLookups = walkLookups
    self.failures = failures
  }

  /// Fetches everything for `domain`; independent queries go out together (from the calling
  /// task): the walk, the TXT records at the domain, and the walk and TXT records of the
  /// `--return-path` domain.
  public static func fetch(
    domain: DomainName, resolver: any DNSResolver, options: CheckOptions
  ) async -> DMARCContext {
    let envelopeDomain = options.returnPath
    let walk = DMARCDiscovery.walkLookups(for: domain)
    let envelopeWalk = envelopeDomain.map { DMARCDiscovery.walkLookups(for: $0) } ?? []
    var lookups =
      walk.map(\.lookup) + [SingleLookup(name: domain, type: .txt, purpose: "TXT records")]
    lookups += envelopeWalk.map(\.lookup)
    if let envelopeDomain {
      lookups.append(SingleLookup(name: envelopeDomain, type: .txt, purpose: "SPF record"))
    }
    let results = await LookupResult.fetch(lookups, from: resolver)
    return await fetched(
      domain: domain, envelopeDomain: envelopeDomain, walk: walk, envelopeWalk: envelopeWalk,
      results: results, resolver: resolver)
  }

  /// The context from the first round's results (in the order `fetch` asked), and the report
  /// destinations' authorization checks.
  private static func fetched(
    domain: DomainName, envelopeDomain: DomainName?,
    walk: [(domain: DomainName, lookup: SingleLookup)],
    envelopeWalk: [(domain: DomainName, lookup: SingleLookup)], results: [LookupResult],
    resolver: any DNSResolver
  ) async -> DMARCContext {
    let walkResults = DMARCDiscovery.results(of: walk, results)
    let apexResult =
      results.dropFirst(walk.count).first
      ?? .failed(
        LookupFailure(name: domain, type: .txt, error: .cancelled, purpose: "TXT records"))
    let envelopeResults = Array(results.dropFirst(walk.count + 1))
    let envelopeWalkResults = DMARCDiscovery.results(of: envelopeWalk, envelopeResults)
    let envelopeTXTResult =
      envelopeDomain == nil ? nil : envelopeResults.dropFirst(envelopeWalk.count).first

    let existence: DMARCDiscovery.Existence =
      switch apexResult {
      case .answer(let answer): answer.status == .nxdomain ? .doesNotExist : .exists
      case .failed: .unknown
      }
    let discovery = DMARCDiscovery(domain: domain, lookups: walkResults, existence: existence)
    var failures = discovery.steps.compactMap { walkResults[$0.domain]?.failure }
    failures += [apexResult.failure].compactMap { $0 }

    var checks: [DMARCReportAuthorization] = []
    if let record = discovery.policyRecord, let policyDomain = discovery.policyDomain {
      let organizational =
        discovery.source == .domain ? discovery.organizationalDomain : policyDomain
      let result = await DMARCReportAuthorization.check(
        record: record, policyDomain: policyDomain, organizationalDomain: organizational,
        resolver: resolver)
      checks = result.checks
      failures += result.failures
    }

    var lookups = walkResults
    var envelope: Envelope?
    if let envelopeDomain, let envelopeTXTResult {
      envelope = Envelope(domain: envelopeDomain, txt: envelopeTXTResult)
      failures += [envelopeTXTResult.failure].compactMap { $0 }
      lookups.merge(envelopeWalkResults) { current, _ in current }
    }
    let direct =
      walkResults[domain] ?? .answer(DNSAnswer(name: domain, type: .txt, status: .nodata))
    return DMARCContext(
      domain: domain, txt: direct, apexTXT: apexResult, discovery: discovery,
      reportDestinations: checks, envelope: envelope, walkLookups: lookups, failures: failures)
  }

  /// The DMARC records at `_dmarc.<domain>` itself.
  public var directRecords: DMARCRecordSet? {
    discovery.steps.first { $0.domain == domain }?.records
  }

  /// DMARC records published at the domain itself instead of `_dmarc.<domain>`.
  public var apexRecords: [DMARCRecord] {
    guard let answer = apexTXT.answer else { return [] }
    return DMARCRecordSet(answer: answer).records
  }

  /// The organizational domain of `name` when the fetched walks cover it.
  public func organizationalDomain(of name: DomainName) -> DomainName? {
    if name == domain { return discovery.organizationalDomain }
    return DMARCDiscovery.organizationalDomain(of: name, lookups: walkLookups)
  }
}
