/// A source a rule rests on: an RFC section or a provider's page, with the date it was read.
public struct Reference: Hashable, Sendable, Codable {
  /// How a page was read when not on the provider's own site as it is today.
  public enum Via: Hashable, Sendable, Codable {
    /// Through an archived copy of the page, taken on `date` (ISO).
    case archive(date: String)
    /// Only through a secondary source: a third party's account of the provider's rules.
    case secondary

    /// `archived copy of 2026-02-15` / `secondary source`.
    public var note: LocalizedText {
      switch self {
      case .archive(let date):
        LocalizedText(en: "archived copy of \(date)", de: "archivierte Fassung vom \(date)")
      case .secondary:
        LocalizedText(en: "secondary source", de: "Sekundärquelle")
      }
    }
  }

  public var title: String
  public var url: String
  /// ISO date the page was read (provider pages change); nil for RFCs.
  public var read: String?
  /// How it was read when not first-hand; nil for the page itself (and for RFCs).
  public var via: Via?

  public init(title: String, url: String, read: String? = nil, via: Via? = nil) {
    self.title = title
    self.url = url
    self.read = read
    self.via = via
  }

  /// `RFC 7208 §4.6.4` with its rfc-editor address.
  public static func rfc(_ number: Int, section: String? = nil) -> Reference {
    let anchor = section.map { "#section-\($0)" } ?? ""
    let title = "RFC \(number)" + (section.map { " §\($0)" } ?? "")
    return Reference(title: title, url: "https://www.rfc-editor.org/rfc/rfc\(number)\(anchor)")
  }
}

/// A small zone and the check options that make a rule fire (or stay silent).
///
/// The examples are the rule's tests: triggering examples must produce the rule's id,
/// non-triggering ones must not, and an example with `fixable` must be silent once the rule's
/// fix is applied to its zone.
public struct RuleExample: Hashable, Sendable, Codable {
  /// The domain checked.
  public var domain: String
  /// Zone-file text (RFC 1035), `$ORIGIN` set by the test to the zone's apex when absent.
  public var zone: String
  public var options: CheckOptions
  /// For triggering examples: applying the finding's fix to the zone silences the rule.
  public var fixable: Bool
  /// Names (or, with `authoritative`, server addresses) whose every query fails with SERVFAIL
  /// (failures are injected, never magic names).
  public var failing: [String]
  /// With `options.authoritative`: the zone a server address serves instead of `zone`.
  public var serverZones: [String: String]
  /// Names whose every query is still unanswered when the per-domain deadline runs out.
  public var expired: [String] = []
  /// What HTTPS URLs answer (MTA-STS policies, BIMI logos), by URL; an example without them
  /// fetches nothing.
  public var web: [String: ExampleResource] = [:]
  /// How a validating resolver judges each zone (by apex); with any entry the example's
  /// resolver validates DNSSEC (the top-level domain and the root are secure).
  public var validation: [String: ExampleValidation] = [:]
  /// Zones of other apexes answered beside `zone` (each with its `$ORIGIN`): a sending
  /// service's own records, which a rule about its addresses or keys reads.
  public var otherZones: [String] = []
  /// The header lines of a message checked with `check --message` (parsed into
  /// `options.message` when the example runs).
  public var message: String?

  public init(
    domain: String = "example.com", zone: String, options: CheckOptions = CheckOptions(),
    fixable: Bool = false, failing: [String] = [], serverZones: [String: String] = [:]
  ) {
    self.domain = domain
    self.zone = zone
    self.options = options
    self.fixable = fixable
    self.failing = failing
    self.serverZones = serverZones
  }

  /// An example whose HTTPS fetches get `web`, and whose zones validate as `validation` says.
  public init(
    domain: String = "example.com", zone: String, options: CheckOptions = CheckOptions(),
    fixable: Bool = false, web: [String: ExampleResource],
    validation: [String: ExampleValidation] = [:]
  ) {
    self.init(domain: domain, zone: zone, options: options, fixable: fixable)
    self.web = web
    self.validation = validation
  }

  /// An example whose zones validate as `validation` says (by apex).
  public init(
    domain: String = "example.com", zone: String, options: CheckOptions = CheckOptions(),
    validation: [String: ExampleValidation]
  ) {
    self.init(domain: domain, zone: zone, options: options)
    self.validation = validation
  }

  /// An example that reads other zones (a service's records) and, with `message`, checks a
  /// message; `domain` is then the message's From domain.
  public init(
    domain: String = "example.com", zone: String, otherZones: [String],
    options: CheckOptions = CheckOptions(), message: String? = nil, fixable: Bool = false
  ) {
    self.init(domain: domain, zone: zone, options: options, fixable: fixable)
    self.otherZones = otherZones
    self.message = message
  }

