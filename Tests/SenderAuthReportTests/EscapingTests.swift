import Foundation
import SenderAuthCore
import SenderAuthReport
import Testing

/// A TXT record holding `ESC ] 0;pwned BEL ESC [2J` cannot reach a terminal, break out of
/// Markdown code, or corrupt JSON or XML.
@Suite struct EscapingTests {
  static let controls = Set((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }).subtracting(
    ["\n"])

  @Test(arguments: ReportFormat.allCases, Language.allCases)
  func noFormatWritesRawControlCharacters(_ format: ReportFormat, _ language: Language) {
    let output = format.render(ReportFixture.report, options: ReportFixture.options(language))
    #expect(!output.contains { Self.controls.contains($0) }, "\(format) writes a control character")
  }

  @Test func textShowsTheRecordEscaped() {
    let output = TextRenderer.render(ReportFixture.report, options: ReportFixture.options(.en))
    #expect(output.contains(#"\x1b]0;pwned\x07\x1b[2J"#))
  }

  @Test func colouredTextHasOnlyItsOwnEscapes() {
    let output = TextRenderer.render(
      ReportFixture.report, options: ReportFixture.options(.en, color: true))
    // Every ESC starts one of the painter's SGR sequences: ESC [ digits m.
    let pieces = output.split(separator: "\u{1b}", omittingEmptySubsequences: false).dropFirst()
    for piece in pieces {
      let sgr =
        piece.hasPrefix("[") && piece.dropFirst().prefix { $0.isNumber }.count >= 1
        && piece.dropFirst().drop { $0.isNumber }.hasPrefix("m")
      #expect(sgr, "unexpected escape sequence before '\(piece.prefix(12))'")
    }
    #expect(!output.contains("\u{07}"))
  }

  @Test func markdownShowsTheRecordEscaped() {
    let output = MarkdownRenderer.render(ReportFixture.report, options: ReportFixture.options(.de))
    #expect(output.contains(#"\x1b]0;pwned\x07\x1b[2J"#))
  }

  @Test func jsonKeepsTheRecordAsEscapes() throws {
    let output = JSONRenderer.render(ReportFixture.report, options: ReportFixture.options(.en))
    #expect(output.contains(#"\u001b]0;pwned\u0007\u001b[2J"#))
    let object = try JSONSerialization.jsonObject(with: Data(output.utf8))
    let domains = try #require((object as? [String: Any])?["domains"] as? [[String: Any]])
    let findings = try #require(domains.first?["findings"] as? [[String: Any]])
    let records = findings.compactMap { ($0["location"] as? [String: Any])?["record"] as? String }
    #expect(records.contains(ReportFixture.hostile))
  }

  @Test func markdownCodeCannotBeClosedByTheRecord() {
    let record = "```\n# pwned\n`` x"
    let block = MarkdownText.block([record])
    let lines = block.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[0] == "````" && lines[2] == "````")
    #expect(MarkdownText.code("a`b") == "``a`b``")
    #expect(MarkdownText.code("`x") == "`` `x ``")
    #expect(MarkdownText.inline("<script>*x*</script>") == #"\<script\>\*x\*\</script\>"#)
    #expect(MarkdownText.inline("1. item") == #"1\. item"#)
    #expect(MarkdownText.inline("# head") == ##"\# head"##)
  }

  @Test func xmlDropsWhatXML10Forbids() {
    #expect(XMLText.escape("a\u{0}b\u{1b}c\u{fffe}d") == "abcd")
    #expect(XMLText.escape("<a & \"b\" 'c'>") == "&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;")
    #expect(XMLText.escape("x\ny", attribute: true) == "x&#10;y")
  }
}
