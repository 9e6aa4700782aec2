import DNSLookup
import SenderAuthCore

/// Turns one fetched `DomainContext` into its report: every active rule's verdict, findings
/// folded into their root causes, and each judged profile's verdict. Pure: no I/O.
public struct DomainEvaluator: Sendable {
  public var rules: [any Rule] { table.rules }
  /// False for commands that judge one protocol (`spf`, `dmarc`, `dkim`): no profiles.
  public let judgesProfiles: Bool
  /// What each report looks up about the rules, made once.
  private let table: RuleTable

  public init(rules: [any Rule] = RuleCatalog.all, judgesProfiles: Bool = true) {
    self.table = RuleTable(rules)
    self.judgesProfiles = judgesProfiles
  }

  /// The rules that run for `profiles`: every rule except provider rules that no judged
  /// profile holds.
  public func activeRules(for profiles: [Profile]) -> [any Rule] {
    activeIndices(for: profiles).map { table.rules[$0] }
  }

  /// `activeRules` as indices into the table, for any profiles (not only the catalog's, whose
  /// plans the table keeps by id).
  private func activeIndices(for profiles: [Profile]) -> [Int] {
    activeIndices(for: profiles.map(table.unkeptPlan(of:)))
  }

  private func activeIndices(for plans: [RuleTable.ProfilePlan]) -> [Int] {
    var held = [Bool](repeating: false, count: table.rules.count)
    for plan in plans { for index in plan.held { held[index] = true } }
    return table.rules.indices.filter { !table.isProviderRule[$0] || held[$0] }
  }

  /// The report for `context`. `input` is what the user typed when it differs from the domain.
  public func report(for context: DomainContext, input: String? = nil) -> DomainReport {
    let profiles = judgesProfiles ? ProfileCatalog.judged(context) : []
    let plans = profiles.map(table.plan(of:))
    let active = activeIndices(for: plans)
    var verdicts = RuleTable.Verdicts(count: table.rules.count)
    var count = 0
    for index in active {
      let verdict = table.rules[index].evaluate(context)
      if case .fail(let found) = verdict { count += found.count }
      verdicts.byIndex[index] = verdict
    }
    // Gathered into one buffer of their number: appended verdict by verdict, the array took
    // over the first verdict's findings and was copied again at each later one.
    var findings: [Finding] = []
    findings.reserveCapacity(count)
    for index in active {
      if case .fail(let found) = verdicts.byIndex[index] { findings += found }
    }
    let folded = RootCauses.fold(findings)
    let judged = ProfileCatalog.evaluate(
      Array(zip(profiles, plans)), verdicts: verdicts, links: folded.links, table: table,
      context: context)
    var report = DomainReport(
      domain: context.domain.text, input: input, profiles: judged,
      findings: folded.findings.sorted { ($0.severity, $1.id) > ($1.severity, $0.id) },
      records: RecordSummaries.collect(context), suppressed: [],
      lookupFailed: context.hasFailures)
    report.esps = ESPAnalysis.applying(context).map(\.detected)
    report.message = MessagePrediction(context: context)
    report.unknown = active.filter {
      if case .unknown = verdicts.verdict(of: table.sameID[$0]) { true } else { false }
    }.map { table.ids[$0] }
    report.ran = active.map { table.ids[$0] }
    // Each id once, as a profile judges it: by its first rule, unless the id failed.
    for index in active where table.sameID[index].first == index {
      if case .fail = verdicts.verdict(of: table.sameID[index]) { continue }
      switch table.unjudged(index, context: context) {
      case .notChecked: report.notChecked.append(table.ids[index])
      case .waits(let input):
        report.notAsked.append(WaitingRule(id: table.ids[index], waitsFor: input))
      case nil: break
      }
    }
    return report
  }
}

/// A list of rules with what each domain's report looks up about them, made once per
/// evaluator instead of once per domain and rule: their ids, which are provider rules, and
/// for every catalog profile its requirements resolved to rules and providers. A report then
/// keeps the verdicts by position in the table, not in a dictionary keyed by rule id (two
/// hundred string hashes a domain).
struct RuleTable: Sendable {
  let rules: [any Rule]
  let ids: [String]
  let isProviderRule: [Bool]
  /// For each rule, the input it may lack when the run asks for it only on request
  /// (`Rule.waitsFor`).
  let waitsFor: [OnRequestInput?]
  /// For each rule, the positions of every rule with its id (itself among them), in order.
  let sameID: [[Int]]
  /// The positions of the rules with each id.
  private let positions: [String: [Int]]
  /// The `rfc` profile's requirements (`ProfileCatalog.rfcRequirements(of:)`).
  private let rfcRequirements: [Profile.Requirement]
  /// Every catalog profile's plan, by profile id.
  private let catalogPlans: [String: ProfilePlan]

  /// A profile's requirements as the table resolves them, and the rules the profile holds.
  struct ProfilePlan: Sendable {
    var requirements: [Requirement]
    /// The positions of the rules whose ids the profile lists.
    var held: [Int]
  }

  /// A requirement as the table resolves it, once, with the provider whose requirement it
  /// is. A reference: every report reads each plan's requirements, and a copy of this is one
  /// retain where a copy of its fields was five or more.
  final class Requirement: Sendable {
    enum Kind: Sendable {
      /// Decided by the rules at `positions`, those with the requirement's id (none when the
      /// table has no such rule).
      case rule(positions: [Int])
      /// One DNS cannot decide.
      case notCheckable
    }

