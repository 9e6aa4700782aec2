import SenderAuthCore

/// The rule catalog for people: `senderauth rules` (text, json, markdown), the generated
/// `docs/rules.md`, and `senderauth explain ID`. Texts come from the rules in one language;
/// ids, severities' raw values and example zones are never translated.
public enum RuleCatalogRenderer {
  /// One line per rule: id, severity, title.
  public static func text(_ rules: [RuleDescription], language: Language) -> String {
    let words = ReportWords(language)
    let idWidth = (rules.map(\.id.count).max() ?? 0) + 2
    let severityWidth = (Severity.allCases.map { words.severity($0).count }.max() ?? 0) + 2
    return rules.map { rule in
      pad(rule.id, idWidth) + pad(words.severity(rule.severity), severityWidth)
        + rule.title.text(language)
    }.joined(separator: "\n") + "\n"
  }

  /// Every description with both languages, as JSON (sorted keys).
  public static func json(_ rules: [RuleDescription]) -> String {
    JSONText.pretty(rules) + "\n"
  }

  /// The catalog page (`docs/rules.md`, `docs/rules.de.md`): an index table whose ids link to
  /// each rule's own page (`RulePageRenderer`).
  public static func markdown(_ rules: [RuleDescription], language: Language) -> String {
    let words = ReportWords(language)
    var blocks = [
      "# \(words[.catalogTitle])",
      "<!-- \(words[.generated]) -->",
      MarkdownText.inline(words[.catalogIntro]),
    ]
    var table = [
      "| \(words[.rule]) | \(words[.severity]) | \(words[.title]) |",
      "|---|---|---|",
    ]
    table += rules.map { rule in
      "| [\(MarkdownText.code(rule.id))](\(RulePageRenderer.path(rule.id, language: language))) "
        + "| \(words.severity(rule.severity)) | \(MarkdownText.inline(rule.title.text(language))) |"
    }
    blocks.append(table.joined(separator: "\n"))
    return blocks.joined(separator: "\n\n") + "\n"
  }

  /// One rule's section of the catalog page.
  public static func section(_ rule: RuleDescription, language: Language) -> [String] {
    let words = ReportWords(language)
    var blocks = [
      "## \(rule.id)",
      "**\(MarkdownText.inline(rule.title.text(language)))** — \(words[.severity]): "
        + words.severity(rule.severity),
      MarkdownText.inline(rule.rationale.text(language)),
      "**\(words[.howToFix]):** " + MarkdownText.inline(rule.howToFix.text(language)),
    ]
    if let codes = bounceCodeLine(rule, words: words) { blocks.append(codes) }
    if !rule.references.isEmpty {
      blocks.append("**\(words[.references]):**")
      blocks.append(referenceList(rule, words: words))
    }
    if let example = rule.triggering.first {
      let note = exampleNote(example, words: words, quote: MarkdownText.code)
      blocks.append("**\(words[.triggeringExample])** (\(note)):")
      blocks.append(MarkdownText.block(zoneLines(example), info: "dns"))
      blocks += webBlocks(example, words: words)
    }
    return blocks
  }

  /// What the example's HTTPS URLs answer, each with its body (Markdown blocks).
  static func webBlocks(_ example: RuleExample, words: ReportWords) -> [String] {
    var blocks: [String] = []
    for (url, resource) in example.web.sorted(by: { $0.key < $1.key }) {
      blocks.append(
        MarkdownText.code(url) + " " + webNote(resource, words: words)
          + (resource.body.isEmpty ? "." : ":"))
      if !resource.body.isEmpty {
        blocks.append(MarkdownText.block(bodyLines(resource), info: "text"))
      }
    }
    return blocks
  }

  /// The provider bounce codes that lead to the rule, as one Markdown line (nil: none).
  static func bounceCodeLine(_ rule: RuleDescription, words: ReportWords) -> String? {
    guard !rule.bounceCodes.isEmpty else { return nil }
    return "**\(words[.bounceCodes]):** "
      + rule.bounceCodes.map { MarkdownText.code($0.description) }.joined(separator: ", ")
  }

  /// The rule's references as a Markdown list, with the dates they were read.
  static func referenceList(_ rule: RuleDescription, words: ReportWords) -> String {
    rule.references.map { reference in
      "- [\(MarkdownText.inline(reference.title))](\(reference.url))"
        + readNote(reference, words: words)
    }.joined(separator: "\n")
  }

