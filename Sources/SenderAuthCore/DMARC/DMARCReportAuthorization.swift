import DNSLookup

/// Whether a report destination outside the policy domain's organizational domain accepts
/// reports for it (RFC 9990 §4 for `rua`, RFC 9991 §5 for `ruf`), and whether a `mailto:`
/// destination can receive mail at all.
///
/// A destination is external when its Organizational Domain, found by the RFC 9989 tree walk
/// (`psd=n` and `psd=y` respected), differs from the policy domain's; being a subdomain is
/// not the test. An external destination publishes
/// `<policy-domain>._report._dmarc.<destination-host>` TXT `"v=DMARC1"`; only that name is
/// asked, so a wildcard `*._report._dmarc.<destination-host>` counts exactly where DNS applies
/// it (never across an empty non-terminal, RFC 4592 §2.2.2). A record that overrides the
/// address (`rua=`/`ruf=`) with one at another host authorizes neither (RFC 9990 §4).
public struct DMARCReportAuthorization: Hashable, Sendable, Codable {
  /// Where the URI came from.
  public enum Kind: String, Hashable, Sendable, Codable {
    case aggregate = "rua"
    case failure = "ruf"
  }

  /// The authorization verdict.
  public enum Verdict: String, Hashable, Sendable, Codable {
    /// The destination is inside the organizational domain: no authorization needed.
    case internalDestination
    /// The destination publishes the authorization record.
    case authorized
    /// The destination publishes no `v=DMARC1` record: receivers ignore the URI.
    case unauthorized
    /// The authorization record replaces the URI with one at another host, which RFC 9990 §4
    /// forbids: receivers use neither address.
    case overriddenElsewhere
    /// A lookup failed: unknown.
    case unknown
    /// The URI has no host to check (an unusual scheme), or the record name is too long.
    case notCheckable
  }

  /// Whether a `mailto:` host can receive mail.
  public enum MailHost: String, Hashable, Sendable, Codable {
    case mx
    /// No MX, but an address record: delivery uses the implicit MX (RFC 5321 §5.1).
    case addressOnly
    /// No MX and no address: mail cannot be delivered.
    case none
    /// RFC 7505 null MX: the host accepts no mail.
    case nullMX
    case unknown
    /// Not a `mailto:` URI.
    case notApplicable
  }

  public var kind: Kind
  public var uri: DMARCRecord.ReportURI
  /// The policy domain the record was published for.
  public var policyDomain: DomainName
  public var verdict: Verdict
  /// The name the destination must publish (`example.com._report._dmarc.vendor.net`).
  public var authorizationName: DomainName?
  /// The owner of the `v=DMARC1` record that answered (a wildcard's target name is the asked
  /// name itself; a CNAME leads elsewhere), when one did.
  public var authorizedBy: DomainName?
  /// For `overriddenElsewhere`: the URIs the authorization record names instead.
  public var overrides: [String] = []
  public var mailHost: MailHost

  public init(
    kind: Kind, uri: DMARCRecord.ReportURI, policyDomain: DomainName, verdict: Verdict,
    authorizationName: DomainName?, authorizedBy: DomainName?, mailHost: MailHost
  ) {
    self.kind = kind
    self.uri = uri
    self.policyDomain = policyDomain
    self.verdict = verdict
    self.authorizationName = authorizationName
    self.authorizedBy = authorizedBy
    self.mailHost = mailHost
  }

  /// Checks every `rua` and `ruf` URI of `record`, concurrently; `organizationalDomain` is the
  /// policy domain's. Returns the checks and the lookups that failed.
  public static func check(
    record: DMARCRecord, policyDomain: DomainName, organizationalDomain: DomainName,
    resolver: any DNSResolver
  ) async -> (checks: [DMARCReportAuthorization], failures: [LookupFailure]) {
    let uris =
      record.aggregateReportURIs.map { (Kind.aggregate, $0) }
      + record.failureReportURIs.map { (Kind.failure, $0) }
    // One URI (the common case) is checked from this task: a task group of one would only
    // add a task.
    if uris.count == 1 {
      let (check, failures) = await checkOne(
        kind: uris[0].0, uri: uris[0].1, policyDomain: policyDomain,
        organizationalDomain: organizationalDomain, resolver: resolver)
      return ([check], failures)
    }
    let results = await withTaskGroup(
      of: (Int, DMARCReportAuthorization, [LookupFailure]).self
    ) { group in
      for (index, entry) in uris.enumerated() {
        group.addTask {
          let (check, failures) = await checkOne(
            kind: entry.0, uri: entry.1, policyDomain: policyDomain,
            organizationalDomain: organizationalDomain, resolver: resolver)
          return (index, check, failures)
        }
      }
      var collected: [(Int, DMARCReportAuthorization, [LookupFailure])] = []
      for await result in group { collected.append(result) }
      return collected.sorted { $0.0 < $1.0 }
    }
    return (results.map(\.1), results.flatMap(\.2))
  }

