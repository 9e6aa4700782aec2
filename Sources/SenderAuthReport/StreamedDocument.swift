import SenderAuthCore

/// What one domain adds to a streamed document: its text, made when the domain finishes (what
/// waits while a slower domain before it is still running), and its counts for a summary.
public struct DocumentPiece: Sendable {
  public var octets: [UInt8]
  public var counts: SeverityCounts
}

/// A format whose document is its domains' pieces in input order between an opening and a
/// closing (`json`, `text`, `markdown`), so a batch writes each domain as soon as the ones
/// before it are out instead of keeping every report to the end.
///
/// `piece` is made when the domain finishes; `next` gives the text to write for it, in input
/// order; `end` the rest of the document. Each text `next` gives ends a line, so a progress
/// line on the same terminal never lands inside one. Together they are the format's
/// `render` (`text(of:)`).
public protocol StreamedDocument: Sendable {
  func piece(_ domain: DomainReport) -> DocumentPiece
  mutating func next(_ piece: DocumentPiece) -> String
  /// The rest of the document after the domains written (empty when nothing is left).
  func end() -> String
}

extension StreamedDocument {
  /// The whole document of `domains`, as a batch writes it.
  mutating func text(of domains: [DomainReport]) -> String {
    var text = ""
    for domain in domains { text += next(piece(domain)) }
    return text + end()
  }
}

extension ReportFormat {
  /// This format's document a domain at a time, for the formats that are one (`json`,
  /// `text`, `markdown`); nil for those rendered as a whole.
  public func document(_ header: Report, options: RenderOptions) -> (any StreamedDocument)? {
    switch self {
    case .json: JSONRenderer.Document(header, options: options)
    case .text: TextRenderer.Document(options: options)
    case .markdown: MarkdownRenderer.Document(options: options)
    default: nil
    }
  }
}
