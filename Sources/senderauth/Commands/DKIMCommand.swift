import DNSLookup
import SenderAuthCore
import SenderAuthKit
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
      then the list check probes too (\(DKIMSelectors.common.joined(separator: ", "))), and \
      the account-specific ones the SPF record names (HubSpot's hs1-<hub id>). The selector a \
      message was signed with is the 's=' tag of its DKIM-Signature header (check --message \
      reads it). Exit status: 0 no finding at or above --fail-on, 1 at least one, 2 bad input, \
      3 DNS lookups failed.
      """,
    examples: [
      "senderauth dkim example.com",
      "senderauth dkim example.com --selector mx2024 --selector mx2025",
      "senderauth dkim keys.example --offline --zone Fixtures/dkim/keys.example.zone",
    ],
    german: CommandConfiguration.German(
      abstract:
        "Fragt die DKIM-Selektoren einer Domain ab, folgt ihren CNAMEs und bewertet die Schlüssel.",
      discussion: """
        Selektoren lassen sich per DNS nicht auflisten: die mit --selector angegebenen werden zuerst \
        abgefragt, dann eine Liste üblicher (google, selector1, selector2, s1, s2, k1-k3, hs1, hs2, \
        mailjet, mte1, mte2, zendesk1, zendesk2, default, dkim, mail, smtp). Den Selektor, mit dem \
        eine Nachricht signiert wurde, nennt das Tag 's=' ihres DKIM-Signature-Headers. Exit-Status: \
        0 kein Befund ab --fail-on, 1 mindestens einer, 2 ungültige Eingabe, 3 DNS-Abfragen \
        fehlgeschlagen.
        """))

  static let options: [OptionSpec] =
    [
      .option(
        "--selector", value: "S", help: "DKIM selector to check.",
        de: "Zu prüfender DKIM-Selektor.", repeatable: true),
      RequestArguments.failOnSpec, RequestArguments.deadlineSpec,
    ] + RequestArguments.resolverSpecs + OutputOptions.specs(formats: [.text, .json])

  var request: CheckRequest
  var failOn: Severity
  var output: OutputOptions

  init(_ arguments: ParsedArguments) throws(UsageError) {
    let domain = try RequestArguments.domain(
      arguments,
      usage: LocalizedText(
        en: "dkim takes one DOMAIN (senderauth dkim example.com --selector s1)",
        de: "dkim braucht genau eine DOMAIN (senderauth dkim example.com --selector s1)"))
    let selectors = arguments.all("--selector")
    for selector in selectors {
      let name = DKIMSelectors.normalized(selector, domain: domain.domain)
      guard DKIMSelectors.isValidSelector(name) else {
        throw RequestArguments.notASelector(selector)
      }
    }
    let resolver = try RequestArguments.resolver(arguments)
    let deadline = try RequestArguments.deadline(arguments)
    request = try RequestArguments.request { () throws(RequestError) in
      try CheckRequest(
        domains: [domain], options: CheckOptions(selectors: selectors), scope: .dkim,
        resolver: resolver, deadline: deadline)
    }
    failOn = RequestArguments.failOn(arguments)
    output = OutputOptions(arguments)
  }

  func run() async throws -> ExitStatus {
    let language = output.language
    let width = output.width
    return try await GroupCheck.run(
      request, output: output, failOn: failOn,
      json: { JSONText.pretty(DKIMReport(context: $0.context.dkim, findings: $0.report.findings)) },
      table: { DKIMText.lines($0.context.dkim, language: language, width: width) })
  }
}
