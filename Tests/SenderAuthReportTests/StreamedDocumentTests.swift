import SenderAuthCore
import Testing

@testable import SenderAuthReport

/// A batch writes the json, text and markdown documents a domain at a time. Each piece must
/// end a line (a progress line on the same terminal goes between pieces, never inside one), and
/// the pieces with the end must be the document as it was rendered whole: `JSONEncoder`'s
/// pretty JSON, the text domains joined by a line with the summary after them, the markdown
/// title and every domain's blocks joined by an empty line.
@Suite struct StreamedDocumentTests {
  static let formats: [ReportFormat] = [.json, .text, .markdown]

  /// The document as each format rendered it before it was written a domain at a time.
  static func whole(_ format: ReportFormat, _ report: Report, _ options: RenderOptions) -> String {
    switch format {
    case .json:
      return JSONText.pretty(JSONReport(report, language: options.language))
    case .text:
      let words = ReportWords(options.language)
      let paint = Painter(enabled: options.color)
      let summary = TextRenderer.summary(
        domains: report.domains.count, counts: report.counts, words: words, paint: paint)
      return
        (report.domains.map { TextRenderer.domain($0, options: options) }
        + [summary + "\n"]).joined(separator: "\n")
    default:
      let title = "# \(ReportWords(options.language)[.reportTitle])"
      return ([title] + report.domains.flatMap { MarkdownRenderer.domain($0, options: options) })
        .joined(separator: "\n\n") + "\n"
    }
  }

  @Test(arguments: formats, Language.allCases)
  func piecesEndLinesAndMakeTheWholeDocument(_ format: ReportFormat, _ language: Language)
    throws
  {
    var report = ReportFixture.report
    report.domains.append(try JSONLineTests.full("a\nb"))
    report.domains.append(ReportFixture.example)
    for color in [false, true] {
      let options = ReportFixture.options(language, color: color)
      var document = try #require(format.document(report, options: options))
      var text = ""
      for domain in report.domains {
        let piece = document.next(document.piece(domain))
        #expect(piece.hasSuffix("\n"), "\(format): \(piece.suffix(20).debugDescription)")
        text += piece
      }
      text += document.end()
      #expect(text == Self.whole(format, report, options), "\(format) \(language) \(color)")
      #expect(format.render(report, options: options) == text)
    }
  }

  @Test(arguments: formats)
  func anEmptyReportIsTheWholeDocument(_ format: ReportFormat) throws {
    var report = ReportFixture.report
    report.domains = []
    let options = ReportFixture.options(.en)
    let document = try #require(format.document(report, options: options))
    #expect(document.end() == Self.whole(format, report, options))
  }

  @Test func theOtherFormatsAreRenderedWhole() {
    for format in ReportFormat.allCases where !Self.formats.contains(format) {
      #expect(format.document(ReportFixture.report, options: ReportFixture.options(.en)) == nil)
    }
  }
}
