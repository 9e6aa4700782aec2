import SenderAuthCore

/// The `github` format: one GitHub Actions workflow command per finding
/// (`::error file=…,line=…,title=…::message`), `warning` and `notice` for the other
/// severities. `file` and `line` come from the zone file the record was read from; findings
/// about live DNS carry no file and show up on the workflow run. The message holds the
/// finding and its fix lines; a plain summary line ends the output.
public enum GitHubRenderer {
  public static func render(_ report: Report, options: RenderOptions) -> String {
    let words = ReportWords(options.language)
    var lines: [String] = []
    for domain in report.domains {
      for finding in domain.findings {
        lines.append(command(for: finding, domain: domain.domain, options: options))
      }
    }
    lines.append(
      "senderauth: " + words.domains(report.domains.count) + " · " + words.counts(report.counts))
    return lines.joined(separator: "\n") + "\n"
  }

  /// The workflow command for one finding.
  public static func command(for finding: Finding, domain: String, options: RenderOptions)
    -> String
  {
    let language = options.language
    let name: String
    switch finding.severity {
    case .error: name = "error"
    case .warning: name = "warning"
    case .note: name = "notice"
    }
    var properties: [String] = []
    if let file = finding.location?.file {
      properties.append("file=" + escapeProperty(TerminalText.escape(file)))
      if let line = finding.location?.line { properties.append("line=\(line)") }
    }
    var title = "\(finding.id) (\(domain))"
    if let rule = options.rule(finding.id) { title += ": " + rule.title.text(language) }
    properties.append("title=" + escapeProperty(TerminalText.escape(title)))
    var message = [finding.message.text(language)]
    if let fix = finding.fix {
      message.append(ReportWords(language)[.fix] + " " + fix.explanation.text(language))
      message += fix.remove.map { "- " + ZoneLineFormatter.line($0) }
      message += ZoneLineFormatter.lines(fix.add).map { "+ " + $0 }
    }
    let data = message.map(TerminalText.escape).joined(separator: "\n")
    return "::\(name) \(properties.joined(separator: ","))::" + escapeData(data)
  }

  /// GitHub's escaping of a command's data: `%`, CR, LF (scalar by scalar, so a CRLF pair is
  /// escaped too).
  public static func escapeData(_ text: String) -> String {
    escape(text, [("%", "%25"), ("\r", "%0D"), ("\n", "%0A")])
  }

  /// GitHub's escaping of a property value: the data escapes plus `:` and `,`.
  public static func escapeProperty(_ text: String) -> String {
    escape(text, [("%", "%25"), ("\r", "%0D"), ("\n", "%0A"), (":", "%3A"), (",", "%2C")])
  }

  static func escape(_ text: String, _ table: [(Unicode.Scalar, String)]) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      if let replacement = table.first(where: { $0.0 == scalar })?.1 {
        out += replacement
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
