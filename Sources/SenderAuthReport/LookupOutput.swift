import DNSLookup

/// The result of `senderauth lookup`, as JSON and as dig-like text.
public struct LookupOutput: Codable, Sendable {
  public struct Record: Codable, Sendable {
    public var name: String
    public var type: String
    public var ttl: UInt32
    /// Presentation form: `"a" "b"` for TXT, `10 mail.example.com.` for MX.
    public var data: String
  }

  public struct Failure: Codable, Sendable {
    public var kind: String
    public var message: String
  }

  public var name: String
  public var type: String
  /// `answer`, `cname` (the name is an alias and the answer stops at its CNAME: the target was
  /// not followed or said nothing), `nxdomain`, `nodata` or `error`.
  public var status: String
  public var records: [Record]
  public var error: Failure?
  public var server: String?

  public init(answer: DNSAnswer) {
    name = answer.name.absolute
    type = answer.type.mnemonic
    // A CNAME without records of the asked type is an answer that the name is an alias, not
    // NODATA.
    status =
      answer.status == .nodata && !answer.cnameChain.isEmpty ? "cname" : answer.status.rawValue
    records = answer.records.map {
      Record(
        name: $0.name.absolute, type: $0.type.mnemonic, ttl: $0.ttl, data: $0.data.presentation)
    }
    error = nil
    server = answer.server
  }

  public init(name: DomainName, type: RRType, error: DNSError) {
    self.name = name.absolute
    self.type = type.mnemonic
    status = "error"
    records = []
    self.error = Failure(kind: error.kind, message: error.description)
    server = nil
  }

  public var json: String { JSONText.pretty(self) }

  /// `;; example.com. TXT: ANSWER from 127.0.0.1:53` and one zone-file line per record;
  /// an alias says where it points (`CNAME to target.example.`).
  public var text: String {
    var header = ";; \(name) \(type): \(status.uppercased())"
    if status == "cname", let target = records.last(where: { $0.type == "CNAME" })?.data {
      header += " to \(target)"
    }
    if let error { header += " (\(error.kind)): \(error.message)" }
    if let server { header += " from \(server)" }
    let lines = records.map { "\($0.name) \($0.ttl) IN \($0.type) \($0.data)" }
    return TerminalText.escape(header) + "\n"
      + lines.map(TerminalText.escape).joined(separator: "\n")
  }
}
