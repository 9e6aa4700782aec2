import SenderAuthCore
import SenderAuthReport

/// The run `spf`, `dmarc` and `dkim` share: one domain's context, one rule group, and either a
/// JSON report or the group's text table followed by the findings.
enum GroupCheck {
  /// The single DOMAIN argument, or a usage error with `usage` when there is not exactly one.
  static func domain(_ arguments: ParsedArguments, usage: String) throws(UsageError)
    -> DomainInput
  {
    guard arguments.positionals.count == 1 else { throw UsageError(usage) }
    do {
      return try DomainInput.parse(arguments.positionals[0])
    } catch {
      throw UsageError(error.description)
    }
  }

  /// Fetches the context for `domain` through `stack`, runs `rules` and prints the report;
  /// returns `.findings` at a finding at or above `failOn`, else `.dnsFailure` when `failures`
  /// of the context are not empty, else `.ok`.
  static func run(
    _ domain: DomainInput, stack: ResolverStack, options: CheckOptions, rules: [any Rule],
    output: OutputOptions, failOn: Severity, group: String,
    failures: (DomainContext) -> [LookupFailure],
    records: (DomainContext) -> [RecordSummary],
    json: (DomainContext, [Finding]) -> String,
    table: (DomainContext) -> [String]
  ) async throws -> ExitStatus {
    let engine = Engine(resolver: stack.resolver)
    let context = await engine.context(for: domain.domain, options: options)
    try stack.finish()
    let findings = Engine.run(rules, on: context)
    let failed = !failures(context).isEmpty
    if output.format == "json" {
      Output.write(json(context, findings))
    } else {
      var report = DomainReport(
        domain: domain.domain.text, input: domain.input == domain.domain.text ? nil : domain.input,
        findings: findings, lookupFailed: failed)
      report.records = [group: records(context)]
      let renderOptions = RenderOptions(language: output.language, color: output.color)
      Output.write(
        table(context).joined(separator: "\n") + "\n\n"
          + TextRenderer.domain(report, options: renderOptions))
    }
    if findings.contains(where: { $0.severity >= failOn }) { return .findings }
    return failed ? .dnsFailure : .ok
  }
}
