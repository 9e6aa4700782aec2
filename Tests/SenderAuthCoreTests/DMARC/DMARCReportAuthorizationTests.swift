import DNSLookup
import Foundation
import SenderAuthCore
import Testing

/// External report destinations (RFC 9990, RFC 7489 §7.1 with erratum 5440) and report
/// mailboxes that cannot receive mail.
@Suite struct DMARCReportAuthorizationTests {
  typealias S = DMARCTestSupport

  func checks(
    _ record: String, destination: String = "", domain: String = "example.com", extra: String = ""
  ) async throws -> [DMARCReportAuthorization] {
    let resolver = try S.resolver(
      [
        (
          "example.com",
          """
          @               IN MX  10 mail.example.com.
          _dmarc          IN TXT "\(record)"
          reports         IN A   192.0.2.7
          \(extra)
          """
        ),
        ("vendor.net", "reports IN MX 10 mx.vendor.net.\nnullmx IN MX 0 .\n" + destination),
      ])
    return await DMARCContext.fetch(
      domain: S.name(domain), resolver: resolver, options: CheckOptions()
    ).reportDestinations
  }

  @Test func destinationInsideTheDomainNeedsNoAuthorization() async throws {
    let result = try await checks("v=DMARC1; p=none; rua=mailto:d@example.com")
    #expect(result.map(\.verdict) == [.internalDestination])
    #expect(result.first?.mailHost == .mx)
  }

  @Test func externalDestinationWithoutRecordIsUnauthorized() async throws {
    let result = try await checks("v=DMARC1; p=none; rua=mailto:d@reports.vendor.net")
    let check = try #require(result.first)
    #expect(check.verdict == .unauthorized)
    #expect(check.authorizationName?.text == "example.com._report._dmarc.reports.vendor.net")
    #expect(check.kind == .aggregate && check.policyDomain.text == "example.com")
  }

  @Test func exactAuthorizationRecordAuthorizes() async throws {
    let result = try await checks(
      "v=DMARC1; p=none; rua=mailto:d@reports.vendor.net",
      destination: "example.com._report._dmarc.reports IN TXT \"v=DMARC1\"")
    #expect(result.first?.verdict == .authorized)
    #expect(result.first?.authorizedBy?.text == "example.com._report._dmarc.reports.vendor.net")
  }

  @Test func wildcardAuthorizationRecordAuthorizes() async throws {
    let result = try await checks(
      "v=DMARC1; p=none; ruf=mailto:d@reports.vendor.net",
      destination: "*._report._dmarc.reports IN TXT \"v=DMARC1;\"")
    #expect(result.first?.verdict == .authorized && result.first?.kind == .failure)
  }

  @Test func authorizationRecordMustStartWithTheVersion() async throws {
    let result = try await checks(
      "v=DMARC1; p=none; rua=mailto:d@reports.vendor.net",
      destination: "example.com._report._dmarc.reports IN TXT \"ok\"")
    #expect(result.first?.verdict == .unauthorized)
  }

