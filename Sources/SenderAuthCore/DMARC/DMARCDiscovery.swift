import DNSLookup

/// Which DMARC record applies to a domain and why: the RFC 9989 DNS tree walk (§4.10), policy
/// discovery (§4.10.1) and organizational-domain selection (§4.10.2).
///
/// The walk queries `_dmarc.<domain>`, then each parent up to the top-level domain; a name of 8
/// or more labels jumps to its last 7 labels after the first query, so there are at most 8
/// queries. It stops at a record with `psd=y` or `psd=n`.
public struct DMARCDiscovery: Hashable, Sendable, Codable {
  /// What one query of the walk found.
  public enum Outcome: String, Hashable, Sendable, Codable {
    /// Exactly one DMARC record.
    case record
    /// No DMARC record (NXDOMAIN, NODATA, or only other TXT records).
    case noRecord
    /// More than one DMARC record: all are discarded.
    case multipleRecords
    /// The lookup failed (timeout, SERVFAIL …): nothing is known about this name.
    case failed
  }

  /// One query of the walk.
  public struct Step: Hashable, Sendable, Codable {
    /// The domain whose `_dmarc` name was queried.
    public var domain: DomainName
    public var outcome: Outcome
    /// The DMARC records there (nil when the lookup failed).
    public var records: DMARCRecordSet?
    /// Why the lookup failed, when it did.
    public var failure: String?

    public init(
      domain: DomainName, outcome: Outcome, records: DMARCRecordSet?, failure: String? = nil
    ) {
      self.domain = domain
      self.outcome = outcome
      self.records = records
      self.failure = failure
    }

    /// The single DMARC record found here, if any.
    public var record: DMARCRecord? { outcome == .record ? records?.record : nil }
  }

  /// Where the applicable record was found.
  public enum Source: String, Hashable, Sendable, Codable {
    /// At `_dmarc.<domain>` itself.
    case domain
    /// At the organizational domain, a parent of the domain.
    case organizationalDomain
    /// At a public suffix domain (`psd=y`) above the organizational domain.
    case publicSuffixDomain
    /// Nowhere: DMARC does not apply to the domain.
    case none
  }

  /// How the organizational domain was chosen (RFC 9989 §4.10.2).
  public enum OrganizationalDomainRule: String, Hashable, Sendable, Codable {
    /// A record with `psd=n` marks it.
    case psdNo
    /// It is one label below a record with `psd=y`.
    case belowPublicSuffix
    /// It has the record with the fewest labels found by the walk.
    case fewestLabels
    /// The walk found no record: the domain is its own organizational domain.
    case startingDomain
  }

  /// Whether the checked domain exists (RFC 9989 §3.2.13: NXDOMAIN means it does not).
  public enum Existence: String, Hashable, Sendable, Codable {
    case exists
    case doesNotExist
    case unknown
  }

  /// Why the applied tag was chosen (RFC 9989 §4.10.1).
  public enum PolicyRule: String, Hashable, Sendable, Codable {
    /// The record is the domain's own: `p` applies.
    case domainRecord
    /// The record is a parent's and the domain exists: `sp`, else `p`.
    case existingSubdomain
    /// The record is a parent's and the domain does not exist: `np`, else `sp`, else `p`.
    case nonexistentSubdomain
    /// The record is a parent's and whether the domain exists is unknown (lookup failed):
    /// read as existing.
    case subdomainExistenceUnknown
  }

  /// The domain checked (the RFC5322.From domain).
  public var domain: DomainName
  /// The queries a receiver makes, in order, up to where the walk stops.
  public var steps: [Step]
  public var organizationalDomain: DomainName
  public var organizationalDomainRule: OrganizationalDomainRule
  /// The public suffix domain, when a `psd=y` record set the organizational domain.
  public var publicSuffixDomain: DomainName?
  public var source: Source
  /// Where the applicable record was found (`DMARC Policy Domain`, RFC 9989 §3.2.5).
  public var policyDomain: DomainName?
  public var policyRecord: DMARCRecord?
  public var existence: Existence
  public var policyRule: PolicyRule?
  /// The tag whose value applies: `p`, `sp` or `np`.
  public var appliedTag: DMARCRecord.Tag?
  /// The tags skipped because they were absent (`sp` when `np` was preferred and absent …).
  public var absentPreferredTags: [DMARCRecord.Tag]
  /// The policy read from the record, before `t=y`; nil when DMARC does not apply.
  public var appliedPolicy: DMARCPolicy?
  /// No `p` is written and `p` applies: RFC 9989 §4.7 reads it as `none`.
  public var policyIsImplicit: Bool
  /// A `p`, `sp` or `np` value is invalid and `rua` is valid: receivers act as `p=none`
  /// (RFC 9989 §4.10.1); when `rua` is not valid either, `appliedPolicy` is nil.
  public var invalidPolicyTag: Bool
  /// The policy receivers apply, after `t=y` lowers it one level.
  public var effectivePolicy: DMARCPolicy?
  /// Records found by the walk that do not apply although they are above the domain (neither
  /// the organizational domain's nor the public suffix domain's); empty when the domain has its
  /// own record.
  public var ignoredRecordDomains: [DomainName]
  /// A lookup of the walk failed, so the verdict may be wrong; when it failed at a name closer
  /// to the domain than any record found, no record is applied (`source` is `none`).
  public var incomplete: Bool

