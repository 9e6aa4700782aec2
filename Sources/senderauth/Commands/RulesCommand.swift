import SenderAuthCore
import SenderAuthKit
import SenderAuthReport
import SenderAuthRules

/// `senderauth rules`: the rule catalog.
struct RulesCommand: Command {
  static let configuration = CommandConfiguration(
    name: "rules", abstract: "List every rule: id, severity and title.",
    discussion: """
      Every finding carries one of these ids; ids never change meaning. --format markdown \
      prints the catalog page (docs/rules.md is this output), --format json every description \
      with both languages and the rule's example zones.
      """,
    examples: [
      "senderauth rules", "senderauth rules --lang de",
      "senderauth rules --format markdown > docs/rules.md", "senderauth rules --format json",
    ],
    german: CommandConfiguration.German(
      abstract: "Listet jede Regel: ID, Schweregrad und Titel.",
      discussion: """
        Jeder Befund trägt eine dieser IDs; IDs ändern nie ihre Bedeutung. --format markdown gibt die \
        Übersichtsseite aus (docs/rules.md ist diese Ausgabe), --format json jede Beschreibung in \
        beiden Sprachen mit den Beispielzonen der Regel. Eine Seite je Regel steht unter \
        docs/rules/<id>.md (deutsch: docs/rules/de/<id>.md).
        """))

  static let options = OutputOptions.specs(formats: [.text, .json, .markdown])

  var output: OutputOptions

  init(_ arguments: ParsedArguments) throws(UsageError) {
    guard arguments.positionals.isEmpty else {
      throw UsageError(en: "rules takes no arguments", de: "rules nimmt keine Argumente")
    }
    output = OutputOptions(arguments)
  }

  func run() async throws -> ExitStatus {
    let descriptions = RuleCatalog.all.map(\.description)
    switch output.format {
    case .json: Output.write(RuleCatalogRenderer.json(descriptions))
    case .markdown:
      Output.write(RuleCatalogRenderer.markdown(descriptions, language: output.language))
    default: Output.write(RuleCatalogRenderer.text(descriptions, language: output.language))
    }
    return .ok
  }
}

/// `senderauth explain ID`: one rule's rationale, examples, fix and references.
struct ExplainCommand: Command {
  static let configuration = CommandConfiguration(
    name: "explain",
    abstract: "Explain a rule: why it matters, examples, how to fix it, references.",
    arguments: "ID",
    discussion: "ID is a finding id as printed by 'check' or listed by 'rules'.",
    examples: [
      "senderauth explain spf.lookup-limit", "senderauth explain dmarc.policy-none --lang de",
      "senderauth explain spf.lookup-limit --format markdown",
    ],
    argumentChoices: { RuleCatalog.all.map(\.description.id) },
    german: CommandConfiguration.German(
      abstract: "Erklärt eine Regel: warum sie wichtig ist, Beispiele, Behebung, Quellen.",
      discussion: """
        ID ist eine Befund-ID, wie 'check' sie ausgibt oder 'rules' sie listet.
        """))

  static let options = OutputOptions.specs(formats: [.text, .markdown])

  var id: String
  var output: OutputOptions

  init(_ arguments: ParsedArguments) throws(UsageError) {
    guard arguments.positionals.count == 1 else {
      throw UsageError(
        en: "explain takes one rule id (see 'senderauth rules')",
        de: "explain braucht genau eine Regel-ID (siehe 'senderauth rules')")
    }
    id = arguments.positionals[0]
    guard RuleCatalog.rule(id: id) != nil else {
      let ids = RuleCatalog.all.map(\.description.id)
      let hint = Suggestion.localized(id, among: ids)
      throw UsageError(
        en: "no rule has the id '\(id)'" + hint.en + " (see 'senderauth rules')",
        de: "keine Regel hat die ID '\(id)'" + hint.de + " (siehe 'senderauth rules')")
    }
    output = OutputOptions(arguments)
  }

  func run() async throws -> ExitStatus {
    guard let rule = RuleCatalog.rule(id: id) else { return .usage }
    if output.format == .markdown {
      Output.write(
        RuleCatalogRenderer.section(rule.description, language: output.language)
          .joined(separator: "\n\n"))
    } else {
      Output.write(RuleCatalogRenderer.explain(rule.description, language: output.language))
    }
    return .ok
  }
}
