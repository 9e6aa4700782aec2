import DNSLookup
import SenderAuthCore
import Testing

/// External report destinations (RFC 9990, RFC 7489 §7.1 with erratum 5440) and report
/// mailboxes that cannot receive mail.
@Suite struct DMARCReportAuthorizationTests {
  typealias S = DMARCTestSupport

  func checks(_ record: String, destination: String = "", domain: String = "example.com")
    async throws -> [DMARCReportAuthorization]
  {
    let resolver = try S.resolver(
      [
        (
          "example.com",
          """
          @               IN MX  10 mail.example.com.
          _dmarc          IN TXT "\(record)"
          reports         IN A   192.0.2.7
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
    #expect(context.failures.count == 2)
  }
}
