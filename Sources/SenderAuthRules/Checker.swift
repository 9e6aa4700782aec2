import DNSLookup
import SenderAuthCore

/// Checks domains end to end: fetch the context, run the rules, build the report.
public struct Checker: Sendable {
  public var engine: Engine
  public let rules: [any Rule]

  public init(resolver: any DNSResolver, rules: [any Rule] = RuleCatalog.all) {
    var engine = Engine(resolver: resolver)
    engine.espProbes = ESPCatalog.probes
    engine.espSelectors = ESPCatalog.selectors
    self.engine = engine
    self.rules = rules
  }

  /// A checker whose engine can also ask each authoritative server directly
  /// (`--authoritative`), with `now` as the clock for cache estimates.
  public init(
    resolver: any DNSResolver, serverResolver: @escaping @Sendable (IPAddress) -> any DNSResolver,
    now: @escaping @Sendable () -> Double, rules: [any Rule] = RuleCatalog.all
  ) {
    var engine = Engine(resolver: resolver)
    engine.espProbes = ESPCatalog.probes
    engine.espSelectors = ESPCatalog.selectors
    engine.serverResolver = serverResolver
    engine.now = now
    self.engine = engine
    self.rules = rules
  }

  /// The id of the finding that stands for failed lookups; it never counts toward exit 1.
  public static let lookupFailedID = "dns.lookup-failed"

  /// Checks one domain. `input` is what the user typed when it differs from the domain.
  public func check(_ domain: DomainName, options: CheckOptions, input: String? = nil) async
    -> DomainReport
  {
    let context = await engine.context(for: domain, options: options)
    return report(for: context, input: input)
  }

  /// The report for an already fetched context.
  public func report(for context: DomainContext, input: String? = nil) -> DomainReport {
    let findings = Engine.run(rules, on: context)
    var report = DomainReport(
      domain: context.domain.text, input: input,
      profiles: ProfileCatalog.evaluate(context, findings: findings, rules: rules),
      findings: findings, records: RecordSummaries.collect(context), suppressed: [],
      lookupFailed: !context.failures.isEmpty)
    report.esps = ESPAnalysis.applying(context).map(\.detected)
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
