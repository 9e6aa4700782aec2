import SenderAuthKit
import SenderAuthReport

/// A command-line mistake: one line on stderr, exit status 2.
struct UsageError: Error, CustomStringConvertible {
  var message: String
  init(_ message: String) { self.message = message }
  var description: String { message }
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
    options + [OptionSpec.flag("--help", aliases: ["-h"], help: "Show this help.")]
  }

  /// `--help` text: usage, abstract, options, examples.
  static var help: String {
    let arguments = configuration.arguments.isEmpty ? "" : " " + configuration.arguments
    var lines = ["USAGE: senderauth \(configuration.name)\(arguments) [options]", ""]
    lines.append(configuration.abstract)
    if !configuration.discussion.isEmpty {
      for paragraph in configuration.discussion.split(separator: "\n") {
        lines += [""] + TextWrapper.wrap(String(paragraph), width: 100, first: "", indent: "")
      }
    }
    lines += ["", "OPTIONS:"]
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
      var text = spec.help
      if !spec.choices.isEmpty, !spec.help.contains(spec.choices[0]) {
        text += " One of: \(spec.choices.joined(separator: ", "))."
      }
      if spec.repeatable { text += " (repeatable)" }
      let indent = String(repeating: " ", count: width + 2)
      lines += TextWrapper.wrap(text, width: 100, first: "  " + padded, indent: indent)
    }
    if !configuration.examples.isEmpty {
      lines += ["", "EXAMPLES:"]
      lines += configuration.examples.map { "  " + $0 }
    }
    return lines.joined(separator: "\n")
  }
}
