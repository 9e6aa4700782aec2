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
    ])

  static let options = OutputOptions.specs(formats: [.text, .json, .markdown])

  var output: OutputOptions

  init(_ arguments: ParsedArguments) throws(UsageError) {
    guard arguments.positionals.isEmpty else {
      throw UsageError("rules takes no arguments")
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
    })

  static let options =
    [
      OptionSpec.option(
        "--search", value: "TEXT",
        help: "List the rules whose id, title or bounce codes contain every word of TEXT.")
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
        throw UsageError("explain takes either an id or --search TEXT, not both")
      }
      guard !text.allSatisfy(\.isWhitespace) else {
        throw UsageError("--search needs at least one word")
      }
      target = .search(text)
      return
    }
    guard !arguments.positionals.isEmpty else {
      throw UsageError(
        "explain takes one rule id or bounce code (see 'senderauth rules'), or --search TEXT")
    }
    // `explain 550 5.7.40` (unquoted) is one bounce code in two words.
    let input = arguments.positionals.joined(separator: " ")
    if arguments.positionals.count > 1, BounceCode.Query.parse(input) == nil {
      throw UsageError(
        "explain takes one rule id or bounce code (see 'senderauth rules'), or --search TEXT")
    }
    target = try Self.target(input)
  }

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
          "no provider requirement senderauth knows has the bounce code '\(query)'; known "
            + "codes: " + known.joined(separator: ", ") + " (or try --search)")
      }
      return .code(query.description, rows)
    }
    let ids =
      RuleCatalog.all.map(\.description.id)
      + ProviderTable.rows.filter { $0.notCheckableBecause != nil }.map(\.id)
    throw UsageError(
      "no rule has the id '\(input)'" + Suggestion.didYouMean(input, among: ids)
        + " (see 'senderauth rules', or try --search)")
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
        Output.error("no rule matches '\(text)' (see 'senderauth rules')")
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
