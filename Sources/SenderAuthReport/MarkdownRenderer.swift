import SenderAuthCore

/// The `markdown` format: a report a support agent pastes into a ticket or sends a customer.
/// Per domain: the verdict, the provider requirements, then each finding in plain language
/// (what is wrong, why it matters for delivery from the rule's rationale, the record found)
/// and the exact records to publish as zone lines, and all changes once more at the end.
///
/// Everything that came from DNS is escaped: prose with Markdown escapes, record text in code
/// spans and blocks whose fences it cannot close, control characters as `\x1b`.
public enum MarkdownRenderer {
  public static func render(_ report: Report, options: RenderOptions) -> String {
    var document = Document(options: options)
    return document.text(of: report.domains)
  }

  /// The document a domain at a time (`StreamedDocument`): the title, then each domain's
  /// blocks, an empty line between any two blocks.
  public struct Document: StreamedDocument {
    let options: RenderOptions
    private var started = false

    public init(options: RenderOptions) { self.options = options }

    public func piece(_ domain: DomainReport) -> DocumentPiece {
      let blocks = MarkdownRenderer.domain(domain, options: options)
      return DocumentPiece(
        octets: Array(blocks.joined(separator: "\n\n").utf8), counts: domain.counts)
    }

    public mutating func next(_ piece: DocumentPiece) -> String {
      let head = started ? "" : title
      started = true
      return head + "\n" + String(decoding: piece.octets, as: UTF8.self) + "\n"
    }

    public func end() -> String { started ? "" : title }

    /// `# Report` and the end of its line.
    private var title: String { "# \(ReportWords(options.language)[.reportTitle])\n" }
  }

  /// The blocks (paragraphs, lists, code blocks) for one domain.
  static func domain(_ report: DomainReport, options: RenderOptions) -> [String] {
    let language = options.language
    let words = ReportWords(language)
    let verdict = report.verdict
    var blocks = ["## \(MarkdownText.inline(report.domain))"]
    var verdictLine = "**\(words[.verdict]): \(words.verdict(verdict))** — "
    verdictLine += words.counts(report.counts)
    if let input = report.input {
      verdictLine += " (\(words[.input]) \(MarkdownText.code(input)))"
    }
    blocks.append(verdictLine)
    if report.lookupFailed { blocks.append(words[.lookupsFailed]) }
    if !report.esps.isEmpty {
      blocks.append("### \(words[.sendingServices])")
      blocks.append(
        report.esps.map { esp in
          var item = "- **\(MarkdownText.inline(esp.name))**"
          if esp.named { item += " (\(words[.namedWithESP]))" }
          item += ": " + MarkdownText.inline(esp.alignment.text(language))
          item += esp.evidence.map { "\n  - " + MarkdownText.code($0) }.joined()
          return item
        }.joined(separator: "\n"))
    }
    if let message = report.message {
      blocks += messageBlocks(message, language: language)
    }
    if !report.profiles.isEmpty {
      blocks.append("### \(words[.providerRequirements])")
      for profile in report.profiles {
        let summary = ProfileSummary(profile, options: options)
        let state = ProfileSummary.word(summary.state, words)
        blocks.append("**\(MarkdownText.inline(profile.title.text(language))): \(state)**")
        var items = summary.failed.map { "- ❌ " + MarkdownText.inline($0) }
        if let unknown = summary.unknown { items.append("- ⚠️ " + MarkdownText.inline(unknown)) }
        items += summary.checkableWith.map { input, ids in
          "- ❔ \(ReportWords.heading(input.checkable.text(language))): "
            + ids.map(MarkdownText.code).joined(separator: ", ")
        }
        items += summary.notCheckable.map {
          "- ❔ " + MarkdownText.inline($0) + " — \(words[.notCheckable])"
        }
        if !summary.notChecked.isEmpty {
          items.append(
            "- ❔ \(words[.notCheckedHeading]): "
              + summary.notChecked.map(MarkdownText.code).joined(separator: ", "))
        }
        if summary.passed > 0 { items.append("- ✅ " + words.requirementsMet(summary.passed)) }
        if !items.isEmpty { blocks.append(items.joined(separator: "\n")) }
      }
    }
    blocks.append("### \(words[.whatIsWrong])")
    if report.findings.isEmpty {
      blocks.append(words[.noFindings])
    }
    for (index, finding) in report.findings.enumerated() {
      blocks += self.finding(
        finding, number: index + 1, breaks: report.breaks(finding, language),
        planned: report.fixPlan?.holdsChanges(of: finding) ?? false, options: options)
    }
    if let plan = report.fixPlan {
      if !plan.isEmpty {
        blocks.append("### \(words[.pasteThis])")
        blocks.append(words[ReportWord.pasteThisIntro(plan)])
        blocks.append(
          MarkdownText.block(PlanText.zoneLines(plan, language: language), info: "dns"))
        blocks.append(
          "**\(words[.afterChanges]):** "
            + MarkdownText.inline(PlanText.after(plan, language: language)))
      }
      let left = PlanText.unresolved(plan, language: language)
      if !left.isEmpty {
        blocks.append("### \(words[.stillToDo])")
        blocks.append(left.map { "- " + MarkdownText.inline($0) }.joined(separator: "\n"))
      }
    } else {
      let removes = report.findings.compactMap(\.fix).flatMap(\.remove)
      let adds = report.findings.compactMap(\.fix).flatMap(\.add)
      if !removes.isEmpty || !adds.isEmpty {
        blocks.append("### \(words[.allChanges])")
        blocks.append(words[.allChangesIntro])
        blocks.append(changeBlock(remove: removes, add: adds, words: words))
      }
    }
    if !report.suppressed.isEmpty {
      blocks.append("### \(words[.acceptedExceptions])")
      blocks.append(
        report.suppressed.map { suppressed in
          "- \(MarkdownText.code(suppressed.finding.id)) "
            + "(\(words.severity(suppressed.finding.severity))): "
            + MarkdownText.inline(suppressed.finding.message.text(language)) + " — "
            + "\(words[.reason]): " + MarkdownText.inline(suppressed.reason)
        }.joined(separator: "\n"))
    }
    return blocks
  }

