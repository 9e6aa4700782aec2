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
        choices: names),
      .option(
        "--lang", value: "LANG", help: "Language: en or de (default from LC_ALL/LC_MESSAGES/LANG).",
        choices: ["en", "de"]),
      .option(
        "--color", value: "WHEN", help: "Colour: auto (terminal and no NO_COLOR), always, never.",
        choices: ["auto", "always", "never"]),
    ]
  }

  var format: ReportFormat
  var language: Language
  var color: Bool
  /// The terminal's width when stdout is one; nil for pipes and files (never cut).
  var width: Int?

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
  }

  /// The options renderers take, with the rule catalog's descriptions.
  var render: RenderOptions {
    RenderOptions(
      language: language, color: color, width: width,
      rules: RuleCatalog.all.map(\.description))
  }

  /// True when `NO_COLOR` is set to a non-empty value (no-color.org).
  static var noColor: Bool { !(System.environment("NO_COLOR") ?? "").isEmpty }

  /// German when the first of LC_ALL, LC_MESSAGES, LANG that is set starts with `de`.
  static var environmentLanguage: Language {
    for variable in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      guard let value = System.environment(variable), !value.isEmpty else { continue }
      return value.hasPrefix("de") ? .de : .en
    }
    return .en
  }
}
