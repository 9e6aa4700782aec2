import SenderAuthCore

/// The output formats of `senderauth check`: each a pure renderer over one `Report`.
public enum ReportFormat: String, CaseIterable, Sendable {
  case text
  case json
  case jsonl
  case markdown
  case github
  case junit
  case sarif
  case codequality

  /// The whole report in this format. For `jsonl` that is every domain's line; the CLI
  /// streams them one by one instead as domains finish.
  public func render(_ report: Report, options: RenderOptions) -> String {
    switch self {
    case .text: TextRenderer.render(report, options: options)
    case .json: JSONRenderer.render(report, options: options)
    case .jsonl:
      report.domains.map { JSONRenderer.line($0, options: options) + "\n" }.joined()
    case .markdown: MarkdownRenderer.render(report, options: options)
    case .github: GitHubRenderer.render(report, options: options)
    case .junit: JUnitRenderer.render(report, options: options)
    case .sarif: SARIFRenderer.render(report, options: options)
    case .codequality: CodeQualityRenderer.render(report, options: options)
    }
  }

  /// Whether the format writes one line per domain as each finishes.
  public var streams: Bool { self == .jsonl }
}
