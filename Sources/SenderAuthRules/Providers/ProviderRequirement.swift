import DNSLookup
import SenderAuthCore

/// One requirement a mailbox provider publishes: a row of `ProviderTable`.
///
/// A row says who asks for what (provider, profiles), what kind of check decides it, how
/// severe a miss is, its words in English and German, the SMTP replies the provider gives when
/// it is not met, the pages it rests on (with the date each was read), and small zones that
/// meet and miss it. Rows of a DNS-checkable kind become rules (`ProviderRequirementRule`);
/// a `.rule` row lets a profile list an existing rule; a `.notCheckable` row is shown in
/// profiles as not checkable from DNS. A reverse-DNS row waits for `--ip` and is shown as
/// checkable with it until given.
public struct ProviderRequirement: Sendable {
  /// What decides a requirement. Each kind has one generic check (`ProviderRequirement+Check`).
  public enum Kind: Sendable, Hashable {
    /// SPF or DKIM passes.
    case spfOrDKIM
    /// SPF and DKIM both pass.
    case spfAndDKIM
    /// SPF passes where it is evaluated (the return path, else the domain).
    case spf
    /// SPF passes and the record does not authorize everyone (`+all`, `?all`).
    case spfNotOpen
    /// The SPF record has no entry that authorizes the whole internet or a large part of it.
    case spfSuspiciousEntries
    /// DKIM passes: a usable key is published.
    case dkim
    /// A usable DKIM key under the From domain (relaxed alignment).
    case dkimAligned
    /// A DMARC record with an explicit policy, `p=none` at least.
    case dmarcRecord
    /// A DMARC record whose effective policy is at least `minimum`.
    case dmarcPolicy(minimum: DMARCPolicy)
    /// A DMARC record with a report address (`rua`).
    case dmarcReportAddress
    /// The From domain aligns with SPF or DKIM (relaxed).
    case alignment
    /// The sending IPs (`--ip`, a message's) have forward-confirmed reverse DNS; with `nonGeneric` their
    /// names must not look generic either.
    case reverseDNS(nonGeneric: Bool)
    /// Met when the rule with this id passes: the profile lists that rule. `needsSendingIPs`
    /// when the rule judges only the sending IPs given (`--ip`; a reverse-DNS rule also a
    /// message's).
    case rule(String, needsSendingIPs: Bool = false)
    /// DNS cannot decide it (TLS, spam rate, message headers); the text says why.
    case notCheckable(LocalizedText)

    /// True for the kinds a `ProviderRequirementRule` checks.
    public var isChecked: Bool {
      switch self {
      case .rule, .notCheckable: false
      default: true
      }
    }
  }

  /// An example zone for a row, with what the check is told; the row's profile is added so
  /// that `senderauth check` with the example's options runs the row.
  public struct Example: Sendable {
    public var zone: String
    public var ips: [String]
    public var returnPath: String?
    public var rua: String?
    /// Applying the finding's fix to the zone meets the requirement.
    public var fixable: Bool

    public init(
      _ zone: String, ips: [String] = [], returnPath: String? = nil, rua: String? = nil,
      fixable: Bool = false
    ) {
      self.zone = zone
      self.ips = ips
      self.returnPath = returnPath
      self.rua = rua
      self.fixable = fixable
    }
  }

  /// `gmail.bulk.dmarc-required`; for a `.rule` row the id of that rule.
  public var id: String
  public var provider: MailboxProvider
  /// The profiles that list the row; empty for a row that only ties a bounce code to a rule.
  public var profiles: [ProviderProfile]
  public var kind: Kind
  public var severity: Severity
  public var title: LocalizedText
  public var rationale: LocalizedText
  public var howToFix: LocalizedText
  public var bounceCodes: [BounceCode]
  public var references: [Reference]
  public var triggering: [Example]
  public var nonTriggering: [Example]

  public init(
    _ id: String, provider: MailboxProvider, profiles: [ProviderProfile], kind: Kind,
    severity: Severity = .error, title: LocalizedText, rationale: LocalizedText,
    howToFix: LocalizedText, bounceCodes: [BounceCode] = [], references: [Reference],
    triggering: [Example] = [], nonTriggering: [Example] = []
  ) {
    self.id = id
    self.provider = provider
    self.profiles = profiles
    self.kind = kind
    self.severity = severity
    self.title = title
    self.rationale = rationale
    self.howToFix = howToFix
    self.bounceCodes = bounceCodes
    self.references = references
    self.triggering = triggering
    self.nonTriggering = nonTriggering
  }

  /// The id of the rule that decides the row: its own, or the one a `.rule` row names; nil
  /// for a row DNS cannot decide.
  public var ruleID: String? {
    switch kind {
    case .rule(let id, _): id
    case .notCheckable: nil
    default: id
    }
  }

  /// Why DNS cannot decide the row, for a `.notCheckable` row.
  public var notCheckableBecause: LocalizedText? {
    if case .notCheckable(let text) = kind { text } else { nil }
  }

  /// True when the row needs sending IPs (`--ip`, a message's) to be judged.
  public var needsSendingIPs: Bool {
    switch kind {
    case .reverseDNS: true
    case .rule(_, let needsSendingIPs): needsSendingIPs
    default: false
    }
  }

  /// The profile `senderauth check` needs for the row to run: none when the default profile
  /// (`bulk`) holds it, else its first profile.
  public var exampleProfiles: [String] {
    if profiles.contains(where: \.isPartOfBulk) { return [] }
    return profiles.first.map { [$0.rawValue] } ?? []
  }

  /// What a profile lists for the row.
  public var requirement: Profile.Requirement {
    if let explanation = notCheckableBecause {
      return .notCheckable(
        Profile.NotCheckable(
          id: id, title: title, explanation: explanation, references: references))
    }
    return .rule(ruleID ?? id)
  }

  /// The row's description as the rule catalog shows it.
  public var description: RuleDescription {
    RuleDescription(
      id: id, title: title, rationale: rationale, howToFix: howToFix, references: references,
      severity: severity, triggering: triggering.map(ruleExample),
      nonTriggering: nonTriggering.map(ruleExample), bounceCodes: bounceCodes)
  }

  /// `example` as a rule example: its options with the row's profile.
  func ruleExample(_ example: Example) -> RuleExample {
    RuleExample(
      zone: example.zone,
      options: CheckOptions(
        returnPath: example.returnPath.flatMap { try? DomainName($0) },
        ips: example.ips.compactMap(IPAddress.init), profiles: exampleProfiles, rua: example.rua),
      fixable: example.fixable)
  }
}

extension ProviderRequirement {
  /// The command that checks a domain for this row: `senderauth check <your-domain> --profile
  /// gmail-bulk`, with `--ip` for a reverse-DNS row; nil for a row DNS cannot decide.
  public var checkCommand: LocalizedText? {
    guard ruleID != nil else { return nil }
    var en = ["senderauth", "check", "<your-domain>"]
    var de = ["senderauth", "check", "<ihre-domain>"]
    if let profile = profiles.first {
      en += ["--profile", profile.rawValue]
      de += ["--profile", profile.rawValue]
    }
    if needsSendingIPs {
      en += ["--ip", "<sending-ip>"]
      de += ["--ip", "<versand-ip>"]
    }
    return LocalizedText(en: en.joined(separator: " "), de: de.joined(separator: " "))
  }
}
