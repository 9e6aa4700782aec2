import Foundation
import SenderAuthCore
import SenderAuthReport
import Testing

/// What the command line prints in German keeps to the glossary and is German: `--help` of
/// every command, the report's own words, usage and input errors, and a full report.
@Suite struct GermanCLITests {
  static func expectGlossary(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let lines = text.split(separator: "\n").map(String.init)
    let violations = Set(lines.flatMap(GermanGlossary.violations(in:))).map(\.description)
    #expect(
      violations.isEmpty, Comment(rawValue: violations.sorted().joined(separator: "\n")),
      sourceLocation: sourceLocation)
  }

  @Test func reportWordsKeepToTheGlossary() {
    Self.expectGlossary(ReportWord.allCases.map { $0.text.de }.joined(separator: "\n"))
  }

  @Test(arguments: CLIOutputTests.commands + ["--help"])
  func helpIsGerman(_ command: String) throws {
    let arguments =
      command == "--help" ? ["--help", "--lang", "de"] : [command, "--help", "--lang", "de"]
    let german = try Binary.run(arguments)
    let english = try Binary.run(command == "--help" ? ["--help"] : [command, "--help"])
    #expect(german.status == 0)
    Self.expectGlossary(german.stdout)
    // Every line that explains something is translated; only examples and names stay.
    let same = Set(german.stdout.split(separator: "\n")).intersection(
      english.stdout.split(separator: "\n")
    ).filter { line in
      // Lists of ids (every word ends a list item: "orange, seznam, free.") and example
      // command lines are the same in every language.
      let words = line.split(separator: " ")
      let idList = words.allSatisfy { $0.hasSuffix(",") || $0.hasSuffix(".") }
      return words.count > 4 && !idList && !line.hasPrefix("  senderauth")
        && !line.hasPrefix("  git ") && !line.hasPrefix("      ")
    }
    #expect(same.isEmpty, "untranslated: \(same.sorted())")
  }

  @Test(arguments: [
    ["check"],
    ["check", "--zon", "x"],
    ["check", "shop.example", "--format", "yaml"],
    ["check", "exa mple.com"],
    ["check", "shop.example", "--esp", "sendgird", "--offline", "--zone", "Fixtures/demo"],
    ["check", "shop.example", "--profile", "gmial", "--offline", "--zone", "Fixtures/demo"],
    ["check", "shop.example", "--offline"],
    ["check", "shop.example", "--deadline", "-1"],
    ["check", "shop.example", "--ip", "1.2.3"],
    ["check", "shop.example", "--rua", "ftp://x"],
    ["check", "-f", "/nonexistent/list.txt"],
    ["check", "shop.example", "--replay", "/nonexistent/replay.json"],
    ["diff", "shop.example"],
    ["lookup"],
    ["lookup", "192.0.2.1", "TXT"],
    ["explain", "spf.lookup-limt"],
    ["frobnicate"],
  ])
  func errorsAreGerman(_ arguments: [String]) throws {
    let german = try Binary.run(arguments + ["--lang", "de"])
    let english = try Binary.run(arguments + ["--lang", "en"])
    #expect(german.status == 2, "\(german.stderr)")
    #expect(german.stderr.hasPrefix("senderauth: "), "\(german.stderr)")
    #expect(german.stderr.split(separator: "\n").count == 1, "\(german.stderr)")
    #expect(german.stderr != english.stderr, "not translated: \(german.stderr)")
    Self.expectGlossary(german.stderr)
  }

  /// `spf --ip` gives its reason and the trace's details in German (the demo's two records: a
  /// permerror; an address in no mechanism: a void `a`, then `-all`), while the JSON keeps them
  /// in English, as before, and adds no German keys.
  @Test func anSPFEvaluationsReasonsAreGerman() throws {
    let zone = ["--offline", "--zone", "Fixtures/demo"]
    let twoRecords = try Binary.run(
      ["spf", "shop.example", "--ip", "192.0.2.10", "--lang", "de"] + zone)
    #expect(
      twoRecords.stdout.contains("Grund: 'shop.example' hat 2 SPF-Einträge (RFC 7208 §4.5)"),
      "\(twoRecords.stdout)")
    #expect(!twoRecords.stdout.contains("has 2 SPF records"), "\(twoRecords.stdout)")
    Self.expectGlossary(twoRecords.stdout)
    let json = try Binary.run(
      ["spf", "shop.example", "--ip", "192.0.2.10", "--lang", "de", "--format", "json"] + zone)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(object["reason"] as? String == "'shop.example' has 2 SPF records (RFC 7208 §4.5)")
    #expect(object["germanReason"] == nil)
    let trace = try #require(object["trace"] as? [[String: Any]])
    #expect(trace.allSatisfy { $0["germanDetail"] == nil })
    let neutral = try Binary.run(
      [
        "spf", "sendgrid.net", "--ip", "192.0.2.10", "--lang", "de", "--offline", "--zone",
        "Fixtures/demo/sendgrid.net.zone",
      ])
    #expect(neutral.stdout.contains("→ no-match"), "\(neutral.stdout)")
    #expect(!neutral.stdout.contains("(result "), "\(neutral.stdout)")
  }

  @Test(arguments: ["text", "markdown"])
  func demoReportKeepsToTheGlossary(_ format: String) throws {
    let run = try Binary.run([
      "check", "shop.example", "--offline", "--zone", "Fixtures/demo", "--lang", "de",
      "--format", format,
    ])
    #expect(!run.stdout.isEmpty)
    Self.expectGlossary(run.stdout)
  }
}
