import DNSLookup
import SenderAuthCore
import Testing

/// Macro expansion (RFC 7208 §7), checked against the examples of §7.4.
@Suite("SPF macros")
struct SPFMacroTests {
  static func context(_ ip: String) -> SPFMacroContext {
    SPFMacroContext(
      sender: "strong-bad@email.example.com", localPart: "strong-bad",
      senderDomain: "email.example.com", domain: "email.example.com",
      ip: IPAddress(ip) ?? .v4([0, 0, 0, 0]), helo: "mx.example.org",
      receiver: "receiver.example", timestamp: 1_700_000_000)
  }

  static let rfcExamples: [(String, String)] = [
    ("%{s}", "strong-bad@email.example.com"),
    ("%{o}", "email.example.com"),
    ("%{d}", "email.example.com"),
    ("%{d4}", "email.example.com"),
    ("%{d3}", "email.example.com"),
    ("%{d2}", "example.com"),
    ("%{d1}", "com"),
    ("%{dr}", "com.example.email"),
    ("%{d2r}", "example.email"),
    ("%{l}", "strong-bad"),
    ("%{l-}", "strong.bad"),
    ("%{lr}", "strong-bad"),
    ("%{lr-}", "bad.strong"),
    ("%{l1r-}", "strong"),
    ("%{ir}.%{v}._spf.%{d2}", "3.2.0.192.in-addr._spf.example.com"),
    ("%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com"),
    ("%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", "bad.strong.lp.3.2.0.192.in-addr._spf.example.com"),
    ("%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", "3.2.0.192.in-addr.strong.lp._spf.example.com"),
    ("%{d2}.trusted-domains.example.net", "example.com.trusted-domains.example.net"),
  ]

  @Test("RFC 7208 §7.4 examples (IPv4 192.0.2.3)", arguments: rfcExamples)
  func rfcExample(_ macro: String, _ expected: String) throws {
    let parsed = try SPFMacroString.parse(macro, use: .domainSpec).get()
    #expect(parsed.expand(Self.context("192.0.2.3")) == expected)
  }

  @Test("RFC 7208 §7.4: %{i} of IPv6 is 32 dot-separated nibbles")
  func ipv6Nibbles() throws {
    let parsed = try SPFMacroString.parse("%{ir}.%{v}._spf.%{d2}", use: .domainSpec).get()
    #expect(
      parsed.expand(Self.context("2001:db8::cb01"))
        == "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com")
  }

  @Test("escapes, URL-escaping of upper-case macros, c/r/t only in explanations")
  func escapes() throws {
    let literal = try SPFMacroString.parse("a%%b%_c%-d", use: .domainSpec).get()
    #expect(literal.expand(Self.context("192.0.2.3")) == "a%b c%20d")
    var context = Self.context("192.0.2.3")
    context.localPart = "~jack&jill=up-a_b3.c"
    let upper = try SPFMacroString.parse("%{L}", use: .domainSpec).get()
    #expect(upper.expand(context) == "~jack%26jill%3Dup-a_b3.c")
    let explanation = try SPFMacroString.parse("%{c} at %{r} %{t}", use: .explanation).get()
    #expect(explanation.expand(context) == "192.0.2.3 at receiver.example 1700000000")
    #expect(throws: SPFMacroError.self) {
      try SPFMacroString.parse("%{r}.example.com", use: .domainSpec).get()
    }
  }

  @Test(
    "invalid macro-strings are errors with their position",
    arguments: [
      ("%(ir).sbl.example.com", 0), ("foo%.sbl.example.com", 3), ("%{a}.example.com", 0),
      ("%{d0}.example.com", 0), ("x%{d2", 1), ("a b", 1), ("%{i;}", 0), ("tail%", 4),
    ])
  func invalid(_ text: String, _ offset: Int) {
    guard case .failure(let error) = SPFMacroString.parse(text, use: .domainSpec) else {
      Issue.record("'\(text)' parsed")
      return
    }
    #expect(error.offset == offset)
  }

  @Test(
    "domain-spec ends in a top label or a macro",
    arguments: [
      ("example.com", true), ("foo.example.xn--zckzah", true), ("museum.", false),
      ("museum", false), ("abc.123", false), ("example.-com", false), ("%{d}", true),
      ("_spf.%{d2}", true), ("example.com.", true), ("foo:bar/baz.example.com", true),
      ("example.com:8080", false), ("", false), ("%{d}.%%", true),
    ])
  func domainSpec(_ text: String, _ valid: Bool) {
    let result = SPFMacroString.parseDomainSpec(text)
    let parsed = (try? result.get()) != nil
    #expect(parsed == valid, "\(text)")
  }

  @Test("expanded names over 253 characters lose labels on the left")
  func truncation() throws {
    var context = Self.context("192.0.2.3")
    context.senderDomain = String(repeating: "abcdefghij.", count: 10) + "example.com"
    let spec = try SPFMacroString.parseDomainSpec("%{o}.%{o}.%{o}.example.net").get()
    let name = try #require(spec.expandDomain(context))
    #expect(name.text.count <= 253)
    #expect(name.text.hasSuffix(".example.com.example.net"))
  }
}
