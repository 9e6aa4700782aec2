import DNSLookup
import SenderAuthCore
import SenderAuthRules
import Testing

/// SPF corrections that keep every mechanism evaluated, authorize the named addresses and
/// close address ranges that work like `+all`.
@Suite struct SPFFixTests {
  static func zone(_ record: String) throws -> ZoneFile {
    try ZoneFile.parse("$ORIGIN example.com.\n$TTL 3600\n@ IN TXT \"\(record)\"\n", file: "test")
  }

  static func context(_ zone: ZoneFile, options: CheckOptions = CheckOptions()) async throws
    -> DomainContext
  {
    await Engine(resolver: try ZoneResolver(zones: [zone])).context(
      for: try DomainName("example.com"), options: options)
  }

  @Test func redirectToAMissingTargetIsReplacedByAllAtTheEnd() async throws {
    let zone = try Self.zone("v=spf1 redirect=_spf.gone.example ip4:192.0.2.25")
    let findings = Engine.run(SPFRules.all, on: try await Self.context(zone))
    #expect(findings.contains { $0.id == "spf.include-missing" })
    let values = Set(findings.compactMap(\.fix).flatMap(\.add).map(\.value))
    #expect(values == ["v=spf1 ip4:192.0.2.25 ~all"])
  }

  @Test func ipNotAuthorizedFixAuthorizesTheAddressOnPermerror() async throws {
    let zone = try Self.zone("v=spf1 mx redirect=gone.example.com")
    let options = CheckOptions(ips: ["198.51.100.7"].compactMap(IPAddress.init))
    let context = try await Self.context(zone, options: options)
    #expect(context.spf.evaluations.map(\.result) == [.permerror])
    let finding = try #require(SPFIPNotAuthorizedRule().check(context).first)
    let fix = try #require(finding.fix)
    #expect(fix.add.map(\.value) == ["v=spf1 mx ip4:198.51.100.7 ~all"])
    // Evaluate the corrected record as receivers do.
    let after = try await Self.context(try zone.applying(fix), options: options)
    #expect(after.spf.evaluations.map(\.result) == [.pass])
  }

  @Test(arguments: [
    ("v=spf1 ip4:0.0.0.0/0 -all", "ip4:0.0.0.0/0", "v=spf1 -all"),
    ("v=spf1 mx +ip6:::/0 ~all", "+ip6:::/0", "v=spf1 mx ~all"),
    (
      "v=spf1 ip4:10.0.0.0/8 ip4:192.0.2.0/24 -all", "ip4:10.0.0.0/8",
      "v=spf1 ip4:192.0.2.0/24 -all"
    ),
  ])
  func rangesAsWideAsTheInternetAreReportedLikePlusAll(
    record: String, term: String, corrected: String
  ) async throws {
    let context = try await Self.context(try Self.zone(record))
    let finding = try #require(SPFPlusAllRule().check(context).first)
    #expect(finding.message.en.contains("'\(term)'"))
    #expect(finding.message.de.contains("'\(term)'"))
    #expect(finding.fix?.add.map(\.value) == [corrected])
  }

  @Test(arguments: ["v=spf1 ip4:10.0.0.0/9 -all", "v=spf1 ip6:2001:db8::/17 -ip4:0.0.0.0/0 -all"])
  func narrowerRangesAreNotReported(record: String) async throws {
    let context = try await Self.context(try Self.zone(record))
    #expect(SPFPlusAllRule().check(context).isEmpty)
  }

  @Test func mergedRecordNamesDroppedTermsAndAnExceededLookupLimit() async throws {
    let text = """
      $ORIGIN example.com.
      $TTL 3600
      @ IN TXT "v=spf1 ip4:192.0.2.1 foo:bar mx:m.example.com -all"
      @ IN TXT "v=spf1 a mx a:a1.example.com a:a2.example.com a:a3.example.com \
      a:a4.example.com a:a5.example.com a:a6.example.com a:a7.example.com a:a8.example.com ~all"
      """
    let context = try await Self.context(try ZoneFile.parse(text))
    let fix = try #require(SPFMultipleRecordsRule().check(context).first?.fix)
    #expect(fix.add.first?.value.contains("foo:bar") == false)
    #expect(fix.explanation.en.contains("left out"))
    #expect(fix.explanation.en.contains("'foo:bar'"))
    #expect(fix.explanation.de.contains("'foo:bar'"))
    #expect(fix.explanation.en.contains("needs 11 DNS lookups"))
    #expect(fix.explanation.de.contains("braucht 11 DNS-Abfragen"))
  }

  @Test func mergedRecordWithinTheLimitSaysNothingAboutIt() async throws {
    let text = """
      $ORIGIN example.com.
      $TTL 3600
      @ IN TXT "v=spf1 mx -all"
      @ IN TXT "v=spf1 ip4:192.0.2.1 ~all"
      """
    let context = try await Self.context(try ZoneFile.parse(text))
    let fix = try #require(SPFMultipleRecordsRule().check(context).first?.fix)
    #expect(fix.add.map(\.value) == ["v=spf1 mx ip4:192.0.2.1 -all"])
    #expect(!fix.explanation.en.contains("lookups"))
  }
}
