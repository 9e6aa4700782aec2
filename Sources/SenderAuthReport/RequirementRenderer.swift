import SenderAuthCore

/// A mailbox-provider requirement as `senderauth explain` shows it when it is found by a
/// bounce code or by its id: who asks for it, their codes, what checks it, and how to check a
/// domain for it.
public struct RequirementView: Sendable {
  public var id: String
  public var provider: String
  public var title: LocalizedText
  public var rationale: LocalizedText
  public var howToFix: LocalizedText
  public var bounceCodes: [BounceCode]
  /// Why DNS cannot decide it; nil when a rule checks it.
  public var notCheckable: LocalizedText?
  /// The rule that checks it.
  public var rule: RuleDescription?
  /// True when `rule` is the requirement's own rule (a provider rule, which explains itself in
  /// full); false when the requirement is met by another rule (`dkim.key-too-short`).
  public var ownRule: Bool
  /// `senderauth check <your-domain> --profile gmail-bulk`.
  public var checkCommand: LocalizedText?
  public var references: [Reference]

  public init(
    id: String, provider: String, title: LocalizedText, rationale: LocalizedText,
    howToFix: LocalizedText, bounceCodes: [BounceCode], notCheckable: LocalizedText?,
    rule: RuleDescription?, ownRule: Bool, checkCommand: LocalizedText?,
    references: [Reference]
  ) {
    self.id = id
    self.provider = provider
    self.title = title
    self.rationale = rationale
    self.howToFix = howToFix
    self.bounceCodes = bounceCodes
    self.notCheckable = notCheckable
    self.rule = rule
    self.ownRule = ownRule
    self.checkCommand = checkCommand
    self.references = references
  }
}

/// One line of `senderauth explain --search`: a rule or a requirement DNS cannot decide.
public struct CatalogEntry: Sendable {
  public var id: String
  /// nil for a requirement DNS cannot decide.
  public var severity: Severity?
  public var title: LocalizedText
  public var bounceCodes: [BounceCode]

  public init(id: String, severity: Severity?, title: LocalizedText, bounceCodes: [BounceCode]) {
    self.id = id
    self.severity = severity
    self.title = title
    self.bounceCodes = bounceCodes
  }
}

/// `senderauth explain` for provider requirements: found by a bounce code (`5.7.40`), by the
/// id of a requirement DNS cannot decide (`gmail.tls`), or by words (`--search`).
public enum RequirementRenderer {
  /// The requirements behind a bounce code (or one requirement): for each, the provider and
  /// its codes, what checks it and the command that checks a domain, then the rule's full
  /// explanation (or, when DNS cannot decide it, why and what to do).
  public static func explain(
    _ views: [RequirementView], query: String?, language: Language
  ) -> String {
    let words = ReportWords(language)
    let width = 100
    var blocks: [[String]] = []
    for view in views {
      // A provider rule explains itself in full; the header only says who answers with the
      // code and how to check a domain. A requirement met by another rule (or by none) says
      // first what the provider asks.
      let ownRule = view.ownRule
      var lines: [String] = []
      if let query {
        lines.append("\(words[.bounceCode]) \(query) — \(view.provider)")
      }
      if !ownRule {
        lines.append("\(view.id): \(view.title.text(language))")
        if !view.bounceCodes.isEmpty {
          lines += TextWrapper.wrap(
            view.bounceCodes.map(\.description).joined(separator: ", "), width: width,
            first: "\(words[.bounceCodes]): ", indent: "  ")
        }
        if let rule = view.rule {
          lines.append("\(words[.checkedByRule]): \(rule.id) (\(words.severity(rule.severity)))")
        }
      }
      if let command = view.checkCommand {
        lines.append("\(words[.checkDomain]): \(command.text(language))")
      }
      if !ownRule {
        lines.append("")
        lines += TextWrapper.wrap(
          view.rationale.text(language), width: width, first: "\(words[.rationale]): ",
          indent: "  ")
      }
      if let reason = view.notCheckable {
        lines.append("")
        lines += TextWrapper.wrap(
          reason.text(language), width: width, first: "\(words[.notCheckableHeading]): ",
          indent: "  ")
        lines.append("")
        lines += TextWrapper.wrap(
          view.howToFix.text(language), width: width, first: "\(words[.howToFix]): ",
          indent: "  ")
        lines += referenceLines(view.references, words: words)
      }
      if let rule = view.rule {
        lines.append("")
        lines += RuleCatalogRenderer.explain(rule, language: language)
          .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
          .dropLast()
      }
      blocks.append(lines)
    }
    let separator = String(repeating: "-", count: 40)
    return blocks.map { $0.joined(separator: "\n") }.joined(separator: "\n\n\(separator)\n\n")
      + "\n"
  }

