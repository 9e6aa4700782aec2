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
      with both languages and the rule's example zones. One page per rule is in \
      docs/rules/<id>.md (German: docs/rules/de/<id>.md).
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

/// `senderauth explain ID|CODE` and `senderauth explain --search TEXT`: one rule's rationale,
/// examples, fix and references; the provider requirements behind a bounce code; or the rules
/// whose title or codes contain some words.
struct ExplainCommand: Command {
  static let configuration = CommandConfiguration(
    name: "explain",
    abstract: "Explain a rule or a provider's bounce code: why, examples, how to fix, sources.",
    arguments: "ID|CODE",
    discussion: """
      ID is a finding id as printed by 'check' or listed by 'rules', or the id of a provider \
      requirement DNS cannot decide (gmail.tls). CODE is a mailbox provider's bounce code, as \
      in its bounce message: 5.7.40, 550 5.7.40, 421-4.7.40, or 7.40 without the class digit; \
      explain shows the requirements behind it and the command that checks a domain for them. \
      --search TEXT lists the rules whose id, title or bounce codes contain every word of TEXT; \
      it exits with 1 when none does.
      """,
    examples: [
      "senderauth explain spf.lookup-limit", "senderauth explain dmarc.policy-none --lang de",
      "senderauth explain 5.7.40", "senderauth explain '421-4.7.26'",
      "senderauth explain --search dmarc", "senderauth explain --search 'reverse dns'",
      "senderauth explain spf.lookup-limit --format markdown",
    ],
    argumentChoices: {
      RuleCatalog.all.map(\.description.id)
        + ProviderTable.rows.filter { $0.notCheckableBecause != nil }.map(\.id)
    },
    german: CommandConfiguration.German(
      abstract:
        "Erklärt eine Regel oder den Bounce-Code eines Postfachanbieters: warum, Beispiele, "
        + "Behebung, Quellen.",
      discussion: """
        ID ist eine Befund-ID, wie 'check' sie ausgibt oder 'rules' sie listet, oder die ID \
        einer Anforderung eines Postfachanbieters, die DNS nicht entscheiden kann (gmail.tls). \
        CODE ist der Bounce-Code eines Postfachanbieters, wie er in dessen \
        Unzustellbarkeitsnachricht steht: 5.7.40, 550 5.7.40, 421-4.7.40 oder 7.40 ohne die Klassenziffer; \
        explain zeigt die Anforderungen dahinter und den Befehl, der eine Domain darauf prüft. \
        --search TEXT listet die Regeln, deren ID, Titel oder Bounce-Codes jedes Wort von TEXT \
        enthalten; ohne Treffer endet es mit 1.
        """))

  static let options =
    [
      OptionSpec.option(
        "--search", value: "TEXT",
        help: "List the rules whose id, title or bounce codes contain every word of TEXT.",
        de: "Die Regeln listen, deren ID, Titel oder Bounce-Codes jedes Wort von TEXT enthalten.")
    ] + OutputOptions.specs(formats: [.text, .markdown])

  /// What to explain.
  enum Target {
    case rule(RuleDescription)
    /// A provider requirement DNS cannot decide, by its id.
    case requirement(ProviderRequirement)
    /// The requirements behind a bounce code, with the code as typed.
    case code(String, [ProviderRequirement])
    case search(String)
  }

  var target: Target
  var output: OutputOptions

  init(_ arguments: ParsedArguments) throws(UsageError) {
    output = OutputOptions(arguments)
    if let text = arguments.last("--search") {
      guard arguments.positionals.isEmpty else {
        throw UsageError(
          en: "explain takes either an id or --search TEXT, not both",
          de: "explain nimmt entweder eine ID oder --search TEXT, nicht beides")
      }
      guard !text.allSatisfy(\.isWhitespace) else {
        throw UsageError(
          en: "--search needs at least one word", de: "--search braucht mindestens ein Wort")
      }
      target = .search(text)
      return
    }
    guard !arguments.positionals.isEmpty else {
      throw Self.oneTarget
    }
    // `explain 550 5.7.40` (unquoted) is one bounce code in two words.
    let input = arguments.positionals.joined(separator: " ")
    if arguments.positionals.count > 1, BounceCode.Query.parse(input) == nil {
      throw Self.oneTarget
    }
    target = try Self.target(input)
  }

