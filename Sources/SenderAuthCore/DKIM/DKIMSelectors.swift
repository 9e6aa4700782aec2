import DNSLookup

/// Where a probed DKIM selector came from.
public enum DKIMSelectorSource: String, Hashable, Sendable, Codable, CaseIterable {
  /// Named by the user (`--selector`): its absence is a finding.
  case given
  /// Expected by a detected or named ESP (the ESP catalog).
  case esp
  /// The built-in list of common selectors: absence says nothing.
  case common
  /// Named by a DKIM-Signature of the message (`check --message`): the message checks report
  /// its absence.
  case message
}

/// One selector to probe and why it is probed.
public struct DKIMSelectorCandidate: Hashable, Sendable, Codable {
  public var selector: String
  public var source: DKIMSelectorSource

  public init(selector: String, source: DKIMSelectorSource) {
    self.selector = selector
    self.source = source
  }
}

/// The selectors senderauth probes: given ones, ESP ones, and a built-in list of common ones.
///
/// A domain's selectors cannot be listed through DNS (RFC 6376 §3.6.2.1 puts keys at
/// `<selector>._domainkey.<domain>`, and nothing enumerates the names below `_domainkey`), so
/// a checker can only try names. The common list holds the selectors the big senders put at the
/// customer's domain. Microsoft 365 always uses `selector1` and `selector2` there; the
/// `selector1-<domain-with-dashes>` name is the *target* of those CNAMEs, below the tenant's
/// `onmicrosoft.com` domain (or, for domains added since May 2025,
/// `<tenant>.<c>-v1.dkim.mail.microsoft`), so it is recognised in CNAME chains instead of being
/// probed at the customer's domain, where it never exists.
public enum DKIMSelectors {
  /// The selectors probed at every domain, in probe order: the one list `dkim` and `check`
  /// share. It holds every fixed selector of the ESP catalog (a test keeps them in step) and
  /// the generic names of control panels. Account-specific selectors (HubSpot's
  /// `hs1-<hub-id>`, Amazon SES tokens) cannot be listed; they are probed once another record
  /// names them (an SPF include, a message's DKIM-Signature, `--selector`).
  public static let common: [String] = [
    "google",  // Google Workspace (default prefix)
    "selector1", "selector2",  // Microsoft 365 (CNAMEs to the tenant)
    "s1", "s2", "m1",  // SendGrid (automated security; m1 without it)
    "k1", "k2", "k3",  // Mailchimp
    "hs1", "hs2",  // HubSpot (older connections; newer ones carry the hub id)
    "mailjet",  // Mailjet
    "mte1", "mte2", "mandrill",  // Mandrill (CNAMEs; legacy TXT key)
    "brevo1", "brevo2",  // Brevo
    "zendesk1", "zendesk2",  // Zendesk
    "zmail",  // Zoho Mail
    "default", "dkim", "mail", "smtp",  // control panels, Mailgun, Brevo (legacy)
  ]

  /// Given selectors first, then ESP ones, then common ones; each name once (case-insensitive,
  /// as DNS compares names), keeping the first source that named it. A selector written as
  /// `s1._domainkey` or `s1._domainkey.<domain>` (pasted from a zone) is taken as `s1`.
  public static func candidates(
    given: [String], esp: [String] = [], includeCommon: Bool = true, domain: DomainName? = nil
  ) -> [DKIMSelectorCandidate] {
    var seen: Set<String> = []
    var result: [DKIMSelectorCandidate] = []
    for (source, names) in [(DKIMSelectorSource.given, given), (.esp, esp)] {
      for name in names {
        let selector = normalized(name, domain: domain)
        guard !selector.isEmpty, seen.insert(selector).inserted else { continue }
        result.append(DKIMSelectorCandidate(selector: selector, source: source))
      }
    }
    guard includeCommon else { return result }
    // The common list is normalized once (no entry names a domain); only the given and ESP
    // selectors can repeat one of it.
    for selector in normalizedCommon where seen.isEmpty || !seen.contains(selector) {
      result.append(DKIMSelectorCandidate(selector: selector, source: .common))
    }
    return result
  }

  /// `common`, normalized and without repeats, in its order.
  private static let normalizedCommon: [String] = {
    var seen: Set<String> = []
    return common.map { normalized($0) }.filter { !$0.isEmpty && seen.insert($0).inserted }
  }()

  /// `name` lower-cased, without a trailing `._domainkey` or `._domainkey.<domain>`.
  public static func normalized(_ name: String, domain: DomainName? = nil) -> String {
    var selector = name.lowercased()
    if selector.hasSuffix(".") { selector.removeLast() }
    // Most names are bare selectors (the common list, an ESP's): nothing to strip.
    guard selector.utf8.count > 11, selector.contains("._domainkey") else { return selector }
    var suffixes = ["._domainkey"]
    if let domain { suffixes.insert("._domainkey." + domain.text, at: 0) }
    for suffix in suffixes where selector.hasSuffix(suffix) && selector.count > suffix.count {
      selector.removeLast(suffix.count)
      break
    }
    return selector
  }

