import DNSLookup
import SenderAuthCore
import SenderAuthReport
import SenderAuthRules

/// `senderauth diff DOMAIN --before OLD --after NEW`: what a zone change makes better or worse.
struct DiffCommand: Command {
  static let configuration = CommandConfiguration(
    name: "diff", abstract: "Compare a domain's findings before and after a zone change.",
    arguments: "DOMAIN",
    discussion: """
      Each side is a zone file (overlaid on live DNS, or alone with --offline) or 'live'. \
      Lists findings that are new, resolved, changed and unchanged, and profile verdicts that \
      changed. Exit 1 only when something got worse: a new finding at or above --fail-on, or a \
      profile going from ready to not ready. A change that only fixes things exits 0.
      """,
    examples: [
      "senderauth diff example.com --before live --after zones/example.com.zone",
      "git show HEAD~1:zones/example.com.zone > /tmp/old.zone",
      "senderauth diff example.com --before /tmp/old.zone --after zones/example.com.zone --offline",
    ])

  static let options: [OptionSpec] =
    [
      .option("--before", value: "ZONE|live", help: "The zone as it is (default live)."),
      .option("--after", value: "ZONE|live", help: "The zone as proposed."),
    ] + CheckArguments.specs + ResolverOptions.specs
    + OutputOptions.specs(formats: ["text", "json", "github"])

  var domain: DomainInput
  var before: String
  var after: String
  var check: CheckArguments
  var resolverOptions: ResolverOptions
  var output: OutputOptions

  init(_ arguments: ParsedArguments) throws(UsageError) {
    guard arguments.positionals.count == 1 else {
      throw UsageError("diff takes one DOMAIN (senderauth diff example.com --after NEW.zone)")
    }
    do {
      domain = try DomainInput.parse(arguments.positionals[0])
    } catch {
      throw UsageError(error.description)
    }
    guard let after = arguments.last("--after") else {
      throw UsageError("diff needs --after ZONE (the proposed zone file, or 'live')")
    }
    self.after = after
    before = arguments.last("--before") ?? "live"
    check = try CheckArguments(arguments)
    resolverOptions = try ResolverOptions(arguments)
    output = OutputOptions(arguments)
    if resolverOptions.offline, before == "live" || self.after == "live" {
      throw UsageError("'live' cannot be used with --offline")
    }
  }

  func run() async throws -> ExitStatus {
    let options = check.options(for: domain.domain)
    let beforeReport = try await report(side: before, options: options)
    let afterReport = try await report(side: after, options: options)
    let diff = ReportDiff(before: beforeReport, after: afterReport)
    let renderOptions = RenderOptions(language: output.language, color: output.color)
    switch output.format {
    case "json": Output.write(JSONText.pretty(DiffView(diff, language: output.language)))
    case "github": Output.write(DiffRenderer.github(diff, options: renderOptions))
    default:
      Output.write(DiffRenderer.text(diff, before: before, after: after, options: renderOptions))
    }
    if diff.gotWorse(failOn: check.failOn, ignoring: [Checker.lookupFailedID]) {
      return .findings
    }
    return afterReport.lookupFailed || beforeReport.lookupFailed ? .dnsFailure : .ok
  }

  private func report(side: String, options: CheckOptions) async throws -> DomainReport {
    let zones = side == "live" ? [] : [side]
    let stack = try resolverOptions.makeResolver(adding: zones, records: true)
    let report = await Checker(resolver: stack.resolver).using(stack).check(
      domain.domain, options: options)
    try stack.finish()
    return report.suppressing(check.suppressions)
  }
}
