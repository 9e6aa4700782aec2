import DNSLookup
import SenderAuthCore
import SenderAuthKit

/// One option a command accepts: its names, its value (none for a flag), and its help.
struct OptionSpec: Sendable {
  /// The long name with dashes (`--zone`); also the key its values are stored under.
  var name: String
  /// Other names (`-f`).
  var aliases: [String] = []
  /// The value's placeholder in help (`FILE`), nil for a flag.
  var valueName: String?
  var help: String
  /// The help in German (`--help --lang de`).
  var helpDE: String?
  var repeatable: Bool = false
  /// Fixed choices, offered by completions and checked by the scanner.
  var choices: [String] = []

  var isFlag: Bool { valueName == nil }

  static func flag(
    _ name: String, aliases: [String] = [], help: String, de: String? = nil
  ) -> OptionSpec {
    OptionSpec(name: name, aliases: aliases, valueName: nil, help: help, helpDE: de)
  }

  static func option(
    _ name: String, aliases: [String] = [], value: String, help: String, de: String? = nil,
    repeatable: Bool = false, choices: [String] = []
  ) -> OptionSpec {
    OptionSpec(
      name: name, aliases: aliases, valueName: value, help: help, helpDE: de,
      repeatable: repeatable, choices: choices)
  }

  /// The help in `language` (English when no German is written).
  func help(_ language: Language) -> String {
    language == .de ? helpDE ?? help : help
  }
}

/// The arguments of one command after scanning: option values, flags, positionals.
struct ParsedArguments: Sendable {
  var values: [String: [String]] = [:]
  var flags: Set<String> = []
  var positionals: [String] = []

  func has(_ flag: String) -> Bool { flags.contains(flag) }
  func all(_ option: String) -> [String] { values[option] ?? [] }
  func last(_ option: String) -> String? { values[option]?.last }

  /// The value of `option` as an integer in `range`, or a usage error naming the option.
  func integer(_ option: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
    guard let text = last(option) else { return nil }
    guard let value = DecimalText.value(text, as: Int.self), range.contains(value) else {
      throw UsageError(
        en: "\(option) takes a whole number from \(range.lowerBound) to \(range.upperBound), "
          + "not '\(text)'",
        de: "\(option) nimmt eine ganze Zahl von \(range.lowerBound) bis \(range.upperBound), "
          + "nicht '\(text)'")
    }
    return value
  }
}

/// Scans command-line words against option specs, in the manner of swift-argument-parser:
/// `--name value`, `--name=value`, `-f value`, flags, `--` ending the options.
enum ArgumentScanner {
  static func scan(_ arguments: [String], options: [OptionSpec]) throws(UsageError)
    -> ParsedArguments
  {
    var parsed = ParsedArguments()
    var index = 0
    var onlyPositionals = false
    while index < arguments.count {
      let word = arguments[index]
      index += 1
      if onlyPositionals || !word.hasPrefix("-") || word == "-" {
        parsed.positionals.append(word)
        continue
      }
      if word == "--" {
        onlyPositionals = true
        continue
      }
      var name = word
      var inlineValue: String?
      if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
        name = String(word[..<equals])
        inlineValue = String(word[word.index(after: equals)...])
      }
      guard let spec = options.first(where: { $0.name == name || $0.aliases.contains(name) })
      else {
        throw UsageError(unknownOptionMessage(name, options: options))
      }
      if spec.isFlag {
        guard inlineValue == nil else {
          throw UsageError(
            en: "\(spec.name) is a flag and takes no value",
            de: "\(spec.name) ist ein Schalter und nimmt keinen Wert")
        }
        parsed.flags.insert(spec.name)
        continue
      }
      let value: String
      if let inlineValue {
        value = inlineValue
      } else {
        guard index < arguments.count else {
          throw UsageError(
            en: "\(spec.name) needs a value (\(spec.valueName ?? "VALUE"))",
            de: "\(spec.name) braucht einen Wert (\(spec.valueName ?? "WERT"))")
        }
        value = arguments[index]
        index += 1
      }
      if !spec.choices.isEmpty, !spec.choices.contains(value) {
        let choices = spec.choices.joined(separator: ", ")
        throw UsageError(
          en: "\(spec.name) takes one of \(choices), not '\(value)'",
          de: "\(spec.name) nimmt einen dieser Werte: \(choices); nicht '\(value)'")
      }
      if !spec.repeatable, parsed.values[spec.name] != nil {
        throw UsageError(
          en: "\(spec.name) is given more than once", de: "\(spec.name) ist mehrfach angegeben")
      }
      parsed.values[spec.name, default: []].append(value)
    }
    return parsed
  }

  /// `unknown option '--zon'; did you mean '--zone'?`
  static func unknownOptionMessage(_ name: String, options: [OptionSpec]) -> LocalizedText {
    let hint = Suggestion.localized(name, among: options.map(\.name))
    return LocalizedText(
      en: "unknown option '\(name)'" + hint.en, de: "unbekannte Option '\(name)'" + hint.de)
  }
}
