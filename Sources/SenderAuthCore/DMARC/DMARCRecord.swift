import DNSLookup

/// A DMARC handling preference (RFC 9989 §4.7: `dmarc-request = "none" / "quarantine" /
/// "reject"`), ordered from weakest to strongest.
public enum DMARCPolicy: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
  case none
  case quarantine
  case reject

  private var rank: Int {
    switch self {
    case .none: 0
    case .quarantine: 1
    case .reject: 2
    }
  }

  public static func < (lhs: DMARCPolicy, rhs: DMARCPolicy) -> Bool { lhs.rank < rhs.rank }

  /// The policy one level below (RFC 9989 §4.7 `t=y`): reject → quarantine → none.
  public var testingDowngrade: DMARCPolicy {
    switch self {
    case .none, .quarantine: .none
    case .reject: .quarantine
    }
  }
}

/// An identifier alignment mode (RFC 9989 §4.7: `dmarc-rors = "r" / "s"`).
public enum DMARCAlignmentMode: String, Hashable, Sendable, Codable {
  case relaxed = "r"
  case strict = "s"
}

/// The `psd` flag (RFC 9989 §4.7: `dmarc-psd = "y" / "n" / "u"`).
public enum DMARCPSDFlag: String, Hashable, Sendable, Codable {
  /// `psd=y`: the domain is a public suffix domain.
  case yes = "y"
  /// `psd=n`: the domain is an organizational domain and not a PSD.
  case no = "n"
  /// `psd=u` or absent: let the tree walk decide.
  case unknown = "u"
}

/// A DMARC policy record, parsed tolerantly, with every tag's position.
///
/// RFC 9989 §4.8:
/// ```
/// dmarc-record  = dmarc-version *(dmarc-sep dmarc-tag) [dmarc-sep]
/// dmarc-version = "v" equals %s"DMARC1" ; case sensitive
/// dmarc-sep     = *WSP ";" *WSP
/// equals        = *WSP "=" *WSP
/// dmarc-tag     = 1*ALPHA equals 1*dmarc-value
/// dmarc-value   = %x20-3A / %x3C-7E   ; any printing characters but semicolon
/// dmarc-urilist = (dmarc-uri / obs-dmarc-uri) *(*WSP "," *WSP (dmarc-uri / obs-dmarc-uri))
/// obs-dmarc-uri = dmarc-uri obs-dmarc-report-size
/// obs-dmarc-report-size = "!" 1*DIGIT [ "k" / "m" / "g" / "t" ]
/// ```
/// Tags (RFC 9989 §4.7): `v p sp np adkim aspf rua ruf fo psd t`; RFC 7489 §6.3's `pct rf ri`
/// are removed (RFC 9989 Appendix C.5.2) but still read by older receivers.
public struct DMARCRecord: Hashable, Sendable, Codable {
  /// A tag name as the RFCs spell it.
  public enum Tag: String, Hashable, Sendable, Codable, CaseIterable {
    case v, p, sp, np, adkim, aspf, rua, ruf, fo, psd, t
    /// Removed by RFC 9989 (Appendix C.5.2).
    case pct, rf, ri

    /// True for `pct`, `rf` and `ri`.
    public var isRemoved: Bool { self == .pct || self == .rf || self == .ri }
  }

  /// One `name=value` term as written, with character offsets into the record text.
  public struct Term: Hashable, Sendable, Codable {
    /// The tag name exactly as written (`p`, `P`, `foo`).
    public var name: String
    public var value: String
    /// Offset of the term's first character and its length (name through value).
    public var offset: Int
    public var length: Int
    /// Offset of the value's first character.
    public var valueOffset: Int

    public init(name: String, value: String, offset: Int, length: Int, valueOffset: Int) {
      self.name = name
      self.value = value
      self.offset = offset
      self.length = length
      self.valueOffset = valueOffset
    }

    /// The known tag this term is, when its name is one.
    public var tag: Tag? { Tag(rawValue: name) }
  }

  /// A reporting URI from `rua` or `ruf` (RFC 9989 §4.6).
  public struct ReportURI: Hashable, Sendable, Codable {
    /// The URI as written, without an obsolete `!size` suffix.
    public var uri: String
    /// The scheme, lower-cased (`mailto`, `https`).
    public var scheme: String
    /// The destination host (`reports.vendor.net` for `mailto:dmarc@reports.vendor.net`).
    public var host: DomainName?
    /// The obsolete `!size` suffix (`!10m`) when one was written (RFC 9989 §4.8).
    public var sizeLimit: String?
    public var offset: Int
    public var length: Int

    public init(
      uri: String, scheme: String, host: DomainName?, sizeLimit: String?, offset: Int, length: Int
    ) {
      self.uri = uri
      self.scheme = scheme
      self.host = host
      self.sizeLimit = sizeLimit
      self.offset = offset
      self.length = length
    }
  }

