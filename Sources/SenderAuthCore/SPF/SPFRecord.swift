import DNSLookup

/// A parsed SPF record (RFC 7208): the version section and its terms, each with its position.
///
/// RFC 7208 §4.6.1 (term syntax):
/// ```
/// record           = version terms *SP
/// version          = "v=spf1"
/// terms            = *( 1*SP ( directive / modifier ) )
/// directive        = [ qualifier ] mechanism
/// qualifier        = "+" / "-" / "?" / "~"
/// mechanism        = ( all / include / a / mx / ptr / ip4 / ip6 / exists )
/// modifier         = redirect / explanation / unknown-modifier
/// unknown-modifier = name "=" macro-string
///                    ; where name is not any known modifier
/// name             = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." )
/// ```
/// RFC 7208 §5 (mechanisms):
/// ```
/// all      = "all"
/// include  = "include"  ":" domain-spec
/// a        = "a"      [ ":" domain-spec ] [ dual-cidr-length ]
/// mx       = "mx"     [ ":" domain-spec ] [ dual-cidr-length ]
/// ptr      = "ptr"    [ ":" domain-spec ]
/// ip4      = "ip4"      ":" ip4-network   [ ip4-cidr-length ]
/// ip6      = "ip6"      ":" ip6-network   [ ip6-cidr-length ]
/// exists   = "exists"   ":" domain-spec
/// ip4-cidr-length  = "/" ("0" / %x31-39 0*1DIGIT) ; value range 0-32
/// ip6-cidr-length  = "/" ("0" / %x31-39 0*2DIGIT) ; value range 0-128
/// dual-cidr-length = [ ip4-cidr-length ] [ "/" ip6-cidr-length ]
/// ```
/// RFC 7208 §6 (modifiers):
/// ```
/// redirect    = "redirect" "=" domain-spec
/// explanation = "exp" "=" domain-spec
/// ```
public struct SPFRecord: Hashable, Sendable, Codable {
  /// The record text as published (TXT strings joined with no separator, RFC 7208 §3.3).
  public var text: String
  /// Every term that parsed, in order.
  public var terms: [SPFTerm]

  public init(text: String, terms: [SPFTerm]) {
    self.text = text
    self.terms = terms
  }

  /// The directives (qualifier + mechanism), in order.
  public var directives: [SPFTerm] { terms.filter { $0.directive != nil } }

  /// The first `redirect=` modifier.
  public var redirect: SPFTerm? { terms.first { $0.modifier?.kind == .redirect } }

  /// The first `exp=` modifier.
  public var explanation: SPFTerm? { terms.first { $0.modifier?.kind == .explanation } }

  /// The first `all` mechanism, whatever its qualifier.
  public var all: SPFTerm? {
    terms.first { if case .all = $0.directive?.mechanism { true } else { false } }
  }
}

/// One term of an SPF record: a directive or a modifier, and where it stands in the record.
public struct SPFTerm: Hashable, Sendable, Codable {
  /// What the term is.
  public enum Kind: Hashable, Sendable {
    case directive(SPFDirective)
    case modifier(SPFModifier)
  }

  /// The term exactly as written.
  public var text: String
  /// Where the term stands in the record text, in Characters.
  public var span: Location.Span
  public var kind: Kind

  public init(text: String, span: Location.Span, kind: Kind) {
    self.text = text
    self.span = span
    self.kind = kind
  }

  public var directive: SPFDirective? {
    if case .directive(let directive) = kind { directive } else { nil }
  }

  public var modifier: SPFModifier? {
    if case .modifier(let modifier) = kind { modifier } else { nil }
  }

  /// True for the terms RFC 7208 §4.6.4 counts toward the 10-lookup limit: `include`, `a`,
  /// `mx`, `ptr`, `exists` and `redirect`.
  public var countsAsLookup: Bool {
    if let directive { return directive.mechanism.countsAsLookup }
    return modifier?.kind == .redirect
  }

  /// The term's domain-spec, when it has one (`include`, `a`, `mx`, `ptr`, `exists`,
  /// `redirect`, `exp`).
  public var domainSpec: SPFMacroString? {
    if let directive { return directive.mechanism.domainSpec }
    if let modifier, modifier.kind != .unknown { return modifier.value }
    return nil
  }

  /// The mechanism or modifier name, lower-cased (`include`, `redirect`, `ra`).
  public var name: String {
    if let directive { return directive.mechanism.name }
    return modifier?.name.lowercased() ?? ""
  }

