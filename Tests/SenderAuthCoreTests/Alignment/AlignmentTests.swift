import DNSLookup
import SenderAuthCore
import Testing

/// Identifier alignment (RFC 9989 §3.2.10, §4.4, Appendix B.1).
@Suite struct AlignmentTests {
  func name(_ text: String) -> DomainName { (try? DomainName(text)) ?? .root }

  func envelope(_ domain: String, org: String?, spf: Bool = true) -> Alignment.EnvelopeDomain {
    Alignment.EnvelopeDomain(
      domain: name(domain), source: .returnPath, hasSPF: spf,
      organizationalDomain: org.map(name))
  }

  /// RFC 9989 Appendix B.1.1: strict, relaxed, and no SPF alignment.
  @Test func spfExamplesOfAppendixB() {
    let strict = Alignment.assess(
      fromDomain: name("example.com"), fromOrganizationalDomain: name("example.com"),
      envelopes: [envelope("example.com", org: "example.com")], dkimDomains: [],
      spfMode: .strict)
    #expect(strict.spfAligns && strict.candidates[0].strict)

    let relaxed = Alignment.assess(
      fromDomain: name("example.com"), fromOrganizationalDomain: name("example.com"),
      envelopes: [envelope("child.example.com", org: "example.com")], dkimDomains: [])
    #expect(relaxed.spfAligns && !relaxed.candidates[0].strict)
    #expect(!relaxed.aligns(.spf, in: .strict))

    let none = Alignment.assess(
      fromDomain: name("child.example.com"), fromOrganizationalDomain: name("example.com"),
      envelopes: [envelope("example.net", org: "example.net")], dkimDomains: [])
    #expect(!none.spfAligns && !none.anyAligns)
  }

  /// RFC 9989 Appendix B.1.2: DKIM relaxed alignment of `d=example.com` with a child.
  @Test func dkimExamplesOfAppendixB() {
    let relaxed = Alignment.assess(
      fromDomain: name("child.example.com"), fromOrganizationalDomain: name("example.com"),
      envelopes: [], dkimDomains: [(name("example.com"), name("example.com"))])
    #expect(relaxed.dkimAligns && !relaxed.aligns(.dkim, in: .strict))

    let strictMode = Alignment.assess(
      fromDomain: name("child.example.com"), fromOrganizationalDomain: name("example.com"),
      envelopes: [], dkimDomains: [(name("example.com"), name("example.com"))],
      dkimMode: .strict)
    #expect(!strictMode.dkimAligns)

    let other = Alignment.assess(
      fromDomain: name("child.example.com"), fromOrganizationalDomain: name("example.com"),
      envelopes: [], dkimDomains: [(name("example.net"), name("example.net"))])
    #expect(!other.dkimAligns)
  }

  @Test func envelopeWithoutSPFCannotAlign() {
    let result = Alignment.assess(
      fromDomain: name("example.com"), fromOrganizationalDomain: name("example.com"),
      envelopes: [envelope("bounce.example.com", org: "example.com", spf: false)],
      dkimDomains: [])
    #expect(result.candidates[0].relaxed && !result.spfAligns)
  }

  /// RFC 9989 Appendix B.4.3: below a psd=y record, sibling organizations do not align.
  @Test func organizationalDomainsFromThePSDWalkDecide() {
    let result = Alignment.assess(
      fromDomain: name("giant.bank.example"), fromOrganizationalDomain: name("giant.bank.example"),
      envelopes: [envelope("mail.giant.bank.example", org: "giant.bank.example")],
      dkimDomains: [(name("mail.mega.bank.example"), name("mega.bank.example"))])
    #expect(result.spfAligns && !result.dkimAligns)
  }

  @Test func unknownOrganizationalDomainFallsBackToTheSubtree() {
    let result = Alignment.assess(
      fromDomain: name("example.com"), fromOrganizationalDomain: name("example.com"),
      envelopes: [envelope("bounce.example.com", org: nil)], dkimDomains: [])
    #expect(result.spfAligns)
  }

  @Test(arguments: [
    (["v=spf1 -all"], true), (["v=SPF1 include:x.example ~all"], true),
    (["v=spf1 a", "v=spf1 mx"], false), (["v=spf10 a"], false), ([String](), false),
  ])
  func detectsExactlyOneSPFRecord(_ texts: [String], _ expected: Bool) throws {
    let owner = name("example.com")
    let records = texts.map {
      ResourceRecord(name: owner, type: .txt, ttl: 60, data: .txt([Array($0.utf8)]))
    }
    let answer = DNSAnswer(
      name: owner, type: .txt, status: records.isEmpty ? .nodata : .answer, records: records)
    #expect(Alignment.hasSPF(.answer(answer)) == expected)
  }
}
