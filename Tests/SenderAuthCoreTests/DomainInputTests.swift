import Testing

@testable import SenderAuthCore

/// Domain arguments: conversions that are made (and said), and input that is refused with a
/// reason.
@Suite struct DomainInputTests {
  @Test(arguments: [
    ("example.com", "example.com", false),
    ("Example.COM.", "example.com", false),
    ("  example.com\n", "example.com", false),
    ("postmaster@example.com", "example.com", true),
    ("mailto:someone@mail.example.com", "mail.example.com", true),
    ("https://www.example.com/path?q=1#x", "www.example.com", true),
    ("https://user:pass@www.example.com:8443/", "www.example.com", true),
    ("bücher.example", "xn--bcher-kva.example", true),
    ("BÜCHER.example", "xn--bcher-kva.example", true),
    ("mail@bücher.example", "xn--bcher-kva.example", true),
    ("_dmarc.example.com", "_dmarc.example.com", false),
  ])
  func accepts(input: String, domain: String, noted: Bool) throws {
    let parsed = try DomainInput.parse(input)
    #expect(parsed.domain.text == domain)
    #expect((parsed.note != nil) == noted)
    #expect(parsed.input == input)
  }

  @Test func internationalisedNamesShowBothForms() throws {
    let parsed = try DomainInput.parse("bücher.example")
    #expect(parsed.unicode == "bücher.example")
    let note = try #require(parsed.note)
    #expect(note.contains("xn--bcher-kva.example") && note.contains("bücher.example"))
  }

  @Test func emailNoteNamesTheDomainPart() throws {
    let parsed = try DomainInput.parse("alice@example.com")
    #expect(parsed.note == "took the domain part 'example.com' of the e-mail address")
  }

  @Test(arguments: [
    ("", "empty"),
    ("   ", "empty"),
    ("localhost", "at least two labels"),
    ("example..com", "empty label"),
    (".example.com", "starts with a dot"),
    (String(repeating: "a", count: 64) + ".com", "at most 63"),
    ((0..<26).map { _ in "abcdefghi" }.joined(separator: "."), "at most 253"),
    ("exa mple.com", "' ' is not allowed"),
    ("ex$ample.com", "'$' is not allowed"),
    ("-example.com", "starts or ends with '-'"),
    ("192.0.2.1", "IP address"),
    ("2001:db8::1", "IP address"),
    ("[2001:db8::1]", "IP address"),
    ("http://192.0.2.1/", "IP address"),
    ("http://[2001:db8::1]:8080/", "IP address"),
    ("https:///path", "no host name"),
    ("user@", "no domain part"),
    ("\u{1b}[2J.example.com", #"\x1b"#),
    ("ex\tample.com", #"\x09"#),
    (String(repeating: "ü", count: 60) + ".example", "internationalised"),
  ])
  func refuses(input: String, reason: String) {
    #expect {
      try DomainInput.parse(input)
    } throws: { error in
      guard let error = error as? DomainInputError else { return false }
      return error.description.contains(reason)
    }
  }

  @Test func errorsNeverCarryRawControlCharacters() {
    for input in ["\u{1b}]0;pwned\u{07}", "a\u{9b}b.com", "x\u{0}.com"] {
      do {
        _ = try DomainInput.parse(input)
        Issue.record("accepted \(input.debugDescription)")
      } catch {
        #expect(!error.description.unicodeScalars.contains { $0.isControlCharacter })
        #expect(!error.description.contains("\n"))
      }
    }
  }
}
