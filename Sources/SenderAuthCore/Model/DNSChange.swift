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
  /// Where to find a value left as a placeholder (`<your-sendgrid-user-id>`), when it has one.
  public var note: LocalizedText?

  public init(
    owner: DomainName, ttl: UInt32 = 3600, type: RRType, value: String, note: LocalizedText? = nil
  ) {
    self.owner = owner
    self.ttl = ttl
    self.type = type
    self.value = value
    self.note = note
  }

  /// The data part of a zone-file line: TXT split into ≤255-octet strings and quoted, other
  /// types as given.
  public var zoneData: String {
    guard type == .txt || type == .spf else { return value }
    return RData.txt(splitting: value).presentation
  }

  /// `_dmarc.example.com. 3600 IN TXT "v=DMARC1; p=none"`: one line ready to paste.
  public var zoneLine: String { "\(owner.absolute) \(ttl) IN \(type.mnemonic) \(zoneData)" }

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