  /// An example whose queries for `expired` names run past the per-domain deadline.
  public init(
    domain: String = "example.com", zone: String, options: CheckOptions = CheckOptions(),
    expired: [String]
  ) {
    self.init(domain: domain, zone: zone, options: options)
    self.expired = expired
  }
}

/// Everything a user can learn about a rule: `senderauth explain ID` prints it.
///
/// A value with its fields in one shared, immutable box: rules hand out their description on
/// every finding and verdict, and a copy is then one reference, not a dozen strings and arrays
/// (a change makes a new box).
public struct RuleDescription: Hashable, Sendable, Codable {
  /// The fields, as they are encoded.
  struct Fields: Hashable, Sendable, Codable {
    var id: String
    var title: LocalizedText
    var rationale: LocalizedText
    var howToFix: LocalizedText
    var references: [Reference]
    var severity: Severity
    var triggering: [RuleExample]
    var nonTriggering: [RuleExample]
    var bounceCodes: [BounceCode]

    init(
      id: String, title: LocalizedText, rationale: LocalizedText, howToFix: LocalizedText,
      references: [Reference], severity: Severity, triggering: [RuleExample],
      nonTriggering: [RuleExample], bounceCodes: [BounceCode]
    ) {
      self.id = id
      self.title = title
      self.rationale = rationale
      self.howToFix = howToFix
      self.references = references
      self.severity = severity
      self.triggering = triggering
      self.nonTriggering = nonTriggering
      self.bounceCodes = bounceCodes
    }

    init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      id = try container.decode(String.self, forKey: .id)
      title = try container.decode(LocalizedText.self, forKey: .title)
      rationale = try container.decode(LocalizedText.self, forKey: .rationale)
      howToFix = try container.decode(LocalizedText.self, forKey: .howToFix)
      references = try container.decode([Reference].self, forKey: .references)
      severity = try container.decode(Severity.self, forKey: .severity)
      triggering = try container.decode([RuleExample].self, forKey: .triggering)
      nonTriggering = try container.decode([RuleExample].self, forKey: .nonTriggering)
      bounceCodes = try container.decodeIfPresent([BounceCode].self, forKey: .bounceCodes) ?? []
    }
  }

  final class Box: Sendable {
    let fields: Fields
    init(_ fields: Fields) { self.fields = fields }
  }

  private var box: Box

  private var fields: Fields {
    get { box.fields }
    set { box = Box(newValue) }
  }

  /// `<scope>.<kebab-slug>`.
  public var id: String {
    get { fields.id }
    set { fields.id = newValue }
  }
  public var title: LocalizedText {
    get { fields.title }
    set { fields.title = newValue }
  }
  public var rationale: LocalizedText {
    get { fields.rationale }
    set { fields.rationale = newValue }
  }
  /// How to fix it, in words (the exact records come with each finding).
  public var howToFix: LocalizedText {
    get { fields.howToFix }
    set { fields.howToFix = newValue }
  }
  public var references: [Reference] {
    get { fields.references }
    set { fields.references = newValue }
  }
  public var severity: Severity {
    get { fields.severity }
    set { fields.severity = newValue }
  }
  public var triggering: [RuleExample] {
    get { fields.triggering }
    set { fields.triggering = newValue }
  }
  public var nonTriggering: [RuleExample] {
    get { fields.nonTriggering }
    set { fields.nonTriggering = newValue }
  }
  /// The SMTP replies a mailbox provider gives when this requirement is not met (provider
  /// rules); `senderauth explain 5.7.40` finds the rule by them.
  public var bounceCodes: [BounceCode] {
    get { fields.bounceCodes }
    set { fields.bounceCodes = newValue }
  }

  public init(
    id: String, title: LocalizedText, rationale: LocalizedText, howToFix: LocalizedText,
    references: [Reference], severity: Severity, triggering: [RuleExample],
    nonTriggering: [RuleExample], bounceCodes: [BounceCode] = []
  ) {
    box = Box(
      Fields(
        id: id, title: title, rationale: rationale, howToFix: howToFix, references: references,
        severity: severity, triggering: triggering, nonTriggering: nonTriggering,
        bounceCodes: bounceCodes))
  }

  public init(from decoder: any Decoder) throws {
    box = Box(try Fields(from: decoder))
  }

  public func encode(to encoder: any Encoder) throws { try fields.encode(to: encoder) }

  public static func == (lhs: RuleDescription, rhs: RuleDescription) -> Bool {
    lhs.box === rhs.box || lhs.fields == rhs.fields
  }

  public func hash(into hasher: inout Hasher) { fields.hash(into: &hasher) }
}

