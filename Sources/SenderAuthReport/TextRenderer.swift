import SenderAuthCore

/// The `text` format: verdicts first, then findings grouped by record, each with its id,
/// severity, the record with the offending term marked, and fix lines ready to paste.
/// Fits 100 columns; readable without colour; record text escaped for the terminal.
public enum TextRenderer {
  public static func render(_ report: Report, options: RenderOptions) -> String {
    report.domains.map { domain($0, options: options) }.joined(separator: "\n")
  }

  public static func domain(_ report: DomainReport, options: RenderOptions) -> String {
    let words = ReportWords(options.language)
    let paint = Painter(enabled: options.color)
    var lines: [String] = []
    lines.append(paint.bold("\(words.domain) \(TerminalText.escape(report.domain))"))
    if let input = report.input {
      lines.append("  (\(words.input) '\(TerminalText.escape(input))')")
    }
    for profile in report.profiles {
      let verdict = profile.ready ? paint.green(words.ready) : paint.red(words.notReady)
      lines.append("  \(profile.title.text(options.language)): \(verdict)")
      for requirement in profile.requirements {
        let mark: String
        switch requirement.status {
        case .passed: mark = paint.green("✓")
        case .failed: mark = paint.red("✗")
        case .notCheckable: mark = paint.dim("?")
        }
        var line = "    \(mark) \(requirement.title.text(options.language))"
        if requirement.status == .notCheckable { line += " (\(words.notCheckable))" }
        if !requirement.findings.isEmpty {
          line += " [\(requirement.findings.joined(separator: ", "))]"
        }
        lines.append(line)
      }
    }
    if report.findings.isEmpty {
      lines.append("  " + paint.green(words.noFindings))
    }
    // Group by record (owner + type), keeping the worst-first order of the first finding.
    var groups: [(key: String, findings: [Finding])] = []
    for finding in report.findings {
      let key = finding.location.map { "\($0.name) \($0.type)" } ?? ""
      if let index = groups.firstIndex(where: { $0.key == key }) {
        groups[index].findings.append(finding)
      } else {
        groups.append((key, [finding]))
      }
    }
    for group in groups {
      lines.append("")
      if !group.key.isEmpty { lines.append("  " + paint.bold(TerminalText.escape(group.key))) }
      for finding in group.findings {
        lines += self.finding(finding, options: options, paint: paint, words: words)
      }
    }
    for suppressed in report.suppressed {
      lines.append(
        "  "
          + paint.dim(
            "\(words.suppressed) \(suppressed.finding.id): \(TerminalText.escape(suppressed.reason))"
          ))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func finding(
    _ finding: Finding, options: RenderOptions, paint: Painter, words: ReportWords
  ) -> [String] {
    var lines: [String] = []
    let severity = paint.severity(finding.severity, words.severity(finding.severity))
    lines.append(
      "    \(severity) \(paint.bold(finding.id)): "
        + TerminalText.escape(finding.message.text(options.language)))
    if let location = finding.location {
      if let file = location.file {
        lines.append("      " + paint.dim("\(file)\(location.line.map { ":\($0)" } ?? "")"))
      }
      if let record = location.record {
        lines += marked(record, span: location.span).map { "      " + $0 }
      }
    }
    if let fix = finding.fix {
      lines.append("      " + paint.cyan(words.fix) + " " + fix.explanation.text(options.language))
      for line in fix.remove.map(ZoneLineFormatter.line) {
        lines.append("      - " + TerminalText.escape(line))
      }
      for line in ZoneLineFormatter.lines(fix.add) {
        lines.append("      + " + TerminalText.escape(line))
      }
    }
    return lines
  }

  /// The record text (escaped, wrapped at 90 columns) with `^~~~` under the span.
  static func marked(_ record: String, span: Location.Span?) -> [String] {
    let characters = Array(record)
    var lines: [String] = []
    var start = 0
    let width = 88
    repeat {
      let end = min(start + width, characters.count)
      let chunk = String(characters[start..<end])
      lines.append("| " + TerminalText.escape(chunk))
      if let span, span.offset < end, span.offset + max(span.length, 1) > start {
        let from = max(span.offset, start) - start
        let to = min(span.offset + max(span.length, 1), end) - start
        let prefix = TerminalText.escape(String(characters[start..<start + from]))
        let marker = "^" + String(repeating: "~", count: max(0, to - from - 1))
        lines.append("  " + String(repeating: " ", count: prefix.count) + marker)
      }
      start = end
    } while start < characters.count
    return lines
  }
}

/// ANSI styling, or none.
struct Painter {
  var enabled: Bool

  func wrap(_ text: String, _ code: String) -> String {
    enabled ? "\u{1b}[\(code)m\(text)\u{1b}[0m" : text
  }

  func bold(_ text: String) -> String { wrap(text, "1") }
  func dim(_ text: String) -> String { wrap(text, "2") }
  func red(_ text: String) -> String { wrap(text, "31") }
  func green(_ text: String) -> String { wrap(text, "32") }
  func yellow(_ text: String) -> String { wrap(text, "33") }
  func cyan(_ text: String) -> String { wrap(text, "36") }

  func severity(_ severity: Severity, _ text: String) -> String {
    switch severity {
    case .error: red(text)
    case .warning: yellow(text)
    case .note: cyan(text)
    }
  }
}

/// The report's own words (not the rules'), in each language.
struct ReportWords {
  let language: Language
  init(_ language: Language) { self.language = language }

  private func pick(_ en: String, _ de: String) -> String { language == .en ? en : de }

  var domain: String { pick("Domain", "Domain") }
  var input: String { pick("given as", "eingegeben als") }
  var ready: String { pick("ready", "bereit") }
  var notReady: String { pick("not ready", "nicht bereit") }
  var notCheckable: String { pick("not checkable from DNS", "nicht per DNS prüfbar") }
  var noFindings: String { pick("No findings.", "Keine Befunde.") }
  var fix: String { pick("Fix:", "Behebung:") }
  var suppressed: String { pick("suppressed", "unterdrückt") }

  func severity(_ severity: Severity) -> String {
    switch severity {
    case .error: pick("error", "Fehler")
    case .warning: pick("warning", "Warnung")
    case .note: pick("note", "Hinweis")
    }
  }
}
