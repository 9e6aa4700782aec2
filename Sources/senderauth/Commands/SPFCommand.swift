import DNSLookup
import SenderAuthCore
import SenderAuthKit
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
      neutral none permerror temperror), one sentence on why (the term that decided; for an \
      address a sending service publishes in its SPF, such as SendGrid's 149.72.0.0/16, the \
      service and the include that would authorize it), the explanation and the trace of terms \
      tried; a result other than pass is the finding spf.ip-not-authorized, so the exit status \
      follows the same rule as every command: 0 pass, 1 any other result (at --fail-on error), \
      3 temperror (the lookups failed); the address of a service whose mail SPF checks at its \
      own return path (SendGrid, Mailchimp, HubSpot …) is not judged at DOMAIN (exit 0), the \
      sentence says so. SENDER defaults to postmaster@DOMAIN, the HELO name to DOMAIN.
      """,
    examples: [
      "senderauth spf example.com",
      "senderauth spf example.com --ip 192.0.2.10 --sender news@example.com --format json",
      "senderauth spf e8.example.com --ip 1.2.3.4 --sender foo@e8.example.com --offline "
        + "--zone Fixtures/spf/suite-processing-limits.zone",
    ],
    german: CommandConfiguration.German(
      abstract:
        "Zeigt den SPF-Eintrag einer Domain und seinen Abfragebaum oder wertet ihn für eine "
        + "IP-Adresse aus.",
      discussion: """
        Ohne --ip: der SPF-Eintrag, der include-/redirect-Baum mit der Zahl der DNS-Abfragen im \
        ungünstigsten Fall je Mechanismus und insgesamt (Grenze 10), DNS-Abfragen ohne Ergebnis \
        (Grenze 2) und die SPF-Befunde mit ihren Korrekturen; Exit-Status 0 kein Befund ab \
        --fail-on, 1 mindestens einer, 2 ungültige Eingabe, 3 DNS-Abfragen fehlgeschlagen. Mit \
        --ip: check_host(IP, DOMAIN, ABSENDER) nach RFC 7208 mit Makros und exp=-Erklärungen; \
        ausgegeben werden das Ergebnis (pass fail softfail neutral none permerror temperror), \
        die Erklärung und der Ablauf der geprüften Mechanismen. Ein anderes Ergebnis als pass \
        ist der Befund spf.ip-not-authorized, der Exit-Status folgt also derselben Regel wie bei \
        jedem Befehl: 0 pass, 1 jedes andere Ergebnis (bei --fail-on error), 3 temperror (die \
        Abfragen sind gescheitert). Standard für ABSENDER ist postmaster@DOMAIN, für den \
        HELO-Namen DOMAIN.
        """))

  static let options: [OptionSpec] =
    [
      .option(
        "--ip", value: "IP", help: "Evaluate the record for this connecting address.",
        de: "Den Eintrag für diese anliefernde Adresse auswerten."),
      .option(
        "--sender", value: "ADDRESS", help: "Envelope sender (MAIL FROM) for --ip.",
        de: "Umschlagabsender (MAIL FROM) für --ip."),
      .option(
        "--helo", value: "NAME", help: "HELO/EHLO name for --ip (the %{h} macro).",
        de: "HELO/EHLO-Name für --ip (das Makro %{h})."),
      RequestArguments.failOnSpec, RequestArguments.deadlineSpec,
    ] + RequestArguments.resolverSpecs + OutputOptions.specs(formats: [.text, .json])

  var request: CheckRequest
  var failOn: Severity
  var output: OutputOptions

  init(_ arguments: ParsedArguments) throws(UsageError) {
    let domain = try RequestArguments.domain(
      arguments,
      usage: LocalizedText(
        en: "spf takes one DOMAIN (senderauth spf example.com)",
        de: "spf braucht genau eine DOMAIN (senderauth spf example.com)"))
    var options = CheckOptions()
    if let text = arguments.last("--ip") {
      guard let address = IPAddress(text) else {
        throw RequestArguments.notAnAddress(text)
      }
      options.ips = [address]
    }
    options.sender = arguments.last("--sender")
    options.helo = arguments.last("--helo")
    if options.ips.isEmpty, options.sender != nil || options.helo != nil {
      throw UsageError(
        en: "--sender and --helo need --ip (the address to evaluate)",
        de: "--sender und --helo brauchen --ip (die zu prüfende Adresse)")
    }
    let resolver = try RequestArguments.resolver(arguments)
    let deadline = try RequestArguments.deadline(arguments)
    request = try RequestArguments.request { () throws(RequestError) in
      try CheckRequest(
        domains: [domain], options: options, scope: .spf, resolver: resolver, deadline: deadline)
    }
    failOn = RequestArguments.failOn(arguments)
    output = OutputOptions(arguments)
  }

  func run() async throws -> ExitStatus {
    let language = output.language
    let width = output.width
    return try await GroupCheck.run(
      request, output: output, failOn: failOn,
      json: { result in
        if let evaluation = result.context.spf.evaluations.first {
          let why = SPFResultSentence.sentence(evaluation, context: result.context)
          return JSONText.pretty(
            SPFEvaluationReport(
              evaluation, findings: result.report.findings, why: why.text(language)))
        }
        return JSONText.pretty(
          SPFReport(
            context: result.context.spf, domain: result.context.domain,
            findings: result.report.findings))
      },
      table: { result in
        if let evaluation = result.context.spf.evaluations.first {
          let why = SPFResultSentence.sentence(evaluation, context: result.context)
          return SPFTreeText.lines(
            evaluation, language: language, width: width, why: why.text(language))
        }
        return SPFTreeText.lines(result.context.spf, language: language, width: width)
      })
  }
}
