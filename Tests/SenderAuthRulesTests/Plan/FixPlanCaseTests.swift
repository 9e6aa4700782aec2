import DNSLookup
import Foundation
import SenderAuthCore
import SenderAuthKit
import SenderAuthReport
import SenderAuthRules
import Testing

/// The cases that made the plan necessary: fixes of several rules that, pasted together, broke
/// the domain or weakened it.
@Suite struct FixPlanCaseTests {
  static func plan(
    _ zone: String, domain: String = "example.com", options: CheckOptions = CheckOptions(),
    extra: [String] = []
  ) async throws -> (report: DomainReport, plan: FixPlan) {
    let origin = domain.split(separator: ".").suffix(2).joined(separator: ".")
    let zones =
      try [ZoneFile.parse("$ORIGIN \(origin).\n$TTL 3600\n" + zone, file: "case")]
      + extra.map { try ZoneFile.parse($0, file: "extra") }
    let report = try await TestSession.report(
      ZoneResolver(zones: zones), domain: domain, options: options)
    return (report, try #require(report.fixPlan))
  }

  /// The demo's zone of SendGrid (its SPF record and keys).
  static var sendGridZone: [String] {
    [
      (try? String(
        contentsOfFile: FixPlanPropertyTests.repository + "/Fixtures/demo/sendgrid.net.zone",
        encoding: .utf8)) ?? ""
    ]
  }

  static func added(_ plan: FixPlan, at owner: String) -> [String] {
    plan.add.filter { $0.owner.text == owner && $0.type == .txt }.map(\.value)
  }

  @Test func aDMARCRecordAtTheApexMovesOnceAndKeepsItsPolicy() async throws {
    // Provider rules each wanted a p=none record at _dmarc; the record at the apex says reject.
    let (_, plan) = try await Self.plan(
      """
      @ SOA ns1 hostmaster 1 3600 600 86400 300
      @ TXT "v=spf1 -all"
      @ TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"
      """)
    #expect(
      Self.added(plan, at: "_dmarc.example.com") == [
        "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"
      ])
    #expect(
      plan.remove.contains { $0.value.hasPrefix("v=DMARC1") && $0.owner.text == "example.com" })
    #expect(!plan.placeholders)
  }

  @Test(arguments: [
    ("v=DMARC1; P=REJECT; SP=none", "v=DMARC1; p=reject; sp=none"),
    ("v=DMARC1; p=reject rua=mailto:d@example.com", "v=DMARC1; p=reject; rua=mailto:d@example.com"),
    ("v=DMARC1; p=reject; sp=bogus", "v=DMARC1; p=reject"),
    ("v=DMARC1; p=rejct; rua=mailto:d@example.com", "v=DMARC1; p=reject; rua=mailto:d@example.com"),
    (
      "v=DMARC1; p=quarantine; pct=20; rua=mailto:d@example.com!10m",
      "v=DMARC1; p=quarantine; rua=mailto:d@example.com"
    ),
  ])
  func aRecordReceiversDiscardIsCorrectedNotExtended(_ record: String, _ expected: String)
    async throws
  {
    let (_, plan) = try await Self.plan(
      """
      @ SOA ns1 hostmaster 1 3600 600 86400 300
      @ MX 10 mx
      mx A 192.0.2.25
      @ TXT "v=spf1 mx -all"
      _dmarc TXT "\(record)"
      """)
    #expect(Self.added(plan, at: "_dmarc.example.com") == [expected], "\(plan.add)")
    #expect(plan.remove.map(\.value).contains(record))
  }

  @Test func anInheritedPolicyReplacesBothDiscardedRecordsWithOne() async throws {
    let (_, plan) = try await Self.plan(
      """
      @ SOA ns1 hostmaster 1 3600 600 86400 300
      _dmarc TXT "v=DMARC1; p=reject; rua=mailto:d@example.com"
      news TXT "v=spf1 -all"
      _dmarc.news TXT "v=DMARC1; p=none; rua=mailto:a@example.com"
      _dmarc.news TXT "v=DMARC1; p=quarantine"
      """, domain: "news.example.com")
    let added = Self.added(plan, at: "_dmarc.news.example.com")
    #expect(added.count == 1, "\(plan.add)")
    #expect(
      added.first?.contains("p=quarantine") == true || added.first?.contains("p=reject") == true)
    #expect(added.first?.contains("rua=mailto:a@example.com") == true)
    #expect(plan.remove.filter { $0.owner.text == "_dmarc.news.example.com" }.count == 2)
  }

  @Test func removingAnIncludeKeepsTheAll() async throws {
    // The include's target has no SPF record: the include goes, '-all' stays.
    let (_, plan) = try await Self.plan(
      """
      @ SOA ns1 hostmaster 1 3600 600 86400 300
      @ MX 10 mx
      mx A 192.0.2.25
      @ TXT "v=spf1 mx include:gone.example.net -all"
      """)
    #expect(Self.added(plan, at: "example.com") == ["v=spf1 mx -all"], "\(plan.add)")
  }

  @Test func aMergeThatPassesTheLookupLimitIsLeftOutWithTheReason() async throws {
    let providers =
      (1...6).map { "$ORIGIN p\($0).example.net.\n$TTL 3600\n@ TXT \"v=spf1 -all\"" }
      + (1...5).map {
        "$ORIGIN h\($0).example.net.\n$TTL 3600\n@ A 192.0.2.\($0)\n@ AAAA 2001:db8::\($0)"
      }
    let (report, plan) = try await Self.plan(
      """
      @ SOA ns1 hostmaster 1 3600 600 86400 300
      @ TXT "v=spf1 include:p1.example.net include:p2.example.net include:p3.example.net include:p4.example.net include:p5.example.net include:p6.example.net -all"
      @ TXT "v=spf1 a:h1.example.net a:h2.example.net a:h3.example.net a:h4.example.net a:h5.example.net ~all"
      """, extra: providers)
    #expect(report.findings.contains { $0.id == "spf.multiple-records" })
    let left = try #require(plan.unresolved.first { $0.id == "spf.multiple-records" })
    #expect(left.why.en.contains("11 DNS lookups"), "\(left.why.en)")
    #expect(left.why.en.contains("return-path"))
    #expect(!plan.add.contains { $0.value.hasPrefix("v=spf1") })
  }

  /// An include a note calls unneeded (SendGrid's: its mail uses its own return path) stays
  /// in the plan's record: other SPF fixes (here the sending address of `--ip`) never remove
  /// it as a side effect. Before, the demo kept it without `--ip` and lost it with.
  @Test func aNotesIncludeRemovalIsNoSideEffectOfAnotherFix() async throws {
    let demo = try #require(FixPlanPropertyTests.fixtureCases.first { $0.label == "demo" })
    let reverse = try ZoneFile.load(
      path: FixPlanPropertyTests.repository + "/Fixtures/verdicts/2.0.192.in-addr.arpa.zone")
    var options = demo.options
    options.ips = ["192.0.2.10"].compactMap(IPAddress.init)
    let report = try await TestSession.report(
      ZoneResolver(zones: demo.zones + [reverse]), domain: demo.domain, options: options)
    let plan = try #require(report.fixPlan)
    #expect(
      Self.added(plan, at: "shop.example") == [
        "v=spf1 include:spf.protection.outlook.com include:sendgrid.net ip4:192.0.2.10 -all"
      ])
  }

  /// The note's own fix removes it, shown under the note (a plan takes no note's changes), and
  /// the note does not send the reader to a plan that lacks its records.
  @Test func aNotesChangesStandUnderTheNote() async throws {
    let (report, plan) = try await Self.plan(
      """
      @ SOA ns1 hostmaster 1 3600 600 86400 300
      @ MX 10 mx1
      mx1 A 192.0.2.25
      @ TXT "v=spf1 ip4:192.0.2.0/24 include:sendgrid.net -all"
      _dmarc TXT "v=DMARC1; p=none; pct=50; rua=mailto:d@example.com"
      s1._domainkey CNAME s1.domainkey.u1234567.wl123.sendgrid.net.
      s2._domainkey CNAME s2.domainkey.u1234567.wl123.sendgrid.net.
      """, extra: Self.sendGridZone)
    let note = try #require(report.findings.first { $0.id == "esp.spf-include-unneeded" })
    #expect(note.severity == .note)
    #expect(
      note.fix?.add.map(\.value) == ["v=spf1 ip4:192.0.2.0/24 -all"],
      "\(String(describing: note.fix))")
    #expect(!plan.isEmpty)
    #expect(!plan.holdsChanges(of: note))
    #expect(Self.added(plan, at: "example.com").isEmpty, "\(plan.add)")
    let text = TextRenderer.render(
      Report(domains: [report], version: "test"), options: RenderOptions(language: .en))
    let lines = text.split(separator: "\n").map(String.init)
    let index = try #require(lines.firstIndex { $0.contains("esp.spf-include-unneeded:") })
    let fixLine = try #require(lines[index...].first { $0.hasPrefix("      Fix: ") })
    #expect(!fixLine.contains("Paste this"), "\(fixLine)")
    #expect(
      lines.contains(
        "      + example.com. 3600 IN TXT \"v=spf1 ip4:192.0.2.0/24 -all\""),
      "\(text)")
  }

  @Test func theDemoMarkdownShowsThePlanOnce() async throws {
    let demo = try #require(FixPlanPropertyTests.fixtureCases.first { $0.label == "demo" })
    let report = try await TestSession.report(
      ZoneResolver(zones: demo.zones), domain: demo.domain, options: demo.options)
    let markdown = MarkdownRenderer.render(
      Report(domains: [report], version: "test"), options: RenderOptions(language: .en))
    #expect(markdown.components(separatedBy: "### Paste this").count == 2)
    #expect(!markdown.contains("All DNS changes at a glance"))
    let dmarcLines = markdown.split(separator: "\n").filter {
      $0.hasPrefix("_dmarc.shop.example.") && $0.contains("IN TXT")
    }
    #expect(dmarcLines.count == 1, "\(dmarcLines)")
  }
}