  /// Something wrong in the record: where, which term, and why.
  public struct Issue: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
      /// A term without `=`, or a tag name that is not `1*ALPHA`.
      case malformedTerm
      /// A tag with an empty value.
      case emptyValue
      /// A known tag whose value its grammar does not allow (`p=rejct`).
      case invalidValue
      /// The same tag twice.
      case duplicateTag
      /// A known tag written in another case (`P=reject`); tag names are case-sensitive.
      case tagNameCase
      /// A `rua`/`ruf` entry that is not a usable URI.
      case invalidURI
      /// `fo` without `ruf`: RFC 9989 §4.7 says its content is then ignored.
      case failureOptionsWithoutRUF
    }

    public var kind: Kind
    /// The tag concerned, as written.
    public var tag: String
    /// The offending text.
    public var term: String
    public var offset: Int
    public var length: Int
    /// What the grammar allows, when that is the point (`none, quarantine, reject`).
    public var expected: String?

    public init(
      kind: Kind, tag: String, term: String, offset: Int, length: Int, expected: String? = nil
    ) {
      self.kind = kind
      self.tag = tag
      self.term = term
      self.offset = offset
      self.length = length
      self.expected = expected
    }
  }

  /// The record text (TXT strings joined without separator).
  public var text: String
  /// The owner name (`_dmarc.example.com`) when the record came from DNS.
  public var owner: DomainName?
  /// The zone file and line, when the record was read from one.
  public var origin: RecordOrigin?
  /// Every term after `v=DMARC1`, in order.
  public var terms: [Term]

  /// `p`: the policy for the domain itself; nil when absent or invalid.
  public var policy: DMARCPolicy?
  /// `sp`: the policy for existing subdomains.
  public var subdomainPolicy: DMARCPolicy?
  /// `np`: the policy for non-existent subdomains.
  public var nonexistentPolicy: DMARCPolicy?
  /// `adkim`, default relaxed.
  public var dkimAlignment: DMARCAlignmentMode
  /// `aspf`, default relaxed.
  public var spfAlignment: DMARCAlignmentMode
  /// `rua`: the URIs that parsed.
  public var aggregateReportURIs: [ReportURI]
  /// `ruf`: the URIs that parsed.
  public var failureReportURIs: [ReportURI]
  /// `fo`, split at colons; `["0"]` by default.
  public var failureReportingOptions: [String]
  /// `psd`, default `u`.
  public var publicSuffixFlag: DMARCPSDFlag
  /// `t=y`: the policy is being tested and applied one level weaker.
  public var testing: Bool
  /// `pct`, `rf`, `ri` terms (removed by RFC 9989).
  public var removedTerms: [Term]
  /// Terms whose names are no DMARC tag (ignored per RFC 9989 §4.7).
  public var unknownTerms: [Term]
  public var issues: [Issue]

  public init(text: String, owner: DomainName? = nil, origin: RecordOrigin? = nil) {
    self.text = text
    self.owner = owner
    self.origin = origin
    terms = []
    policy = nil
    subdomainPolicy = nil
    nonexistentPolicy = nil
    dkimAlignment = .relaxed
    spfAlignment = .relaxed
    aggregateReportURIs = []
    failureReportURIs = []
    failureReportingOptions = ["0"]
    publicSuffixFlag = .unknown
    testing = false
    removedTerms = []
    unknownTerms = []
    issues = []
  }

  /// The first term for `tag`, when the record has one.
  public func term(_ tag: Tag) -> Term? { terms.first { $0.name == tag.rawValue } }

  /// True when a `p` term is written at all (valid or not).
  public var hasPolicyTag: Bool { term(.p) != nil }

  /// True when `tag` is written but its value is not allowed (so receivers ignore it).
  public func hasInvalidValue(_ tag: Tag) -> Bool {
    issues.contains {
      $0.tag == tag.rawValue && ($0.kind == .invalidValue || $0.kind == .emptyValue)
    }
  }

  /// True when a written `p`, `sp` or `np` is invalid (RFC 9989 §4.10.1 then falls back).
  public var hasInvalidPolicyTag: Bool {
    hasInvalidValue(.p) || hasInvalidValue(.sp) || hasInvalidValue(.np)
  }

  /// True when `rua` holds at least one syntactically valid URI.
  public var hasValidRUA: Bool { !aggregateReportURIs.isEmpty }

  /// The `v=DMARC1` text without the terms in `dropping`, and with `adding` appended; used by
  /// fixes that keep everything else of a record as written.
  public func rewritten(dropping names: Set<String> = [], adding extra: [String] = []) -> String {
    var parts = ["v=DMARC1"]
    for term in terms where !names.contains(term.name) {
      parts.append("\(term.name)=\(term.value)")
    }
    parts += extra
    return parts.joined(separator: "; ")
  }

  /// The record text with `insertion` placed right after `v=DMARC1` (`v=DMARC1; p=none; …`).
  public func inserting(afterVersion insertion: String) -> String {
    rewritten(dropping: [], adding: []).replacingFirstVersion(with: "v=DMARC1; \(insertion)")
  }

  /// Where the record is, for findings: owner, text, zone-file line.
  public func location(span: Location.Span? = nil) -> Location {
    Location(
      name: owner?.text ?? "", type: "TXT", record: text, span: span, file: origin?.file,
      line: origin?.line)
  }
}

extension String {
  fileprivate func replacingFirstVersion(with replacement: String) -> String {
    guard hasPrefix("v=DMARC1") else { return self }
    return replacement + dropFirst("v=DMARC1".count)
  }
}
