/// An ESP found in a domain's records, or named with `--esp`, and what its setup gives.
public struct DetectedESP: Hashable, Sendable, Codable {
  /// The catalog id (`sendgrid`).
  public var id: String
  public var name: String
  /// True when named with `--esp`.
  public var named: Bool
  /// The records that show it (`s1._domainkey.example.com CNAME s1.domainkey.u1.wl1.sendgrid.net.`).
  public var evidence: [String]
  /// What alignment this setup gives (DKIM, SPF through the return path).
  public var alignment: LocalizedText

  public init(
    id: String, name: String, named: Bool, evidence: [String], alignment: LocalizedText
  ) {
    self.id = id
    self.name = name
    self.named = named
    self.evidence = evidence
    self.alignment = alignment
  }
}
