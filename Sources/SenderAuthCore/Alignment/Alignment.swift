import DNSLookup

/// Whether SPF and DKIM can align with the From domain (RFC 9989 §3.2.10, §4.4): relaxed
/// when the authenticated domain has the same organizational domain (found by the tree walk,
/// §4.10.2), strict when it is identical.
///
/// SPF aligns on the envelope (RFC5321.MailFrom) domain, and only when that domain has an SPF
/// record that can pass; DKIM aligns on the signing domain (`d=`) of a usable key.
public struct Alignment: Hashable, Sendable, Codable {
  public enum Mechanism: String, Hashable, Sendable, Codable {
    case spf
    case dkim
  }

  /// Where a candidate identifier comes from.
  public enum Source: String, Hashable, Sendable, Codable {
    /// `--return-path`.
    case returnPath
    /// Implied by an ESP's known setup.
    case esp
    /// No envelope domain known: mail sent with the From domain as envelope.
    case fromDomain
    /// A DKIM key found in DNS.
    case dkimKey
  }

  /// One authenticated identifier that mail could carry.
  public struct Candidate: Hashable, Sendable, Codable {
    public var mechanism: Mechanism
    public var domain: DomainName
    public var source: Source
    /// The candidate's organizational domain; nil when its walk was not fetched.
    public var organizationalDomain: DomainName?
    /// SPF: the domain has exactly one SPF record; DKIM: the key is usable.
    public var canAuthenticate: Bool
    /// Same organizational domain as the From domain (when unknown: a subdomain of it).
    public var relaxed: Bool
    /// Identical to the From domain.
    public var strict: Bool
    /// Whether the identifier can authenticate is unknown: the lookup failed. `canAuthenticate`
    /// is then false, but must not be read as "no usable record".
    public var authenticationUnknown: Bool

    public init(
      mechanism: Mechanism, domain: DomainName, source: Source, organizationalDomain: DomainName?,
      canAuthenticate: Bool, relaxed: Bool, strict: Bool, authenticationUnknown: Bool = false
    ) {
      self.authenticationUnknown = authenticationUnknown
      self.mechanism = mechanism
      self.domain = domain
      self.source = source
      self.organizationalDomain = organizationalDomain
      self.canAuthenticate = canAuthenticate
      self.relaxed = relaxed
      self.strict = strict
    }
  }

  /// An envelope domain to consider for SPF alignment.
  public struct EnvelopeDomain: Hashable, Sendable {
    public var domain: DomainName
    public var source: Source
    public var hasSPF: Bool
    public var organizationalDomain: DomainName?
    /// The TXT lookup of the domain failed: whether it has an SPF record is unknown.
    public var spfUnknown: Bool
    public init(
      domain: DomainName, source: Source, hasSPF: Bool, organizationalDomain: DomainName?,
      spfUnknown: Bool = false
    ) {
      self.spfUnknown = spfUnknown
      self.domain = domain
      self.source = source
      self.hasSPF = hasSPF
      self.organizationalDomain = organizationalDomain
    }
  }

  public var fromDomain: DomainName
  public var fromOrganizationalDomain: DomainName
  /// `aspf` and `adkim` of the applicable DMARC record (relaxed without one).
  public var spfMode: DMARCAlignmentMode
  public var dkimMode: DMARCAlignmentMode
  public var candidates: [Candidate]

  public init(
    fromDomain: DomainName, fromOrganizationalDomain: DomainName, spfMode: DMARCAlignmentMode,
    dkimMode: DMARCAlignmentMode, candidates: [Candidate]
  ) {
    self.fromDomain = fromDomain
    self.fromOrganizationalDomain = fromOrganizationalDomain
    self.spfMode = spfMode
    self.dkimMode = dkimMode
    self.candidates = candidates
  }

