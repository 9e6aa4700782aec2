import SenderAuthCore

/// The whole report: what every renderer reads. Its JSON form is a public contract.
public struct Report: Codable, Sendable {
  /// Bumped when a field changes meaning or goes away; new fields do not bump it.
  public var schemaVersion: Int
  public var tool: Tool
  public var domains: [DomainReport]

  public struct Tool: Codable, Sendable {
    public var name: String
    public var version: String
  }

  public init(domains: [DomainReport], version: String) {
    self.schemaVersion = 1
    self.tool = Tool(name: "senderauth", version: version)
    self.domains = domains
  }

  /// The worst severity among all findings, nil when there are none.
  public var worstSeverity: Severity? {
    domains.flatMap(\.findings).map(\.severity).max()
  }
}