/// A check: pure and synchronous over a fetched `DomainContext`; it never queries DNS.
///
/// `check` returns the findings; `evaluate` turns them into a verdict: fail when there are
/// findings, else unknown when a lookup among the rule's `inputs` failed, else pass. A rule
/// that can tell more precisely (one that judges only part of what it reads) overrides either.
public protocol Rule: Sendable {
  var description: RuleDescription { get }
  /// The parts of the context the verdict rests on (default: by the id's scope).
  var inputs: RuleInputs { get }
  func check(_ context: DomainContext) -> [Finding]
  func evaluate(_ context: DomainContext) -> Verdict
  /// Whether `context` holds what a profile needs to judge this rule's requirement (default:
  /// yes). A rule that needs more input (`ConditionalRequirement`: a PTR rule needs `--ip`, the
  /// MTA-STS policy rules the policy) says no without it, and the profile shows the requirement
  /// as not checkable or not checked (`waitsFor`). A requirement of the protocol, so
  /// profiles ask it without a dynamic cast per rule and domain.
  func isCheckable(_ context: DomainContext) -> Bool
  /// When `isCheckable` says no: the input the rule lacks when the run asks for it only on
  /// request (`--ip`, `--selector`, `--authoritative`, a message, a validating resolver), so a
  /// profile shows it as checkable with that input and the `rfc` profile, which holds every
  /// RFC rule, leaves it out of a run that did not ask. Nil (the default) when the run lacked
  /// what the domain's own records point to (the MTA-STS policy or the BIMI files a record
  /// names, not fetched offline, from a replay or without libcurl): every profile shows it as
  /// not checked in this run, so no verdict passes over it in silence. A requirement of the
  /// protocol too: asked through a cast, each rule type's first lookup of its conformances cost
  /// about 100,000 instructions, 32 M in every process (a whole one-domain check is about 26 M).
  var waitsFor: OnRequestInput? { get }
  /// When `isCheckable` says no although the rule `waitsFor` input: true when the run was given
  /// that input after all, so the rule was not checked in this run instead of waiting for the
  /// option (naming it would send the user in a circle). The reverse-DNS rules say so for a
  /// message's address offline, with no zone for its reverse name. Default: false.
  func hasInput(_ context: DomainContext) -> Bool
}

/// Input a run asks for only on request, which some rules wait for (`Rule.waitsFor`).
public enum OnRequestInput: String, Hashable, Sendable, Codable, CaseIterable {
  /// Sending addresses, `--ip`.
  case ip
  /// DKIM selectors, `--selector`.
  case selector
  /// A message or its header, `--message`.
  case message
  /// The domain's own name servers, `--authoritative`.
  case authoritative
  /// A resolver that validates DNSSEC (`--nameserver`, resolv.conf).
  case validatingResolver

  /// `checkable with --ip`: what a requirement waiting for it is, in words.
  public var checkable: LocalizedText {
    switch self {
    case .ip: LocalizedText(en: "checkable with --ip", de: "mit --ip prüfbar")
    case .selector: LocalizedText(en: "checkable with --selector", de: "mit --selector prüfbar")
    case .message: LocalizedText(en: "checkable with --message", de: "mit --message prüfbar")
    case .authoritative:
      // Both ask the network: `--offline` refuses `--authoritative`.
      LocalizedText(
        en: "checkable online with --authoritative", de: "online mit --authoritative prüfbar")
    case .validatingResolver:
      LocalizedText(
        en: "checkable online through a validating resolver (--nameserver)",
        de: "online über einen validierenden Resolver prüfbar (--nameserver)")
    }
  }
}

extension Rule {
  public var id: String { description.id }

  public var inputs: RuleInputs { RuleInputs.defaultInputs(forRuleID: description.id) }

  public func isCheckable(_ context: DomainContext) -> Bool { true }

  public var waitsFor: OnRequestInput? { nil }

  public func hasInput(_ context: DomainContext) -> Bool { false }

  public func evaluate(_ context: DomainContext) -> Verdict {
    let findings = check(context)
    if !findings.isEmpty { return .fail(findings) }
    guard context.hasFailures else { return .pass }
    let failed = context.failures(in: inputs)
    return failed.isEmpty ? .pass : .unknown(failed)
  }

  /// A finding of this rule at its default severity.
  public func finding(
    _ message: LocalizedText, at location: Location? = nil, fix: Fix? = nil,
    severity: Severity? = nil, causes: [String] = []
  ) -> Finding {
    Finding(
      id: description.id, severity: severity ?? description.severity, message: message,
      location: location, fix: fix, causes: causes)
  }
}