  /// The same as Markdown: one section per requirement, the rule's catalog section under it.
  public static func markdown(
    _ views: [RequirementView], query: String?, language: Language
  ) -> String {
    let words = ReportWords(language)
    var blocks: [String] = []
    for view in views {
      blocks.append(
        "## \(MarkdownText.inline(view.title.text(language)))"
          + (query.map { " (\(words[.bounceCode]) \(MarkdownText.code($0)))" } ?? ""))
      var facts: [String] = []
      if !view.ownRule, !view.bounceCodes.isEmpty {
        facts.append(
          "- **\(words[.bounceCodes]):** "
            + view.bounceCodes.map { MarkdownText.code($0.description) }.joined(separator: ", "))
      }
      if !view.ownRule, let rule = view.rule {
        facts.append("- **\(words[.checkedByRule]):** \(MarkdownText.code(rule.id))")
      }
      if let command = view.checkCommand {
        facts.append("- **\(words[.checkDomain]):** \(MarkdownText.code(command.text(language)))")
      }
      if let reason = view.notCheckable {
        facts.append(
          "- **\(words[.notCheckableHeading]):** \(MarkdownText.inline(reason.text(language)))")
      }
      if !facts.isEmpty { blocks.append(facts.joined(separator: "\n")) }
      if !view.ownRule { blocks.append(MarkdownText.inline(view.rationale.text(language))) }
      if let rule = view.rule {
        blocks += RuleCatalogRenderer.section(rule, language: language).map {
          $0.hasPrefix("## ") ? "#" + $0 : $0
        }
      } else {
        blocks.append(
          "**\(words[.howToFix]):** " + MarkdownText.inline(view.howToFix.text(language)))
        if !view.references.isEmpty {
          blocks.append(
            view.references.map { reference in
              "- [\(MarkdownText.inline(reference.title))](\(reference.url))"
                + RuleCatalogRenderer.readNote(reference, words: words)
            }.joined(separator: "\n"))
        }
      }
    }
    return blocks.joined(separator: "\n\n") + "\n"
  }

  /// `senderauth explain --search`: one line per entry: id, severity (or "not checkable from
  /// DNS"), title, and the provider's bounce codes.
  public static func search(_ entries: [CatalogEntry], language: Language) -> String {
    let words = ReportWords(language)
    let idWidth = (entries.map(\.id.count).max() ?? 0) + 2
    let labels = entries.map { entry in
      entry.severity.map(words.severity) ?? words[.notCheckable]
    }
    let labelWidth = (labels.map(\.count).max() ?? 0) + 2
    return zip(entries, labels).map { entry, label in
      var line =
        RuleCatalogRenderer.pad(entry.id, idWidth) + RuleCatalogRenderer.pad(label, labelWidth)
        + entry.title.text(language)
      if !entry.bounceCodes.isEmpty {
        line += " [" + entry.bounceCodes.map(\.description).joined(separator: ", ") + "]"
      }
      return line
    }.joined(separator: "\n") + "\n"
  }

  static func referenceLines(_ references: [Reference], words: ReportWords) -> [String] {
    guard !references.isEmpty else { return [] }
    return ["", "\(words[.references]):"]
      + references.map {
        "  \($0.title): \($0.url)" + RuleCatalogRenderer.readNote($0, words: words)
      }
  }
}
