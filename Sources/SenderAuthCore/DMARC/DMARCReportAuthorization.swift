import DNSLookup

/// Whether a report destination outside the policy domain's organizational domain accepts
/// reports for it (RFC 9990 "Verifying External Destinations", RFC 7489 §7.1 with erratum
/// 5440), and whether a `mailto:` destination can receive mail at all.
///
/// The destination publishes `<policy-domain>._report._dmarc.<destination-host>` TXT
/// `"v=DMARC1"`, or the wildcard `*._report._dmarc.<destination-host>`.
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
    /// The destination publishes no `v=DMARC1` record at either name: receivers ignore the URI.
    case unauthorized
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
  /// The name that answered with `v=DMARC1` (exact or wildcard), when one did.
  public var authorizedBy: DomainName?
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
    async let mailHost = mailHostState(uri: uri, host: host, resolver: resolver)
    async let authorization = authorize(
      host: host, policyDomain: policyDomain, organizationalDomain: organizationalDomain,
      resolver: resolver)
    let (state, hostFailures) = await mailHost
    let (verdict, name, by, authFailures) = await authorization
    return (
      DMARCReportAuthorization(
        kind: kind, uri: uri, policyDomain: policyDomain, verdict: verdict,
        authorizationName: name, authorizedBy: by, mailHost: state),
      authFailures + hostFailures
    )
  }

  private static func authorize(
    host: DomainName, policyDomain: DomainName, organizationalDomain: DomainName,
    resolver: any DNSResolver
  ) async -> (Verdict, DomainName?, DomainName?, [LookupFailure]) {
    if host.isSubdomain(of: organizationalDomain) { return (.internalDestination, nil, nil, []) }
    guard let base = try? host.prepending("_dmarc").prepending("_report"),
      let exact = try? DomainName(policyDomain.text + "._report._dmarc." + host.text),
      let wildcard = try? base.prepending("*")
    else { return (.notCheckable, nil, nil, []) }
    let purpose = "DMARC report authorization"
    async let exactResult = LookupResult.fetch(exact, .txt, from: resolver, purpose: purpose)
    async let wildcardResult = LookupResult.fetch(
      wildcard, .txt, from: resolver, purpose: purpose)
    let results = await [(exact, exactResult), (wildcard, wildcardResult)]
    for (name, result) in results {
      if let answer = result.answer, answer.txtJoined.contains(where: isAuthorization) {
        return (.authorized, exact, name, [])
      }
    }
    let failures = results.compactMap(\.1.failure)
    return (failures.isEmpty ? .unauthorized : .unknown, exact, nil, failures)
  }

  /// A TXT text that authorizes: it starts with `v=DMARC1` (RFC 9990).
  static func isAuthorization(_ text: String) -> Bool {
    DMARCParser.parse(text) != nil
  }

  private static func mailHostState(
    uri: DMARCRecord.ReportURI, host: DomainName, resolver: any DNSResolver
  ) async -> (MailHost, [LookupFailure]) {
    guard uri.scheme == "mailto" else { return (.notApplicable, []) }
    let purpose = "DMARC report mailbox"
    async let mx = LookupResult.fetch(host, .mx, from: resolver, purpose: purpose)
    async let a = LookupResult.fetch(host, .a, from: resolver, purpose: purpose)
    async let aaaa = LookupResult.fetch(host, .aaaa, from: resolver, purpose: purpose)
    let (mxResult, aResult, aaaaResult) = await (mx, a, aaaa)
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
