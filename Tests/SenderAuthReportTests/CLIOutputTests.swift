import Foundation
import SenderAuthCore
import SenderAuthReport
import SenderAuthRules
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The built `senderauth` binary: every format on a fixture zone, the generated man page and
/// rule catalog kept current, completion scripts, `--help` with examples for every command.
@Suite struct CLIOutputTests {
  static let zone = ["--offline", "--zone", "Fixtures/report"]
  /// The commands `senderauth --help` lists: the test follows the command list.
  static let commands: [String] = {
    let help = (try? Binary.run(["--help"]).stdout) ?? ""
    let section = help.components(separatedBy: "COMMANDS:\n").dropFirst().first ?? ""
    return section.split(separator: "\n").prefix { $0.hasPrefix("  ") }
      .compactMap { $0.split(separator: " ").first.map(String.init) }
  }()

  @Test func commandListIncludesTheDiscoveryCommands() {
    for command in ["check", "rules", "explain", "completions", "manpage"] {
      #expect(Self.commands.contains(command), "\(command) missing from --help")
    }
  }

  @Test(arguments: ReportFormat.allCases)
  func checkWritesEveryFormat(_ format: ReportFormat) throws {
    let result = try Binary.run(
      ["check", "shop.example", "hostile.example", "--format", format.rawValue] + Self.zone)
    #expect(result.status == 1, "stderr: \(result.stderr)")
    #expect(!result.stdout.isEmpty)
    #expect(!result.stdout.contains("\u{1b}"), "raw escape in \(format)")
    #expect(!result.stdout.contains("\u{07}"), "raw bell in \(format)")
    switch format {
    case .json, .sarif:
      #expect((try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) != nil)
    case .jsonl:
      let lines = result.stdout.split(separator: "\n")
      #expect(lines.count == 2)
      for line in lines {
        #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil)
      }
    case .junit:
      #expect(XMLParser(data: Data(result.stdout.utf8)).parse(), "junit output is not XML")
    default: break
    }
  }

  @Test func languageComesFromTheEnvironmentUnlessGiven() throws {
    let german = try Binary.run(
      ["check", "shop.example"] + Self.zone, environment: ["LC_ALL": "de_DE.UTF-8"])
    #expect(german.stdout.contains("Zusammenfassung:"))
    let english = try Binary.run(
      ["check", "shop.example", "--lang", "en"] + Self.zone, environment: ["LC_ALL": "de_DE.UTF-8"])
    #expect(english.stdout.contains("Summary:"))
  }

  @Test func colourOnlyWhenAskedOrOnATerminal() throws {
    let piped = try Binary.run(
      ["check", "shop.example"] + Self.zone, environment: ["NO_COLOR": ""])
    #expect(!piped.stdout.contains("\u{1b}["))
    let always = try Binary.run(["check", "shop.example", "--color", "always"] + Self.zone)
    #expect(always.stdout.contains("\u{1b}[31m"))
  }

  @Test func failOnDecidesTheExitStatus() throws {
    // hostile.example has warnings but no error at the default --fail-on error… unless it
    // has errors; either way --fail-on note is at least as strict.
    let strict = try Binary.run(["check", "hostile.example", "--fail-on", "note"] + Self.zone)
    #expect(strict.status == 1)
    let badUsage = try Binary.run(["check", "shop.example", "--format", "yaml"] + Self.zone)
    #expect(badUsage.status == 2)
  }

  @Test func manPageIsCurrent() throws {
    let result = try Binary.run(["manpage"])
    #expect(result.status == 0)
    try Golden.check(
      result.stdout, at: Golden.repository.appendingPathComponent("docs/senderauth.1"))
    for command in Self.commands {
      #expect(result.stdout.contains(".SS \"senderauth \(command)"), "\(command) missing")
    }
  }