  /// The names the walk queries for `domain`, in order (without the `_dmarc` label).
  public static func walkDomains(for domain: DomainName) -> [DomainName] {
    guard !domain.isRoot else { return [] }
    var result = [domain]
    let count = domain.labelCount
    var next = count >= 8 ? 7 : count - 1
    while next >= 1 {
      result.append(domain.suffix(labels: next))
      next -= 1
    }
    return result
  }

  /// Queries every name of the walk for `domain` concurrently (from the calling task); keys
  /// are the domains (without `_dmarc`). Names too long for `_dmarc` to be prepended are left
  /// out.
  public static func lookups(
    for domain: DomainName, resolver: any DNSResolver
  ) async -> [DomainName: LookupResult] {
    let walk = walkLookups(for: domain)
    return results(of: walk, await LookupResult.fetch(walk.map(\.lookup), from: resolver))
  }

  /// The lookups of the walk for `domain`: TXT at `_dmarc.` and each walked domain.
  static func walkLookups(for domain: DomainName) -> [(domain: DomainName, lookup: SingleLookup)] {
    walkDomains(for: domain).compactMap { target in
      guard let name = try? target.prepending("_dmarc") else { return nil }
      return (target, SingleLookup(name: name, type: .txt, purpose: "DMARC record"))
    }
  }

  /// The results of `walk` (from `walkLookups(for:)`) by domain.
  static func results(
    of walk: [(domain: DomainName, lookup: SingleLookup)], _ results: [LookupResult]
  ) -> [DomainName: LookupResult] {
    var byDomain: [DomainName: LookupResult] = [:]
    for (step, result) in zip(walk, results) { byDomain[step.domain] = result }
    return byDomain
  }

  /// Runs the walk over answers already fetched (`lookups` keyed by domain, from
  /// `lookups(for:resolver:)`), and decides which record applies.
  public init(domain: DomainName, lookups: [DomainName: LookupResult], existence: Existence) {
    self.domain = domain
    self.existence = existence
    var steps: [Step] = []
    for target in Self.walkDomains(for: domain) {
      let step = Self.step(target, lookups[target])
      steps.append(step)
      if let record = step.record, record.publicSuffixFlag != .unknown { break }
    }
    self.steps = steps
    incomplete = steps.contains { $0.outcome == .failed }

    let organizational = Self.selectOrganizationalDomain(start: domain, steps: steps)
    organizationalDomain = organizational.domain
    organizationalDomainRule = organizational.rule
    publicSuffixDomain = organizational.publicSuffix

    let found = Dictionary(
      steps.compactMap { step in step.record.map { (step.domain, $0) } },
      uniquingKeysWith: { first, _ in first })
    if let own = found[domain] {
      source = .domain
      policyDomain = domain
      policyRecord = own
    } else if let record = found[organizationalDomain] {
      source = .organizationalDomain
      policyDomain = organizationalDomain
      policyRecord = record
    } else if let suffix = publicSuffixDomain, let record = found[suffix] {
      source = .publicSuffixDomain
      policyDomain = suffix
      policyRecord = record
    } else {
      source = .none
      policyDomain = nil
      policyRecord = nil
    }
    // A failed lookup at a name closer to the domain than the record found (its own `_dmarc`
    // name above all) may hide the record that applies: then nothing is known, and falling back
    // to a parent's record would report a policy receivers may not apply.
    let failedLabels = steps.filter { $0.outcome == .failed }.map(\.domain.labelCount)
    if let found = policyDomain, source != .domain,
      failedLabels.contains(where: { $0 > found.labelCount })
    {
      source = .none
      policyDomain = nil
      policyRecord = nil
    }
    let relevant: Set<DomainName?> = [
      policyDomain, domain, organizational.domain, organizational.publicSuffix,
    ]
    ignoredRecordDomains =
      source == .domain || source == .none
      ? []
      : found.keys.filter { !relevant.contains($0) }.sorted {
        $0.labelCount > $1.labelCount
      }

    policyRule = nil
    appliedTag = nil
    absentPreferredTags = []
    appliedPolicy = nil
    policyIsImplicit = false
    invalidPolicyTag = false
    effectivePolicy = nil
    if let record = policyRecord { selectPolicy(from: record) }
  }

