/// What one rule concluded about one domain: it passed, it failed with findings, or it could
/// not tell because lookups it rests on failed. "No finding" alone never means "passed".
public enum Verdict: Hashable, Sendable {
  case pass
  case fail([Finding])
  /// The lookups the verdict rests on that failed (name, type and why).
  case unknown([LookupFailure])

  /// The findings of a failed verdict; empty otherwise.
  public var findings: [Finding] {
    if case .fail(let findings) = self { findings } else { [] }
  }
}

/// The parts of a `DomainContext` a rule's verdict rests on. When a lookup in one of them
/// failed and the rule found nothing, its verdict is unknown, not pass.
public struct RuleInputs: OptionSet, Hashable, Sendable {
  public let rawValue: UInt16
  public init(rawValue: UInt16) { self.rawValue = rawValue }

  /// The TXT lookup at the domain (its SPF records).
  public static let spfRecord = RuleInputs(rawValue: 1 << 0)
  /// The lookups below the SPF record: include and redirect targets, a, mx, exists, ptr.
  public static let spfTree = RuleInputs(rawValue: 1 << 1)
  /// The DMARC tree walk, the return-path domain and report authorizations.
  public static let dmarc = RuleInputs(rawValue: 1 << 2)
  /// The DKIM selector probes and their CNAME chains.
  public static let dkim = RuleInputs(rawValue: 1 << 3)
  /// MX and address records of the domain.
  public static let mail = RuleInputs(rawValue: 1 << 4)
  /// PTR and forward lookups of the sending IPs (`--ip`).
  public static let sendingIPs = RuleInputs(rawValue: 1 << 5)
  /// The names ESP setups use below the domain, and the return-path domain.
  public static let esp = RuleInputs(rawValue: 1 << 6)
  /// The questions asked of each authoritative server (`--authoritative`).
  public static let authoritative = RuleInputs(rawValue: 1 << 7)
  /// The `_mta-sts` record and the policy fetched over HTTPS.
  public static let mtaSTS = RuleInputs(rawValue: 1 << 8)
  /// The `_smtp._tls` record.
  public static let tlsRPT = RuleInputs(rawValue: 1 << 9)
  /// The BIMI record, its logo and its evidence document.
  public static let bimi = RuleInputs(rawValue: 1 << 10)
  /// The answers of a validating resolver, the DS at the parent, the keys and signatures.
  public static let dnssec = RuleInputs(rawValue: 1 << 11)
  /// The message of `check --message`: its signatures' keys, its envelope domain, the walks of
  /// its signing domains.
  public static let message = RuleInputs(rawValue: 1 << 12)

  public static let spf: RuleInputs = [.spfRecord, .spfTree]
  /// What alignment rests on: SPF (the envelope), DKIM keys, DMARC, ESP return paths.
  public static let alignment: RuleInputs = [.spf, .dkim, .dmarc, .esp]
  public static let all: RuleInputs = [
    .spf, .dmarc, .dkim, .mail, .sendingIPs, .esp, .authoritative, .mtaSTS, .tlsRPT, .bimi,
    .dnssec, .message,
  ]

  /// The inputs a rule rests on unless it says otherwise, by its id's scope (`spf.`,
  /// `dmarc.` …): one table, so a new rule of a known scope is right without a word.
  public static func defaultInputs(forRuleID id: String) -> RuleInputs {
    // The first non-empty dot-separated part, without splitting (every rule asks).
    let octets = id.utf8
    let start = octets.firstIndex { $0 != UInt8(ascii: ".") } ?? octets.endIndex
    let end = octets[start...].firstIndex(of: UInt8(ascii: ".")) ?? octets.endIndex
    let scope = id[start..<end]
    switch scope {
    case "spf": return .spf
    case "dmarc": return .dmarc
    case "alignment": return .alignment
    case "dkim": return .dkim
    case "mx": return .mail
    case "mta-sts": return [.mtaSTS, .mail]
    case "tls-rpt": return [.tlsRPT, .mtaSTS]
    case "bimi": return [.bimi, .dmarc]
    case "dnssec": return .dnssec
    case "ptr": return .sendingIPs
    case "esp": return [.esp, .spf, .dkim]
    // What the message prediction reads besides its own lookups: DMARC of the From domain.
    case "message": return [.message, .dmarc]
    // The DNS rules report failures themselves; their verdict rests on nothing else.
    case "dns": return []
    default: return .all
    }
  }
}
