import SenderAuthCore
import SenderAuthReport
import Testing

/// Workflow commands: severity names, file and line from zone files, GitHub's escaping.
@Suite struct GitHubRendererTests {
  @Test func commandsPerSeverityWithFileAndLine() {
    let lines = GitHubRenderer.render(ReportFixture.report, options: ReportFixture.options(.en))
      .split(separator: "\n").map(String.init)
    #expect(lines.count == 5)
    #expect(
      lines[0].hasPrefix(
        "::error file=zones/example.com.zone,line=7,title=spf.multiple-records (example.com)%3A "))
    #expect(lines[1].hasPrefix("::warning title=spf.unknown-term (example.com)%3A "))
    #expect(lines[3].hasPrefix("::notice title=dkim.testing (example.com)%3A "))
    #expect(lines[0].contains("%0A- example.com. 3600 IN TXT"))
    #expect(!lines[4].hasPrefix("::"))
  }

  @Test func escapesDataAndProperties() {
    #expect(GitHubRenderer.escapeData("100% a\r\nb") == "100%25 a%0D%0Ab")
    #expect(GitHubRenderer.escapeProperty("a:b,c%") == "a%3Ab%2Cc%25")
    let finding = Finding(
      id: "x.y", severity: .warning, message: LocalizedText(en: "50%\nnext::x", de: "d"),
      location: Location(name: "a", type: "TXT", file: "dir,1/f:2.zone", line: 3))
    let command = GitHubRenderer.command(
      for: finding, domain: "a", options: ReportFixture.options(.en))
    #expect(
      command == #"::warning file=dir%2C1/f%3A2.zone,line=3,title=x.y (a)::50%25\x0anext::x"#)
  }
}