  /// The organizational domain of `domain` from answers already fetched, or nil when a name
  /// the walk needs is not among them.
  public static func organizationalDomain(
    of domain: DomainName, lookups: [DomainName: LookupResult]
  ) -> DomainName? {
    var steps: [Step] = []
    for target in walkDomains(for: domain) {
      guard let result = lookups[target] else { return nil }
      let step = Self.step(target, result)
      steps.append(step)
      if let record = step.record, record.publicSuffixFlag != .unknown { break }
    }
    return selectOrganizationalDomain(start: domain, steps: steps).domain
  }

  private static func step(_ target: DomainName, _ result: LookupResult?) -> Step {
    switch result {
    case .answer(let answer):
      let set = DMARCRecordSet(answer: answer)
      let outcome: Outcome =
        set.records.count == 1 ? .record : set.records.isEmpty ? .noRecord : .multipleRecords
      return Step(domain: target, outcome: outcome, records: set)
    case .failed(let failure):
      return Step(
        domain: target, outcome: .failed, records: nil, failure: failure.error.description)
    case nil:
      return Step(domain: target, outcome: .failed, records: nil, failure: "not queried")
    }
  }

  /// RFC 9989 §4.10.2: from the longest name to the shortest, `psd=n` marks the organizational
  /// domain; `psd=y` (not at the starting domain) puts it one label below; otherwise the record
  /// with the fewest labels; with no record, the starting domain.
  static func selectOrganizationalDomain(start: DomainName, steps: [Step]) -> (
    domain: DomainName, rule: OrganizationalDomainRule, publicSuffix: DomainName?
  ) {
    let found = steps.filter { $0.record != nil }
    for step in found {
      guard let record = step.record else { continue }
      if record.publicSuffixFlag == .no { return (step.domain, .psdNo, nil) }
      if record.publicSuffixFlag == .yes, step.domain != start {
        let below = start.suffix(labels: step.domain.labelCount + 1)
        return (below, .belowPublicSuffix, step.domain)
      }
    }
    if let shortest = found.last { return (shortest.domain, .fewestLabels, nil) }
    return (start, .startingDomain, nil)
  }

  /// RFC 9989 §4.10.1: the domain's own record gives `p`; a parent's record gives `sp` when
  /// the domain exists, `np` when it does not, and `p` in the absence of those.
  private mutating func selectPolicy(from record: DMARCRecord) {
    var preferred: [DMARCRecord.Tag]
    if source == .domain {
      policyRule = .domainRecord
      preferred = [.p]
    } else {
      switch existence {
      case .exists:
        policyRule = .existingSubdomain
        preferred = [.sp, .p]
      case .doesNotExist:
        policyRule = .nonexistentSubdomain
        preferred = [.np, .sp, .p]
      case .unknown:
        policyRule = .subdomainExistenceUnknown
        preferred = [.sp, .p]
      }
    }
    let tag = preferred.first { record.term($0) != nil } ?? .p
    appliedTag = tag
    absentPreferredTags = Array(preferred.prefix { $0 != tag })
    if record.hasInvalidPolicyTag {
      invalidPolicyTag = true
      appliedPolicy = record.hasValidRUA ? DMARCPolicy.none : nil
    } else {
      switch tag {
      case .sp: appliedPolicy = record.subdomainPolicy
      case .np: appliedPolicy = record.nonexistentPolicy
      default:
        appliedPolicy = record.policy ?? DMARCPolicy.none
        policyIsImplicit = record.term(.p) == nil
      }
    }
    effectivePolicy = appliedPolicy.map { record.testing ? $0.testingDowngrade : $0 }
  }

  /// True when DMARC applies to the domain: a record was found and its policy is usable.
  public var applies: Bool { appliedPolicy != nil }
}
