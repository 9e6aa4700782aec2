import DNSLookup
import Foundation
import SenderAuthCore
import Testing

/// The RFC 9989 tree walk (§4.10), policy discovery (§4.10.1) and organizational-domain
/// selection (§4.10.2), on the RFC's own examples and on public suffix domain cases.
@Suite struct DMARCDiscoveryTests {
  typealias S = DMARCTestSupport

  /// RFC 9989 §4.10: the eight queries for "a.b.c.d.e.f.g.h.i.j.mail.example.com".
  @Test func walkJumpsToSevenLabelsForLongNames() {
    let walk = DMARCDiscovery.walkDomains(for: S.name("a.b.c.d.e.f.g.h.i.j.mail.example.com"))
    #expect(
      walk.map(\.text) == [
        "a.b.c.d.e.f.g.h.i.j.mail.example.com", "g.h.i.j.mail.example.com",
        "h.i.j.mail.example.com", "i.j.mail.example.com", "j.mail.example.com",
        "mail.example.com", "example.com", "com",
      ])
  }

  /// RFC 9989 §5.1.8: the zone cut at "b.c.d.e.f.g.example.com" is never queried.
  @Test func walkSkipsNamesBetweenTheDomainAndItsLastSevenLabels() {
    let walk = DMARCDiscovery.walkDomains(for: S.name("mail.a.b.c.d.e.f.g.example.com"))
    #expect(
      walk.map(\.text) == [
        "mail.a.b.c.d.e.f.g.example.com", "c.d.e.f.g.example.com", "d.e.f.g.example.com",
        "e.f.g.example.com", "f.g.example.com", "g.example.com", "example.com", "com",
      ])
    #expect(!walk.map(\.text).contains("b.c.d.e.f.g.example.com"))
  }

  @Test(arguments: [1, 2, 3, 7, 8, 9, 12, 40])
  func walkNeverExceedsEightQueries(labels: Int) {
    let name = DomainName(validatedLabels: (0..<labels).map { "l\($0)" })
    let walk = DMARCDiscovery.walkDomains(for: name)
    #expect(walk.count == min(labels, 8))
    #expect(walk.first == name && walk.last?.labels.count == 1)
  }

  /// The resolver sees at most eight `_dmarc` queries for a 40-label name.
  @Test func discoveryIssuesAtMostEightDMARCQueries() async throws {
    let resolver = S.Recording(try S.resolver("_dmarc 3600 IN TXT \"v=DMARC1; p=reject\""))
    let long = (0..<40).map { "x\($0)" }.joined(separator: ".") + ".example.com"
    _ = try await S.discover(long, resolver)
    let dmarcQueries = resolver.names.filter { $0.labels.contains("_dmarc") }
    #expect(dmarcQueries.count <= 8)
  }

  /// RFC 9989 Appendix B.4.1: records at example.com and signing.example.com, none at com.
  @Test func simpleOrganizationalAndPolicyExample() async throws {
    let resolver = try S.resolver(
      """
      _dmarc          IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"
      _dmarc.signing  IN TXT "v=DMARC1; p=none"
      """)
    let author = try await S.discover("example.com", resolver)
    #expect(author.source == .domain && author.policyDomain?.text == "example.com")
    #expect(author.organizationalDomain.text == "example.com")
    #expect(author.organizationalDomainRule == .fewestLabels)
    #expect(author.steps.map(\.domain.text) == ["example.com", "com"])
    #expect(author.appliedTag == .p && author.appliedPolicy == .reject)

    let signing = try await S.discover("signing.example.com", resolver)
    #expect(signing.organizationalDomain.text == "example.com")
    #expect(signing.source == .domain)
  }

  /// RFC 9989 Appendix B.4.2: no record below example.com; the walk jumps to 7 labels.
  @Test func deepTreeWalkExample() async throws {
    let resolver = try S.resolver(
      """
      _dmarc          IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"
      _dmarc.signing  IN TXT "v=DMARC1; p=none"
      a.b.c.d.e.f.g.h.i.j.k IN A 192.0.2.1
      """)
    let discovery = try await S.discover("a.b.c.d.e.f.g.h.i.j.k.example.com", resolver)
    #expect(
      discovery.steps.map(\.domain.text) == [
        "a.b.c.d.e.f.g.h.i.j.k.example.com", "g.h.i.j.k.example.com", "h.i.j.k.example.com",
        "i.j.k.example.com", "j.k.example.com", "k.example.com", "example.com", "com",
      ])
    #expect(discovery.organizationalDomain.text == "example.com")
    #expect(discovery.source == .organizationalDomain)
    #expect(discovery.policyDomain?.text == "example.com")
    #expect(discovery.policyRule == .existingSubdomain)
    #expect(discovery.appliedTag == .p && discovery.absentPreferredTags == [.sp])
    #expect(discovery.appliedPolicy == .reject)
  }

  /// RFC 9989 Appendix B.4.3: "_dmarc.bank.example" has psd=y.
  @Test func examplewithAPublicSuffixDomainRecord() async throws {
    let resolver = try S.resolver(
      """
      _dmarc.giant    IN TXT "v=DMARC1; p=reject"
      mail.giant      IN A   192.0.2.1
      mail.mega       IN A   192.0.2.2
      _dmarc          IN TXT "v=DMARC1; p=none; psd=y"
      """, origin: "bank.example")
    let author = try await S.discover("giant.bank.example", resolver)
    #expect(author.source == .domain)
    #expect(author.organizationalDomain.text == "giant.bank.example")
    #expect(author.organizationalDomainRule == .belowPublicSuffix)
    #expect(author.publicSuffixDomain?.text == "bank.example")
    #expect(author.steps.map(\.domain.text) == ["giant.bank.example", "bank.example"])

    let mailFrom = try await S.discover("mail.giant.bank.example", resolver)
    #expect(mailFrom.organizationalDomain.text == "giant.bank.example")
    #expect(mailFrom.source == .organizationalDomain)

    let dkim = try await S.discover("mail.mega.bank.example", resolver)
    #expect(dkim.organizationalDomain.text == "mega.bank.example")
    #expect(dkim.source == .publicSuffixDomain && dkim.policyDomain?.text == "bank.example")
  }

  /// RFC 9989 §4.10.2's three examples for "a.mail.example.com".
  @Test func organizationalDomainSelectionExamples() async throws {
    let both = try S.resolver(
      """
      a.mail          IN A   192.0.2.1
      _dmarc.mail     IN TXT "v=DMARC1; p=quarantine"
      _dmarc          IN TXT "v=DMARC1; p=reject"
      """)
    let first = try await S.discover("a.mail.example.com", both)
    #expect(first.organizationalDomain.text == "example.com")
    #expect(first.policyDomain?.text == "example.com")
    #expect(first.ignoredRecordDomains.map(\.text) == ["mail.example.com"])

    let psdNo = try S.resolver(
      """
      a.mail          IN A   192.0.2.1
      _dmarc.mail     IN TXT "v=DMARC1; p=quarantine; psd=n"
      _dmarc          IN TXT "v=DMARC1; p=reject"
      """)
    let second = try await S.discover("a.mail.example.com", psdNo)
    #expect(second.organizationalDomain.text == "mail.example.com")
    #expect(second.organizationalDomainRule == .psdNo)
    #expect(second.steps.count == 2)
    #expect(second.appliedPolicy == .quarantine)

    let onlyCom = try S.resolver(
      [
        ("example.com", "a.mail IN A 192.0.2.1"),
        ("com", "_dmarc IN TXT \"v=DMARC1; p=reject; sp=quarantine; psd=y\""),
      ])
    let third = try await S.discover("a.mail.example.com", onlyCom)
    #expect(third.organizationalDomain.text == "example.com")
    #expect(third.source == .publicSuffixDomain && third.appliedTag == .sp)
    #expect(third.appliedPolicy == .quarantine)
  }

  /// cisagov/ScubaGear#2237: `_dmarc.gov` has `p=reject; sp=none`, so an agency without its
  /// own record falls under `sp=none`, not `p=reject`.
  @Test(arguments: ["v=DMARC1; p=reject; sp=none; psd=y", "v=DMARC1; p=reject; sp=none"])
  func governmentDomainWithoutOwnRecordGetsTheSubdomainPolicy(_ record: String) async throws {
    let resolver = try S.resolver(
      """
      agency          IN MX  10 mail.agency.gov.
      _dmarc          IN TXT "\(record)"
      """, origin: "gov")
    let discovery = try await S.discover("agency.gov", resolver)
    #expect(discovery.appliedTag == .sp)
    #expect(discovery.appliedPolicy == DMARCPolicy.none)
    #expect(discovery.policyDomain?.text == "gov")
    if record.contains("psd=y") {
      #expect(discovery.source == .publicSuffixDomain)
      #expect(discovery.organizationalDomain.text == "agency.gov")
    } else {
      #expect(discovery.source == .organizationalDomain)
      #expect(discovery.organizationalDomain.text == "gov")
    }
  }

  @Test func governmentDomainWithOwnRecordUsesItsOwnPolicy() async throws {
    let resolver = try S.resolver(
      """
      _dmarc.agency   IN TXT "v=DMARC1; p=reject; rua=mailto:reports@agency.gov"
      _dmarc          IN TXT "v=DMARC1; p=reject; sp=none; psd=y"
      """, origin: "gov")
    let discovery = try await S.discover("agency.gov", resolver)
    #expect(discovery.source == .domain && discovery.appliedTag == .p)
    #expect(discovery.appliedPolicy == .reject)
    #expect(discovery.organizationalDomain.text == "agency.gov")
  }

  /// RFC 9989 §4.10.1: `np` for a domain that does not exist, `sp` for one that does, else `p`.
  @Test(arguments: [
    ("exists", "v=DMARC1; p=reject; sp=quarantine; np=none", DMARCRecord.Tag.sp, "quarantine"),
    ("ghost", "v=DMARC1; p=reject; sp=quarantine; np=none", .np, "none"),
    ("ghost", "v=DMARC1; p=reject; sp=quarantine", .sp, "quarantine"),
    ("ghost", "v=DMARC1; p=reject", .p, "reject"),
    ("exists", "v=DMARC1; p=quarantine; np=reject", .p, "quarantine"),
  ])
  func subdomainPolicyDependsOnExistence(
    _ label: String, _ record: String, _ tag: DMARCRecord.Tag, _ policy: String
  ) async throws {
    let resolver = try S.resolver(
      """
      exists          IN A   192.0.2.1
      _dmarc          IN TXT "\(record)"
      """)
    let discovery = try await S.discover("\(label).example.com", resolver)
    #expect(discovery.existence == (label == "ghost" ? .doesNotExist : .exists))
    #expect(
      discovery.policyRule == (label == "ghost" ? .nonexistentSubdomain : .existingSubdomain))
    #expect(discovery.appliedTag == tag)
    #expect(discovery.appliedPolicy?.rawValue == policy)
  }

  @Test func ownRecordAlwaysUsesP() async throws {
    let resolver = try S.resolver(
      "_dmarc IN TXT \"v=DMARC1; p=quarantine; sp=reject; np=reject\"")
    let discovery = try await S.discover("example.com", resolver)
    #expect(discovery.appliedTag == .p && discovery.appliedPolicy == .quarantine)
  }

  @Test func multipleRecordsAreDiscarded() async throws {
    let resolver = try S.resolver(
      """
      _dmarc          IN TXT "v=DMARC1; p=reject"
      _dmarc          IN TXT "v=DMARC1; p=none"
      """)
    let discovery = try await S.discover("example.com", resolver)
    #expect(discovery.steps.first?.outcome == .multipleRecords)
    #expect(discovery.source == DMARCDiscovery.Source.none && !discovery.applies)
    #expect(discovery.organizationalDomain.text == "example.com")
    #expect(discovery.organizationalDomainRule == .startingDomain)
  }

  @Test func missingPolicyIsReadAsNone() async throws {
    let resolver = try S.resolver("_dmarc IN TXT \"v=DMARC1; rua=mailto:d@example.com\"")
    let discovery = try await S.discover("example.com", resolver)
    #expect(discovery.appliedPolicy == DMARCPolicy.none && discovery.policyIsImplicit)
  }

  @Test func invalidPolicyFallsBackToNoneOnlyWithAValidRUA() async throws {
    let withRUA = try S.resolver("_dmarc IN TXT \"v=DMARC1; p=rejct; rua=mailto:d@example.com\"")
    let first = try await S.discover("example.com", withRUA)
    #expect(first.invalidPolicyTag && first.appliedPolicy == DMARCPolicy.none)

    let withoutRUA = try S.resolver("_dmarc IN TXT \"v=DMARC1; p=rejct\"")
    let second = try await S.discover("example.com", withoutRUA)
    #expect(second.invalidPolicyTag && second.appliedPolicy == nil && !second.applies)
  }

  @Test func testingModeLowersTheEffectivePolicy() async throws {
    let resolver = try S.resolver("_dmarc IN TXT \"v=DMARC1; p=reject; t=y\"")
    let discovery = try await S.discover("example.com", resolver)
    #expect(discovery.appliedPolicy == .reject && discovery.effectivePolicy == .quarantine)
  }

  @Test func failedLookupMarksTheWalkIncomplete() async throws {
    let zones = try S.resolver("_dmarc IN TXT \"v=DMARC1; p=reject\"")
    let failing = S.Failing(names: [S.name("_dmarc.news.example.com")], inner: zones)
    let context = await DMARCContext.fetch(
      domain: S.name("news.example.com"), resolver: failing, options: CheckOptions())
    #expect(context.discovery.incomplete)
    #expect(context.discovery.steps.first?.outcome == .failed)
    #expect(context.failures.map(\.name.text) == ["_dmarc.news.example.com"])
    // The parent's record may not be what applies: no verdict rather than a wrong one.
    #expect(context.discovery.source == .none && context.discovery.policyRecord == nil)
    #expect(context.discovery.appliedPolicy == nil)
    #expect(context.discovery.ignoredRecordDomains.isEmpty)
  }

  @Test func walkAnswersFromFixtureZone() async throws {
    let resolver = try S.fixture("tree-walk.zone")
    let discovery = try await S.discover("a.b.c.d.e.f.g.h.i.j.mail.example.com", resolver)
    #expect(discovery.steps.count == 6)
    #expect(discovery.steps[1].domain.text == "g.h.i.j.mail.example.com")
    #expect(discovery.ignoredRecordDomains.map(\.text) == ["h.i.j.mail.example.com"])
    #expect(discovery.organizationalDomain.text == "mail.example.com")
    #expect(discovery.organizationalDomainRule == .psdNo)
    #expect(discovery.appliedTag == .sp && discovery.appliedPolicy == .quarantine)
  }

  @Test func discoveryEncodesWithStableFieldNames() async throws {
    let resolver = try S.resolver("_dmarc IN TXT \"v=DMARC1; p=reject\"")
    let discovery = try await S.discover("news.example.com", resolver)
    let text = String(decoding: try JSONEncoder().encode(discovery), as: UTF8.self)
    for key in [
      "\"source\":\"organizationalDomain\"", "\"policyDomain\":\"example.com\"",
      "\"appliedTag\":\"p\"", "\"organizationalDomainRule\":\"fewestLabels\"", "\"steps\"",
    ] {
      #expect(text.contains(key), "missing \(key) in \(text)")
    }
  }
}
