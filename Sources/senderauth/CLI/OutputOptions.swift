import SenderAuthCore
import SenderAuthReport
import SenderAuthRules

/// How results are shown: format, language, colour, width.
struct OutputOptions {
  static func specs(formats: [ReportFormat]) -> [OptionSpec] {
    let names = formats.map(\.rawValue)
    return [
      .option(
        "--format", value: "FORMAT", help: "Output format: \(names.joined(separator: ", ")).",
        de: "Ausgabeformat: \(names.joined(separator: ", ")).",
        choices: names),
      .option(
        "--lang", value: "LANG", help: "Language: en or de (default from LC_ALL/LC_MESSAGES/LANG).",
        de: "Sprache: en oder de (Standard aus LC_ALL/LC_MESSAGES/LANG).",
        choices: ["en", "de"]),
      .option(
        "--color", value: "WHEN", help: "Colour: auto (terminal and no NO_COLOR), always, never.",
        de: "Farbe: auto (Terminal und kein NO_COLOR), always, never.",
        choices: ["auto", "always", "never"]),
    ]
  }

  var format: ReportFormat
  var language: Language
  var color: Bool
  /// The terminal's width when stdout is one; nil for pipes and files (never cut).
  var width: Int?
  /// `--fail-on` (error when the command has none): JUnit fails only what fails the run.
  var failOn: Severity
  /// The project configuration the run read, for SARIF locations of live-DNS findings.
  var configuration: ConfigurationFile?
  /// `SENDERAUTH_DOCS_URL`: where the rule pages are published (SARIF `helpUri`).
  var documentationBase: String?

  init(_ arguments: ParsedArguments, defaultFormat: ReportFormat = .text) {
    format = arguments.last("--format").flatMap(ReportFormat.init(rawValue:)) ?? defaultFormat
    language =
      arguments.last("--lang").flatMap(Language.init(rawValue:)) ?? Self.environmentLanguage
    switch arguments.last("--color") ?? "auto" {
    case "always": color = true
    case "never": color = false
    default: color = System.stdoutIsTerminal && !Self.noColor
    }
    width = System.terminalColumns
    failOn = RequestArguments.failOn(arguments)
    documentationBase = System.environment("SENDERAUTH_DOCS_URL").flatMap {
      $0.isEmpty ? nil : $0
    }
  }

  /// Points SARIF at `configuration`'s file, at the lines naming its domains.
  mutating func point(at configuration: ProjectConfiguration?) {
    guard let configuration, !configuration.file.isEmpty else { return }
    let text = (try? System.readLines(configuration.file))?.joined(separator: "\n") ?? ""
    self.configuration = ConfigurationFile(
      path: configuration.file, text: text, domains: configuration.domains.map(\.domain.text))
  }

  /// The options renderers take, with the rule catalog's descriptions.
  var render: RenderOptions {
    RenderOptions(
      language: language, color: color, width: width,
      rules: RuleCatalog.all.map(\.description), failOn: failOn, configuration: configuration,
      documentationBase: documentationBase)
  }

  /// True when `NO_COLOR` is set to a non-empty value (no-color.org).
  static var noColor: Bool { !(System.environment("NO_COLOR") ?? "").isEmpty }

  /// The language of `--lang` among raw command-line words (before they are scanned, so that
  /// errors of the scan itself are in it), else the environment's.
  static func language(of words: [String]) -> Language {
    var chosen: Language?
    for (index, word) in words.enumerated() {
      if word == "--" { break }
      if word == "--lang", index + 1 < words.count {
        chosen = Language(rawValue: words[index + 1]) ?? chosen
      } else if word.hasPrefix("--lang=") {
        chosen = Language(rawValue: String(word.dropFirst("--lang=".count))) ?? chosen
      }
    }
    return chosen ?? environmentLanguage
  }

  /// German when the first of LC_ALL, LC_MESSAGES, LANG that is set starts with `de`.
  static var environmentLanguage: Language {
    for variable in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      guard let value = System.environment(variable), !value.isEmpty else { continue }
      return value.hasPrefix("de") ? .de : .en
    }
    return .en
  }
}