  /// The message section: a table of the prediction beside the receiver's results, and the
  /// differences as a list.
  static func messageBlocks(_ message: MessagePrediction, language: Language) -> [String] {
    var blocks = [
      "### \(MessageSection.title(language))",
      MarkdownText.inline(MessageSection.heading(message, language)),
    ]
    let rows = MessageSection.rows(message, language)
    let receiver = message.receiver != nil
    var table = [
      "| | \(MarkdownText.inline(MessageSection.predictedLabel(language))) |"
        + (receiver
          ? " \(MarkdownText.inline(MessageSection.receiverLabel(message, language))) |" : ""),
      "|---|---|" + (receiver ? "---|" : ""),
    ]
    for row in rows {
      table.append(
        "| \(MarkdownText.inline(row.label)) | \(MarkdownText.inline(row.predicted)) |"
          + (row.receiver.map { " \(MarkdownText.inline($0)) |" } ?? ""))
    }
    blocks.append(table.joined(separator: "\n"))
    if !message.differences.isEmpty {
      blocks.append(
        message.differences.map { "- ≠ " + MarkdownText.inline($0.text(language)) }
          .joined(separator: "\n"))
    }
    blocks.append("*" + MarkdownText.inline(MessageSection.assumption(language)) + "*")
    return blocks
  }

  /// One finding: heading, message, why it matters, the record found, what to publish.
  static func finding(
    _ finding: Finding, number: Int, breaks: [String] = [], planned: Bool = false,
    options: RenderOptions
  ) -> [String] {
    let language = options.language
    let words = ReportWords(language)
    let rule = options.rule(finding.id)
    let title = rule.map { $0.title.text(language) } ?? finding.id
    var blocks = [
      "#### \(number). \(MarkdownText.inline(title)) (\(words.severity(finding.severity)))",
      MarkdownText.inline(finding.message.text(language)),
    ]
    if !breaks.isEmpty {
      blocks.append("**\(words[.breaks]):** " + MarkdownText.inline(breaks.joined(separator: ", ")))
    }
    if let rule {
      blocks.append(
        "**\(words[.whyItMatters]):** " + MarkdownText.inline(rule.rationale.text(language)))
    }
    if let location = finding.location {
      var label =
        "**\(words[.recordFound]):** "
        + MarkdownText.code("\(location.name) \(words.locationType(location.type))")
      if let file = location.file {
        label +=
          " (\(words[.zoneFile]) "
          + MarkdownText.code(file + (location.line.map { ":\($0)" } ?? ""))
          + ")"
      }
      blocks.append(label)
      if let record = location.record {
        blocks.append(MarkdownText.block([record], info: "text"))
      }
    }
    if let fix = finding.fix {
      let hasChanges = !fix.add.isEmpty || !fix.remove.isEmpty
      blocks.append(
        "**\(words[.whatToPublish]):** " + MarkdownText.inline(fix.explanation.text(language))
          + (planned && hasChanges ? " " + words[.inThePlan] : ""))
      if !planned, hasChanges {
        blocks.append(changeBlock(remove: fix.remove, add: fix.add, words: words))
      }
      if (fix.add + fix.remove).contains(where: \.hasPlaceholder) {
        blocks.append(words[.placeholder])
      }
    }
    blocks.append("\(words[.rule]) \(MarkdownText.code(finding.id))")
    return blocks
  }

  /// Zone lines in one fenced block: the ones to remove, then the ones to add, each group
  /// under a `;` comment.
  static func changeBlock(remove: [DNSChange], add: [DNSChange], words: ReportWords) -> String {
    var lines: [String] = []
    if !remove.isEmpty {
      lines.append("; \(words[.removeRecords])")
      lines += remove.map(ZoneLineFormatter.line)
    }
    if !add.isEmpty {
      lines.append("; \(words[.addRecords])")
      lines += ZoneLineFormatter.lines(add)
    }
    return MarkdownText.block(lines, info: "dns")
  }
}
