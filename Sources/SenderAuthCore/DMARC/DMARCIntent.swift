/// What the author of a DMARC record meant, read leniently: tag names in any case, a missing
/// `;` between tags, a policy value with a typing mistake (`rejct`). Receivers read the same
/// record strictly and may discard it (RFC 9989 §4.10.1): a record with an invalid `p` but a
/// valid `rua` is treated as `p=none`, one without either is ignored. A fix builds the corrected
/// record from the intent, so it never keeps a mistake nor weakens what was meant.
public struct DMARCIntent: Hashable, Sendable {
  public var policy: DMARCPolicy?
  public var subdomainPolicy: DMARCPolicy?
  public var nonexistentPolicy: DMARCPolicy?
  public var dkimAlignment: DMARCAlignmentMode?
  public var spfAlignment: DMARCAlignmentMode?
  /// `rua` URIs that can work (`mailto:` with an address, `https:`), without `!size`.
  public var aggregate: [String]
  /// `ruf` URIs, likewise.
  public var failure: [String]
  /// `fo`, as written (lower-cased).
  public var failureOptions: String?
  /// `t=y` (true) or `t=n` (false); nil when not written.
  public var testing: Bool?
  /// `psd=y`, `n` or `u`; nil when not written.
  public var publicSuffix: String?
  /// What was read differently from how it is written, and what was dropped, in words.
  public var corrections: [LocalizedText]

  public init() {
    aggregate = []
    failure = []
    corrections = []
  }

  /// The intent of the record `text`.
  public init(text: String) {
    self.init()
    for (name, value) in Self.pairs(text) {
      let tag = name.lowercased()
      if tag != name, DMARCRecord.Tag(rawValue: tag) != nil {
        corrections.append(
          LocalizedText(
            en: "'\(name)=' written as '\(tag)=' (tag names are lower case)",
            de: "'\(name)=' als '\(tag)=' geschrieben (Tag-Namen sind kleingeschrieben)"))
      }
      switch tag {
      case "v": continue
      case "p": policy = readPolicy(name, value)
      case "sp": subdomainPolicy = readPolicy(name, value)
      case "np": nonexistentPolicy = readPolicy(name, value)
      case "adkim": dkimAlignment = readMode(name, value)
      case "aspf": spfAlignment = readMode(name, value)
      case "rua": aggregate += readURIs(name, value)
      case "ruf": failure += readURIs(name, value)
      case "fo": failureOptions = value.lowercased()
      case "t":
        switch value.lowercased() {
        case "y": testing = true
        case "n": testing = false
        default: dropped(name, value)
        }
      case "psd":
        if ["y", "n", "u"].contains(value.lowercased()) {
          publicSuffix = value.lowercased()
        } else {
          dropped(name, value)
        }
      case "pct", "rf", "ri":
        corrections.append(
          LocalizedText(
            en: "'\(name)=\(value)' removed (RFC 9989 dropped the tag)",
            de: "'\(name)=\(value)' entfernt (von RFC 9989 gestrichen)"))
      default:
        corrections.append(
          LocalizedText(
            en: "'\(name)=\(value)' removed (unknown tag)",
            de: "'\(name)=\(value)' entfernt (unbekannter Tag)"))
      }
    }
  }

  /// The record text: `v=DMARC1; p=…` and every tag meant, in the usual order. A missing
  /// policy is written as `p=none`, what receivers apply to a record without a valid one.
  public var text: String {
    var parts = ["v=DMARC1", "p=\((policy ?? .none).rawValue)"]
    let effective = policy ?? .none
    if let subdomainPolicy, subdomainPolicy != effective {
      parts.append("sp=\(subdomainPolicy.rawValue)")
    }
    if let nonexistentPolicy, nonexistentPolicy != (subdomainPolicy ?? effective) {
      parts.append("np=\(nonexistentPolicy.rawValue)")
    }
    if let dkimAlignment { parts.append("adkim=\(dkimAlignment.rawValue)") }
    if let spfAlignment { parts.append("aspf=\(spfAlignment.rawValue)") }
    if testing == true { parts.append("t=y") }
    if let publicSuffix { parts.append("psd=\(publicSuffix)") }
    if !aggregate.isEmpty { parts.append("rua=" + aggregate.joined(separator: ",")) }
    if !failure.isEmpty {
      parts.append("ruf=" + failure.joined(separator: ","))
      if let failureOptions { parts.append("fo=\(failureOptions)") }
    }
    return parts.joined(separator: "; ")
  }

  /// The policy for subdomains that applies: `sp`, else `p`.
  public var effectiveSubdomainPolicy: DMARCPolicy? { subdomainPolicy ?? policy }
  /// The policy for non-existent subdomains that applies: `np`, else `sp`, else `p`.
  public var effectiveNonexistentPolicy: DMARCPolicy? {
    nonexistentPolicy ?? effectiveSubdomainPolicy
  }

  /// The intent `proposal` asks for starting from `self` (what is published): each policy
  /// that applies (`p`, `sp` else `p`, `np` else `sp` else `p`) never lower than in either,
  /// report URIs of both, other tags as the proposal changes them (a tag the proposal drops is
  /// dropped, except the policies and report URIs, which are never lost).
  public func applying(_ proposal: DMARCIntent) -> DMARCIntent {
    var merged = self
    merged.setPolicies(
      Self.stronger(policy, proposal.policy),
      Self.stronger(effectiveSubdomainPolicy, proposal.effectiveSubdomainPolicy),
      Self.stronger(effectiveNonexistentPolicy, proposal.effectiveNonexistentPolicy))
    merged.aggregate = Self.union(aggregate, proposal.aggregate)
    merged.failure = Self.union(failure, proposal.failure)
    merged.dkimAlignment = Self.stricter(dkimAlignment, proposal.dkimAlignment)
    merged.spfAlignment = Self.stricter(spfAlignment, proposal.spfAlignment)
    merged.testing = proposal.testing
    merged.publicSuffix = proposal.publicSuffix ?? publicSuffix
    merged.failureOptions = proposal.failureOptions ?? failureOptions
    merged.corrections = []
    return merged
  }

