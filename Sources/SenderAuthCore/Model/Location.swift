import DNSLookup

/// Where a finding points: a record (owner, type, text), a span of that text, and the zone
/// file line the record came from when it came from one.
public struct Location: Hashable, Sendable, Codable {
  /// A character range in `record`: `offset` characters from the start, `length` characters.
  public struct Span: Hashable, Sendable, Codable {
    public var offset: Int
    public var length: Int
    public init(offset: Int, length: Int) {
      self.offset = offset
      self.length = length
    }
  }

  /// The owner name of the record (`_dmarc.example.com`).
  public var name: String
  /// The record type mnemonic (`TXT`).
  public var type: String
  /// The record's text (TXT strings joined), when the finding is about one record.
  public var record: String?
  public var span: Span?
  /// The zone file and line, when the record was read from a zone file.
  public var file: String?
  public var line: Int?

  public init(
    name: String, type: String, record: String? = nil, span: Span? = nil, file: String? = nil,
    line: Int? = nil
  ) {
    self.name = name
    self.type = type
    self.record = record
    self.span = span
    self.file = file
    self.line = line
  }

  /// A location for `record`, with its zone-file origin when it has one.
  public init(record: ResourceRecord, text: String? = nil, span: Span? = nil) {
    self.init(
      name: record.name.text, type: record.type.mnemonic, record: text, span: span,
      file: record.origin?.file, line: record.origin?.line)
  }
}
