import DNSLookup
import SenderAuthCore
import SenderAuthRules
import Testing

/// What DMARC findings say and which records their fixes hold.
@Suite struct DMARCRuleTests {
  func context(
    _ zone: String, domain: String = "example.com", origin: String = "example.com",
    options: CheckOptions = CheckOptions()
  ) async throws -> DomainContext {
    let file = try ZoneFile.parse("$ORIGIN \(origin).\n$TTL 3600\n" + zone, file: "test")
    let engine = Engine(resolver: try ZoneResolver(zones: [file]))
    return await engine.context(for: try DomainName(domain), options: options)
  }

  @Test func missingRecordFixUsesTheGivenReportAddress() async throws {
    let context = try await context(
      "@ IN MX 10 mail.example.com.", options: CheckOptions(rua: "dmarc@example.com"))
    let finding = try #require(DMARCMissingRule().check(context).first)
    let add = try #require(finding.fix?.add.first)
    #expect(add.owner.text == "_dmarc.example.com" && add.type == .txt)
    #expect(add.value == "v=DMARC1; p=none; rua=mailto:dmarc@example.com")
    #expect(!add.hasPlaceholder)
    #expect(finding.message.en.contains("'_dmarc.example.com', '_dmarc.com'"))
  }

  @Test func missingRecordFixIsCompleteWithoutAnAddressAndSaysHowToGetReports() async throws {
    let context = try await context("@ IN MX 10 mail.example.com.")
    let fix = try #require(DMARCMissingRule().check(context).first?.fix)
    // A complete record that Gmail and Yahoo accept, nothing to fill in.
    #expect(fix.add.first?.value == "v=DMARC1; p=none")
    #expect(fix.add.first?.hasPlaceholder == false)
    #expect(fix.explanation.en.contains("--rua") && fix.explanation.de.contains("--rua"))
  }

  @Test func parkedDomainGetsReject() async throws {
    let context = try await context("@ IN TXT \"v=spf1 -all\"", options: CheckOptions(parked: true))
    let value = try #require(DMARCMissingRule().check(context).first?.fix?.add.first?.value)
    #expect(value.hasPrefix("v=DMARC1; p=reject"))
  }

  @Test func missingIsNotReportedWhenTheLookupFailed() async throws {
    let file = try ZoneFile.parse("$ORIGIN example.com.\n$TTL 3600\n@ IN MX 10 mx.example.com.")
    struct Failing: DNSResolver {
      var inner: ZoneResolver
      func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
        if name.text == "_dmarc.example.com" { throw .timeout(server: nil) }
        return try await inner.query(name, type)
      }
    }
    let engine = Engine(resolver: Failing(inner: try ZoneResolver(zones: [file])))
    let context = await engine.context(
      for: try DomainName("example.com"), options: CheckOptions())
    #expect(DMARCMissingRule().check(context).isEmpty)
  }

  @Test func unauthorizedDestinationNamesTheExactRecord() async throws {
    let context = try await context(
      """
      _dmarc.shop IN TXT "v=DMARC1; p=none; rua=mailto:d@reports.vendor.example"
      """, domain: "shop.example", origin: "example")
    let finding = try #require(DMARCRUAUnauthorizedRule().check(context).first)
    let add = try #require(finding.fix?.add.first)
    #expect(add.owner.text == "shop.example._report._dmarc.reports.vendor.example")
    #expect(add.value == "v=DMARC1")
    #expect(
      finding.fix?.explanation.en.contains(
        "shop.example._report._dmarc.reports.vendor.example. 3600 IN TXT \"v=DMARC1\"") == true)
    #expect(finding.location?.span == Location.Span(offset: 22, length: 31))
  }

  @Test func multipleRecordsFixKeepsTheStrongestPolicy() async throws {
    let context = try await context(
      """
      _dmarc IN TXT "v=DMARC1; p=none; rua=mailto:d@example.com"
      _dmarc IN TXT "v=DMARC1; p=reject"
      _dmarc IN TXT "v=DMARC1; p=quarantine"
      """)
    let fix = try #require(DMARCMultipleRecordsRule().check(context).first?.fix)
    // All three go; one record takes their place with the strongest policy and every address.
    #expect(fix.remove.count == 3)
    #expect(fix.add.map(\.value) == ["v=DMARC1; p=reject; rua=mailto:d@example.com"])
  }

  @Test func policyNoneNamesTheSubdomainTagForAPublicSuffixRecord() async throws {
    let context = try await context(
      """
      agency IN MX 10 mail.agency.gov.
      _dmarc IN TXT "v=DMARC1; p=reject; sp=none; psd=y"
      """, domain: "agency.gov", origin: "gov")
    let finding = try #require(DMARCPolicyNoneRule().check(context).first)
    #expect(finding.message.en.contains("'sp=none'"))
    #expect(finding.message.en.contains("public suffix domain 'gov'"))
    let inherited = try #require(DMARCInheritedRule().check(context).first)
    #expect(inherited.severity == .warning)
    #expect(inherited.fix?.add.first?.owner.text == "_dmarc.agency.gov")
  }

  @Test func noPolicyFixInsertsNoneAfterTheVersion() async throws {
    let context = try await context("_dmarc IN TXT \"v=DMARC1; rua=mailto:d@example.com\"")
    let fix = try #require(DMARCNoPolicyRule().check(context).first?.fix)
    #expect(fix.remove.first?.value == "v=DMARC1; rua=mailto:d@example.com")
    #expect(fix.add.first?.value == "v=DMARC1; p=none; rua=mailto:d@example.com")
  }

  @Test func removedTagFixDropsPctAndSizeAndWarnsOnPartialPct() async throws {
    let context = try await context(
      "_dmarc IN TXT \"v=DMARC1; p=reject; pct=10; ri=3600; rua=mailto:d@example.com!5m\"")
    let finding = try #require(DMARCRemovedTagRule().check(context).first)
    #expect(finding.severity == .warning)
    #expect(finding.fix?.add.first?.value == "v=DMARC1; p=reject; rua=mailto:d@example.com")
    #expect(finding.message.en.contains("'pct=10', 'ri=3600', '!5m'"))
  }

  @Test func syntaxFindingPointsAtTheTerm() async throws {
    let context = try await context("_dmarc IN TXT \"v=DMARC1; p=reject; adkim=x\"")
    let finding = try #require(DMARCSyntaxRule().check(context).first)
    #expect(finding.location?.span == Location.Span(offset: 20, length: 7))
    #expect(finding.severity == .warning)
  }

  @Test func alignmentUsesTheReturnPath() async throws {
    let zone = """
      _dmarc IN TXT "v=DMARC1; p=none; aspf=s"
      bounce IN TXT "v=spf1 include:_spf.esp.example -all"
      """
    let relaxedOnly = try await context(
      zone, options: CheckOptions(returnPath: try? DomainName("bounce.example.com")))
    let finding = try #require(AlignmentNoneRule().check(relaxedOnly).first)
    #expect(finding.message.en.contains("aspf=s"))
    let alignment = Alignment.assess(relaxedOnly)
    #expect(alignment.aligns(.spf, in: .relaxed) && !alignment.spfAligns)
  }
}
