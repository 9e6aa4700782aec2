import DNSLookup
import SenderAuthCore

/// Turns one fetched `DomainContext` into its report: every active rule's verdict, findings
/// folded into their root causes, and each judged profile's verdict. Pure: no I/O.
public struct DomainEvaluator: Sendable {
  public let rules: [any Rule]
  /// False for commands that judge one protocol (`spf`, `dmarc`, `dkim`): no profiles.
  public let judgesProfiles: Bool

  public init(rules: [any Rule] = RuleCatalog.all, judgesProfiles: Bool = true) {
    self.rules = rules
    self.judgesProfiles = judgesProfiles
  }

  /// The rules that run for `profiles`: every rule except provider rules that no judged
  /// profile holds.
  public func activeRules(for profiles: [Profile]) -> [any Rule] {
    let held = Set(profiles.flatMap(\.ruleIDs))
    return rules.filter { !ProviderRules.ids.contains($0.id) || held.contains($0.id) }
  }

  /// The report for `context`. `input` is what the user typed when it differs from the domain.
  public func report(for context: DomainContext, input: String? = nil) -> DomainReport {
    let profiles = judgesProfiles ? ProfileCatalog.judged(context) : []
    let active = activeRules(for: profiles)
    var verdicts: [String: Verdict] = [:]
    var findings: [Finding] = []
    for rule in active {
      let verdict = rule.evaluate(context)
      verdicts[rule.id] = verdict
      findings += verdict.findings
    }
    let folded = RootCauses.fold(findings)
    let judged = ProfileCatalog.evaluate(
      profiles, verdicts: verdicts, links: folded.links, rules: active, context: context)
    var report = DomainReport(
      domain: context.domain.text, input: input, profiles: judged,
      findings: folded.findings.sorted { ($0.severity, $1.id) > ($1.severity, $0.id) },
      records: RecordSummaries.collect(context), suppressed: [],
      lookupFailed: context.hasFailures)
    report.esps = ESPAnalysis.applying(context).map(\.detected)
    report.message = MessagePrediction(context: context)
    report.unknown = active.map(\.id).filter {
      if case .unknown = verdicts[$0] { true } else { false }
    }
    return report
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