  @Test func manPageRendersWithoutWarnings() throws {
    guard let groff = Binary.which("groff") else {
      Issue.record("groff is needed to check the man page: apt-get install -y groff")
      return
    }
    let page = try Binary.run(["manpage"]).stdout
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "senderauth-\(UUID().uuidString).1")
    try Data(page.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: groff)
    process.arguments = ["-man", "-Tutf8", "-ww", "-z", file.path]
    let err = Pipe()
    process.standardError = err
    try process.run()
    let warnings = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(warnings.isEmpty, "groff: \(warnings)")
  }

  @Test(arguments: Language.allCases)
  func ruleCatalogPageIsCurrent(_ language: Language) throws {
    let name = language == .en ? "docs/rules.md" : "docs/rules.\(language).md"
    let result = try Binary.run(["rules", "--format", "markdown", "--lang", language.rawValue])
    #expect(result.status == 0)
    #expect(
      result.stdout
        == RuleCatalogRenderer.markdown(RuleCatalog.all.map(\.description), language: language))
    try Golden.check(result.stdout, at: Golden.repository.appendingPathComponent(name))
  }

  @Test func bashCompletionIsValidAndComplete() throws {
    let script = try Binary.run(["completions", "bash"]).stdout
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "senderauth-\(UUID().uuidString).bash")
    try Data(script.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    // Complete `senderauth check --format ` and `senderauth explain spf.` in a real bash.
    process.arguments = [
      "-c",
      """
      source \(file.path)
      COMP_WORDS=(senderauth check --format ''); COMP_CWORD=3; _senderauth
      echo "${COMPREPLY[*]}"
      COMP_WORDS=(senderauth ch); COMP_CWORD=1; _senderauth
      echo "${COMPREPLY[*]}"
      COMP_WORDS=(senderauth completions ''); COMP_CWORD=2; _senderauth
      echo "${COMPREPLY[*]}"
      """,
    ]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let lines = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      .split(separator: "\n").map(String.init)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(
      lines == [
        ReportFormat.allCases.map(\.rawValue).joined(separator: " "), "check", "bash zsh fish",
      ])
    for command in Self.commands { #expect(script.contains("    \(command))")) }
  }

  @Test func zshAndFishCompletionsNameEveryCommandAndChoice() throws {
    let zsh = try Binary.run(["completions", "zsh"]).stdout
    #expect(zsh.hasPrefix("#compdef senderauth\n"))
    #expect(zsh.contains("'(--format)--format=[Output format"))
    let formats = ReportFormat.allCases.map(\.rawValue).joined(separator: " ")
    #expect(zsh.contains(":FORMAT:(\(formats))'"))
    let fish = try Binary.run(["completions", "fish"]).stdout
    #expect(fish.contains("-l format -x -a '\(formats)'"))
    for command in Self.commands {
      #expect(zsh.contains("    \(command))"), "zsh lacks \(command)")
      #expect(fish.contains("-a '\(command)'"), "fish lacks \(command)")
    }
    for shell in ["zsh", "fish"] {
      guard let path = Binary.which(shell) else { continue }
      let process = Process()
      process.executableURL = URL(fileURLWithPath: path)
      process.arguments = ["-n", "-c", shell == "zsh" ? zsh : fish]
      try process.run()
      process.waitUntilExit()
      #expect(process.terminationStatus == 0, "\(shell) -n rejects the script")
    }
  }

  @Test func fishCompletesFormatsCommandsAndRuleIds() throws {
    guard let fish = Binary.which("fish") else { return }
    let script = try Binary.run(["completions", "fish"]).stdout
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "senderauth-\(UUID().uuidString).fish")
    try Data(script.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: fish)
    process.arguments = [
      "--no-config", "-c",
      "source \(file.path); complete -C 'senderauth check --format '; "
        + "complete -C 'senderauth expl'; complete -C 'senderauth explain spf.multiple-rec'",
    ]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let words = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      .split(separator: "\n").map { String($0.split(separator: "\t").first ?? "") }
    process.waitUntilExit()
    #expect(Set(ReportFormat.allCases.map(\.rawValue)).isSubset(of: Set(words)))
    #expect(words.contains("explain"))
    #expect(words.contains("spf.multiple-records"))
  }

  @Test(arguments: commands)
  func helpHasUsageOptionsAndExamples(_ command: String) throws {
    let result = try Binary.run([command, "--help"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("USAGE: senderauth \(command)"))
    #expect(result.stdout.contains("OPTIONS:"))
    #expect(result.stdout.contains("EXAMPLES:"))
  }

  @Test func explainSuggestsTheClosestId() throws {
    let result = try Binary.run(["explain", "spf.multiple-record"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("did you mean 'spf.multiple-records'?"))
  }

  @Test(arguments: Language.allCases)
  func explainPrintsRationaleExamplesAndReferences(_ language: Language) throws {
    let rule = try #require(RuleCatalog.all.first?.description)
    let result = try Binary.run(["explain", rule.id, "--lang", language.rawValue])
    #expect(result.status == 0)
    #expect(result.stdout == RuleCatalogRenderer.explain(rule, language: language))
    #expect(result.stdout.contains(rule.references.first?.url ?? "-"))
  }
}