  /// `senderauth explain ID`: title, severity, rationale, how to fix, examples, references,
  /// wrapped at 100 columns.
  public static func explain(_ rule: RuleDescription, language: Language) -> String {
    let words = ReportWords(language)
    let width = 100
    var lines = [
      "\(rule.id): \(rule.title.text(language))",
      "\(words[.severity]): \(words.severity(rule.severity))",
      "",
    ]
    lines += TextWrapper.wrap(
      rule.rationale.text(language), width: width, first: "\(words[.rationale]): ", indent: "  ")
    lines.append("")
    lines += TextWrapper.wrap(
      rule.howToFix.text(language), width: width, first: "\(words[.howToFix]): ", indent: "  ")
    if !rule.bounceCodes.isEmpty {
      lines.append("")
      lines += TextWrapper.wrap(
        rule.bounceCodes.map(\.description).joined(separator: ", "), width: width,
        first: "\(words[.bounceCodes]): ", indent: "  ")
    }
    for (label, example) in [
      (words[.triggeringExample], rule.triggering.first),
      (words[.nonTriggeringExample], rule.nonTriggering.first),
    ] {
      guard let example else { continue }
      lines.append("")
      lines += TextWrapper.wrap(
        "\(label) (\(exampleNote(example, words: words))):", width: width, first: "",
        indent: "  ")
      lines += zoneLines(example).map { "  " + TerminalText.escape($0) }
      for (url, resource) in example.web.sorted(by: { $0.key < $1.key }) {
        lines.append("  \(url) \(webNote(resource, words: words))")
        lines += bodyLines(resource).map { "    " + TerminalText.escape($0) }
      }
    }
    if !rule.references.isEmpty {
      lines.append("")
      lines.append("\(words[.references]):")
      lines += rule.references.map { reference in
        "  \(reference.title): \(reference.url)" + readNote(reference, words: words)
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// ` (read 2026-12-05)`, with how it was read when not first-hand (` (read 2026-12-05;
  /// archived copy of 2026-02-15)`, `…; secondary source`); empty for an RFC.
  public static func readNote(_ reference: Reference, words: ReportWords) -> String {
    guard let read = reference.read else { return "" }
    let via = reference.via.map { "; " + $0.note.text(words.language) } ?? ""
    return " (\(words[.read]) \(read)\(via))"
  }

  /// `checked with 'senderauth check example.com --selector s1'` (quoted by `quote`), and
  /// the injected failures.
  static func exampleNote(
    _ example: RuleExample, words: ReportWords, quote: (String) -> String = { "'\($0)'" }
  ) -> String {
    var note = "\(words[.checkedWith]) \(quote(commandLine(example)))"
    if !example.failing.isEmpty {
      note += "; \(words[.failingLookups]): " + example.failing.joined(separator: ", ")
    }
    if !example.validation.isEmpty {
      note +=
        "; \(words[.dnssecValidation]): "
        + example.validation.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.rawValue)" }
        .joined(separator: ", ")
    }
    if example.fixable { note += "; \(words[.fixable])" }
    return note
  }

  /// `answers HTTP 200 (text/plain)` or `fetch fails: certificate`.
  static func webNote(_ resource: ExampleResource, words: ReportWords) -> String {
    if let failure = resource.failure { return "\(words[.webFails]): \(failure)" }
    return "\(words[.webAnswers]) HTTP \(resource.status)"
      + (resource.contentType.map { " (\($0))" } ?? "")
  }

  /// The body of an example's web resource, at most 12 lines of it.
  static func bodyLines(_ resource: ExampleResource) -> [String] {
    let lines = resource.body.split(
      omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }
    ).map(String.init)
    return lines.count > 12 ? Array(lines.prefix(12)) + ["…"] : lines
  }

  /// The `senderauth check` command line the example's options stand for.
  static func commandLine(_ example: RuleExample) -> String {
    let options = example.options
    var words = ["senderauth", "check", example.domain]
    words += options.selectors.flatMap { ["--selector", $0] }
    if let returnPath = options.returnPath { words += ["--return-path", returnPath.text] }
    words += options.esps.flatMap { ["--esp", $0] }
    words += options.ips.flatMap { ["--ip", $0.description] }
    words += options.profiles.flatMap { ["--profile", $0] }
    if let rua = options.rua { words += ["--rua", rua] }
    if options.parked { words.append("--parked") }
    if example.message != nil { words += ["--message", "message.eml"] }
    return words.joined(separator: " ")
  }

  /// The example's zone as the tests read it: `$ORIGIN` first when the zone has none, the
  /// zone's lines without their common indentation.
  static func zoneLines(_ example: RuleExample) -> [String] {
    var lines = example.zone.split(separator: "\n", omittingEmptySubsequences: false).map(
      String.init)
    while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
    if !example.zone.contains("$ORIGIN") {
      lines.insert("$ORIGIN \(example.domain).", at: 0)
    }
    for other in example.otherZones {
      lines += other.split(separator: "\n").map(String.init)
    }
    if let message = example.message {
      lines.append("; message.eml:")
      lines += message.split(separator: "\n").map { "; " + $0 }
    }
    return lines
  }

  static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
  }
}
