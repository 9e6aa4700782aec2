import DNSLookup
import SenderAuthCore
import SenderAuthReport
import SenderAuthRules

/// `senderauth dmarc DOMAIN`: which DMARC record applies and why, report destinations and
/// alignment, with the DMARC findings and their fixes.
struct DMARCCommand: Command {
  static let configuration = CommandConfiguration(
    name: "dmarc",
    abstract: "Show which DMARC record applies to a domain and why, and check it.",
    arguments: "DOMAIN",
    discussion: """
      Runs the RFC 9989 tree walk (at most 8 queries, psd=y/n), names the organizational \
      domain, the record that applies (the domain's own, its organizational domain's or a \
      public suffix domain's) and which of p, sp, np applies. External rua/ruf destinations \
      are checked for their _report._dmarc authorization. Exit status: 0 no finding at or \
      above --fail-on, 1 at least one, 2 bad input, 3 DNS lookups failed.
      """,
    examples: [
      "senderauth dmarc example.com",
      "senderauth dmarc news.example.com --return-path bounce.example.com --format json",
      "senderauth dmarc agency.gov --offline --zone Fixtures/dmarc/psd-gov.trigger.zone",
    ])

  static let options: [OptionSpec] =
    [
      .option(
        "--return-path", value: "DOMAIN", help: "Envelope (Return-Path) domain for alignment."),
      .option("--rua", value: "ADDRESS", help: "DMARC report address to put into fixes."),
      .flag("--parked", help: "The domain sends no mail (fixes use p=reject)."),
      .option(
        "--fail-on", value: "SEVERITY", help: "Exit 1 at findings of this severity or worse.",
        choices: ["error", "warning", "note"]),
    ] + ResolverOptions.specs + OutputOptions.specs(formats: ["text", "json"])

  var domain: DomainInput
  var checkOptions: CheckOptions
  var failOn: Severity
  var resolverOptions: ResolverOptions
  var output: OutputOptions

  init(_ arguments: ParsedArguments) throws(UsageError) {
    domain = try GroupCheck.domain(
      arguments, usage: "dmarc takes one DOMAIN (senderauth dmarc example.com)")
    let returnPath = arguments.last("--return-path")
    if let returnPath, (try? DomainName(returnPath)) == nil {
      throw UsageError("--return-path '\(returnPath)' is not a domain name")
    }
    checkOptions = CheckOptions(
      returnPath: returnPath, rua: arguments.last("--rua"), parked: arguments.has("--parked"))
    failOn = arguments.last("--fail-on").flatMap(Severity.init(rawValue:)) ?? .error
    resolverOptions = try ResolverOptions(arguments)
    output = OutputOptions(arguments)
  }

  func run() async throws -> ExitStatus {
    if let note = domain.note { Output.error("note: \(domain.input): \(note)") }
    let stack = try resolverOptions.makeResolver()
    return try await GroupCheck.run(
      domain, stack: stack, options: checkOptions, rules: DMARCRules.all, output: output,
      failOn: failOn, group: "dmarc", failures: \.dmarc.failures,
      records: \.dmarc.recordSummaries,
      json: { JSONText.pretty(DMARCReport(context: $0, findings: $1)) },
      table: { context in
        DMARCText.lines(context.dmarc, language: output.language) + [""]
          + DMARCText.alignmentLines(Alignment.assess(context), language: output.language)
      })
  }
}
