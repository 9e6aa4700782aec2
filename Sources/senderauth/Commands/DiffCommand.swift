import DNSLookup
import SenderAuthCore
import SenderAuthKit
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
    ],
    german: CommandConfiguration.German(
      abstract: "Vergleicht die Befunde einer Domain vor und nach einer Zonenänderung.",
      discussion: """
        Jede Seite ist eine Zonendatei (über das Live-DNS gelegt oder allein mit --offline) oder \
        'live'. Listet neue, behobene, geänderte und unveränderte Befunde sowie geänderte Urteile der \
        Profile. Exit-Status 1 nur, wenn etwas schlechter wurde: ein neuer Befund ab --fail-on oder \
        ein Profil, dessen Anforderungen erfüllt waren und es nicht mehr sind. Eine Änderung, die nur \
        behebt, endet mit 0.
        """))

  static let options: [OptionSpec] =
    [
      .option(
        "--before", value: "ZONE|live", help: "The zone as it is (default live).",
        de: "Die Zone, wie sie ist (Standard live)."),
      .option(
        "--after", value: "ZONE|live", help: "The zone as proposed.",
        de: "Die vorgeschlagene Zone."),
    ] + RequestArguments.checkSpecs + RequestArguments.resolverSpecs
    + OutputOptions.specs(formats: [.text, .json, .github])

  var run: DiffRun
  var failOn: Severity
  var output: OutputOptions

  init(_ arguments: ParsedArguments) throws(UsageError) {
    let domain = try RequestArguments.domain(
      arguments,
      usage: LocalizedText(
        en: "diff takes one DOMAIN (senderauth diff example.com --after NEW.zone)",
        de: "diff braucht genau eine DOMAIN (senderauth diff example.com --after NEU.zone)"))
    guard let after = arguments.last("--after") else {
      throw UsageError(
        en: "diff needs --after ZONE (the proposed zone file, or 'live')",
        de: "diff braucht --after ZONE (die vorgeschlagene Zonendatei oder 'live')")
    }
    let before = arguments.last("--before") ?? "live"
    let (configuration, directory) = try RequestArguments.configuration(arguments)
    let options = try RequestArguments.options(arguments)
    let resolver = try RequestArguments.resolver(arguments)
    let deadline = try RequestArguments.deadline(arguments)
    func side(_ text: String) -> DiffRun.Side { text == "live" ? .live : .zone(text) }
    run = try RequestArguments.request { () throws(RequestError) in
      try DiffRun(
        request: CheckRequest(
          domains: [domain], options: options, resolver: resolver, deadline: deadline,
          configuration: configuration, configurationDirectory: directory),
        before: side(before), after: side(after))
    }
    failOn = RequestArguments.failOn(arguments)
    output = OutputOptions(arguments)
    output.point(at: configuration)
  }

  func run() async throws -> ExitStatus {
    let (before, after, diff) = try await run.run()
    let renderOptions = output.render
    switch output.format {
    case .json: Output.write(JSONText.pretty(DiffView(diff, language: output.language)))
    case .github: Output.write(DiffRenderer.github(diff, options: renderOptions))
    default:
      Output.write(
        DiffRenderer.text(
          diff, before: run.before.label, after: run.after.label, options: renderOptions))
    }
    return ExitPolicy(failOn: failOn).status(for: diff, before: before, after: after)
  }
}
