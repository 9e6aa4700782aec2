import SenderAuthCore
import SenderAuthReport
import Testing

/// The report's own words exist in every language (the rules' texts are checked by
/// `RuleCatalogTests`).
@Suite struct ReportWordsTests {
  @Test(arguments: ReportWord.allCases)
  func wordHasEveryLanguage(_ word: ReportWord) {
    #expect(word.text.isComplete, "report word '\(word)' lacks a language")
  }

  @Test func severityAndVerdictWordsDifferByLanguage() {
    let en = ReportWords(.en)
    let de = ReportWords(.de)
    for severity in Severity.allCases {
      #expect(en.severity(severity) != de.severity(severity))
    }
    for verdict in [ReadinessState.ready, .notReady, .incomplete] {
      #expect(en.verdict(verdict) != de.verdict(verdict))
    }
  }

  @Test func countsNameEverySeverity() {
    let counts = SeverityCounts(
      findings: [
        Finding(id: "a.b", severity: .error, message: LocalizedText(en: "x", de: "x")),
        Finding(id: "a.c", severity: .note, message: LocalizedText(en: "x", de: "x")),
      ], suppressed: 1)
    #expect(ReportWords(.en).counts(counts) == "errors 1 · warnings 0 · notes 1 · suppressed 1")
    #expect(
      ReportWords(.de).counts(counts) == "Fehler 1 · Warnungen 0 · Hinweise 1 · unterdrückt 1")
  }
}
