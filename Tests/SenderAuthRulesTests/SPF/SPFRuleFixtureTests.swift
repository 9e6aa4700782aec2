import DNSLookup
import Foundation
import SenderAuthCore
import SenderAuthRules
import Testing

/// The SPF rules on the fixtures of `Fixtures/spf/` (whose comments hold the hand counts):
/// messages name the term and the counts, locations point at the term, fixes are exact.
@Suite("SPF rules on fixtures")
struct SPFRuleFixtureTests {
  static func zone(_ name: String) throws -> ZoneFile {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try ZoneFile.load(path: root.appendingPathComponent("Fixtures/spf/\(name).zone").path)
  }

  static func findings(
    _ zones: [ZoneFile], domain: String = "example.com", options: CheckOptions = CheckOptions()
  ) async throws -> [Finding] {
    let engine = Engine(resolver: try ZoneResolver(zones: zones))
    let context = await engine.context(for: try DomainName(domain), options: options)
    return Engine.run(SPFRules.all, on: context)
  }

  static func findings(_ name: String, domain: String = "example.com") async throws -> [Finding] {
    try await findings([try zone(name)], domain: domain)
  }

  /// The text of the record at the finding's span.
  static func marked(_ finding: Finding) -> String? {
    guard let record = finding.location?.record, let span = finding.location?.span else {
      return nil
    }
    return String(Array(record)[span.offset..<(span.offset + span.length)])
  }

  @Test("lookup-limit.zone: 14 lookups, the 11th with the second include")
  func lookupLimit() async throws {
    let findings = try await Self.findings("lookup-limit")
    let limit = try #require(findings.first { $0.id == "spf.lookup-limit" })
    #expect(limit.message.en.hasPrefix("SPF record of 'example.com' needs 14 DNS lookups"))
    #expect(limit.message.de.contains("braucht 14 DNS-Abfragen"))
    #expect(Self.marked(limit) == "include:_b.example.com")
    #expect(limit.location?.line == 10)
    #expect(findings.contains { $0.id == "spf.ptr" && $0.location?.name == "_b.example.com" })
    #expect(!findings.contains { $0.id == "spf.void-lookup-limit" })
  }

