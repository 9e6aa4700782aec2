import DNSLookup

/// Every change a domain needs, merged per record set and verified: what to remove, what to
/// add, the verdicts after the change, and what the plan cannot fix (with the reason).
///
/// A plan leaves at most one SPF and one DMARC record per owner, never proposes two values for
/// one record, never weakens a policy (SPF `all`, DMARC `p`/`sp`/`np`, report addresses), and
/// `after` is what the checks concluded on the DNS data with the plan applied.
public struct FixPlan: Hashable, Sendable, Codable {
  /// What a profile's verdict is once the plan is applied.
  public struct Outcome: Hashable, Sendable, Codable {
    public var id: String
    public var title: LocalizedText
    public var ready: Bool

    public init(id: String, title: LocalizedText, ready: Bool) {
      self.id = id
      self.title = title
      self.ready = ready
    }
  }

  /// A finding the plan does not fix, and why (a change outside DNS, a value only the owner
  /// knows, a limit the merged record would pass).
  public struct Unresolved: Hashable, Sendable, Codable {
    public var id: String
    public var why: LocalizedText
    /// The severity of the finding left.
    public var severity: Severity

    public init(id: String, why: LocalizedText, severity: Severity = .warning) {
      self.id = id
      self.why = why
      self.severity = severity
    }
  }

  /// A record set the plan changes, as it is after the plan (empty: deleted). What tools that
  /// describe whole record sets (octoDNS, dnscontrol) are given.
  public struct RecordSet: Hashable, Sendable, Codable {
    public var owner: DomainName
    public var type: RRType
    public var ttl: UInt32
    /// The values: TXT as its text, others in presentation form.
    public var values: [String]

    public init(owner: DomainName, type: RRType, ttl: UInt32, values: [String]) {
      self.owner = owner
      self.type = type
      self.ttl = ttl
      self.values = values
    }
  }

  /// Records to remove first (as they are published).
  public var remove: [DNSChange]
  /// Records to add then.
  public var add: [DNSChange]
  /// Each judged profile's verdict with the plan applied, in report order.
  public var after: [Outcome]
  public var unresolved: [Unresolved]
  /// The ids of the findings the plan fixes (reported before, gone after).
  public var fixes: [String]
  /// The record sets the plan changes, as they are after it.
  public var recordSets: [RecordSet] = []
  /// True when a value only the owner can know is left as a placeholder (an ESP account id);
  /// each such change says where to find it (`DNSChange.note`).
  public var placeholders: Bool {
    add.contains(where: \.hasPlaceholder)
  }

  public init(
    remove: [DNSChange] = [], add: [DNSChange] = [], after: [Outcome] = [],
    unresolved: [Unresolved] = [], fixes: [String] = []
  ) {
    self.remove = remove
    self.add = add
    self.after = after
    self.unresolved = unresolved
    self.fixes = fixes
  }

  /// True when there is nothing to change.
  public var isEmpty: Bool { remove.isEmpty && add.isEmpty }

  /// Whether a plan takes the changes of `finding`: those of warnings and errors. A note's
  /// changes are optional (an include no longer needed …): shown under the note, never merged.
  public static func takesChanges(of finding: Finding) -> Bool { finding.severity > .note }

  /// Whether this plan holds the changes of `finding`, merged with the others: it takes them,
  /// and it changes every record set they change. The reports then give the records once, in
  /// the plan, instead of under the finding.
  public func holdsChanges(of finding: Finding) -> Bool {
    guard !isEmpty, Self.takesChanges(of: finding), let fix = finding.fix else { return false }
    return (fix.add + fix.remove).allSatisfy { change in
      (add + remove).contains { $0.owner == change.owner && $0.type == change.type }
    }
  }
}
