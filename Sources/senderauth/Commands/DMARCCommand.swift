import DNSLookup
import SenderAuthCore
import SenderAuthKit
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
    ],
    german: CommandConfiguration.German(
      abstract: "Zeigt, welcher DMARC-Eintrag für eine Domain gilt und warum, und prüft ihn.",
      discussion: """
        Führt die Baumsuche nach RFC 9989 aus (höchstens 8 Abfragen, psd=y/n), nennt die \
        Organisationsdomain, den geltenden Eintrag (den der Domain selbst, ihrer Organisationsdomain \
        oder einer Public-Suffix-Domain) und welches von p, sp, np gilt. Externe rua-/ruf-Ziele \
        werden auf ihren Autorisierungseintrag unter _report._dmarc geprüft. Exit-Status: 0 kein \
        Befund ab --fail-on, 1 mindestens einer, 2 ungültige Eingabe, 3 DNS-Abfragen \
        fehlgeschlagen.
        """))

  static let options: [OptionSpec] =
    [
      .option(
        "--return-path", value: "DOMAIN", help: "Envelope (Return-Path) domain for alignment.",
        de: "Return-Path-Domain (Umschlagabsender) für die Ausrichtung."),
      .option(
        "--rua", value: "URI",
        help: "DMARC report address to put into fixes: mailto:ADDRESS (or ADDRESS) or https: URI.",
        de: "DMARC-Berichtsadresse für die Korrekturen: mailto:ADRESSE (oder ADRESSE) oder "
          + "https:-URI."),
      .flag(
        "--parked", help: "The domain sends no mail (fixes use p=reject).",
        de: "Die Domain versendet keine E-Mails (Korrekturen mit p=reject)."),
      RequestArguments.failOnSpec, RequestArguments.deadlineSpec,
    ] + RequestArguments.resolverSpecs + OutputOptions.specs(formats: [.text, .json])

  var request: CheckRequest
  var failOn: Severity
  var output: OutputOptions

  init(_ arguments: ParsedArguments) throws(UsageError) {
    let domain = try RequestArguments.domain(
      arguments,
      usage: LocalizedText(
        en: "dmarc takes one DOMAIN (senderauth dmarc example.com)",
        de: "dmarc braucht genau eine DOMAIN (senderauth dmarc example.com)"))
    let options = try RequestArguments.options(arguments)
    let resolver = try RequestArguments.resolver(arguments)
    let deadline = try RequestArguments.deadline(arguments)
    request = try RequestArguments.request { () throws(RequestError) in
      try CheckRequest(
        domains: [domain], options: options, scope: .dmarc, resolver: resolver,
        deadline: deadline)
    }
    failOn = RequestArguments.failOn(arguments)
    output = OutputOptions(arguments)
  }

  func run() async throws -> ExitStatus {
    let language = output.language
    return try await GroupCheck.run(
      request, output: output, failOn: failOn,
      json: { JSONText.pretty(DMARCReport(context: $0.context, findings: $0.report.findings)) },
      table: { result in
        DMARCText.lines(result.context.dmarc, language: language) + [""]
          + DMARCText.alignmentLines(Alignment.assess(result.context), language: language)
      })
  }
}
