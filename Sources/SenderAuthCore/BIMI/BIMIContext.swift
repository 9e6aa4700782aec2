import DNSLookup
import Foundation

/// What was fetched for BIMI: the assertion record at `default._bimi.<domain>` (or, when the
/// domain has none, at its organizational domain, as receivers look it up), the SVG logo and
/// the mark certificate it names.
public struct BIMIContext: Sendable {
  /// The logo is read up to this size (the profile allows 32 KB; larger files are reported
  /// with their size up to here).
  public static let maximumLogoSize = 128 * 1024
  /// Mark certificates (a PEM chain) are small; this bounds the read.
  public static let maximumEvidenceSize = 64 * 1024

  public var domain: DomainName
  /// The answer at `default._bimi.<domain>`; nil when not fetched.
  public var txt: LookupResult?
  /// The organizational domain's answer, asked when the domain itself has no BIMI record.
  public var organizationalTXT: LookupResult?
  public var organizationalDomain: DomainName?
  public var logoFetch: HTTPSFetch?
  public var evidenceFetch: HTTPSFetch?
  /// Seconds since 1970 when the certificate was fetched (for its validity).
  public var fetchedAt: Double = 0

  public init(domain: DomainName = .root) {
    self.domain = domain
  }

  /// `default._bimi.<domain>`.
  public static func recordName(for domain: DomainName) -> DomainName? {
    try? domain.prepending("_bimi").prepending("default")
  }

  /// The lookup of the domain's own record, asked in the engine's first round.
  static func ownLookup(for domain: DomainName) -> SingleLookup? {
    recordName(for: domain).map { SingleLookup(name: $0, type: .txt, purpose: "BIMI record") }
  }

  /// Fetches the record (falling back to `organizationalDomain`), then the logo and the
  /// certificate with `https` (`.notAttempted` without a client). `own` is the result of
  /// `ownLookup(for: domain)` when it was asked already (in the engine's first round, so that
  /// only the fallback waits for the DMARC walk's organizational domain).
  public static func fetch(
    domain: DomainName, own: LookupResult? = nil, organizationalDomain: DomainName?,
    resolver: any DNSResolver, https: (any HTTPSClient)?
  ) async -> BIMIContext {
    var context = BIMIContext(domain: domain)
    guard let lookup = ownLookup(for: domain) else { return context }
    if let own {
      context.txt = own
    } else {
      context.txt = await LookupResult.fetch(
        lookup.name, lookup.type, from: resolver, purpose: lookup.purpose)
    }
    if context.txt?.answer != nil, context.ownRecords.isEmpty, let organizationalDomain,
      organizationalDomain != domain, let fallback = recordName(for: organizationalDomain)
    {
      context.organizationalDomain = organizationalDomain
      context.organizationalTXT = await LookupResult.fetch(
        fallback, .txt, from: resolver, purpose: "BIMI record of the organizational domain")
    }
    guard context.records.count == 1, let record = context.records.first else { return context }
    func get(_ url: HTTPSURL?, _ limit: Int) async -> HTTPSFetch? {
      guard let url else { return nil }
      guard let https else {
        return .failed(.notAttempted(.noHTTPSInRun))
      }
      return await https.fetch(HTTPSRequest(url: url, maximumSize: limit))
    }
    context.fetchedAt = Date().timeIntervalSince1970
    async let logo = get(record.logo, maximumLogoSize)
    async let evidence = get(record.evidence, maximumEvidenceSize)
    (context.logoFetch, context.evidenceFetch) = await (logo, evidence)
    return context
  }

  /// BIMI records at the domain itself.
  public var ownRecords: [BIMIRecord] { Self.records(in: txt) }

  /// The records receivers use: the domain's own, else the organizational domain's.
  public var records: [BIMIRecord] {
    let own = ownRecords
    return own.isEmpty ? Self.records(in: organizationalTXT) : own
  }

  static func records(in result: LookupResult?) -> [BIMIRecord] {
    TagValueRecord.candidates(in: result, version: "v=BIMI1").map(BIMIRecord.init)
  }

  /// Why the logo cannot be used; nil when it was fetched or not asked for.
  public var logoProblem: HTTPSProblem? {
    logoFetch.flatMap { HTTPSProblem($0, expecting: ["image/svg+xml"]) }
  }

  /// The SVG check of the fetched logo (a 200 whatever its media type, so its content can be
  /// judged too).
  public var logoCheck: SVGTinyPSCheck? {
    guard case .response(let response)? = logoFetch, response.status == 200 else { return nil }
    return SVGTinyPSCheck(response.body)
  }

  /// Why the certificate cannot be used; nil when it was fetched or not asked for. VMCs are
  /// served as PEM (`application/x-pem-file`, `application/pem-certificate-chain`); any type
  /// is accepted and the content is checked instead.
  public var evidenceProblem: HTTPSProblem? {
    evidenceFetch.flatMap { HTTPSProblem($0, expecting: []) }
  }

  /// The mark certificates of the fetched evidence document (a 200 whatever its type).
  public var certificates: Result<[MarkCertificate], MarkCertificate.ReadError>? {
    guard case .response(let response)? = evidenceFetch, response.status == 200 else {
      return nil
    }
    do {
      return .success(try MarkCertificate.chain(pem: response.text))
    } catch {
      return .failure(error)
    }
  }

  public var failures: [LookupFailure] {
    var failures = [txt?.failure, organizationalTXT?.failure].compactMap { $0 }
    for fetch in [logoFetch, evidenceFetch] {
      if case .failed(let failure)? = fetch, let lookup = failure.lookupFailure {
        failures.append(lookup)
      }
    }
    return failures
  }
}
