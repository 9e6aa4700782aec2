import DNSLookup
import SenderAuthCore

/// What one email service provider needs in a customer's DNS, from `esp-dns.json` (only facts
/// whose evidence is the provider's documentation or secondary sources; unconfirmed ones are
/// left out).
public struct ESP: Hashable, Sendable {
  /// How a DKIM record below `_domainkey` looks.
  public enum DKIMKind: Hashable, Sendable {
    /// A CNAME whose target matches one of the patterns.
    case cname([NamePattern])
    /// A TXT key record whose value comes from the ESP account.
    case txt
  }

  /// One DKIM record at a selector: fixed (`s1`) or with placeholders the account fills in
  /// (`hs1-{hubid}`), matched and rendered as a `NamePattern`.
  public struct DKIMRecord: Hashable, Sendable {
    public let selector: String
    public let kind: DKIMKind
    /// The selector as a pattern.
    public let selectorPattern: NamePattern
    public init(_ selector: String, _ kind: DKIMKind) {
      self.selector = selector
      self.kind = kind
      selectorPattern = NamePattern(selector)
    }

    /// True when the selector has no placeholder, so it can be probed at every domain.
    public var isFixed: Bool { !selector.contains("{") }
  }

  /// One way to set up DKIM with the ESP (automated CNAMEs, a legacy TXT key …).
  public struct DKIMSetup: Hashable, Sendable {
    public var records: [DKIMRecord]
    /// An older setup: accepted when present, never suggested.
    public var legacy: Bool
    /// The customer may pick another selector: a missing key is a warning, not an error.
    public var selectorMayDiffer: Bool
    public init(_ records: [DKIMRecord], legacy: Bool = false, selectorMayDiffer: Bool = false) {
      self.records = records
      self.legacy = legacy
      self.selectorMayDiffer = selectorMayDiffer
    }
  }

  /// The envelope (Return-Path) domain the ESP sends with, which decides SPF alignment.
  public enum ReturnPath: Hashable, Sendable {
    /// The customer's own domain (mailbox hosting): SPF aligns when the include is there.
    case ownDomain
    /// The sending domain configured at the ESP, with this SPF include on it.
    case sendingDomain(include: String)
    /// A subdomain of the customer's domain with a CNAME to the ESP; `label` when fixed.
    case cname(label: String?, targets: [NamePattern])
    /// A custom MAIL FROM subdomain with one MX to the ESP and an SPF include.
    case mailFrom(mx: NamePattern, include: String)
    /// The ESP's own bounce domain: SPF never aligns.
    case espDomain
    /// A subdomain delegated to the ESP by NS records; the ESP hosts its SPF.
    case delegated
    /// Not documented in the sources read.
    case unknown
  }

  /// `sendgrid`: what `--esp` takes.
  public var id: String
  /// Other names `--esp` accepts.
  public var aliases: [String]
  public var name: String
  /// SPF includes the ESP needs at the checked domain (any one of them).
  public var requiredIncludes: [String]
  /// SPF includes that show the ESP is used.
  public var detectionIncludes: [NamePattern]
  /// SPF includes that cost lookups at the checked domain without making SPF pass or align
  /// for this ESP's mail (its return path is elsewhere).
  public var unneededIncludes: [String]
  public var dkim: [DKIMSetup]
  /// CNAME targets of DKIM selectors whose names are account-specific (Amazon SES tokens).
  public var tokenDKIMTargets: [NamePattern]
  public var returnPath: ReturnPath
  /// Domains the service sends with while the customer's are not set up (its own DKIM `d=`
  /// and return-path domains): a message signed or bounced under one of them came through it.
  public var ownDomains: [DomainName]
  /// An SPF include the service's setup asks for although its mail is checked elsewhere
  /// (HubSpot's per-account include), with placeholders; asked for when the service is named.
  public var askedInclude: NamePattern?
  /// The first label of the return-path host the service gives (SendGrid's `em{n}`), for
  /// proposing it; nil when the customer picks it.
  public var returnPathLabel: NamePattern?
  /// What alignment the documented setup gives (the `providers` view; reports compute what
  /// the records found give).
  public var alignment: LocalizedText
  /// Where in the ESP's interface the account-specific values are shown.
  public var whereToFind: LocalizedText
  public var references: [Reference]

  public init(
    id: String, aliases: [String] = [], name: String, requiredIncludes: [String] = [],
    detectionIncludes: [String] = [], unneededIncludes: [String] = [], dkim: [DKIMSetup] = [],
    tokenDKIMTargets: [String] = [], returnPath: ReturnPath, ownDomains: [String] = [],
    askedInclude: String? = nil, returnPathLabel: String? = nil, alignment: LocalizedText,
    whereToFind: LocalizedText, references: [Reference]
  ) {
    self.id = id
    self.aliases = aliases
    self.name = name
    self.requiredIncludes = requiredIncludes
    self.detectionIncludes = (requiredIncludes + detectionIncludes + unneededIncludes).map(
      NamePattern.init)
    self.unneededIncludes = unneededIncludes
    self.dkim = dkim
    self.tokenDKIMTargets = tokenDKIMTargets.map(NamePattern.init)
    self.returnPath = returnPath
    self.ownDomains = ownDomains.compactMap { try? DomainName($0) }
    self.askedInclude = askedInclude.map(NamePattern.init)
    self.returnPathLabel = returnPathLabel.map(NamePattern.init)
    self.alignment = alignment
    self.whereToFind = whereToFind
    self.references = references
  }

  /// The names below the customer's domain the engine should fetch for this ESP (selectors
  /// with placeholders are probed once another record names them).
  public var probes: [ESPProbe] {
    var probes = dkim.flatMap(\.records).filter(\.isFixed).map {
      ESPProbe(label: $0.selector + "._domainkey", types: [.txt])
    }
    if case .cname(let label?, _) = returnPath {
      probes.append(ESPProbe(label: label, types: [.txt]))
    }
    return probes
  }

  /// The SPF domain whose record lists the service's sending addresses (its include without
  /// placeholders), checked against sending IPs; nil when it has none without placeholders.
  public var spfDomain: DomainName? {
    let fixed = requiredIncludes + unneededIncludes + detectionIncludes.map(\.text)
    return fixed.first { !$0.contains("{") }.flatMap { try? DomainName($0) }
  }

  /// True when the service's mail is checked by SPF at the customer's own domain (mailbox
  /// hosts, Mailjet, Zendesk, Mailgun's sending domain): an address of it needs the include
  /// there. False when it bounces to its own domain or a return-path host of its own.
  public var envelopeAtDomain: Bool {
    switch returnPath {
    case .ownDomain, .sendingDomain: true
    case .unknown: !requiredIncludes.isEmpty
    case .cname, .mailFrom, .espDomain, .delegated: false
    }
  }

  /// True when `domain` is one of the service's own domains or below one.
  public func owns(_ domain: DomainName) -> Bool {
    ownDomains.contains { domain.isSubdomain(of: $0) }
  }

  /// True when SPF can align through a return path under the customer's domain.
  public var canAlignSPF: Bool {
    switch returnPath {
    case .ownDomain, .sendingDomain, .cname, .mailFrom, .delegated: true
    case .espDomain, .unknown: false
    }
  }
}
