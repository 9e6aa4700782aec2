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
    let words = ReportWords(options.language)
    let paint = Painter(enabled: options.color)
    var parts = report.domains.map { domain($0, options: options) }
    parts.append(summary(report, words: words, paint: paint) + "\n")
    return parts.joined(separator: "\n")
  }

  /// `Summary: 2 domains · errors 1 · warnings 2 · notes 1 · suppressed 1`.
  static func summary(_ report: Report, words: ReportWords, paint: Painter) -> String {
    paint.bold(words[.summary] + ":") + " " + words.domains(report.domains.count) + " · "
      + words.counts(report.counts)
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
    for profile in report.profiles {
      let state: String
      switch profile.state {
      case .ready: state = paint.green(words[.ready])
      case .notReady: state = paint.red(words[.notReady])
      case .incomplete: state = paint.yellow(words[.incompleteProfile])
      }
      lines.append("  \(TerminalText.escape(profile.title.text(language))): \(state)")
      // Failed requirements one per line, then those that could not be judged and what DNS
      // cannot decide on one line each, then how many passed.
      for line in failedLines(profile, options: options) {
        lines += marker(paint.red("✗"), line, width: width)
      }
      let unknown = profile.requirements.filter { $0.status == .unknown }
      if !unknown.isEmpty {
        var ids: [String] = []
        for id in unknown.flatMap(\.findings) where !ids.contains(id) { ids.append(id) }
        let text =
          "\(unknown.count) \(words[.requirementsUnknown])"
          + (ids.isEmpty ? "" : " [\(ids.joined(separator: ", "))]")
        lines += marker(paint.yellow("?"), text, width: width)
      }
      let notCheckable = uniqueTitles(profile.requirements, .notCheckable, language)
      if !notCheckable.isEmpty {
        let text =
          "\(words[.notCheckableHeading]): "
          + notCheckable.map(TerminalText.escape).joined(separator: "; ")
        lines += marker(paint.dim("-"), text, width: width)
      }
      let passed = profile.requirements.filter { $0.status == .passed }.count
      if passed > 0 {
        lines.append("    " + paint.green("✓") + " " + words.requirementsMet(passed))
      }
    }
    if report.findings.isEmpty {
      lines.append("  " + paint.green(words[.noFindings]))
    }
    for group in groups(report.findings) {
      lines.append("")
      let heading =
        group.key.isEmpty ? words[.general] : TerminalText.escape(group.key)
      lines.append("  " + paint.bold(heading))
      for finding in group.findings {
        lines += self.finding(
          finding, breaks: breaks(finding, in: report, language), options: options,
          paint: paint, words: words)
      }
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

  /// The failed requirements of `profile`, one line each; requirements that fail because of
  /// the same reported finding (folded into it) share one line that names the cause, how
  /// many requirements it fails and whose they are.
  static func failedLines(_ profile: ProfileVerdict, options: RenderOptions) -> [String] {
    let language = options.language
    let words = ReportWords(language)
    let failed = profile.requirements.filter { $0.status == .failed }
    var groups: [(links: [String], requirements: [RequirementResult])] = []
    for requirement in failed {
      if let index = groups.firstIndex(where: { $0.links == requirement.findings }) {
        groups[index].requirements.append(requirement)
      } else {
        groups.append((requirement.findings, [requirement]))
      }
    }
    return groups.map { group in
      let ids = " [\(group.links.map(TerminalText.escape).joined(separator: ", "))]"
      guard group.requirements.count > 1 else {
        let requirement = group.requirements[0]
        return TerminalText.escape(requirement.title.text(language))
          + (requirement.findings.isEmpty ? "" : ids)
      }
      let causes = group.links.map { options.rule($0)?.title.text(language) ?? $0 }
      var providers: [String] = []
      for requirement in group.requirements {
        let name = requirement.provider.text(language)
        if !name.isEmpty, !providers.contains(name) { providers.append(name) }
      }
      return TerminalText.escape(causes.joined(separator: "; ")) + ids + " — "
        + "\(group.requirements.count) \(words[.requirements])"
        + (providers.isEmpty ? "" : " (\(providers.joined(separator: ", ")))")
    }
  }

  /// A requirement line: `    ✗ text`, continuation lines indented under the text.
  static func marker(_ mark: String, _ text: String, width: Int) -> [String] {
    TextWrapper.wrap(text, width: width, first: "      ", indent: "        ")
      .enumerated().map { index, line in
        index == 0 ? "    " + mark + " " + line.dropFirst(6) : line
      }
  }

  /// Whose rules `finding` breaks: the providers of the failed requirements that point at it,
  /// each once, in profile order (`RFCs, Gmail, Yahoo, Outlook.com`).
  static func breaks(_ finding: Finding, in report: DomainReport, _ language: Language)
    -> [String]
  {
    var names: [String] = []
    for profile in report.profiles {
      for requirement in profile.requirements
      where requirement.status == .failed && requirement.findings.contains(finding.id) {
        let name = requirement.provider.text(language)
        if !name.isEmpty, !names.contains(name) { names.append(name) }
      }
    }
    return names
  }

  /// The titles of the requirements with `status`, each once, in order.
  static func uniqueTitles(
    _ requirements: [RequirementResult], _ status: RequirementStatus, _ language: Language
  ) -> [String] {
    var seen: Set<String> = []
    return requirements.filter { $0.status == status }.map { $0.title.text(language) }
      .filter { seen.insert($0).inserted }
  }

  /// Findings grouped by record (owner and type), in the order their first finding comes.
  static func groups(_ findings: [Finding]) -> [(key: String, findings: [Finding])] {
    var groups: [(key: String, findings: [Finding])] = []
    for finding in findings {
      let key = finding.location.map { "\($0.name) \($0.type)" } ?? ""
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
    _ finding: Finding, breaks: [String] = [], options: RenderOptions, paint: Painter,
    words: ReportWords
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
      var fixLines = TextWrapper.wrap(
        TerminalText.escape(fix.explanation.text(options.language)), width: width,
        first: "      \(label) ", indent: "        ")
      fixLines[0] = "      " + paint.cyan(label) + fixLines[0].dropFirst(6 + label.count)
      lines += fixLines
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
