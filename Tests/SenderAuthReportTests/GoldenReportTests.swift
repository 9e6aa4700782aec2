import SenderAuthCore
import SenderAuthReport
import Testing

/// Every format in both languages over the fixture report, compared with golden files.
@Suite struct GoldenReportTests {
  struct Case: Sendable, CustomStringConvertible {
    var format: ReportFormat
    var language: Language
    var color = false

    var file: String {
      let extensions: [ReportFormat: String] = [
        .text: "txt", .json: "json", .jsonl: "jsonl", .markdown: "md", .github: "txt",
        .junit: "xml", .sarif: "sarif", .codequality: "json",
      ]
      return "\(format.rawValue)\(color ? "-color" : "").\(language.rawValue)."
        + (extensions[format] ?? "txt")
    }

    var description: String { file }

    static var all: [Case] {
      ReportFormat.allCases.flatMap { format in
        Language.allCases.map { Case(format: format, language: $0) }
      } + [Case(format: .text, language: .en, color: true)]
    }
  }

  @Test(arguments: Case.all)
  func formatMatchesGolden(_ test: Case) throws {
    let output = test.format.render(
      ReportFixture.report, options: ReportFixture.options(test.language, color: test.color))
    try Golden.check(output, name: test.file)
  }

  @Test(arguments: Language.allCases)
  func catalogMatchesGolden(_ language: Language) throws {
    let rules = ReportFixture.rules
    try Golden.check(
      RuleCatalogRenderer.markdown(rules, language: language), name: "rules.\(language).md")
    try Golden.check(
      RuleCatalogRenderer.text(rules, language: language), name: "rules.\(language).txt")
    try Golden.check(
      RuleCatalogRenderer.explain(rules[0], language: language), name: "explain.\(language).txt")
  }
}