  /// Decides alignment for the given identifiers; pure.
  public static func assess(
    fromDomain: DomainName, fromOrganizationalDomain: DomainName,
    envelopes: [EnvelopeDomain], dkimDomains: [(domain: DomainName, org: DomainName?)],
    spfMode: DMARCAlignmentMode = .relaxed, dkimMode: DMARCAlignmentMode = .relaxed
  ) -> Alignment {
    func relaxed(_ domain: DomainName, _ org: DomainName?) -> Bool {
      if let org { return org == fromOrganizationalDomain }
      return domain.isSubdomain(of: fromOrganizationalDomain)
    }
    var candidates = envelopes.map {
      Candidate(
        mechanism: .spf, domain: $0.domain, source: $0.source,
        organizationalDomain: $0.organizationalDomain, canAuthenticate: $0.hasSPF,
        relaxed: relaxed($0.domain, $0.organizationalDomain), strict: $0.domain == fromDomain,
        authenticationUnknown: $0.spfUnknown)
    }
    candidates += dkimDomains.map {
      Candidate(
        mechanism: .dkim, domain: $0.domain, source: .dkimKey, organizationalDomain: $0.org,
        canAuthenticate: true, relaxed: relaxed($0.domain, $0.org),
        strict: $0.domain == fromDomain)
    }
    return Alignment(
      fromDomain: fromDomain, fromOrganizationalDomain: fromOrganizationalDomain,
      spfMode: spfMode, dkimMode: dkimMode, candidates: candidates)
  }

  /// Decides alignment for a fetched domain: the envelope domain is `--return-path`, else the
  /// From domain itself; DKIM domains are those with usable keys. Pure over the context.
  public static func assess(_ context: DomainContext) -> Alignment {
    let dmarc = context.dmarc
    var envelopes: [EnvelopeDomain] = []
    if let envelope = dmarc.envelope {
      envelopes.append(
        EnvelopeDomain(
          domain: envelope.domain, source: .returnPath, hasSPF: hasSPF(envelope.txt),
          organizationalDomain: dmarc.organizationalDomain(of: envelope.domain),
          spfUnknown: envelope.txt.failure != nil))
    } else {
      envelopes.append(
        EnvelopeDomain(
          domain: context.domain, source: .fromDomain, hasSPF: hasSPF(dmarc.apexTXT),
          organizationalDomain: dmarc.discovery.organizationalDomain,
          spfUnknown: dmarc.apexTXT.failure != nil))
    }
    let dkimDomains = context.dkim.signingDomains.map {
      (domain: $0, org: dmarc.organizationalDomain(of: $0))
    }
    let record = dmarc.discovery.policyRecord
    return assess(
      fromDomain: context.domain, fromOrganizationalDomain: dmarc.discovery.organizationalDomain,
      envelopes: envelopes, dkimDomains: dkimDomains,
      spfMode: record?.spfAlignment ?? .relaxed, dkimMode: record?.dkimAlignment ?? .relaxed)
  }

  /// True when the TXT answer holds exactly one SPF record (RFC 7208 §4.5: `v=spf1` followed
  /// by a space or the end), so SPF can pass there. False also when the lookup failed; see
  /// `spfStatus(_:)` to tell the two apart.
  public static func hasSPF(_ result: LookupResult) -> Bool {
    guard let answer = result.answer else { return false }
    let records = answer.txtJoined.filter {
      let lower = $0.lowercased()
      return lower == "v=spf1" || lower.hasPrefix("v=spf1 ")
    }
    return records.count == 1
  }

  /// Whether the TXT answer holds exactly one SPF record; nil when the lookup failed and it is
  /// unknown.
  public static func spfStatus(_ result: LookupResult) -> Bool? {
    result.failure == nil ? hasSPF(result) : nil
  }

  /// True when an SPF candidate's lookup failed, so whether SPF can align is unknown.
  public var spfUnknown: Bool {
    candidates.contains { $0.mechanism == .spf && $0.authenticationUnknown }
  }

  private func aligns(_ mechanism: Mechanism, mode: DMARCAlignmentMode) -> Bool {
    candidates.contains {
      $0.mechanism == mechanism && $0.canAuthenticate && (mode == .strict ? $0.strict : $0.relaxed)
    }
  }

  /// SPF can align under the record's `aspf`.
  public var spfAligns: Bool { aligns(.spf, mode: spfMode) }
  /// DKIM can align under the record's `adkim`.
  public var dkimAligns: Bool { aligns(.dkim, mode: dkimMode) }
  /// At least one of SPF and DKIM can align: DMARC can pass.
  public var anyAligns: Bool { spfAligns || dkimAligns }

  /// SPF or DKIM aligns in `mode` regardless of the record's setting.
  public func aligns(_ mechanism: Mechanism, in mode: DMARCAlignmentMode) -> Bool {
    aligns(mechanism, mode: mode)
  }
}
