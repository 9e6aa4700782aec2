import DNSLookup
import Testing

@testable import SenderAuthCore

/// RFC 8461 §3.1 records, §3.2 policies and §4.1 MX matching.
@Suite struct MTASTSParsingTests {
  /// A TXT record with `text` at `owner`.
  static func txt(_ owner: String, _ text: String) throws -> ResourceRecord {
    ResourceRecord(
      name: try DomainName(owner), type: .txt, ttl: 300, data: .txt([Array(text.utf8)]))
  }

  static func record(_ text: String) throws -> MTASTSRecord {
    MTASTSRecord(record: try txt("_mta-sts.example.com", text), text: text)
  }

  @Test(arguments: [
    "v=STSv1; id=20160831085700Z;", "v=STSv1; id=1", "v=STSv1;id=abc; x_ext-1.2=value",
    "v=STSv1; id=" + String(repeating: "a", count: 32),
  ])
  func readsValidRecords(text: String) throws {
    let record = try Self.record(text)
    #expect(record.isValid, "\(record.issues.map(\.reason.en))")
  }

  @Test(arguments: [
    ("v=STSv1 id=1", "must begin with exactly 'v=STSv1;'"),
    ("v=STSv1; id=2026-01-01", "1 to 32 letters and digits"),
    ("v=STSv1; id=" + String(repeating: "a", count: 33), "1 to 32 letters and digits"),
    ("v=STSv1;", "the 'id=' field is missing"),
    ("v=STSv1; id=1; id=2", "appears more than once"),
    ("v=STSv1;; id=1", "empty field"),
    ("v=STSv1; id=1; bad value=x", "not a valid field name"),
    ("V=STSv1; id=1", "must begin with exactly 'v=STSv1;'"),
  ])
  func reportsWhatIsWrongWithARecord(text: String, reason: String) throws {
    let record = try Self.record(text)
    #expect(!record.isValid)
    #expect(record.issues.contains { $0.reason.en.contains(reason) }, "\(record.issues)")
  }

  @Test func readsAPolicyWithCRLFOrLF() {
    for separator in ["\r\n", "\n"] {
      let text = [
        "version: STSv1", "mode: enforce", "mx: mail.example.com", "mx: *.example.net",
        "max_age: 604800", "",
      ].joined(separator: separator)
      let policy = MTASTSPolicy(text: text)
      #expect(policy.issues.isEmpty, "\(policy.issues.map(\.reason.en))")
      #expect(policy.mode == .enforce)
      #expect(policy.maxAge == 604_800)
      #expect(policy.mx == ["mail.example.com", "*.example.net"])
    }
  }

  @Test(arguments: [
    ("version: STSv1\nmode: enforce\nmax_age: 86400\n", "no 'mx' field"),
    ("version: STSv2\nmode: none\nmax_age: 86400\n", "must be 'version: STSv1'"),
    ("version: STSv1\nmode: enforced\nmx: a.example\nmax_age: 86400\n", "'enforce', 'testing'"),
    ("version: STSv1\nmode: none\nmax_age: 31557601\n", "above the maximum"),
    ("version: STSv1\nmode: none\nmax_age: -1\n", "not a number of seconds"),
    ("version: STSv1\nmode: none\n", "'max_age' field is missing"),
    ("Version: STSv1\nmode: none\nmax_age: 1\n", "'Version' is not 'version'"),
    ("version: STSv1\nmode: none\nmode: enforce\nmax_age: 1\n", "repeats 'mode'"),
    ("version: STSv1\nmode: testing\nmx: *.*.example.com\nmax_age: 1\n", "is not a host name"),
    ("<html>\n<body>\n", "is not a 'key: value' field"),
  ])
  func reportsWhatIsWrongWithAPolicy(text: String, reason: String) {
    let policy = MTASTSPolicy(text: text)
    #expect(policy.issues.contains { $0.reason.en.contains(reason) }, "\(policy.issues)")
  }

  /// RFC 8461 §4.1: "*.example.com" matches "mail.example.com" but not "example.com" or
  /// "foo.bar.example.com"; matching ignores case and a trailing dot.
  @Test(arguments: [
    ("mail.example.com", "*.example.com", true), ("example.com", "*.example.com", false),
    ("foo.bar.example.com", "*.example.com", false), ("MX1.Example.COM", "mx1.example.com.", true),
    ("mx1.example.com", "mx2.example.com", false), ("mx1.example.com", "*.EXAMPLE.com", true),
  ])
  func matchesMXPatterns(host: String, pattern: String, matches: Bool) throws {
    #expect(MTASTSPolicy.matches(try DomainName(host), pattern: pattern) == matches)
  }

  @Test func tlsrptRecordsNeedMailtoOrHTTPSReportAddresses() throws {
    func record(_ text: String) throws -> TLSRPTRecord {
      TLSRPTRecord(record: try Self.txt("_smtp._tls.example.com", text), text: text)
    }
    #expect(try record("v=TLSRPTv1; rua=mailto:tls@example.com").isValid)
    #expect(
      try record("v=TLSRPTv1;rua=mailto:a@example.com, https://r.example.net/tls").reportURIs.count
        == 2)
    #expect(try !record("v=TLSRPTv1; rua=tls@example.com").isValid)
    #expect(try !record("v=TLSRPTv1; rua=http://r.example.net/").isValid)
    #expect(try !record("v=TLSRPTv1").isValid)
    #expect(try !record("v=TLSRPTv1 rua=mailto:a@example.com").isValid)
  }

  @Test func bimiRecordsNameHTTPSURLs() throws {
    func record(_ text: String) throws -> BIMIRecord {
      BIMIRecord(record: try Self.txt("default._bimi.example.com", text), text: text)
    }
    let good = try record("v=BIMI1; l=https://example.com/logo.svg; a=https://example.com/vmc.pem;")
    #expect(good.issues.isEmpty)
    #expect(good.logo?.description == "https://example.com/logo.svg")
    #expect(good.evidence?.host.text == "example.com")
    #expect(try record("v=BIMI1; l=; a=;").isDeclination)
    #expect(try !record("v=BIMI1; l=http://example.com/logo.svg").issues.isEmpty)
    #expect(try !record("l=https://example.com/logo.svg; v=BIMI1").issues.isEmpty)
  }

  @Test(arguments: [
    ("https://mta-sts.example.com/.well-known/mta-sts.txt", "mta-sts.example.com", 443),
    ("HTTPS://Example.com:8443/a?b=c#frag", "example.com", 8443),
  ])
  func readsHTTPSURLs(text: String, host: String, port: Int) throws {
    let url = try #require(HTTPSURL(text))
    #expect(url.host.text == host)
    #expect(Int(url.port) == port)
    #expect(!url.path.contains("#"))
  }

  @Test(arguments: [
    "http://example.com/", "https://user@example.com/", "https://192.0.2.1/",
    "https://[2001:db8::1]/", "https://exa mple.com/", "https://example.com:0/", "ftp://x.y/",
    "https:///path",
  ])
  func refusesOtherURLs(text: String) {
    #expect(HTTPSURL(text) == nil)
  }
}
