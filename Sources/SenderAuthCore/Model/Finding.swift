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
  /// The ids of the findings this one follows from (a provider requirement that fails
  /// because of `spf.multiple-records`). When every cause is reported, this finding is folded
  /// into them: its requirement points at the cause instead of repeating it with its own fix.
  public var causes: [String]
  /// The profile requirements (rule ids) this finding makes fail besides its own rule: filled
  /// in when findings that follow from it are folded into it.
  public var breaks: [String]

  public init(
    id: String, severity: Severity, message: LocalizedText, location: Location? = nil,
    fix: Fix? = nil, causes: [String] = [], breaks: [String] = []
  ) {
    self.id = id
    self.severity = severity
    self.message = message
    self.location = location
    self.fix = fix
    self.causes = causes
    self.breaks = breaks
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decode(String.self, forKey: .id)
    severity = try container.decode(Severity.self, forKey: .severity)
    message = try container.decode(LocalizedText.self, forKey: .message)
    location = try container.decodeIfPresent(Location.self, forKey: .location)
    fix = try container.decodeIfPresent(Fix.self, forKey: .fix)
    causes = try container.decodeIfPresent([String].self, forKey: .causes) ?? []
    breaks = try container.decodeIfPresent([String].self, forKey: .breaks) ?? []
  }
}
