import SenderAuthCore

/// The `text` format: per domain the verdict first (overall and per profile), then findings
/// grouped by record, each with its id, severity, the record with the offending term marked,
/// and fix lines ready to paste; one summary line at the end.
///
/// On a terminal (`RenderOptions.width`) prose is wrapped and record text is broken into
/// pieces that fit; zone lines to paste always stay whole, since a broken line would not
/// paste. Output for a pipe or a file is never wrapped or cut. Readable without colour;
/// everything that came from DNS is escaped for the terminal.
public enum TextRenderer {
  public static func render(_ report: Report, options: RenderOptions) -> String {
    var document = Document(options: options)
    return document.text(of: report.domains)
  }

  /// The document a domain at a time (`StreamedDocument`): each domain's text and a line
  /// between them, then the summary of every domain written.
  public struct Document: StreamedDocument {
    let options: RenderOptions
    private var domains = 0
    private var counts = SeverityCounts(findings: [])

    public init(options: RenderOptions) { self.options = options }

    public func piece(_ domain: DomainReport) -> DocumentPiece {
      DocumentPiece(
        octets: Array(TextRenderer.domain(domain, options: options).utf8), counts: domain.counts)
    }

    public mutating func next(_ piece: DocumentPiece) -> String {
      domains += 1
      counts.add(piece.counts)
      return String(decoding: piece.octets, as: UTF8.self) + "\n"
    }

    public func end() -> String {
      summary(
        domains: domains, counts: counts, words: ReportWords(options.language),
        paint: Painter(enabled: options.color)) + "\n"
    }
  }

  /// `Summary: 2 domains · errors 1 · warnings 2 · notes 1 · suppressed 1`.
  static func summary(domains: Int, counts: SeverityCounts, words: ReportWords, paint: Painter)
    -> String
  {
    paint.bold(words[.summary] + ":") + " " + words.domains(domains) + " · "
      + words.counts(counts)
  }

