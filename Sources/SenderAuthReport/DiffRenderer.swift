import SenderAuthCore

/// Renders a `ReportDiff`: text for people, GitHub annotations for pull requests.
public enum DiffRenderer {
  public static func text(
    _ diff: ReportDiff, before: String, after: String, options: RenderOptions
  ) -> String {
    let words = ReportWords(options.language)
    let paint = Painter(enabled: options.color)
    var lines = [paint.bold("\(words.domain) \(TerminalText.escape(diff.domain))")]
    lines.append("  \(words.before): \(TerminalText.escape(before))")
    lines.append("  \(words.after): \(TerminalText.escape(after))")
    for change in diff.verdicts {
      let from = change.before ? words.ready : words.notReady
      let to = change.after ? paint.green(words.ready) : paint.red(words.notReady)
      lines.append("  \(change.title.text(options.language)): \(from) → \(to)")
    }
    func section(_ title: String, _ findings: [Finding], _ mark: String) {
      guard !findings.isEmpty else { return }
      lines.append("")
      lines.append("  " + paint.bold("\(title) (\(findings.count))"))
      for finding in findings {
        lines += TextRenderer.finding(finding, options: options, paint: paint, words: words)
          .enumerated().map { $0.offset == 0 ? "  \(mark) " + $0.element.dropFirst(4) : $0.element }
      }
    }
    section(words.newFindings, diff.new, paint.red("+"))
    section(words.resolvedFindings, diff.resolved, paint.green("-"))
    section(words.changedFindings, diff.changed.map(\.after), paint.yellow("~"))
    lines.append("")
    lines.append(
      "  "
        + words.diffSummary(
          new: diff.new.count, resolved: diff.resolved.count, changed: diff.changed.count,
          unchanged: diff.unchanged.count))
    return lines.joined(separator: "\n") + "\n"
  }

  /// One workflow command per new or worsened finding, on its zone-file line when it has one.
  public static func github(_ diff: ReportDiff, options: RenderOptions) -> String {
    let findings =
      diff.new
      + diff.changed.filter { $0.after.severity > $0.before.severity }
      .map(\.after)
    let lines = findings.map { finding in
      GitHubAnnotation.line(
        for: finding, domain: diff.domain, language: options.language)
    }
    return lines.joined(separator: "\n")
  }
}

/// The JSON view of a diff: messages in one language, fixes as zone lines.
public struct DiffView: Encodable {
  var domain: String
  var new: [JSONFinding]
  var resolved: [JSONFinding]
  var changed: [Changed]
  var unchanged: [JSONFinding]
  var verdicts: [Verdict]

  struct Changed: Encodable {
    var before: JSONFinding
    var after: JSONFinding
  }

  struct Verdict: Encodable {
    var id: String
    var before: Bool
    var after: Bool
  }

  public init(_ diff: ReportDiff, language: Language) {
    domain = diff.domain
    new = diff.new.map { JSONFinding($0, language: language) }
    resolved = diff.resolved.map { JSONFinding($0, language: language) }
    changed = diff.changed.map {
      Changed(
        before: JSONFinding($0.before, language: language),
        after: JSONFinding($0.after, language: language))
    }
    unchanged = diff.unchanged.map { JSONFinding($0, language: language) }
    verdicts = diff.verdicts.map { Verdict(id: $0.id, before: $0.before, after: $0.after) }
  }
}

/// GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`).
public enum GitHubAnnotation {
  public static func line(for finding: Finding, domain: String, language: Language) -> String {
    let command: String
    switch finding.severity {
    case .error: command = "error"
    case .warning: command = "warning"
    case .note: command = "notice"
    }
    var properties: [String] = []
    if let file = finding.location?.file {
      properties.append("file=" + escapeProperty(file))
      if let line = finding.location?.line { properties.append("line=\(line)") }
    }
    properties.append("title=" + escapeProperty("\(finding.id) (\(domain))"))
    let message = escapeData(TerminalText.escape(finding.message.text(language)))
    return "::\(command) \(properties.joined(separator: ","))::\(message)"
  }

  /// GitHub's escaping of a command's data: `%`, CR, LF.
  public static func escapeData(_ text: String) -> String {
    GitHubRenderer.escapeData(text)
  }

  /// GitHub's escaping of a property value: the data escapes plus `:` and `,`.
  public static func escapeProperty(_ text: String) -> String {
    GitHubRenderer.escapeProperty(text)
  }
}

extension String {
  func replacingAll(_ target: String, _ replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}

extension ReportWords {
  var before: String { self[.before] }
  var after: String { self[.after] }
  var newFindings: String { self[.newFindings] }
  var resolvedFindings: String { self[.resolvedFindings] }
  var changedFindings: String { self[.changedFindings] }

  /// `2 new, 1 resolved, 0 changed, 5 unchanged`.
  func diffSummary(new: Int, resolved: Int, changed: Int, unchanged: Int) -> String {
    "\(new) \(self[.new]), \(resolved) \(self[.resolved]), \(changed) \(self[.changed]), "
      + "\(unchanged) \(self[.unchanged])"
  }
}