  @Test("void-lookups.zone: 4 void lookups for IPv4 clients, pointing at the third")
  func voidLookups() async throws {
    let findings = try await Self.findings("void-lookups")
    let void = try #require(findings.first { $0.id == "spf.void-lookup-limit" })
    #expect(void.message.en.contains("has 4 void lookups for IPv4 clients; the limit is 2"))
    #expect(
      void.message.de.contains("hat 4 DNS-Abfragen ohne Ergebnis (Void-Lookups) für IPv4-Clients"))
    #expect(Self.marked(void) == "mx:nomx.example.com")
    let macro = try #require(findings.first { $0.id == "spf.macro-unverifiable" })
    #expect(Self.marked(macro) == "exists:%{i}.bl.example.com")
    #expect(macro.severity == .note)
  }

  @Test("include-missing.zone: both targets reported; one record fixes both")
  func includeMissing() async throws {
    let zone = try Self.zone("include-missing")
    let findings = try await Self.findings([zone]).filter { $0.id == "spf.include-missing" }
    #expect(
      findings.map { Self.marked($0) } == [
        "include:_nospf.example.com", "include:_gone.example.com",
      ])
    #expect(findings[1].message.en.contains("'_gone.example.com' does not exist"))
    let values = Set(findings.compactMap { $0.fix?.add.first?.value })
    #expect(values == ["v=spf1 include:_ok.example.com ~all"])
    let fixed = try zone.applying(try #require(findings[0].fix))
    #expect(try await Self.findings([fixed]).filter { $0.severity >= .warning }.isEmpty)
  }

  @Test("include-loop.zone: the loop is reported at '_loop2'")
  func includeLoop() async throws {
    let findings = try await Self.findings("include-loop")
    let loop = try #require(findings.first { $0.id == "spf.include-loop" })
    #expect(loop.location?.name == "_loop2.example.com")
    #expect(Self.marked(loop) == "include:_loop1.example.com")
  }

  @Test(
    "policies.zone: one rule per owner",
    arguments: [
      ("plus", "spf.plus-all"), ("neutral", "spf.neutral-all"), ("noall", "spf.no-all"),
      ("redir", "spf.redirect-ignored"), ("after", "spf.terms-after-all"), ("ptr", "spf.ptr"),
    ])
  func policies(owner: String, id: String) async throws {
    let findings = try await Self.findings("policies", domain: "\(owner).example.com")
    #expect(findings.map(\.id) == [id])
  }

  @Test("policies.zone: 'good' has no finding")
  func good() async throws {
    #expect(try await Self.findings("policies", domain: "good.example.com").isEmpty)
  }

  @Test("mx-too-many.zone, too-long.zone, syntax.zone")
  func others() async throws {
    let mx = try await Self.findings("mx-too-many")
    #expect(mx.map(\.id) == ["spf.mx-too-many"])
    #expect(mx.first?.message.en.contains("has 11 MX hosts") == true)
    let long = try await Self.findings("too-long")
    #expect(long.map(\.id) == ["spf.too-long"])
    #expect(long.first?.message.en.contains("(the SPF record 612)") == true)
    let syntax = try await Self.findings("syntax").filter { $0.id == "spf.syntax" }
    #expect(syntax.map { Self.marked($0) } == ["192.0.2.300", "inclde:_spf.example.com"])
  }

  @Test("multiple-records.zone: merged record keeps every mechanism, strictest all")
  func multipleRecords() async throws {
    let zone = try Self.zone("multiple-records")
    let findings = try await Self.findings([zone])
    let multiple = try #require(findings.first { $0.id == "spf.multiple-records" })
    let fix = try #require(multiple.fix)
    #expect(fix.add.map(\.value) == ["v=spf1 include:_spf.example.com ip4:198.51.100.0/24 a -all"])
    #expect(fix.remove.count == 2)
    let fixed = try zone.applying(fix)
    #expect(try await Self.findings([fixed]).isEmpty)
  }

  @Test("a record with several problems: every fix is the same corrected record")
  func combinedCorrection() async throws {
    let text = """
      $ORIGIN example.com.
      $TTL 3600
      @     IN TXT "v=spf1 include:_gone.example.com ptr +all mx redirect=_spf.example.com"
      _spf  IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
      """
    let zone = try ZoneFile.parse(text)
    let findings = try await Self.findings([zone])
    #expect(
      Set(findings.map(\.id)) == [
        "spf.include-missing", "spf.ptr", "spf.plus-all", "spf.terms-after-all",
        "spf.redirect-ignored",
      ])
    let values = Set(findings.compactMap(\.fix).flatMap(\.add).map(\.value))
    #expect(values == ["v=spf1 ptr ~all"])
    let fixed = try zone.applying(try #require(findings.compactMap(\.fix).first))
    #expect(try await Self.findings([fixed]).map(\.id) == ["spf.ptr"])
  }

  @Test("named sending addresses are evaluated; the corrected record authorizes them")
  func sendingAddresses() async throws {
    let zone = try ZoneFile.parse(
      "$ORIGIN example.com.\n@ 3600 IN TXT \"v=spf1 mx +all\"\n@ 3600 IN MX 10 mx.example.com.\n"
        + "mx 3600 IN A 192.0.2.25\n")
    let options = CheckOptions(
      ips: ["192.0.2.25", "203.0.113.9", "2001:db8::9"].compactMap(IPAddress.init))
    let findings = try await Self.findings([zone], options: options)
    #expect(findings.map(\.id) == ["spf.plus-all"])
    let fix = try #require(findings.first?.fix)
    #expect(fix.add.map(\.value) == ["v=spf1 mx ip4:203.0.113.9 ip6:2001:db8::9 ~all"])
    let after = try await Self.findings([try zone.applying(fix)], options: options)
    #expect(after.isEmpty)
  }

  @Test("missing.zone: TXT records but no SPF record; the host below has one")
  func missing() async throws {
    let findings = try await Self.findings("missing")
    #expect(findings.map(\.id) == ["spf.missing"])
    // A complete record to start from: nothing left to fill in.
    #expect(findings.first?.fix?.add.first?.hasPlaceholder == false)
    let engine = Engine(resolver: try ZoneResolver(zones: [try Self.zone("missing")]))
    let apex = await engine.context(for: try DomainName("example.com"), options: CheckOptions())
    #expect(apex.spf.tree == nil)
    let mail = await engine.context(
      for: try DomainName("mail.example.com"), options: CheckOptions())
    #expect(mail.spf.tree?.lookups == 1)
    #expect(Engine.run(SPFRules.all, on: mail).isEmpty)
  }

  @Test("spf.missing for a parked domain proposes 'v=spf1 -all'")
  func parked() async throws {
    let zone = try ZoneFile.parse("$ORIGIN example.com.\n@ 3600 IN A 192.0.2.1\n")
    let findings = try await Self.findings([zone], options: CheckOptions(parked: true))
    #expect(findings.map(\.id) == ["spf.missing"])
    #expect(findings.first?.fix?.add.map(\.value) == ["v=spf1 -all"])
  }

  @Test("a timeout is not a missing record")
  func timeoutIsNotMissing() async throws {
    struct Timeout: DNSResolver {
      func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
        throw .timeout(server: "test")
      }
    }
    let engine = Engine(resolver: Timeout())
    let context = await engine.context(
      for: try DomainName("example.com"), options: CheckOptions())
    #expect(Engine.run(SPFRules.all, on: context).isEmpty)
    #expect(!context.spf.failures.isEmpty)
  }
}
