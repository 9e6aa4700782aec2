import Foundation
import Testing

@testable import DNSLookup

/// Names are octets: `\DDD` and `\X` decode into the label, and printing gives the form dig
/// and libresolv print, so a name read from a zone file equals the same name from the wire.
@Suite struct DomainNamePresentationTests {
  @Test(arguments: [
    (#"foo\058bar.example"#, "foo:bar.example"),
    ("foo:bar.example", "foo:bar.example"),
    (#"a\.b.example"#, #"a\.b.example"#),
    (#"a\046b.example"#, #"a\.b.example"#),
    (#"\000.example"#, #"\000.example"#),
    (#"x\ y.example"#, #"x\032y.example"#),
    (#"\065BC.Example."#, "abc.example"),
    (#"back\\slash.example"#, #"back\\slash.example"#),
    (#"\"q\(\)\;\@\$.example"#, #"\"q\(\)\;\@\$.example"#),
    (#"\127\255.example"#, #"\127\255.example"#),
    ("münchen.example", #"m\195\188nchen.example"#),
  ])
  func printsTheCanonicalForm(written: String, printed: String) throws {
    let name = try DomainName(written)
    #expect(name.text == printed)
    #expect(try DomainName(printed) == name)
  }

  @Test func octetsAndWireFormat() throws {
    let name = try DomainName(#"foo\058bar.a\.b"#)
    #expect(name.labelOctets == [Array("foo:bar".utf8), Array("a.b".utf8)])
    #expect(name.wireFormat == [7] + Array("foo:bar".utf8) + [3] + Array("a.b".utf8) + [0])
    #expect(try DomainName(labelOctets: name.labelOctets) == name)
    #expect(try DomainName(labelOctets: [[0x41, 0x2E]]).text == #"a\."#)
  }

  @Test func limitsCountOctets() throws {
    let sixtyThree = String(repeating: #"\065"#, count: 63)
    #expect(try DomainName(sixtyThree + ".example").labelOctets[0].count == 63)
    #expect(throws: DomainNameError.self) { try DomainName(sixtyThree + "a.example") }
    let label = String(repeating: "a", count: 63)
    let longest = [label, label, label, String(repeating: "b", count: 61)].joined(separator: ".")
    #expect(try DomainName(longest).wireFormat.count == 255)
    #expect(throws: DomainNameError.self) { try DomainName(longest + "b") }
  }

  @Test(arguments: [#"a\25"#, #"a\256.example"#, "a\\", #"a\1b"#, "a..b", ".a"])
  func rejectsBadNames(text: String) {
    #expect(throws: DomainNameError.self) { try DomainName(text) }
  }

  @Test func codableKeepsTheOctets() throws {
    let name = try DomainName(#"foo\058bar.a\.b.\000"#)
    let data = try JSONEncoder().encode([name])
    #expect(try JSONDecoder().decode([DomainName].self, from: data) == [name])
  }
}