  static func checkOne(
    kind: Kind, uri: DMARCRecord.ReportURI, policyDomain: DomainName,
    organizationalDomain: DomainName, resolver: any DNSResolver
  ) async -> (DMARCReportAuthorization, [LookupFailure]) {
    guard let host = uri.host else {
      return (
        DMARCReportAuthorization(
          kind: kind, uri: uri, policyDomain: policyDomain, verdict: .notCheckable,
          authorizationName: nil, authorizedBy: nil, mailHost: .notApplicable), []
      )
    }
    // The authorization walk in a child task, the mailbox's lookups from this one meanwhile.
    async let authorization = authorize(
      kind: kind, host: host, policyDomain: policyDomain,
      organizationalDomain: organizationalDomain,
      resolver: resolver)
    let (state, hostFailures) = await mailHostState(uri: uri, host: host, resolver: resolver)
    let (verdict, name, by, overrides, authFailures) = await authorization
    var check = DMARCReportAuthorization(
      kind: kind, uri: uri, policyDomain: policyDomain, verdict: verdict,
      authorizationName: name, authorizedBy: by, mailHost: state)
    check.overrides = overrides
    return (check, authFailures + hostFailures)
  }

  private static func authorize(
    kind: Kind, host: DomainName, policyDomain: DomainName, organizationalDomain: DomainName,
    resolver: any DNSResolver
  ) async -> (Verdict, DomainName?, DomainName?, [String], [LookupFailure]) {
    let walk = await DMARCDiscovery.lookups(for: host, resolver: resolver)
    let walkFailures = DMARCDiscovery.walkDomains(for: host).compactMap { walk[$0]?.failure }
    if let hostOrganization = DMARCDiscovery.organizationalDomain(of: host, lookups: walk),
      walkFailures.isEmpty, hostOrganization == organizationalDomain
    {
      return (.internalDestination, nil, nil, [], [])
    }
    guard
      let name = try? DomainName(
        labelOctets: policyDomain.labelOctets + [Array("_report".utf8), Array("_dmarc".utf8)]
          + host.labelOctets)
    else { return (.notCheckable, nil, nil, [], walkFailures) }
    let result = await LookupResult.fetch(
      name, .txt, from: resolver, purpose: "DMARC report authorization")
    guard let answer = result.answer else {
      return (.unknown, name, nil, [], walkFailures + [result.failure].compactMap { $0 })
    }
    let records = answer.txtJoined.compactMap { DMARCParser.parse($0) }
    guard let record = records.first else {
      return (walkFailures.isEmpty ? .unauthorized : .unknown, name, nil, [], walkFailures)
    }
    // RFC 9990 §4: a rua/ruf in the authorization record replaces the address, but only with
    // one at the same destination host; one elsewhere leaves no address to send to.
    let overriding = kind == .aggregate ? record.aggregateReportURIs : record.failureReportURIs
    if !overriding.isEmpty, !overriding.contains(where: { $0.host == host }) {
      return (.overriddenElsewhere, name, answer.canonicalName, overriding.map(\.uri), [])
    }
    return (.authorized, name, answer.canonicalName, [], [])
  }

  private static func mailHostState(
    uri: DMARCRecord.ReportURI, host: DomainName, resolver: any DNSResolver
  ) async -> (MailHost, [LookupFailure]) {
    guard uri.scheme == "mailto" else { return (.notApplicable, []) }
    let purpose = "DMARC report mailbox"
    // The three questions go out together from this task (no task each).
    let results = await LookupResult.fetch(
      [RRType.mx, .a, .aaaa].map { SingleLookup(name: host, type: $0, purpose: purpose) },
      from: resolver)
    let (mxResult, aResult, aaaaResult) = (results[0], results[1], results[2])
    guard let mxAnswer = mxResult.answer else {
      return (.unknown, [mxResult.failure].compactMap { $0 })
    }
    let hosts = mxAnswer.mxHosts
    if hosts.count == 1, hosts[0].exchange.isRoot { return (.nullMX, []) }
    if !hosts.isEmpty { return (.mx, []) }
    if aResult.answer?.addresses.isEmpty == false || aaaaResult.answer?.addresses.isEmpty == false {
      return (.addressOnly, [])
    }
    let failures = [aResult.failure, aaaaResult.failure].compactMap { $0 }
    return (failures.isEmpty ? .none : .unknown, failures)
  }
}
