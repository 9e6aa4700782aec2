import Testing

@testable import DNSLookup

@Suite struct ZoneFileTests {
  static let sample = """
    $ORIGIN example.com.
    $TTL 1h
    @   IN SOA ns1 hostmaster ( 2024010101 ; serial
                3600 600 86400 300 )
        IN NS ns1.example.com.
    ns1 IN A 192.0.2.1
    @ 300 IN MX 10 mail
    @ IN 600 MX 20 mail2.example.net.
    @ TXT "v=spf1 include:_spf.example.net" " -all"
    esc TXT "quote\\"semi;backslash\\\\ tab\\009 utf8\\195\\169"
    bare TXT v=spf1 -all
    www CNAME @
    v6 AAAA 2001:db8::10
    caa CAA 0 issue "letsencrypt.org"
    raw TYPE65534 \\# 3 010203
    _sip._tls SRV 100 1 443 sip.example.net.
    sec DS 12345 8 2 ABCDEF
    """

  @Test func readsDirectivesOwnersTTLsAndClasses() throws {
    let zone = try ZoneFile.parse(Self.sample, file: "sample.zone")
    #expect(zone.origin == (try DomainName("example.com")))
    let soa = try #require(zone.records.first)
    #expect(soa.type == .soa)
    #expect(soa.ttl == 3600)
    #expect(soa.origin == RecordOrigin(file: "sample.zone", line: 3))
    let ns = zone.records[1]
    #expect(ns.name.text == "example.com" && ns.type == .ns)
    // One RRset, one TTL: the last one written, as Knot sets it, with a warning.
    let mx = zone.records.filter { $0.type == .mx }
    #expect(mx.map(\.ttl) == [600, 600])
    #expect(
      zone.warnings.contains {
        $0.kind == .ttlMismatch && $0.line == 8
          && $0.message.contains("TTL 600 differs from TTL 300")
      })
    #expect(mx.map(\.data.presentation) == ["10 mail.example.com.", "20 mail2.example.net."])
    #expect(zone.warnings.filter { $0.kind == .notRead }.count == 1)
    #expect(
      zone.warnings.first { $0.kind == .notRead }?.description.hasPrefix("sample.zone:17:") == true)
  }

  @Test func keepsTXTStringsAndDecodesEscapes() throws {
    let zone = try ZoneFile.parse(Self.sample, file: "sample.zone")
    let txt = zone.records.filter { $0.type == .txt }
    #expect(
      txt[0].data == .txt([Array("v=spf1 include:_spf.example.net".utf8), Array(" -all".utf8)]))
    #expect(txt[0].data.joinedText == "v=spf1 include:_spf.example.net -all")
    #expect(
      txt[1].data
        == .txt([Array("quote\"semi;backslash\\ tab\t utf8".utf8) + [195, 169]]))
    #expect(txt[1].data.presentation == #""quote\"semi;backslash\\ tab\009 utf8\195\169""#)
    #expect(txt[2].data == .txt([Array("v=spf1".utf8), Array("-all".utf8)]))
  }

  @Test func readsOtherTypes() throws {
    let zone = try ZoneFile.parse(Self.sample, file: "sample.zone")
    let byName = Dictionary(grouping: zone.records, by: { $0.name.text })
    #expect(byName["www.example.com"]?.first?.data == .cname(try DomainName("example.com")))
    #expect(byName["v6.example.com"]?.first?.data.presentation == "2001:db8::10")
    #expect(byName["caa.example.com"]?.first?.data.presentation == #"0 issue "letsencrypt.org""#)
    #expect(byName["raw.example.com"]?.first?.data == .unknown([1, 2, 3]))
    #expect(byName["raw.example.com"]?.first?.type.mnemonic == "TYPE65534")
    #expect(byName["_sip._tls.example.com"]?.first?.type == .srv)
  }

  @Test func takesOriginFromFileName() {
    #expect(ZoneFile.originFromFileName("zones/example.com.zone")?.text == "example.com")
    #expect(ZoneFile.originFromFileName("zones/demo.zone") == nil)
  }

  @Test func readsPresentationData() throws {
    #expect(
      try RData.parse(presentation: "10 mail.example.com.", type: .mx)
        == .mx(preference: 10, exchange: try DomainName("mail.example.com")))
    #expect(try RData.parse(presentation: #""a" "b""#, type: .txt) == .txt([[97], [98]]))
    #expect(
      try RData.parse(presentation: "\\# 2 abcd", type: RRType(rawValue: 999))
        == .unknown([0xab, 0xcd]))
  }

  @Test(arguments: ["3600", "1h", "1H", "60m", "1h0m0s", "3600s"])
  func readsTTLUnits(text: String) {
    #expect(ZoneFileField.ttl(text) == 3600)
  }

  @Test(arguments: [
    "4294967296", "4294967295w", String(repeating: "4294967295w", count: 7200), "1h1x", "h", "1hh",
  ])
  func rejectsTTLsThatAreNotTTLs(text: String) {
    #expect(ZoneFileField.ttl(text) == nil)
  }

  @Test func unreadableFileIsAnErrorNamingIt() {
    #expect {
      try ZoneFile.load(path: "/nonexistent/zone.zone")
    } throws: { error in
      (error as? ZoneFileError)?.description.hasPrefix("/nonexistent/zone.zone: cannot read")
        == true
    }
  }
}
