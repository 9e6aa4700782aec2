import DNSLookup
import SenderAuthCore
import SenderAuthReport
import SenderAuthRules

/// `senderauth dkim DOMAIN [--selector S…]`: probe DKIM selectors and judge their keys.
struct DKIMCommand: Command {
  static let configuration = CommandConfiguration(
    name: "dkim",
    abstract: "Probe a domain's DKIM selectors, follow their CNAMEs and judge the keys.",
    arguments: "DOMAIN",
    discussion: """
      Selectors cannot be listed through DNS: the ones given with --selector are probed first, \
      then a list of common ones (google, selector1, selector2, s1, s2, k1-k3, hs1, hs2, \
      mailjet, mte1, mte2, zendesk1, zendesk2, default, dkim, mail, smtp). The selector a \
      message was signed with is the 's=' tag of its DKIM-Signature header. Exit status: 0 no \
      finding at or above --fail-on, 1 at least one, 2 bad input, 3 DNS lookups failed.
      """,
    examples: [
      "senderauth dkim example.com",
      "senderauth dkim example.com --selector mx2024 --selector mx2025",
      "senderauth dkim keys.example --offline --zone Fixtures/dkim/keys.example.zone",
    ])

  static let options: [OptionSpec] =
    [
      .option("--selector", value: "S", help: "DKIM selector to check.", repeatable: true),
      .option(
        "--fail-on", value: "SEVERITY", help: "Exit 1 at findings of this severity or worse.",
        choices: ["error", "warning", "note"]),
    ] + ResolverOptions.specs + OutputOptions.specs(formats: ["text", "json"])

  var domain: DomainInput
  var selectors: [String]
  var failOn: Severity
  var resolverOptions: ResolverOptions
  var output: OutputOptions

  init(_ arguments: ParsedArguments) throws(UsageError) {
    domain = try GroupCheck.domain(
      arguments, usage: "dkim takes one DOMAIN (senderauth dkim example.com --selector s1)")
    selectors = arguments.all("--selector")
    for selector in selectors {
      let name = DKIMSelectors.normalized(selector, domain: domain.domain)
      guard DKIMSelectors.isValidSelector(name) else {
        throw UsageError(
          "--selector '\(selector)' is not a selector (letters, digits, '-', '_', dots)")
      }
    }
    failOn = arguments.last("--fail-on").flatMap(Severity.init(rawValue:)) ?? .error
    resolverOptions = try ResolverOptions(arguments)
    output = OutputOptions(arguments)
  }

  func run() async throws -> ExitStatus {
    if let note = domain.note { Output.error("note: \(domain.input): \(note)") }
    let stack = try resolverOptions.makeResolver()
    return try await GroupCheck.run(
      domain, stack: stack, options: CheckOptions(selectors: selectors), rules: DKIMRules.all,
      output: output, failOn: failOn, group: "dkim", failures: \.dkim.failures,
      records: \.dkim.recordSummaries,
      json: { JSONText.pretty(DKIMReport(context: $0.dkim, findings: $1)) },
      table: { DKIMText.lines($0.dkim, language: output.language) })
  }
}
