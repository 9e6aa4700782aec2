import DNSLookup
import SenderAuthCore
import SenderAuthRules
import Testing

/// DMARC fixes applied together: one corrected record, never a weaker policy, nothing
/// proposed on a failed lookup.
@Suite struct DMARCFixTests {
  /// Fails every query for `names` with SERVFAIL, asks the zones for the rest.
  struct Failing: DNSResolver {
    var names: Set<String>
    var inner: ZoneResolver
    func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
      if names.contains(name.text) { throw .serverFailure(server: "test") }
      return try await inner.query(name, type)
    }
  }

  static func zone(_ text: String, origin: String = "example.com") throws -> ZoneFile {
    try ZoneFile.parse("$ORIGIN \(origin).\n$TTL 3600\n" + text, file: "test")
  }

  static func context(
    _ zone: ZoneFile, domain: String = "example.com", options: CheckOptions = CheckOptions(),
    failing: Set<String> = []
  ) async throws -> DomainContext {
    let zones = try ZoneResolver(zones: [zone])
    let resolver: any DNSResolver = failing.isEmpty ? zones : Failing(names: failing, inner: zones)
    return await Engine(resolver: resolver).context(for: try DomainName(domain), options: options)
  }

  /// `zone` with every fix applied, each distinct change once (as a user applying all the
  /// proposed records would).
  static func applyingAll(_ fixes: [Fix], to zone: ZoneFile) throws -> ZoneFile {
    var seen: Set<DNSChange> = []
    let remove = fixes.flatMap(\.remove).filter { seen.insert($0).inserted }
    let add = fixes.flatMap(\.add).filter { seen.insert($0).inserted }
    return try zone.applying(
      Fix(explanation: LocalizedText(en: "all", de: "alle"), add: add, remove: remove))
  }

  static let options = CheckOptions(rua: "dmarc@example.com")

  static let oneRecordCases: [(domain: String, zone: String)] = [
    (
      "example.com",
      """
      @       IN MX  10 mail.example.com.
      @       IN TXT "v=spf1 mx -all"
      mail    IN A   192.0.2.25
      _dmarc  IN TXT "v=DMARC1; p=reject; pct=50; t=y"
      """
    ),
    (
      "example.com",
      """
      @       IN MX  10 mail.example.com.
      @       IN TXT "v=spf1 mx -all"
      mail    IN A   192.0.2.25
      _dmarc  IN TXT "v=DMARC1; p=quarantine; policy=reject; ri=3600; rua=mailto:d@example.com!9m"
      """
    ),
    (
      "a.mail.example.com",
      """
      @           IN MX  10 mx.example.com.
      mx          IN A   192.0.2.1
      a.mail      IN MX  10 mx.example.com.
      a.mail      IN TXT "v=spf1 mx -all"
      _dmarc.mail IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"
      _dmarc      IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com"
      """
    ),
  ]

  @Test(arguments: oneRecordCases)
  func allFixesTogetherLeaveOneDMARCRecordAndNoFinding(domain: String, zone text: String)
    async throws
  {
    let zone = try Self.zone(text)
    let before = Engine.run(
      DMARCRules.all, on: try await Self.context(zone, domain: domain, options: Self.options))
    let fixes = before.compactMap(\.fix)
    #expect(fixes.count >= 2, "\(before.map(\.id))")
    // Every DMARC fix proposes the same record.
    #expect(Set(fixes.flatMap(\.add).map(\.value)).count == 1)
    let fixed = try Self.applyingAll(fixes, to: zone)
    let name = try DomainName("_dmarc." + domain)
    let records = fixed.records.filter {
      $0.name == name && $0.data.joinedText?.hasPrefix("v=DMARC1") == true
    }
    #expect(records.count == 1)
    let after = Engine.run(
      DMARCRules.all, on: try await Self.context(fixed, domain: domain, options: Self.options))
    #expect(after.isEmpty, "\(after.map(\.message.en))")
  }

  @Test func correctionCarriesEveryEdit() async throws {
    let zone = try Self.zone(#"_dmarc IN TXT "v=DMARC1; p=reject; pct=50; t=y""#)
    let findings = Engine.run(
      DMARCRules.all, on: try await Self.context(zone, options: Self.options))
    let values = Set(findings.compactMap(\.fix).flatMap(\.add).map(\.value))
    #expect(values == ["v=DMARC1; p=reject; rua=mailto:dmarc@example.com"])
    let removes = Set(findings.compactMap(\.fix).flatMap(\.remove).map(\.value))
    #expect(removes == ["v=DMARC1; p=reject; pct=50; t=y"])
  }

  @Test func intermediateFixNeverLowersTheEffectivePolicy() async throws {
    let zone = try Self.zone(
      """
      a.mail      IN MX  10 mx.example.com.
      _dmarc.mail IN TXT "v=DMARC1; p=reject; t=y; rua=mailto:dmarc@example.com"
      _dmarc      IN TXT "v=DMARC1; p=reject; adkim=s; rua=mailto:dmarc@example.com"
      """)
    let context = try await Self.context(zone, domain: "a.mail.example.com")
    #expect(context.dmarc.discovery.effectivePolicy == .reject)
    let fix = try #require(DMARCIntermediateIgnoredRule().check(context).first?.fix)
    #expect(fix.add.map(\.value) == ["v=DMARC1; p=reject; adkim=s; rua=mailto:dmarc@example.com"])
    #expect(DMARCInheritedRule().check(context).first?.fix == fix)
    let after = try await Self.context(try zone.applying(fix), domain: "a.mail.example.com")
    #expect(after.dmarc.discovery.source == .domain)
    #expect(after.dmarc.discovery.effectivePolicy == .reject)
  }

  @Test func inheritedFixKeepsAlignmentAndReportingTags() async throws {
    let zone = try Self.zone(
      """
      news   IN MX  10 mail.example.com.
      _dmarc IN TXT "v=DMARC1; p=reject; sp=quarantine; np=reject; adkim=s; aspf=s; pct=50; \
      rua=mailto:d@example.com; ruf=mailto:f@example.com; fo=1; psd=n"
      """)
    let context = try await Self.context(zone, domain: "news.example.com")
    let fix = try #require(DMARCInheritedRule().check(context).first?.fix)
    #expect(
      fix.add.map(\.value) == [
        "v=DMARC1; p=quarantine; np=reject; adkim=s; aspf=s; "
          + "rua=mailto:d@example.com; ruf=mailto:f@example.com; fo=1"
      ])
    #expect(fix.add.first?.owner.text == "_dmarc.news.example.com")
  }

  @Test func inheritedFixLeavesOutSubdomainPoliciesThatChangeNothing() async throws {
    let zone = try Self.zone(
      """
      news   IN MX  10 mail.example.com.
      _dmarc IN TXT "v=DMARC1; p=reject; sp=quarantine; np=quarantine; rua=mailto:d@example.com"
      """)
    let context = try await Self.context(zone, domain: "news.example.com")
    let fix = try #require(DMARCInheritedRule().check(context).first?.fix)
    #expect(fix.add.map(\.value) == ["v=DMARC1; p=quarantine; rua=mailto:d@example.com"])
  }

  @Test func failedOwnLookupGivesNoPolicyVerdict() async throws {
    let zone = try Self.zone(
      """
      sub         IN MX    10 mail.example.com.
      _dmarc.sub  IN CNAME _dmarc.sub.example.com.
      _dmarc      IN TXT   "v=DMARC1; p=none; rua=mailto:dmarc@example.com"
      """)
    let looping = try await Self.context(zone, domain: "sub.example.com")
    let failing = try await Self.context(
      zone, domain: "sub.example.com", failing: ["_dmarc.sub.example.com"])
    for context in [looping, failing] {
      let discovery = context.dmarc.discovery
      #expect(discovery.incomplete)
      #expect(discovery.source == .none && discovery.policyRecord == nil)
      #expect(discovery.appliedPolicy == nil)
      let findings = Engine.run(DMARCRules.all, on: context)
      #expect(findings.isEmpty, "\(findings.map(\.id))")
      #expect(context.failures.contains { $0.name.text == "_dmarc.sub.example.com" })
    }
  }

  @Test func apexRecordGetsNoFixWhenTheDMARCLookupFailed() async throws {
    let zone = try Self.zone(#"@ IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com""#)
    let context = try await Self.context(zone, failing: ["_dmarc.example.com"])
    let finding = try #require(DMARCAtApexRule().check(context).first)
    #expect(finding.fix == nil)
    let answered = try await Self.context(zone)
    #expect(DMARCAtApexRule().check(answered).first?.fix?.add.count == 1)
  }

  @Test func multipleRecordsTieKeepsTheOneWithoutTestingAndWithStrongerSubdomainPolicy()
    async throws
  {
    let zone = try Self.zone(
      """
      _dmarc IN TXT "v=DMARC1; p=reject; t=y; rua=mailto:d@example.com"
      _dmarc IN TXT "v=DMARC1; p=reject; sp=none"
      _dmarc IN TXT "v=DMARC1; p=reject; sp=quarantine"
      _dmarc IN TXT "v=DMARC1; p=reject; sp=quarantine; np=none"
      """)
    let context = try await Self.context(zone)
    let fix = try #require(DMARCMultipleRecordsRule().check(context).first?.fix)
    #expect(fix.remove.count == 4)
    // The strongest policy that applies for the domain, its subdomains and non-existent
    // subdomains (the first record applies reject to all three), the address, no test mode.
    #expect(fix.add.map(\.value) == ["v=DMARC1; p=reject; rua=mailto:d@example.com"])
  }

  @Test func alignmentIsUnknownWhenTheSPFLookupFailed() async throws {
    let zone = try Self.zone(
      """
      @      IN TXT "v=spf1 mx -all"
      _dmarc IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@example.com"
      """)
    let context = try await Self.context(zone, failing: ["example.com"])
    let alignment = Alignment.assess(context)
    #expect(alignment.spfUnknown)
    #expect(AlignmentNoneRule().check(context).isEmpty)
    let spf = try #require(alignment.candidates.first { $0.mechanism == .spf })
    #expect(spf.authenticationUnknown && !spf.canAuthenticate)
  }
}
