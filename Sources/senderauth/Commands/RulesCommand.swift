import SenderAuthCore
import SenderAuthReport
import SenderAuthRules

/// `senderauth rules`: the rule catalog.
struct RulesCommand: Command {
  static let configuration = CommandConfiguration(
    name: "rules", abstract: "List every rule: id, severity and title.",
    examples: ["senderauth rules", "senderauth rules --lang de"])

  static let options = OutputOptions.specs(formats: ["text", "json"])

  var output: OutputOptions

  init(_ arguments: ParsedArguments) throws(UsageError) {
    guard arguments.positionals.isEmpty else {
      throw UsageError("rules takes no arguments")
    }
    output = OutputOptions(arguments)
  }

  func run() async throws -> ExitStatus {
    let descriptions = RuleCatalog.all.map(\.description)
    if output.format == "json" {
      Output.write(JSONText.pretty(descriptions))
      return .ok
    }
    let width = (descriptions.map(\.id.count).max() ?? 0) + 2
    for description in descriptions {
      let padding = String(repeating: " ", count: width - description.id.count)
      let severity = description.severity.rawValue.padding(7)
      Output.write(
        "\(description.id)\(padding)\(severity) \(description.title.text(output.language))")
    }
    return .ok
  }
}

/// `senderauth explain ID`: one rule's rationale, fix and references.
struct ExplainCommand: Command {
  static let configuration = CommandConfiguration(
    name: "explain", abstract: "Explain a rule: why it matters, how to fix it, references.",
    arguments: "ID", examples: ["senderauth explain spf.lookup-limit"])

  static let options = OutputOptions.specs(formats: ["text"])

  var id: String
  var output: OutputOptions

  init(_ arguments: ParsedArguments) throws(UsageError) {
    guard arguments.positionals.count == 1 else {
      throw UsageError("explain takes one rule id (see 'senderauth rules')")
    }
    id = arguments.positionals[0]
    guard RuleCatalog.rule(id: id) != nil else {
      throw UsageError("no rule has the id '\(id)' (see 'senderauth rules')")
    }
    output = OutputOptions(arguments)
  }

  func run() async throws -> ExitStatus {
    guard let rule = RuleCatalog.rule(id: id) else { return .usage }
    let description = rule.description
    let language = output.language
    var lines = [
      "\(description.id) (\(description.severity.rawValue))",
      description.title.text(language),
      "",
      description.rationale.text(language),
      "",
      (language == .en ? "How to fix: " : "Behebung: ") + description.howToFix.text(language),
      "",
      language == .en ? "References:" : "Quellen:",
    ]
    lines += description.references.map { reference in
      "  \(reference.title): \(reference.url)" + (reference.read.map { " (read \($0))" } ?? "")
    }
    Output.write(lines.joined(separator: "\n"))
    return .ok
  }
}

extension String {
  func padding(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
