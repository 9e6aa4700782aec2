import DNSLookup
import DNSTestSupport
import Testing

@testable import SenderAuthCore

/// The parser's octet fast paths give what Character by Character gives: from a fixed seed,
/// texts of printable ASCII with and without `%`, spaces, CR LF, combining marks after `=`,
/// `.` or a letter, non-ASCII letters and digits, and control characters.
@Suite struct SPFParserFastPathTests {
  static let pieces = [
    "a", "Z", "0", "9", "-", ".", "=", "%", "%{d}", "%{ir}", "%%", "%_", "%-", "{", "}", " ",
    "include", "ip4", ":", "/", "//", "com", "example", "_spf", "~", "+", "?", "\r\n", "\r",
    "\n", "\t", "\u{301}", "=\u{301}", ".\u{301}", "é", "\u{212A}", "٣", "ß", "\u{7f}", "\u{0}",
  ]

  static func text(_ random: inout SeededRandom) -> String {
    (0..<random.number(0...12)).map { _ in random.pick(pieces) }.joined()
  }

  @Test func macroStringsParseAsCharacterByCharacter() {
    var random = SeededRandom(seed: 0x5BF_FA57)
    var octetPath = 0
    for _ in 0..<6000 {
      let text = Self.text(&random)
      for use in [SPFMacroString.Use.domainSpec, .explanation, .unknownModifier] {
        let fast = SPFMacroString.parse(text, use: use)
        #expect(fast == SPFMacroString.parseCharacters(text, use: use), "\(text.debugDescription)")
      }
      // The texts the octet path takes (printable ASCII without '%'), non-empty.
      if !text.isEmpty, text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f && $0 != 0x25 }) {
        octetPath += 1
      }
    }
    #expect(octetPath > 300)
  }

  @Test func topLabelsAndSearchesAsCharacterByCharacter() {
    var random = SeededRandom(seed: 0x70B_1ABE)
    var labels = 0
    let labelPieces = ["a", "Z", "0", "9", "-", "com", "é", "\u{301}", "٣", "."]
    for _ in 0..<6000 {
      // Every other text from what labels are made of, so that many are labels.
      let text =
        random.chance(50)
        ? (0..<random.number(0...6)).map { _ in random.pick(labelPieces) }.joined()
        : Self.text(&random)
      let label = Substring(text)
      #expect(
        SPFMacroString.isTopLabel(label) == SPFMacroString.isTopLabelCharacters(label),
        "\(text.debugDescription)")
      if SPFMacroString.isTopLabel(label) { labels += 1 }
      for octet in [UInt8(ascii: "="), UInt8(ascii: "."), UInt8(ascii: "/")] {
        let character = Character(Unicode.Scalar(octet))
        #expect(
          text.firstIndex(ofASCII: octet) == text.firstIndex(of: character),
          "\(text.debugDescription)")
        #expect(
          label.lastIndex(ofASCII: octet) == label.lastIndex(of: character),
          "\(text.debugDescription)")
      }
    }
    #expect(labels > 300)
  }

  /// A printable ASCII term parses as it parses Character by Character: terms of every kind
  /// with their arguments, CIDR lengths and errors.
  @Test func printableTermsParseAsCharacterByCharacter() {
    var random = SeededRandom(seed: 0x7E2_0A5C)
    let pieces = [
      "", "-", "~", "+", "?", "all", "include", "exists", "a", "mx", "ptr", "ip4", "ip6",
      "redirect", "exp", "foo", ":", "=", "/", "//", "24", "64", "0", "033", "_spf.example.com",
      "192.0.2.1", "2001:db8::1", "%{d}", "%{i}.x.com", "bad..", "example", ".com", "%",
    ]
    var compared = 0
    for _ in 0..<8000 {
      let term = (0..<random.number(1...5)).map { _ in random.pick(pieces) }.joined()
      guard !term.isEmpty, term.utf8.allSatisfy({ $0 >= 0x20 && $0 <= 0x7e }) else { continue }
      let offset = random.number(6...40)
      let fast = SPFParser.parseTerm(term, at: offset)
      let characters = SPFParser.parseTerm(term, at: offset, printable: false)
      #expect(fast.term == characters.term, "\(term)")
      #expect(fast.issues == characters.issues, "\(term)")
      compared += 1
    }
    #expect(compared > 7000)
  }

  /// The terms are split as the array of Characters split them: the same terms at the same
  /// offsets, and the same issues.
  @Test func recordsSplitAsAnArrayOfCharacters() {
    var random = SeededRandom(seed: 0x5EC_0DD5)
    for _ in 0..<3000 {
      let text = "v=spf1" + (random.chance(90) ? " " : "") + Self.text(&random)
      guard SPFParser.isSPF(text) else { continue }
      let characters = Array(text)
      var terms: [SPFTerm] = []
      var issues: [SPFIssue] = []
      var index = 6
      while index < characters.count {
        if characters[index] == " " {
          index += 1
          continue
        }
        let start = index
        while index < characters.count, characters[index] != " " { index += 1 }
        let parsed = SPFParser.parseTerm(String(characters[start..<index]), at: start)
        issues += parsed.issues
        if let term = parsed.term { terms.append(term) }
      }
      let parsed = SPFParser.parse(text)
      #expect(parsed.record.terms == terms, "\(text.debugDescription)")
      #expect(Array(parsed.issues.prefix(issues.count)) == issues, "\(text.debugDescription)")
      // After the terms' issues only the record's own: a modifier given twice.
      #expect(
        parsed.issues.dropFirst(issues.count).allSatisfy { $0.code == "duplicate-modifier" },
        "\(text.debugDescription)")
    }
  }
}