    let id: String
    let kind: Kind
    /// The requirement's title: a rule's is its first rule's. A rule the table does not have
    /// gets its id, which no report shows: evaluation skips a rule with no positions.
    let title: LocalizedText
    let provider: LocalizedText

    init(id: String, kind: Kind, title: LocalizedText, provider: LocalizedText) {
      self.id = id
      self.kind = kind
      self.title = title
      self.provider = provider
    }
  }

  /// How the rule at `first` (the first with its id) was left unjudged in `context`: nil when it
  /// could be judged; `.waits(input)` when it waits for input the run asks for only on request
  /// (`--ip`) and was not given, `.notChecked` when the run lacked what the domain's records
  /// point to (an MTA-STS policy offline) or what the input it was given points to (the reverse
  /// zone of a message's address offline). Profiles and the report's lists ask it for ids that
  /// did not fail (a failure stands, whatever the input).
  func unjudged(_ first: Int, context: DomainContext) -> Unjudged? {
    guard !rules[first].isCheckable(context) else { return nil }
    guard let input = waitsFor[first], !rules[first].hasInput(context) else { return .notChecked }
    return .waits(input)
  }

  /// Why a rule was not judged (`unjudged`).
  enum Unjudged: Equatable {
    /// It waits for input the run was not given: not checkable, with it named.
    case waits(OnRequestInput)
    /// What the domain's records point to was not fetched: not checked in this run.
    case notChecked
  }

  /// Each rule's verdict by its position in the table; nil for a rule that did not run.
  struct Verdicts {
    var byIndex: [Verdict?]

    init(count: Int) { byIndex = Array(repeating: nil, count: count) }

    /// The verdict for the rules at `positions` (one id): the last one that ran, as a
    /// dictionary keyed by id would keep it.
    func verdict(of positions: [Int]) -> Verdict? {
      positions.last { byIndex[$0] != nil }.flatMap { byIndex[$0] }
    }
  }

  init(_ rules: [any Rule]) {
    self.rules = rules
    ids = rules.map(\.id)
    isProviderRule = ids.map { ProviderRules.ids.contains($0) }
    waitsFor = rules.map(\.waitsFor)
    var positions: [String: [Int]] = [:]
    for (index, id) in ids.enumerated() { positions[id, default: []].append(index) }
    self.positions = positions
    sameID = ids.map { positions[$0] ?? [] }
    rfcRequirements = ProfileCatalog.rfcRequirements(of: rules)
    var plans: [String: ProfilePlan] = [:]
    for profile in ProfileCatalog.all where plans[profile.id] == nil {
      plans[profile.id] = Self.plan(
        profile, rules: rules, positions: positions, rfc: rfcRequirements)
    }
    catalogPlans = plans
  }

  /// `profile`'s plan: a catalog profile's made with the table (a profile with a catalog
  /// profile's id is that profile, as `ProfileCatalog.judged` makes them), another (the
  /// sending services' setup) now.
  func plan(of profile: Profile) -> ProfilePlan {
    catalogPlans[profile.id] ?? unkeptPlan(of: profile)
  }

  /// `profile`'s plan, made now.
  func unkeptPlan(of profile: Profile) -> ProfilePlan {
    Self.plan(profile, rules: rules, positions: positions, rfc: rfcRequirements)
  }

  /// What `profile` requires (its own list, or for `rfc` the error-level rules of the table),
  /// resolved.
  private static func plan(
    _ profile: Profile, rules: [any Rule], positions: [String: [Int]],
    rfc: [Profile.Requirement]
  ) -> ProfilePlan {
    let providers = profile.providers
    let requirements = profile.id == ProfileCatalog.rfc.id ? rfc : profile.requirements
    return ProfilePlan(
      requirements: requirements.map { requirement in
        let provider = providers[requirement.id] ?? profile.provider
        switch requirement {
        case .rule(let id):
          let found = positions[id] ?? []
          return Requirement(
            id: id, kind: .rule(positions: found),
            title: found.first.map { rules[$0].description.title }
              ?? LocalizedText(en: id, de: id), provider: provider)
        case .notCheckable(let item):
          return Requirement(
            id: item.id, kind: .notCheckable, title: item.title, provider: provider)
        }
      },
      held: profile.ruleIDs.flatMap { positions[$0] ?? [] })
  }
}

/// The records a report shows, by purpose.
enum RecordSummaries {
  static func collect(_ context: DomainContext) -> [String: [RecordSummary]] {
    // The kinds with records, into a table made at its largest size once.
    var out: [String: [RecordSummary]] = [:]
    out.reserveCapacity(7)
    func add(_ kind: String, _ summaries: [RecordSummary]) {
      if !summaries.isEmpty { out[kind] = summaries }
    }
    add("spf", context.spf.recordSummaries)
    add("dmarc", context.dmarc.recordSummaries)
    add("dkim", context.dkim.recordSummaries)
    if let answer = context.mail.mx.answer {
      add("mx", answer.matching.map(RecordSummary.init(record:)))
    }
    add("mta-sts", context.mtaSTS.records.map { RecordSummary(record: $0.record) })
    add("tls-rpt", context.tlsRPT.records.map { RecordSummary(record: $0.record) })
    add("bimi", context.bimi.records.map { RecordSummary(record: $0.record) })
    return out
  }
}
