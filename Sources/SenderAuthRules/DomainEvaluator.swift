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

  /// `activeRules` as indices into the table.
  private func activeIndices(for profiles: [Profile]) -> [Int] {
    let held = Set(profiles.flatMap(\.ruleIDs))
    return table.rules.indices.filter { !table.isProviderRule[$0] || held.contains(table.ids[$0]) }
  }

  /// The report for `context`. `input` is what the user typed when it differs from the domain.
  public func report(for context: DomainContext, input: String? = nil) -> DomainReport {
    let profiles = judgesProfiles ? ProfileCatalog.judged(context) : []
    let active = activeIndices(for: profiles)
    var verdicts: [String: Verdict] = [:]
    verdicts.reserveCapacity(active.count)
    var findings: [Finding] = []
    for index in active {
      let verdict = table.rules[index].evaluate(context)
      verdicts[table.ids[index]] = verdict
      findings += verdict.findings
    }
    let folded = RootCauses.fold(findings)
    let judged = ProfileCatalog.evaluate(
      profiles, verdicts: verdicts, links: folded.links, table: table, context: context)
    var report = DomainReport(
      domain: context.domain.text, input: input, profiles: judged,
      findings: folded.findings.sorted { ($0.severity, $1.id) > ($1.severity, $0.id) },
      records: RecordSummaries.collect(context), suppressed: [],
      lookupFailed: context.hasFailures)
    report.esps = ESPAnalysis.applying(context).map(\.detected)
    report.message = MessagePrediction(context: context)
    report.unknown = active.map { table.ids[$0] }.filter {
      if case .unknown = verdicts[$0] { true } else { false }
    }
    return report
  }
}

/// A list of rules with what each domain's report looks up about them: their ids, which are
/// provider rules, the rules by id, and the `rfc` profile's requirements (made once per
/// evaluator instead of once per domain and rule).
struct RuleTable: Sendable {
  let rules: [any Rule]
  let ids: [String]
  let isProviderRule: [Bool]
  /// The first rule with each id.
  let byID: [String: any Rule]
  /// The `rfc` profile's requirements (`ProfileCatalog.rfcRequirements(of:)`).
  let rfcRequirements: [Profile.Requirement]

  init(_ rules: [any Rule]) {
    self.rules = rules
    ids = rules.map(\.id)
    isProviderRule = ids.map { ProviderRules.ids.contains($0) }
    var byID: [String: any Rule] = [:]
    for (id, rule) in zip(ids, rules) where byID[id] == nil { byID[id] = rule }
    self.byID = byID
    rfcRequirements = ProfileCatalog.rfcRequirements(of: rules)
  }

  /// What `profile` requires: its own list, or for `rfc` the error-level rules of the table.
  func requirements(of profile: Profile) -> [Profile.Requirement] {
    profile.id == ProfileCatalog.rfc.id ? rfcRequirements : profile.requirements
  }
}

/// The records a report shows, by purpose.
enum RecordSummaries {
  static func collect(_ context: DomainContext) -> [String: [RecordSummary]] {
    var out: [String: [RecordSummary]] = [
      "spf": context.spf.recordSummaries, "dmarc": context.dmarc.recordSummaries,
      "dkim": context.dkim.recordSummaries,
    ]
    if let answer = context.mail.mx.answer {
      out["mx"] = answer.matching.map(RecordSummary.init(record:))
    }
    out["mta-sts"] = context.mtaSTS.records.map { RecordSummary(record: $0.record) }
    out["tls-rpt"] = context.tlsRPT.records.map { RecordSummary(record: $0.record) }
    out["bimi"] = context.bimi.records.map { RecordSummary(record: $0.record) }
    return out.filter { !$0.value.isEmpty }
  }
}
