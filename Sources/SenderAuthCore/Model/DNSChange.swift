import DNSLookup

/// One record to add to or remove from a zone; rendered as a zone-file line by the report.
public struct DNSChange: Hashable, Sendable, Codable {
  /// The absolute owner name.
  public var owner: DomainName
  public var ttl: UInt32
  public var type: RRType
  /// For TXT the logical text (unquoted, unsplit: the renderer splits it into ≤255-octet
  /// strings); for other types the presentation form (`10 mail.example.com.`). May contain a
  /// placeholder in angle brackets (`<your-sendgrid-user-id>`) where the value is unknown.
  public var value: String

  public init(owner: DomainName, ttl: UInt32 = 3600, type: RRType, value: String) {
    self.owner = owner
    self.ttl = ttl
    self.type = type
    self.value = value
  }

  /// True when the value or the owner name still holds a placeholder the user must fill in
  /// (`em<n>.example.com`, `hs1-<hubid>._domainkey.example.com`).
  public var hasPlaceholder: Bool {
    (value.contains("<") && value.contains(">"))
      || (owner.text.contains("<") && owner.text.contains(">"))
  }
}

/// The fix for a finding: records to remove and to add, and what to know about them.
public struct Fix: Hashable, Sendable, Codable {
  public var explanation: LocalizedText
  public var add: [DNSChange]
  public var remove: [DNSChange]

  public init(explanation: LocalizedText, add: [DNSChange] = [], remove: [DNSChange] = []) {
    self.explanation = explanation
    self.add = add
    self.remove = remove
  }
}
