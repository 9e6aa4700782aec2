import DNSLookup
import SenderAuthCore
import SenderAuthRules
import Testing

/// Every fix a report proposes, merged into its plan and applied together (as a user pasting
/// the plan would), leaves one SPF and one DMARC record, and the rules whose fixes the plan
/// applied are silent afterwards: fixes of different rules never contradict each other.
@Suite struct AllFixesTogetherTests {
  struct Case: Sendable, CustomStringConvertible {
    var description: String
    var zone: String
    var options: CheckOptions
  }

  static let cases: [Case] = [
    Case(
      description: "+all with an ESP include missing",
      zone: """
        @ SOA ns1 hostmaster 1 3600 600 86400 300
        @ MX 10 mail
        mail A 192.0.2.25
        @ TXT "v=spf1 mx +all"
        _dmarc TXT "v=DMARC1; p=none; pct=50; t=y"
        """, options: CheckOptions(esps: ["mailjet"], rua: "mailto:dmarc@example.com")),
    Case(
      description: "no SPF record, two ESPs",
      zone: """
        @ SOA ns1 hostmaster 1 3600 600 86400 300
        @ MX 10 mail
        mail A 192.0.2.25
        """, options: CheckOptions(esps: ["mailjet", "google-workspace"])),
    Case(
      description: "redirect to nowhere, an address to authorize",
      zone: """
        @ SOA ns1 hostmaster 1 3600 600 86400 300
        @ MX 10 mail
        mail A 192.0.2.25
        @ TXT "v=spf1 redirect=_spf.gone.example ip4:192.0.2.25"
        """,
      options: CheckOptions(esps: ["mailjet"], ips: ["198.51.100.7"].compactMap(IPAddress.init))),
  ]

  /// The providers' own SPF records, so their includes resolve offline.
  static let providers = [
    "$ORIGIN mailjet.com.\n$TTL 3600\nspf TXT \"v=spf1 ip4:87.253.232.0/21 -all\"",
    "$ORIGIN google.com.\n$TTL 3600\n_spf TXT \"v=spf1 ip4:209.85.128.0/17 ~all\"",
  ]

  static func report(_ zone: ZoneFile, _ options: CheckOptions) async throws -> DomainReport {
    let zones = try [zone] + providers.map { try ZoneFile.parse($0, file: "provider") }
    return try await TestSession.report(ZoneResolver(zones: zones), options: options)
  }

  @Test(arguments: cases)
  func leaveOneRecordEachAndSilenceTheirRules(_ example: Case) async throws {
    let zone = try ZoneFile.parse(
      "$ORIGIN example.com.\n$TTL 3600\n" + example.zone, file: "example")
    let before = try await Self.report(zone, example.options)
    let plan = try #require(before.fixPlan)
    #expect(!plan.isEmpty)
    let patched = FixPlanPropertyTests.applying(plan, to: [zone])
    let after = patched[0]
    let apex = try DomainName("example.com")
    let spf = after.records.filter {
      $0.name == apex && $0.data.joinedText?.lowercased().hasPrefix("v=spf1") == true
    }
    #expect(spf.count == 1, "\(spf.map(\.data.presentation))")
    let dmarcName = try DomainName("_dmarc.example.com")
    let dmarc = after.records.filter { $0.name == dmarcName }
    #expect(dmarc.count <= 1, "\(dmarc.map(\.data.presentation))")
    let zones = patched + (try Self.providers.map { try ZoneFile.parse($0, file: "provider") })
    let again = try await TestSession.report(ZoneResolver(zones: zones), options: example.options)
    // What the plan acts on: errors and warnings whose fix changes DNS (notes are advice,
    // explanation-only fixes are work outside DNS).
    let fixed = Set(
      before.findings.filter { finding in
        guard finding.severity > .note, let fix = finding.fix else { return false }
        return !fix.add.isEmpty || !fix.remove.isEmpty
      }.map(\.id))
    let left = Set(plan.unresolved.map(\.id))
    let stillThere = Set(again.findings.map(\.id)).intersection(fixed).subtracting(left)
    #expect(stillThere.isEmpty, "\(stillThere.sorted())")
    #expect(!again.findings.contains { $0.id == "esp.spf-include-missing" })
    #expect(!again.findings.contains { $0.id == "spf.plus-all" })
    #expect(!again.findings.contains { $0.id == "spf.ip-not-authorized" })
  }
}