  /// `<selector>._domainkey.<domain>`, or nil when that is not a valid name. A common
  /// selector's labels come from the table made once (`prepared(_:)`).
  public static func keyName(selector: String, domain: DomainName) -> DomainName? {
    keyName(preparedCommon[selector]?.keyPrefix ?? keyPrefix(selector), domain: domain)
  }

  /// `<prefix>.<domain>`; nil without a prefix, or for the root (whose text `<prefix>..` is no
  /// name).
  static func keyName(_ prefix: DomainName.RelativeName?, domain: DomainName) -> DomainName? {
    guard let prefix, !domain.isRoot else { return nil }
    return domain.prepending(prefix)
  }

  /// `<selector>._domainkey`, or nil when the selector is not valid.
  static func keyPrefix(_ selector: String) -> DomainName.RelativeName? {
    isValidSelector(selector) ? DomainName.RelativeName(selector + "._domainkey") : nil
  }

  /// What a probe of a selector needs besides the domain: what its questions are for (in
  /// failures) and its key name's labels. The same for every domain, so the common selectors'
  /// are made once (`prepared(_:)`).
  struct Prepared: Sendable {
    let purpose: String
    let keyPrefix: DomainName.RelativeName?

    init(_ selector: String) {
      purpose = "DKIM selector '\(selector)'"
      keyPrefix = DKIMSelectors.keyPrefix(selector)
    }
  }

  /// `Prepared(selector)`, made once for the common selectors and the wildcard probe.
  static func prepared(_ selector: String) -> Prepared {
    preparedCommon[selector] ?? Prepared(selector)
  }

  private static let preparedCommon: [String: Prepared] = Dictionary(
    uniqueKeysWithValues: ([DKIMContext.wildcardProbe] + normalizedCommon).map {
      ($0, Prepared($0))
    })

  /// RFC 6376 §3.1: `selector = sub-domain *( "." sub-domain )` (RFC 5321 sub-domains:
  /// letters, digits and inner hyphens). Underscores are tolerated, as DNS allows them and some
  /// providers use them.
  public static func isValidSelector(_ selector: String) -> Bool {
    let octets = selector.utf8
    guard !octets.isEmpty, octets.count <= 200 else { return false }
    let hyphen = UInt8(ascii: "-")
    let dot = UInt8(ascii: ".")
    // One pass: each label 1-63 octets of letters, digits, '-' and '_', no hyphen at its ends.
    var length = 0
    var previous = dot
    for byte in octets {
      if byte == dot {
        guard length > 0, previous != hyphen else { return false }
        length = 0
      } else {
        guard
          (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == hyphen || byte == UInt8(ascii: "_")
        else { return false }
        guard length > 0 || byte != hyphen else { return false }
        length += 1
        guard length <= 63 else { return false }
      }
      previous = byte
    }
    return length > 0 && previous != hyphen
  }

  /// A Microsoft 365 DKIM CNAME target: `selector1-contoso-com._domainkey.contoso.onmicrosoft.com`
  /// (domains added before May 2025) or
  /// `selector1-contoso-com._domainkey.contoso.r-v1.dkim.mail.microsoft` (added since).
  public struct Microsoft365Target: Hashable, Sendable, Codable {
    /// `selector1` or `selector2`.
    public var selector: String
    /// The customer domain with dots replaced by dashes, as Microsoft wrote it (`contoso-com`).
    public var dashedDomain: String
    /// The tenant's initial domain prefix (`contoso` of `contoso.onmicrosoft.com`).
    public var tenant: String

    public init(selector: String, dashedDomain: String, tenant: String) {
      self.selector = selector
      self.dashedDomain = dashedDomain
      self.tenant = tenant
    }
  }

  /// Recognises a Microsoft 365 DKIM CNAME target.
  public static func microsoft365Target(_ name: DomainName) -> Microsoft365Target? {
    // Its first label starts with `selector1-` or `selector2-`, which need no escape: most
    // names are told apart by their first octets, without splitting them into labels.
    guard name.text.utf8.starts(with: "selector".utf8) else { return nil }
    let labels = name.labels
    guard labels.count >= 4, labels[1] == "_domainkey" else { return nil }
    let first = labels[0]
    var selector = ""
    for prefix in ["selector1-", "selector2-"] where first.hasPrefix(prefix) {
      selector = String(prefix.dropLast())
    }
    guard !selector.isEmpty else { return nil }
    let dashed = String(first.dropFirst(selector.count + 1))
    let rest = Array(labels.dropFirst(2))
    if rest.count == 3, rest[1] == "onmicrosoft", rest[2] == "com" {
      return Microsoft365Target(selector: selector, dashedDomain: dashed, tenant: rest[0])
    }
    if rest.count == 5, rest[1].hasSuffix("-v1") || rest[1].hasSuffix("-v2"),
      Array(rest.suffix(3)) == ["dkim", "mail", "microsoft"]
    {
      return Microsoft365Target(selector: selector, dashedDomain: dashed, tenant: rest[0])
    }
    return nil
  }

  /// `example-com` for `example.com`: the form Microsoft 365 puts in its CNAME targets.
  public static func dashed(_ domain: DomainName) -> String {
    domain.labels.joined(separator: "-")
  }
}