  private enum CodingKeys: String, CodingKey {
    case text, offset, length, type, name, qualifier, target
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(text, forKey: .text)
    try container.encode(span.offset, forKey: .offset)
    try container.encode(span.length, forKey: .length)
    try container.encode(directive == nil ? "modifier" : "mechanism", forKey: .type)
    try container.encode(name, forKey: .name)
    try container.encodeIfPresent(directive?.qualifier.rawValue, forKey: .qualifier)
    try container.encodeIfPresent(domainSpec?.text, forKey: .target)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let text = try container.decode(String.self, forKey: .text)
    let offset = try container.decode(Int.self, forKey: .offset)
    let parsed = SPFParser.parseTerm(text, at: offset)
    guard let term = parsed.term else {
      throw DecodingError.dataCorruptedError(
        forKey: .text, in: container, debugDescription: "invalid SPF term '\(text)'")
    }
    self = term
  }
}

/// A qualifier (RFC 7208 §4.6.2) and the result it gives when its mechanism matches.
public enum SPFQualifier: String, Hashable, Sendable, Codable, CaseIterable {
  case pass = "+"
  case fail = "-"
  case softfail = "~"
  case neutral = "?"

  public var result: SPFResult {
    switch self {
    case .pass: .pass
    case .fail: .fail
    case .softfail: .softfail
    case .neutral: .neutral
    }
  }
}

/// A directive: an optional qualifier and a mechanism (RFC 7208 §4.6.1).
public struct SPFDirective: Hashable, Sendable {
  public var qualifier: SPFQualifier
  /// True when the qualifier was written (`+all`), false when implied (`all`).
  public var qualifierWritten: Bool
  public var mechanism: SPFMechanism

  public init(qualifier: SPFQualifier, qualifierWritten: Bool, mechanism: SPFMechanism) {
    self.qualifier = qualifier
    self.qualifierWritten = qualifierWritten
    self.mechanism = mechanism
  }
}

/// CIDR prefix lengths for `a` and `mx` (RFC 7208 §5.6 dual-cidr-length).
public struct SPFDualCIDR: Hashable, Sendable {
  public var ip4: Int?
  public var ip6: Int?
  public init(ip4: Int? = nil, ip6: Int? = nil) {
    self.ip4 = ip4
    self.ip6 = ip6
  }
}

/// An SPF mechanism (RFC 7208 §5). `domain` nil means the current domain (`<domain>`).
public enum SPFMechanism: Hashable, Sendable {
  case all
  case include(SPFMacroString)
  case a(domain: SPFMacroString?, cidr: SPFDualCIDR)
  case mx(domain: SPFMacroString?, cidr: SPFDualCIDR)
  case ptr(domain: SPFMacroString?)
  case ip4(IPAddress, prefix: Int?)
  case ip6(IPAddress, prefix: Int?)
  case exists(SPFMacroString)

  public var name: String {
    switch self {
    case .all: "all"
    case .include: "include"
    case .a: "a"
    case .mx: "mx"
    case .ptr: "ptr"
    case .ip4: "ip4"
    case .ip6: "ip6"
    case .exists: "exists"
    }
  }

  /// True for `include`, `a`, `mx`, `ptr` and `exists` (RFC 7208 §4.6.4).
  public var countsAsLookup: Bool {
    switch self {
    case .all, .ip4, .ip6: false
    case .include, .a, .mx, .ptr, .exists: true
    }
  }

  /// The domain-spec written after the colon, if any.
  public var domainSpec: SPFMacroString? {
    switch self {
    case .include(let spec), .exists(let spec): spec
    case .a(let spec, _), .mx(let spec, _), .ptr(let spec): spec
    case .all, .ip4, .ip6: nil
    }
  }
}

/// A modifier (RFC 7208 §6): `redirect=`, `exp=` or one this implementation does not know.
///
/// Unknown modifiers are accepted and ignored (§6): RFC 6652's `ra=`, `rp=`, `rr=` are valid.
public struct SPFModifier: Hashable, Sendable {
  public enum Kind: String, Hashable, Sendable, Codable {
    case redirect
    case explanation = "exp"
    case unknown
  }

  public var kind: Kind
  /// The name as written.
  public var name: String
  public var value: SPFMacroString

  public init(kind: Kind, name: String, value: SPFMacroString) {
    self.kind = kind
    self.name = name
    self.value = value
  }
}

/// The result of an SPF check (RFC 7208 §2.6).
public enum SPFResult: String, Hashable, Sendable, Codable, CaseIterable {
  case none
  case neutral
  case pass
  case fail
  case softfail
  case temperror
  case permerror
}
