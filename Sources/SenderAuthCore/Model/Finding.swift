/// One thing a rule found about a domain.
public struct Finding: Hashable, Sendable, Codable {
  /// The rule id (`spf.lookup-limit`): public API, never changes meaning.
  public var id: String
  public var severity: Severity
  /// What is wrong, naming the term and values: `SPF record for 'example.com' needs 12 DNS
  /// lookups; the limit is 10`.
  public var message: LocalizedText
  public var location: Location?
  public var fix: Fix?

  public init(
    id: String, severity: Severity, message: LocalizedText, location: Location? = nil,
    fix: Fix? = nil
  ) {
    self.id = id
    self.severity = severity
    self.message = message
    self.location = location
    self.fix = fix
  }
}
