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

  /// Fetches everything for `domain`; independent queries run concurrently.
  public static func fetch(
    domain: DomainName, resolver: any DNSResolver, options: CheckOptions
  ) async -> DMARCContext {
    let envelopeDomain = options.returnPath
    async let walk = DMARCDiscovery.lookups(for: domain, resolver: resolver)
    async let apex = LookupResult.fetch(domain, .txt, from: resolver, purpose: "TXT records")
    async let envelopeWalk = envelopeLookups(envelopeDomain, resolver: resolver)
    async let envelopeTXT = envelopeTXT(envelopeDomain, resolver: resolver)
    let (walkResults, apexResult) = await (walk, apex)

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
    let (envelopeWalkResults, envelopeTXTResult) = await (envelopeWalk, envelopeTXT)
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

  private static func envelopeLookups(
    _ domain: DomainName?, resolver: any DNSResolver
  ) async -> [DomainName: LookupResult] {
    guard let domain else { return [:] }
    return await DMARCDiscovery.lookups(for: domain, resolver: resolver)
  }

  private static func envelopeTXT(
    _ domain: DomainName?, resolver: any DNSResolver
  ) async -> LookupResult? {
    guard let domain else { return nil }
    return await LookupResult.fetch(domain, .txt, from: resolver, purpose: "SPF record")
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
