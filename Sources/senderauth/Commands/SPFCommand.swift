import DNSLookup
import SenderAuthCore
import SenderAuthReport
import SenderAuthRules

/// `senderauth spf DOMAIN [--ip IP [--sender ADDR] [--helo NAME]]`: the SPF record, its
/// worst-case lookup tree and findings; with `--ip`, the RFC 7208 result for that address.
struct SPFCommand: Command {
  static let configuration = CommandConfiguration(
    name: "spf",
    abstract: "Show a domain's SPF record and lookup tree, or evaluate it for an IP address.",
    arguments: "DOMAIN",
    discussion: """
      Without --ip: the SPF record, the include/redirect tree with the worst-case number of \
      DNS-querying terms per term and in total (limit 10), void lookups (limit 2), and the SPF \
      findings with their fixes; exit status 0 no finding at or above --fail-on, 1 at least \
      one, 2 bad input, 3 DNS lookups failed. With --ip: RFC 7208 check_host(IP, DOMAIN, \
      SENDER) with macros and exp= explanations, printing the result (pass fail softfail \
      neutral none permerror temperror), the explanation and the trace of terms tried; exit \
      status 0 for pass, 1 for any other result, 3 for temperror. SENDER defaults to \
      postmaster@DOMAIN, the HELO name to DOMAIN.
      """,
    examples: [
      "senderauth spf example.com",
      "senderauth spf example.com --ip 192.0.2.10 --sender news@example.com --format json",
      "senderauth spf e8.example.com --ip 1.2.3.4 --sender foo@e8.example.com --offline "
        + "--zone Fixtures/spf/suite-processing-limits.zone",
    ])

  static let options: [OptionSpec] =
    [
      .option("--ip", value: "IP", help: "Evaluate the record for this connecting address."),
      .option("--sender", value: "ADDRESS", help: "Envelope sender (MAIL FROM) for --ip."),
      .option("--helo", value: "NAME", help: "HELO/EHLO name for --ip (the %{h} macro)."),
      .option(
        "--fail-on", value: "SEVERITY", help: "Exit 1 at findings of this severity or worse.",
        choices: ["error", "warning", "note"]),
    ] + ResolverOptions.specs + OutputOptions.specs(formats: ["text", "json"])

  var domain: DomainInput
  var ip: IPAddress?
  var sender: String?
  var helo: String?
  var failOn: Severity
  var resolverOptions: ResolverOptions
  var output: OutputOptions

  init(_ arguments: ParsedArguments) throws(UsageError) {
    domain = try GroupCheck.domain(
      arguments, usage: "spf takes one DOMAIN (senderauth spf example.com)")
    if let text = arguments.last("--ip") {
      guard let address = IPAddress(text) else {
        throw UsageError("--ip '\(text)' is not an IPv4 or IPv6 address")
      }
      ip = address
    }
    sender = arguments.last("--sender")
    helo = arguments.last("--helo")
    if ip == nil, sender != nil || helo != nil {
      throw UsageError("--sender and --helo need --ip (the address to evaluate)")
    }
    failOn = arguments.last("--fail-on").flatMap(Severity.init(rawValue:)) ?? .error
    resolverOptions = try ResolverOptions(arguments)
    output = OutputOptions(arguments)
  }

  func run() async throws -> ExitStatus {
    if let note = domain.note { Output.error("note: \(domain.input): \(note)") }
    let stack = try resolverOptions.makeResolver()
    if let ip {
      let evaluator = SPFEvaluator(resolver: stack.resolver)
      let evaluation = await evaluator.checkHost(
        ip: ip, domain: domain.domain.text, sender: sender ?? "postmaster@\(domain.domain.text)",
        helo: helo ?? domain.domain.text)
      try stack.finish()
      if output.format == "json" {
        Output.write(JSONText.pretty(SPFEvaluationReport(evaluation)))
      } else {
        Output.write(
          SPFTreeText.lines(evaluation, language: output.language).joined(separator: "\n"))
      }
      switch evaluation.result {
      case .pass: return .ok
      case .temperror: return .dnsFailure
      default: return .findings
      }
    }
    return try await GroupCheck.run(
      domain, stack: stack, options: CheckOptions(), rules: SPFRules.all, output: output,
      failOn: failOn, group: "spf", failures: \.spf.failures, records: \.spf.recordSummaries,
      json: { context, findings in
        JSONText.pretty(SPFReport(context: context.spf, domain: domain.domain, findings: findings))
      },
      table: { SPFTreeText.lines($0.spf, language: output.language) })
  }
}
