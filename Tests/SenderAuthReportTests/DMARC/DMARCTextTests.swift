import DNSLookup
import SenderAuthCore
import SenderAuthReport
import Testing

@Suite struct DMARCTextTests {
  func context(_ zone: String, domain: String, origin: String) async throws -> DMARCContext {
    let file = try ZoneFile.parse("$ORIGIN \(origin).\n$TTL 3600\n" + zone, file: "test")
    return await DMARCContext.fetch(
      domain: try DomainName(domain), resolver: try ZoneResolver(zones: [file]),
      options: CheckOptions())
  }

  @Test func explainsThePublicSuffixCase() async throws {
    let context = try await context(
      """
      agency IN MX 10 mail.agency.gov.
      _dmarc IN TXT "v=DMARC1; p=reject; sp=none; psd=y; rua=mailto:reports@dmarc.example"
      """, domain: "agency.gov", origin: "gov")
    let lines = DMARCText.lines(context, language: .en)
    #expect(lines.contains { $0.contains("_dmarc.agency.gov") && $0.contains("no record") })
    #expect(lines.contains { $0.contains("Organizational domain: agency.gov (one label below") })
    #expect(lines.contains { $0.contains("Applicable record: _dmarc.gov (public suffix domain") })
    #expect(lines.contains { $0.contains("Policy: none from 'sp=none' (the domain exists") })
    #expect(lines.contains { $0.contains("NOT authorized, missing: gov._report._dmarc.dmarc") })
    for language in Language.allCases {
      for line in DMARCText.lines(context, language: language) {
        #expect(!line.contains("…"), "cut: \(line)")
      }
    }
  }

  @Test func saysWhenNothingApplies() async throws {
    let context = try await context(
      "@ IN MX 10 mail.example.com.", domain: "example.com", origin: "example.com")
    let english = DMARCText.lines(context, language: .en)
    #expect(english.contains { $0.contains("No DMARC record applies") })
    let german = DMARCText.lines(context, language: .de)
    #expect(german.contains { $0.contains("Kein DMARC-Eintrag gilt") })
  }

  @Test func escapesHostileRecordText() async throws {
    let context = try await context(
      "_dmarc IN TXT \"v=DMARC1; p=none; x=\\027[2J\"", domain: "example.com",
      origin: "example.com")
    let lines = DMARCText.lines(context, language: .en)
    #expect(!lines.joined().contains("\u{1b}"))
    #expect(lines.joined().contains("\\x1b"))
  }

  @Test func neverCutsLongRecords() async throws {
    let long = String(repeating: "a", count: 150)
    let context = try await context(
      "_dmarc IN TXT \"v=DMARC1; p=none; rua=mailto:\(long)@example.com\"", domain: "example.com",
      origin: "example.com")
    let lines = DMARCText.lines(context, language: .en)
    #expect(lines.contains { $0.contains("mailto:\(long)@example.com") })
    #expect(!lines.contains { $0.contains("…") })
  }

  @Test func alignmentLinesSayRelaxedAndStrict() throws {
    let name = { (text: String) in (try? DomainName(text)) ?? .root }
    let alignment = Alignment.assess(
      fromDomain: name("example.com"), fromOrganizationalDomain: name("example.com"),
      envelopes: [
        Alignment.EnvelopeDomain(
          domain: name("bounce.example.com"), source: .returnPath, hasSPF: true,
          organizationalDomain: name("example.com"))
      ], dkimDomains: [])
    let lines = DMARCText.alignmentLines(alignment, language: .en)
    #expect(lines.contains("  SPF: relaxed yes, strict no (aspf=r)"))
    #expect(lines.contains("  DKIM: relaxed no, strict no (adkim=r)"))
    #expect(lines.contains { $0.contains("DKIM: no key for the selectors tried") })
    let german = DMARCText.alignmentLines(alignment, language: .de)
    #expect(german.contains("  SPF: relaxed ja, strict nein (aspf=r)"))
  }
}
