import SenderAuthCore
import SenderAuthKit
import SenderAuthReport

/// A command-line mistake: one line on stderr in the language of `--lang`, exit status 2.
/// Both languages are written where the error is raised.
struct UsageError: Error, CustomStringConvertible {
  var text: LocalizedText

  init(en: String, de: String) { text = LocalizedText(en: en, de: de) }
  init(_ text: LocalizedText) { self.text = text }
  /// A line that reads the same in every language: a lower layer's own line that names a
  /// file, a JSON path or an option with its value (the configuration, resolver options).
  init(verbatim message: String) { text = LocalizedText(en: message, de: message) }

  var message: String { text.en }
  var description: String { text.en }
}

/// What a command says about itself in `--help`, completions and the man page.
struct CommandConfiguration: Sendable {
  var name: String
  var abstract: String
  /// `DOMAIN…` and the like.
  var arguments: String = ""
  var discussion: String = ""
  var examples: [String] = []
  /// Values the positional arguments take, offered by completions (rule ids, shell names).
  var argumentChoices: @Sendable () -> [String] = { [] }
  /// The abstract and discussion in German (`--help --lang de`); examples are not translated.
  var german: German?

  /// A command's texts in German.
  struct German: Sendable {
    var abstract: String
    var discussion: String = ""
  }

  /// The abstract in `language` (English when no German is written).
  func abstract(_ language: Language) -> String {
    language == .de ? german?.abstract ?? abstract : abstract
  }

  /// The discussion in `language` (English when no German is written).
  func discussion(_ language: Language) -> String {
    language == .de ? german?.discussion ?? discussion : discussion
  }
}

/// One subcommand: a configuration, its options, and `run`, which holds only the work.
protocol Command {
  static var configuration: CommandConfiguration { get }
  static var options: [OptionSpec] { get }
  /// Builds the command from scanned arguments; every check of the arguments happens here,
  /// before any work (the `validate()` of swift-argument-parser).
  init(_ arguments: ParsedArguments) throws
  func run() async throws -> ExitStatus
}

extension Command {
  /// The options `--help` lists: the command's own and `--help`.
  static var helpOptions: [OptionSpec] {
    options + [
      OptionSpec.flag(
        "--help", aliases: ["-h"], help: "Show this help.", de: "Diese Hilfe anzeigen.")
    ]
  }

  /// `--help` text in English.
  static var help: String { help(.en) }

  /// `--help` text: usage, abstract, options, examples; in `language`.
  static func help(_ language: Language) -> String {
    let german = language == .de
    let arguments = configuration.arguments.isEmpty ? "" : " " + configuration.arguments
    var lines = [
      german
        ? "AUFRUF: senderauth \(configuration.name)\(arguments) [Optionen]"
        : "USAGE: senderauth \(configuration.name)\(arguments) [options]",
      "",
    ]
    lines.append(configuration.abstract(language))
    let discussion = configuration.discussion(language)
    if !discussion.isEmpty {
      for paragraph in discussion.split(separator: "\n") {
        lines += [""] + TextWrapper.wrap(String(paragraph), width: 100, first: "", indent: "")
      }
    }
    lines += ["", german ? "OPTIONEN:" : "OPTIONS:"]
    let all = helpOptions
    let labels = all.map { spec in
      let names = (spec.aliases + [spec.name]).joined(separator: ", ")
      return spec.valueName.map { "\(names) \($0)" } ?? names
    }
    let width = min(30, (labels.map(\.count).max() ?? 0) + 2)
    for (label, spec) in zip(labels, all) {
      let padded =
        label.count < width
        ? label + String(repeating: " ", count: width - label.count)
        : label + "\n" + String(repeating: " ", count: width + 2)
      var text = spec.help(language)
      if !spec.choices.isEmpty, !text.contains(spec.choices[0]) {
        text += (german ? " Einer von: " : " One of: ") + spec.choices.joined(separator: ", ") + "."
      }
      if spec.repeatable { text += german ? " (mehrfach möglich)" : " (repeatable)" }
      let indent = String(repeating: " ", count: width + 2)
      lines += TextWrapper.wrap(text, width: 100, first: "  " + padded, indent: indent)
    }
    if !configuration.examples.isEmpty {
      lines += ["", german ? "BEISPIELE:" : "EXAMPLES:"]
      lines += configuration.examples.map { "  " + $0 }
    }
    return lines.joined(separator: "\n")
  }
}
