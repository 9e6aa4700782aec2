import DNSLookup
import SenderAuthCore
import SenderAuthReport
import SenderAuthRules

/// `senderauth check DOMAIN…`: every check, verdicts per profile, and the fixes.
struct CheckCommand: Command {
  static let configuration = CommandConfiguration(
    name: "check",
    abstract: "Check domains' SPF, DKIM, DMARC and MX, and print what to publish to fix them.",
    arguments: "DOMAIN…",
    discussion: """
      Exit status: 0 no finding at or above --fail-on, 1 at least one, 2 bad input, \
      3 DNS lookups failed so that a verdict could not be reached (and nothing else failed), \
      130/143 interrupted by SIGINT/SIGTERM (every finished domain is still written).

      Formats: text (default; colour only on a terminal without NO_COLOR), json (schema \
      version 1, sorted keys), jsonl (one line per domain as it finishes), markdown (a report \
      to paste into a ticket), github (workflow-command annotations), junit (one testcase per \
      rule and domain), sarif (2.1.0, for code scanning). Messages follow --lang (en, de; \
      default from LC_ALL, LC_MESSAGES, LANG); ids and records are never translated.
      """,
    examples: [
      "senderauth check example.com",
      "senderauth check example.com --selector s1 --return-path em123.example.com",
      "senderauth check shop.example --offline --zone Fixtures/demo/shop.example.zone",
      "senderauth check -f domains.txt --format jsonl",
      "senderauth check example.com --format markdown --lang de > ticket.md",
      "senderauth check example.com --offline --zone zones/ --format sarif > senderauth.sarif",
      "senderauth check example.com --fail-on warning --format github",
    ])

  static let options: [OptionSpec] =
    [
      .option(
        "--file", aliases: ["-f"], value: "FILE",
        help: "Read domains from FILE, one per line, '#' comments; '-' for stdin."),
      .option(
        "--jobs", value: "N", help: "Domains checked at once (default \(BatchRunner.defaultJobs))."),
      .option(
        "--deadline", value: "SECONDS",
        help: "Give up on a domain's unanswered lookups after SECONDS (default 30; 0 for none)."),
    ] + CheckArguments.specs + ResolverOptions.specs
    + OutputOptions.specs(formats: ReportFormat.allCases.map(\.rawValue))

  var inputs: [String]
  var file: String?
  var check: CheckArguments
  var jobs: Int
  /// Seconds each domain may take; nil for no deadline.
  var deadline: Double?
  var resolverOptions: ResolverOptions
  var output: OutputOptions

  init(_ arguments: ParsedArguments) throws(UsageError) {
    inputs = arguments.positionals
    file = arguments.last("--file")
    check = try CheckArguments(arguments)
    if inputs.isEmpty, file == nil {
      inputs = check.configuredDomains
    }
    guard !inputs.isEmpty || file != nil else {
      throw UsageError("check needs at least one DOMAIN (or -f FILE, or a senderauth.json)")
    }
    jobs = try arguments.integer("--jobs", in: 1...1024) ?? BatchRunner.defaultJobs
    deadline = try BatchRunner.deadline(arguments.last("--deadline"))
    resolverOptions = try ResolverOptions(arguments)
    output = OutputOptions(arguments)
  }

  func run() async throws -> ExitStatus {
    var typed = inputs
    if let file { typed += try DomainList.read(file) }
    var domains: [DomainInput] = []
    for text in typed {
      do {
        domains.append(try DomainInput.parse(text))
      } catch {
        throw UsageError(error.description)
      }
    }
    for domain in domains where domain.note != nil {
      Output.error("note: \(domain.input): \(domain.note ?? "")")
    }
    BatchRunner.limitMallocArenas()
    let stack = try resolverOptions.makeResolver(adding: check.configuredZones, records: true)
    let check = self.check
    let renderOptions = RenderOptions(language: output.language, color: output.color)
    let format = output.format
    let resolverOptions = self.resolverOptions
    let deadline = self.deadline
    let makeChecker: @Sendable (any DNSResolver) -> Checker = {
      check.checker(resolver: $0, resolverOptions: resolverOptions).using(
        stack, deadline: deadline)
    }
    var stream: (@Sendable (DomainReport) -> String)?
    if format == "jsonl" { stream = { JSONRenderer.line($0, options: renderOptions) } }
    let render: @Sendable ([DomainReport]) -> String? = { reports in
      let report = Report(domains: reports, version: SenderAuthVersion.current)
      let chosen = ReportFormat(rawValue: format) ?? .text
      return chosen.streams ? nil : chosen.render(report, options: renderOptions)
    }
    let runner = BatchRunner(
      domains: domains, resolver: stack.resolver, checker: makeChecker, cache: stack.cache,
      options: { check.options(for: $0) }, adjust: { $0.suppressing(check.suppressions) },
      jobs: jobs, deadline: deadline, stream: stream, render: render,
      showProgress: Output.stderrIsTerminal && domains.count > 1,
      showSummary: file != nil || domains.count > 1)
    let reports = await runner.run()
    try stack.finish()
    return Self.exitStatus(for: reports, failOn: check.failOn)
  }

  /// 1 when a finding reaches `failOn`; else 3 when lookups failed; else 0. Failed lookups are
  /// never counted as findings for this.
  static func exitStatus(for reports: [DomainReport], failOn: Severity) -> ExitStatus {
    let failing = reports.flatMap(\.findings).contains {
      !BatchRunner.dnsFailureIDs.contains($0.id) && $0.severity >= failOn
    }
    if failing { return .findings }
    if reports.contains(where: \.lookupFailed) { return .dnsFailure }
    return .ok
  }
}
