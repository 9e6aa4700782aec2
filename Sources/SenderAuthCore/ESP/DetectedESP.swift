/// What one authentication mechanism gives a sending service's mail, computed from the records
/// found: aligned with the From domain or not (nil when the records do not tell), and why.
public struct ESPMechanismState: Hashable, Sendable, Codable {
  public var aligned: Bool?
  public var why: LocalizedText

  public init(aligned: Bool?, why: LocalizedText) {
    self.aligned = aligned
    self.why = why
  }
}

/// An ESP found in a domain's records (or a sending IP, or the message), or named with
/// `--esp`, and what its setup gives, as the records found say.
public struct DetectedESP: Hashable, Sendable, Codable {
  /// The catalog id (`sendgrid`).
  public var id: String
  public var name: String
  /// True when named with `--esp`.
  public var named: Bool
  /// The records that show it (`s1._domainkey.example.com CNAME s1.domainkey.u1.wl1.sendgrid.net.`).
  public var evidence: [String]
  /// DKIM for its mail, from the keys and CNAMEs found.
  public var dkim: ESPMechanismState
  /// SPF for its mail, from the return path found.
  public var spf: ESPMechanismState

  public init(
    id: String, name: String, named: Bool, evidence: [String], dkim: ESPMechanismState,
    spf: ESPMechanismState
  ) {
    self.id = id
    self.name = name
    self.named = named
    self.evidence = evidence
    self.dkim = dkim
    self.spf = spf
  }

  /// What alignment the records found give, in one line: DKIM's state, then SPF's.
  public var alignment: LocalizedText {
    LocalizedText(en: dkim.why.en + "; " + spf.why.en, de: dkim.why.de + "; " + spf.why.de)
  }
}
