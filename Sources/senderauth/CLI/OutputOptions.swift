import SenderAuthCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How results are shown: format, language, colour.
struct OutputOptions {
  static func specs(formats: [String]) -> [OptionSpec] {
    [
      .option(
        "--format", value: "FORMAT", help: "Output format: \(formats.joined(separator: ", ")).",
        choices: formats),
      .option(
        "--lang", value: "LANG", help: "Language: en or de (default from LC_ALL/LC_MESSAGES/LANG).",
        choices: ["en", "de"]),
      .option(
        "--color", value: "WHEN", help: "Colour: auto (terminal and no NO_COLOR), always, never.",
        choices: ["auto", "always", "never"]),
    ]
  }

  var format: String
  var language: Language
  var color: Bool

  init(_ arguments: ParsedArguments, defaultFormat: String = "text") {
    format = arguments.last("--format") ?? defaultFormat
    language =
      arguments.last("--lang").flatMap(Language.init(rawValue:)) ?? Self.environmentLanguage
    switch arguments.last("--color") ?? "auto" {
    case "always": color = true
    case "never": color = false
    default: color = isatty(STDOUT_FILENO) == 1 && !Self.noColor
    }
  }

  /// True when `NO_COLOR` is set to a non-empty value (no-color.org).
  static var noColor: Bool {
    guard let value = getenv("NO_COLOR") else { return false }
    return value.pointee != 0
  }

  /// German when the first of LC_ALL, LC_MESSAGES, LANG that is set starts with `de`.
  static var environmentLanguage: Language {
    for variable in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      guard let pointer = getenv(variable) else { continue }
      let value = String(cString: pointer)
      if value.isEmpty { continue }
      return value.hasPrefix("de") ? .de : .en
    }
    return .en
  }
}
