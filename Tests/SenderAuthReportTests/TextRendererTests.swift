import SenderAuthCore
import SenderAuthReport
import Testing

/// The text format: verdict first, 100 columns, summary last.
@Suite struct TextRendererTests {
  @Test(arguments: Language.allCases)
  func fitsOneHundredColumnsExceptZoneLines(_ language: Language) {
    let output = TextRenderer.render(
      ReportFixture.report, options: ReportFixture.options(language))
    for line in output.split(separator: "\n")
    where !line.hasPrefix("      + ") && !line.hasPrefix("      - ") {
      #expect(line.count <= 100, "too wide: \(line)")
    }
  }

  @Test(arguments: Language.allCases)
  func pipedOutputIsNeverWrappedOrCut(_ language: Language) {
    let wide = TextRenderer.render(
      ReportFixture.report, options: ReportFixture.options(language, width: nil))
    let narrow = TextRenderer.render(
      ReportFixture.report, options: ReportFixture.options(language))
    #expect(!wide.split(separator: "\n").contains { $0.hasSuffix("…") })
    // Every finding message is on one line of its own when piped.
    for finding in ReportFixture.report.domains.flatMap(\.findings) {
      let message = TerminalText.escape(finding.message.text(language))
      #expect(wide.split(separator: "\n").contains { $0.hasSuffix(message) }, "\(message)")
    }
    #expect(wide.split(separator: "\n").count < narrow.split(separator: "\n").count)
  }

  @Test func verdictComesFirstAndSummaryLast() {
    let output = TextRenderer.render(ReportFixture.report, options: ReportFixture.options(.en))
    let lines = output.split(separator: "\n")
    #expect(lines.first == "example.com: not ready")
    #expect(lines.last == "Summary: 2 domains · errors 1 · warnings 2 · notes 1 · suppressed 1")
    #expect(lines.contains("example.org: ready"))
  }

  @Test func longRecordsAreCutWithTheSpanMarked() {
    let record = String(repeating: "a", count: 120) + " bad " + "b"
    let lines = TextRendererProbe.marked(record, offset: 121, length: 3)
    #expect(lines.count == 3)
    #expect(lines[1] == "| " + String(repeating: "a", count: 32) + " bad b")
    #expect(lines[2] == "  " + String(repeating: " ", count: 33) + "^~~")
    // Piped, the record stays whole on one line.
    let whole = TextRendererProbe.marked(record, offset: 121, length: 3, width: nil)
    #expect(whole.count == 2)
    #expect(whole[0] == "| " + record)
  }
}

/// Renders one finding with a record and span through the public API.
enum TextRendererProbe {
  static func marked(_ record: String, offset: Int, length: Int, width: Int? = 100) -> [String] {
    let finding = Finding(
      id: "x.y", severity: .note, message: LocalizedText(en: "m", de: "m"),
      location: Location(
        name: "a", type: "TXT", record: record, span: Location.Span(offset: offset, length: length)
      ))
    let output = TextRenderer.domain(
      DomainReport(domain: "a", findings: [finding]),
      options: ReportFixture.options(.en, width: width))
    return output.split(separator: "\n").filter {
      $0.hasPrefix("      | ") || $0.hasPrefix("        ")
    }
    .map { String($0.dropFirst(6)) }
  }
}
