import DNSLookup
import SenderAuthCore
import Testing

/// The tolerant parser: record selection, every mechanism and modifier, issues with offsets.
@Suite("SPF parser")
struct SPFParserTests {
  @Test(
    "record selection: v=spf1 then a space or the end, any case",
    arguments: [
      ("v=spf1 -all", true), ("v=spf1", true), ("V=SpF1 ~all", true), ("v=spf10 -all", false),
      ("v=spf1\t-all", false), ("spf2.0/pra -all", false), (" v=spf1 -all", false),
      ("v=spf", false),
    ])
  func selection(_ text: String, _ isSPF: Bool) {
    #expect(SPFParser.isSPF(text) == isSPF)
  }

  @Test("records that String holds equal but whose octets differ are parsed apart")
  func canonicallyEquivalentRecordsParseApart() {
    // Parsed results are kept for the run: the Kelvin sign must not get the ASCII K's result.
    let ascii = "v=spf1 include:K.example -all"
    let kelvin = "v=spf1 include:\u{212A}.example -all"
    let first = SPFParser.parse(ascii)
    let second = SPFParser.parse(kelvin)
    #expect(Array(first.record.text.utf8) == Array(ascii.utf8))
    #expect(Array(second.record.text.utf8) == Array(kelvin.utf8))
    #expect(first.issues.isEmpty)
    #expect(!second.issues.isEmpty)
  }

  @Test("TXT strings are joined without separators before selection")
  func joinedStrings() throws {
    let owner = try DomainName("example.com")
    let split = ResourceRecord(
      name: owner, type: .txt, ttl: 300,
      data: .txt([Array("v=spf1 ip4:".utf8), Array("192.0.2.5 -all".utf8)]))
    let other = ResourceRecord(
      name: owner, type: .txt, ttl: 300, data: .txt([Array("google-site-verification=x".utf8)]))
    let selected = SPFParser.select([other, split])
    #expect(selected.map(\.text) == ["v=spf1 ip4:192.0.2.5 -all"])
  }

  @Test("every mechanism with qualifiers and dual CIDR lengths")
  func mechanisms() throws {
    let text =
      "v=spf1 +all -include:_spf.example.com ~a ?a:mail.example.com/24//64 mx//64 "
      + "ptr:example.com ip4:192.0.2.0/24 ip6:2001:db8::/32 exists:%{i}.bl.example.com "
      + "redirect=_r.example.com exp=_exp.%{d} ra=postmaster rp=100 rr=all:e"
    let parsed = SPFParser.parse(text)
    #expect(parsed.issues.isEmpty, "\(parsed.issues.map(\.reason.en))")
    let terms = parsed.record.terms
    #expect(
      terms.map(\.name) == [
        "all", "include", "a", "a", "mx", "ptr", "ip4", "ip6", "exists", "redirect", "exp", "ra",
        "rp", "rr",
      ])
    #expect(terms[1].directive?.qualifier == .fail)
    #expect(terms[2].directive?.qualifier == .softfail)
    guard case .a(let domain, let cidr)? = terms[3].directive?.mechanism else {
      Issue.record("not an a term")
      return
    }
    #expect(domain?.text == "mail.example.com")
    #expect(cidr == SPFDualCIDR(ip4: 24, ip6: 64))
    #expect(terms[3].span == Location.Span(offset: 41, length: 26))
    #expect(parsed.record.redirect?.domainSpec?.text == "_r.example.com")
    #expect(terms.filter(\.countsAsLookup).count == 7)
  }

  @Test(
    "invalid terms: code and offset",
    arguments: [
      ("v=spf1 ip4:192.0.2.300 -all", "invalid-address", 11),
      ("v=spf1 ip4:1.2.3.4/032", "invalid-cidr", 18),
      ("v=spf1 a/33 -all", "invalid-cidr", 8),
      ("v=spf1 a//129", "invalid-cidr", 8),
      ("v=spf1 -all.", "unknown-mechanism", 7),
      ("v=spf1 all:foo", "unexpected-argument", 10),
      ("v=spf1 include:", "missing-argument", 15),
      ("v=spf1 exists", "missing-argument", 13),
      ("v=spf1 ptr/0", "unexpected-argument", 10),
      ("v=spf1 a:foo.example.com\u{0}", "invalid-character", 24),
      ("v=spf1 1up=foo", "unknown-mechanism", 7),
      ("v=spf1 =all", "unknown-mechanism", 7),
      ("v=spf1 -all foo=%abc", "invalid-macro", 16),
      ("v=spf1 redirect=a.example.com redirect=b.example.com", "duplicate-modifier", 30),
      ("v=spf1 a:ctrl.example.com\rptr -all", "invalid-character", 25),
      ("v=spf1 include:ip5.example.com/24", "invalid-domain", 15),
    ])
  func invalid(_ text: String, _ code: String, _ offset: Int) {
    let parsed = SPFParser.parse(text)
    #expect(parsed.issues.first?.code == code, "\(parsed.issues)")
    #expect(parsed.issues.first?.offset == offset)
  }

  @Test("the parser reports every issue and keeps the terms that parsed")
  func tolerant() {
    let parsed = SPFParser.parse("v=spf1 a:bad..  ip4:300.1.1.1 mx  foo bar=%{z} -all ")
    #expect(parsed.issues.map(\.term) == ["a:bad..", "ip4:300.1.1.1", "foo", "bar=%{z}"])
    #expect(parsed.record.terms.map(\.text) == ["mx", "-all"])
  }

  @Test(
    "hostile input never traps",
    arguments: [
      String(repeating: "%{", count: 500), "v=spf1 " + String(repeating: "a:%{d}.", count: 300),
      "v=spf1 \u{202e}all", "v=spf1 a:%{\u{130}}.example.com", "v=spf1 exists:%{\r\n}.x.com",
      "v=spf1 ip6:" + String(repeating: ":", count: 100),
      "v=spf1 a:" + String(repeating: "x", count: 5000) + ".com//0",
    ])
  func hostile(_ text: String) {
    _ = SPFParser.parse(text)
    _ = SPFMacroString.parse(text, use: .explanation)
  }
}