  @Test func inheritedRecordIsAuthorizedForThePolicyDomain() async throws {
    let result = try await checks(
      "v=DMARC1; p=none; rua=mailto:d@reports.vendor.net", domain: "news.example.com")
    #expect(result.first?.policyDomain.text == "example.com")
    #expect(
      result.first?.authorizationName?.text == "example.com._report._dmarc.reports.vendor.net")
  }

  @Test func reportsMailboxDomainsThatCannotReceiveMail() async throws {
    let result = try await checks(
      "v=DMARC1; p=none; rua=mailto:a@nomx.example.com,mailto:b@nullmx.vendor.net,"
        + "mailto:c@reports.example.com,https://reports.vendor.net/dmarc")
    #expect(result.map(\.mailHost) == [.none, .nullMX, .addressOnly, .notApplicable])
  }

  @Test func lookupFailureIsUnknownNotUnauthorized() async throws {
    let zones = try S.resolver(
      [
        ("example.com", "_dmarc IN TXT \"v=DMARC1; p=none; rua=mailto:d@reports.vendor.net\""),
        ("vendor.net", "reports IN MX 10 mx.vendor.net."),
      ])
    let failing = S.Failing(
      names: [
        S.name("example.com._report._dmarc.reports.vendor.net"),
        S.name("*._report._dmarc.reports.vendor.net"),
      ], inner: zones)
    let context = await DMARCContext.fetch(
      domain: S.name("example.com"), resolver: failing, options: CheckOptions())
    #expect(context.reportDestinations.first?.verdict == .unknown)
    // Only the real name is asked: the wildcard is DNS's business.
    #expect(context.failures.count == 1)
  }

  /// Records every name asked, to prove the literal `*` label is never queried.
  final class Asked: DNSResolver, @unchecked Sendable {
    let inner: any DNSResolver
    private let lock = NSLock()
    private var names: [DomainName] = []
    init(_ inner: any DNSResolver) { self.inner = inner }
    var asked: [DomainName] { lock.withLock { names } }
    func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
      lock.withLock { names.append(name) }
      return try await inner.query(name, type)
    }
  }

  @Test func wildcardBelowAnEmptyNonTerminalDoesNotAuthorize() async throws {
    // RFC 4592 §2.2.2: `x.example.com._report._dmarc.reports` makes the exact name an empty
    // non-terminal, which blocks the wildcard; DNS answers NODATA there.
    let zones = try S.resolver(
      [
        ("example.com", "_dmarc IN TXT \"v=DMARC1; p=none; rua=mailto:d@reports.vendor.net\""),
        (
          "vendor.net",
          """
          reports IN MX 10 mx.vendor.net.
          *._report._dmarc.reports IN TXT "v=DMARC1"
          x.example.com._report._dmarc.reports IN TXT "v=DMARC1"
          """
        ),
      ])
    let asked = Asked(zones)
    let context = await DMARCContext.fetch(
      domain: S.name("example.com"), resolver: asked, options: CheckOptions())
    #expect(context.reportDestinations.first?.verdict == .unauthorized)
    #expect(!asked.asked.contains { $0.labels.first == "*" })
  }

  @Test func subdomainWithItsOwnOrganizationalDomainIsExternal() async throws {
    let result = try await checks(
      "v=DMARC1; p=none; rua=mailto:d@r.vendor.example.com",
      extra: "_dmarc.vendor IN TXT \"v=DMARC1; p=reject; psd=n\"\nr.vendor IN MX 10 mx.vendor.net.")
    #expect(result.first?.verdict == .unauthorized)
    #expect(
      result.first?.authorizationName?.text == "example.com._report._dmarc.r.vendor.example.com")
  }

  @Test func overrideToAnotherHostAuthorizesNeither() async throws {
    let result = try await checks(
      "v=DMARC1; p=none; rua=mailto:d@reports.vendor.net",
      destination:
        "example.com._report._dmarc.reports IN TXT \"v=DMARC1; rua=mailto:x@elsewhere.example\"")
    #expect(result.first?.verdict == .overriddenElsewhere)
    #expect(result.first?.overrides == ["mailto:x@elsewhere.example"])
  }

  @Test func overrideToTheSameHostAuthorizes() async throws {
    let result = try await checks(
      "v=DMARC1; p=none; rua=mailto:d@reports.vendor.net",
      destination:
        "example.com._report._dmarc.reports IN TXT \"v=DMARC1; rua=mailto:x@reports.vendor.net\"")
    #expect(result.first?.verdict == .authorized)
    // A ruf= override does not touch the rua= address.
    let ruf = try await checks(
      "v=DMARC1; p=none; rua=mailto:d@reports.vendor.net",
      destination:
        "example.com._report._dmarc.reports IN TXT \"v=DMARC1; ruf=mailto:x@elsewhere.example\"")
    #expect(ruf.first?.verdict == .authorized)
  }
}