  static let oneTarget = UsageError(
    en: "explain takes one rule id or bounce code (see 'senderauth rules'), or --search TEXT",
    de: "explain nimmt eine Regel-ID oder einen Bounce-Code (siehe 'senderauth rules') oder "
      + "--search TEXT")

  /// The rule, requirement or bounce code `input` names.
  static func target(_ input: String) throws(UsageError) -> Target {
    if let rule = RuleCatalog.rule(id: input) { return .rule(rule.description) }
    if let row = ProviderTable.row(id: input), row.notCheckableBecause != nil {
      return .requirement(row)
    }
    if let query = BounceCode.Query.parse(input) {
      let rows = ProviderTable.rows(matching: query)
      guard !rows.isEmpty else {
        let known = Set(ProviderTable.rows.flatMap(\.bounceCodes).map(\.status)).sorted()
        throw UsageError(
          en: "no provider requirement senderauth knows has the bounce code '\(query)'; known "
            + "codes: " + known.joined(separator: ", ") + " (or try --search)",
          de: "keine Anforderung, die senderauth kennt, hat den Bounce-Code '\(query)'; bekannte "
            + "Codes: " + known.joined(separator: ", ") + " (oder versuchen Sie --search)")
      }
      return .code(query.description, rows)
    }
    let ids =
      RuleCatalog.all.map(\.description.id)
      + ProviderTable.rows.filter { $0.notCheckableBecause != nil }.map(\.id)
    let hint = Suggestion.localized(input, among: ids)
    throw UsageError(
      en: "no rule has the id '\(input)'" + hint.en + " (see 'senderauth rules', or try --search)",
      de: "keine Regel hat die ID '\(input)'" + hint.de
        + " (siehe 'senderauth rules', oder versuchen Sie --search)")
  }

  func run() async throws -> ExitStatus {
    let language = output.language
    let markdown = output.format == .markdown
    switch target {
    case .rule(let rule):
      Output.write(
        markdown
          ? RuleCatalogRenderer.section(rule, language: language).joined(separator: "\n\n")
          : RuleCatalogRenderer.explain(rule, language: language))
    case .requirement(let row):
      let views = [Self.view(row)]
      Output.write(
        markdown
          ? RequirementRenderer.markdown(views, query: nil, language: language)
          : RequirementRenderer.explain(views, query: nil, language: language))
    case .code(let query, let rows):
      let views = rows.map(Self.view)
      Output.write(
        markdown
          ? RequirementRenderer.markdown(views, query: query, language: language)
          : RequirementRenderer.explain(views, query: query, language: language))
    case .search(let text):
      let found = RuleCatalog.search(text)
      let entries =
        found.rules.map { rule in
          CatalogEntry(
            id: rule.id, severity: rule.severity, title: rule.title,
            bounceCodes: RuleCatalog.bounceCodes(leadingTo: rule.id))
        }
        + found.requirements.map { row in
          CatalogEntry(id: row.id, severity: nil, title: row.title, bounceCodes: row.bounceCodes)
        }
      guard !entries.isEmpty else {
        Output.error(
          language == .de
            ? "keine Regel passt zu '\(text)' (siehe 'senderauth rules')"
            : "no rule matches '\(text)' (see 'senderauth rules')")
        return .findings
      }
      Output.write(RequirementRenderer.search(entries, language: language))
    }
    return .ok
  }

  /// What `explain` shows of a provider requirement.
  static func view(_ row: ProviderRequirement) -> RequirementView {
    RequirementView(
      id: row.id, provider: row.provider.name, title: row.title, rationale: row.rationale,
      howToFix: row.howToFix, bounceCodes: row.bounceCodes,
      notCheckable: row.notCheckableBecause,
      rule: row.ruleID.flatMap(RuleCatalog.rule(id:))?.description, ownRule: row.kind.isChecked,
      checkCommand: row.checkCommand, references: row.references)
  }
}