  public static func domain(_ report: DomainReport, options: RenderOptions) -> String {
    let language = options.language
    let words = ReportWords(language)
    let paint = Painter(enabled: options.color)
    let verdict = report.verdict
    let width = options.width ?? Int.max
    var lines: [String] = []
    lines.append(
      paint.bold(TerminalText.escape(report.domain)) + ": "
        + paint.bold(paint.verdict(verdict, words.verdict(verdict))))
    if let input = report.input {
      lines.append("  (\(words[.input]) '\(TerminalText.escape(input))')")
    }
    lines.append("  " + words.counts(report.counts))
    for esp in report.esps {
      var text = "\(words[.sendingServices]): \(TerminalText.escape(esp.name))"
      if esp.named { text += " (\(words[.namedWithESP]))" }
      text += " — " + TerminalText.escape(esp.alignment.text(language))
      lines += TextWrapper.wrap(text, width: width, first: "  ", indent: "    ")
      lines += esp.evidence.map { "    | " + TerminalText.escape($0) }
    }
    if let message = report.message {
      lines += messageLines(message, options: options, paint: paint)
    }
    for profile in report.profiles {
      let summary = ProfileSummary(profile, options: options)
      let word = ProfileSummary.word(summary.state, words)
      let state: String
      switch summary.state {
      case .ready: state = paint.green(word)
      case .notReady: state = paint.red(word)
      case .incomplete, .notJudged: state = paint.yellow(word)
      }
      lines.append("  \(TerminalText.escape(profile.title.text(language))): \(state)")
      // Failed requirements one per line (one per cause), then those that could not be judged,
      // what an option would make checkable (one line per option), what DNS cannot decide and
      // what this run did not check, one line each, then how many passed.
      for line in summary.failed {
        lines += marker(paint.red("✗"), TerminalText.escape(line), width: width)
      }
      if let unknown = summary.unknown {
        lines += marker(paint.yellow("?"), unknown, width: width)
      }
      for (input, ids) in summary.checkableWith {
        let heading = ReportWords.heading(input.checkable.text(language))
        lines += marker(paint.dim("-"), "\(heading): \(ids.joined(separator: ", "))", width: width)
      }
      // What DNS cannot decide: a few are named; a long list (the sending practices of bulk
      // senders) is a count and the command that lists them, so the failed ones stay in view.
      let notCheckable = summary.notCheckable
      if !notCheckable.isEmpty {
        let list =
          notCheckable.count <= 3
          ? notCheckable.map(TerminalText.escape).joined(separator: "; ")
          : words.notCheckableCount(notCheckable.count, profile: profile.id)
        lines += marker(paint.dim("-"), "\(words[.notCheckableHeading]): \(list)", width: width)
      }
      if !summary.notChecked.isEmpty {
        let list = summary.notChecked.map(TerminalText.escape).joined(separator: ", ")
        lines += marker(paint.dim("-"), "\(words[.notCheckedHeading]): \(list)", width: width)
      }
      if summary.passed > 0 {
        lines.append("    " + paint.green("✓") + " " + words.requirementsMet(summary.passed))
      }
    }
    if report.findings.isEmpty {
      lines.append("  " + paint.green(words[.noFindings]))
    }
    for group in groups(report.findings, words: words) {
      lines.append("")
      let heading =
        group.key.isEmpty ? words[.general] : TerminalText.escape(group.key)
      lines.append("  " + paint.bold(heading))
      for finding in group.findings {
        lines += self.finding(
          finding, breaks: report.breaks(finding, language),
          planned: report.fixPlan?.holdsChanges(of: finding) ?? false, options: options,
          paint: paint,
          words: words)
      }
    }
    if let plan = report.fixPlan,
      !plan.isEmpty || !PlanText.unresolved(plan, language: options.language).isEmpty
    {
      lines += planLines(plan, options: options, paint: paint, words: words)
    }
    if !report.suppressed.isEmpty { lines.append("") }
    for suppressed in report.suppressed {
      let text =
        "\(words[.suppressed]) \(suppressed.finding.id) (\(words.severity(suppressed.finding.severity))): "
        + TerminalText.escape(suppressed.finding.message.text(language)) + " — \(words[.reason]): "
        + TerminalText.escape(suppressed.reason)
      lines += TextWrapper.wrap(text, width: width, first: "  ", indent: "    ").map(paint.dim)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The plan at the end of a domain: the zone lines (never wrapped), what they achieve, and
  /// what is left.
  static func planLines(
    _ plan: FixPlan, options: RenderOptions, paint: Painter, words: ReportWords
  ) -> [String] {
    let width = options.width ?? Int.max
    let language = options.language
    var lines = [""]
    if !plan.isEmpty {
      lines.append("  " + paint.bold(words[.pasteThis]))
      lines += TextWrapper.wrap(
        words[ReportWord.pasteThisIntro(plan)], width: width, first: "    ", indent: "    "
      ).map(paint.dim)
      lines += PlanText.zoneLines(plan, language: language).map { line in
        "    " + (line.hasPrefix(";") ? paint.dim(line) : paint.green(TerminalText.escape(line)))
      }
      lines += TextWrapper.wrap(
        "\(words[.afterChanges]): " + TerminalText.escape(PlanText.after(plan, language: language)),
        width: width, first: "    ", indent: "      ")
    }
    let left = PlanText.unresolved(plan, language: language)
    if !left.isEmpty {
      lines.append("  " + paint.bold(words[.stillToDo]))
      for item in left {
        lines += TextWrapper.wrap(
          TerminalText.escape(item), width: width, first: "    - ", indent: "      ")
      }
    }
    return lines
  }

  /// The message section: the prediction beside the receiver's results, and the differences.
  static func messageLines(_ message: MessagePrediction, options: RenderOptions, paint: Painter)
    -> [String]
  {
    let language = options.language
    let width = options.width ?? Int.max
    var lines = TextWrapper.wrap(
      paint.bold(MessageSection.title(language) + ":") + " "
        + TerminalText.escape(MessageSection.heading(message, language)),
      width: width, first: "  ", indent: "    ")
    lines += TextWrapper.wrap(
      MessageSection.legend(message, language), width: width, first: "    ", indent: "    ")
    for row in MessageSection.rows(message, language) {
      var text = TerminalText.escape(row.label) + ": " + TerminalText.escape(row.predicted)
      if let receiver = row.receiver {
        text += " — " + MessageSection.receiverWord(language) + ": " + TerminalText.escape(receiver)
      }
      lines += TextWrapper.wrap(text, width: width, first: "    ", indent: "      ")
    }
    for difference in message.differences {
      lines += marker(
        paint.yellow("≠"), TerminalText.escape(difference.text(language)), width: width)
    }
    lines += TextWrapper.wrap(
      paint.dim(MessageSection.assumption(language)), width: width, first: "    ", indent: "    ")
    return lines
  }

  /// A requirement line: `    ✗ text`, continuation lines indented under the text.
  static func marker(_ mark: String, _ text: String, width: Int) -> [String] {
    TextWrapper.wrap(text, width: width, first: "      ", indent: "        ")
      .enumerated().map { index, line in
        index == 0 ? "    " + mark + " " + line.dropFirst(6) : line
      }
  }

  /// Findings grouped by record (owner and type), in the order their first finding comes.
  static func groups(_ findings: [Finding], words: ReportWords) -> [(
    key: String, findings: [Finding]
  )] {
    var groups: [(key: String, findings: [Finding])] = []
    for finding in findings {
      let key = finding.location.map { "\($0.name) \(words.locationType($0.type))" } ?? ""
      if let index = groups.firstIndex(where: { $0.key == key }) {
        groups[index].findings.append(finding)
      } else {
        groups.append((key, [finding]))
      }
    }
    return groups
  }

  /// One finding: `    error spf.lookup-limit: message`, its file and line, the marked record,
  /// and the fix. The first line starts with four spaces, the others with six.
  static func finding(
    _ finding: Finding, breaks: [String] = [], planned: Bool = false, options: RenderOptions,
    paint: Painter, words: ReportWords
  ) -> [String] {
    let width = options.width ?? Int.max
    let severityWord = words.severity(finding.severity)
    let head = "    \(severityWord) \(finding.id): "
    var lines = TextWrapper.wrap(
      TerminalText.escape(finding.message.text(options.language)), width: width,
      first: head, indent: "      ")
    lines[0] =
      "    " + paint.severity(finding.severity, severityWord) + " " + paint.bold(finding.id) + ": "
      + lines[0].dropFirst(head.count)
    if !breaks.isEmpty {
      lines += TextWrapper.wrap(
        "\(words[.breaks]): " + breaks.map(TerminalText.escape).joined(separator: ", "),
        width: width, first: "      ", indent: "        ")
    }
    if let location = finding.location {
      if let file = location.file {
        lines.append(
          "      " + paint.dim(TerminalText.escape(file) + (location.line.map { ":\($0)" } ?? "")))
      }
      if let record = location.record {
        lines += marked(record, span: location.span, width: options.width.map { $0 - 10 })
          .map { "      " + $0 }
      }
    }
    if let fix = finding.fix {
      let label = words[.fix]
      let hasChanges = !fix.add.isEmpty || !fix.remove.isEmpty
      var explanation = TerminalText.escape(fix.explanation.text(options.language))
      // With a plan, the records are given once, in the plan, not under each finding.
      if planned, hasChanges { explanation += " " + words[.inThePlan] }
      var fixLines = TextWrapper.wrap(
        explanation, width: width, first: "      \(label) ", indent: "        ")
      fixLines[0] = "      " + paint.cyan(label) + fixLines[0].dropFirst(6 + label.count)
      lines += fixLines
      if planned { return lines }
      for line in fix.remove.map(ZoneLineFormatter.line) {
        lines.append("      - " + paint.red(TerminalText.escape(line)))
      }
      for line in ZoneLineFormatter.lines(fix.add) {
        lines.append("      + " + paint.green(TerminalText.escape(line)))
      }
      if (fix.add + fix.remove).contains(where: \.hasPlaceholder) {
        lines += TextWrapper.wrap(
          words[.placeholder], width: width, first: "      ", indent: "      "
        )
        .map(paint.dim)
      }
    }
    return lines
  }

  /// The record text escaped and, on a terminal, broken into pieces that fit `width` columns
  /// (whole when `width` is nil), each prefixed `| `, with `^~~~` under the span.
  static func marked(_ record: String, span: Location.Span?, width: Int? = nil) -> [String] {
    let pieces = record.map { TerminalText.escape(String($0)) }
    let pieceWidth = max(20, (width ?? Int.max / 2) - 2)
    var lines: [String] = []
    var start = 0
    repeat {
      var end = start
      var columns = 0
      while end < pieces.count, end == start || columns + pieces[end].count <= pieceWidth {
        columns += pieces[end].count
        end += 1
      }
      lines.append("| " + pieces[start..<end].joined())
      // Marked on the line the span starts on only: a long term (a DKIM key) is not
      // underlined line after line.
      if let span, span.offset >= start,
        span.offset < end || (span.offset == end && end == pieces.count)
      {
        let from = max(span.offset, start)
        let to = min(span.offset + max(span.length, 1), end)
        let indent = pieces[start..<from].map(\.count).reduce(0, +)
        // A long term (a DKIM key) is marked by its start, not underlined to its end.
        let length = min(max(1, pieces[from..<to].map(\.count).reduce(0, +)), 40)
        lines.append(
          "  " + String(repeating: " ", count: indent) + "^"
            + String(repeating: "~", count: length - 1))
      }
      start = end
    } while start < pieces.count
    return lines
  }
}