  /// Several published records' intents as one: the strongest of each policy that applies,
  /// every URI, test mode only when every record asks for it.
  public static func combined(_ intents: [DMARCIntent]) -> DMARCIntent? {
    guard var result = intents.first else { return nil }
    for intent in intents.dropFirst() {
      result = result.applying(intent)
    }
    result.testing = intents.allSatisfy { $0.testing == true } ? true : nil
    return result
  }

  /// Sets the three policies from the ones that apply, writing `sp` and `np` only where they
  /// differ from what they fall back to.
  mutating func setPolicies(
    _ domain: DMARCPolicy?, _ subdomain: DMARCPolicy?, _ nonexistent: DMARCPolicy?
  ) {
    policy = domain
    subdomainPolicy = subdomain == domain ? nil : subdomain
    nonexistentPolicy = nonexistent == (subdomain ?? domain) ? nil : nonexistent
  }

  /// True when `other` is at least as strict as `self` in every policy and keeps every report
  /// URI: the property every fix must have.
  public func isKeptOrStrengthened(by other: DMARCIntent) -> Bool {
    func atLeast(_ a: DMARCPolicy?, _ b: DMARCPolicy?) -> Bool {
      (b ?? .none) >= (a ?? .none)
    }
    return atLeast(policy, other.policy)
      && atLeast(effectiveSubdomainPolicy, other.effectiveSubdomainPolicy)
      && atLeast(effectiveNonexistentPolicy, other.effectiveNonexistentPolicy)
      && aggregate.allSatisfy(other.aggregate.contains)
  }

  // MARK: - Reading

  /// `name=value` pairs: split at `;`, and inside a part at blanks before another `name=`
  /// (a missing `;`).
  static func pairs(_ text: String) -> [(String, String)] {
    var out: [(String, String)] = []
    for part in text.split(separator: ";") {
      var pieces: [String] = []
      for word in part.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
        // A new tag starts with letters and '=' (`rua=`); anything else continues the value
        // before it (a second URI after a comma, `https://…?id=5`).
        let startsTag =
          word.firstIndex(of: "=").map { equals in
            equals > word.startIndex && word[..<equals].allSatisfy(\.isLetter)
          } ?? false
        if startsTag || pieces.isEmpty {
          pieces.append(String(word))
        } else {
          pieces[pieces.count - 1] += " " + word
        }
      }
      for piece in pieces {
        guard let equals = piece.firstIndex(of: "=") else { continue }
        let name = piece[..<equals].trimmingBlanks()
        let value = piece[piece.index(after: equals)...].trimmingBlanks()
        if !name.isEmpty { out.append((name, value)) }
      }
    }
    return out
  }

  private mutating func dropped(_ name: String, _ value: String) {
    corrections.append(
      LocalizedText(
        en: "'\(name)=\(value)' removed (not a valid value)",
        de: "'\(name)=\(value)' entfernt (kein gültiger Wert)"))
  }

  private mutating func readPolicy(_ name: String, _ value: String) -> DMARCPolicy? {
    let lower = value.lowercased()
    if let policy = DMARCPolicy(rawValue: lower) {
      if lower != value {
        corrections.append(
          LocalizedText(
            en: "'\(name)=\(value)' written as '\(lower)'",
            de: "'\(name)=\(value)' als '\(lower)' geschrieben"))
      }
      return policy
    }
    // A typing mistake close to exactly one policy is read as that policy.
    let close = DMARCPolicy.allCases.filter { EditDistance.between($0.rawValue, lower) <= 2 }
    if close.count == 1, let policy = close.first {
      corrections.append(
        LocalizedText(
          en: "'\(name)=\(value)' read as '\(policy.rawValue)'",
          de: "'\(name)=\(value)' als '\(policy.rawValue)' gelesen"))
      return policy
    }
    dropped(name, value)
    return nil
  }

  private mutating func readMode(_ name: String, _ value: String) -> DMARCAlignmentMode? {
    guard let mode = DMARCAlignmentMode(rawValue: value.lowercased()) else {
      dropped(name, value)
      return nil
    }
    return mode
  }

  private mutating func readURIs(_ name: String, _ value: String) -> [String] {
    var uris: [String] = []
    for raw in value.split(separator: ",") {
      var uri = raw.trimmingBlanks()
      if let bang = uri.firstIndex(of: "!") { uri = String(uri[..<bang]) }
      let lower = uri.lowercased()
      let works =
        (lower.hasPrefix("mailto:") && uri.dropFirst(7).contains("@")
          && !uri.contains("<"))
        || (lower.hasPrefix("https://") && uri.count > 8)
      if works {
        uris.append(uri)
      } else {
        dropped(name, String(raw))
      }
    }
    return uris
  }

  static func stronger(_ a: DMARCPolicy?, _ b: DMARCPolicy?) -> DMARCPolicy? {
    guard let a else { return b }
    guard let b else { return a }
    return max(a, b)
  }

  static func stricter(_ a: DMARCAlignmentMode?, _ b: DMARCAlignmentMode?)
    -> DMARCAlignmentMode?
  {
    if a == .strict || b == .strict { return .strict }
    return a ?? b
  }

  static func union(_ a: [String], _ b: [String]) -> [String] {
    var out = a
    for uri in b where !out.contains(where: { $0.lowercased() == uri.lowercased() }) {
      out.append(uri)
    }
    return out
  }
}
