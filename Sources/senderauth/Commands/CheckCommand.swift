import DNSLookup
import SenderAuthCore
import SenderAuthKit
import SenderAuthReport
import SenderAuthRules

/// `senderauth check DOMAIN…`: every check, verdicts per profile, and the fixes.
struct CheckCommand: Command {
  static let configuration = CommandConfiguration(
    name: "check",
    abstract: "Check domains' SPF, DKIM, DMARC and MX, and print what to publish to fix them.",
    arguments: "DOMAIN…",
    discussion: """
      Every rule yields a verdict: passed, failed (a finding), or unknown when the DNS lookups \
      it rests on failed; unknown is never shown or counted as met, and a profile is ready only \
      when every requirement the run could judge passed. What it could not judge is listed \
      under it: what an option would make checkable ("Checkable with --ip"), what DNS cannot \
      decide, what was not fetched in this run; a profile none of whose requirements could be \
      judged is "not checked". Each problem is reported once: a provider \
      requirement that fails because of another finding (several SPF records, a domain that \
      does not exist) points at it and is listed under it as "Breaks: …", and failed lookups \
      are grouped by cause. --parked judges a domain that sends no mail against what it needs \
      (null MX, v=spf1 -all, p=reject), not against sender profiles.

      With --message FILE (an .eml file or the header lines of one message, as 'Show original' \
      shows them; '-' for stdin) the From domain is checked, and what a receiver concludes \
      about that message is predicted from today's DNS: SPF for the sending IP on the envelope \
      (Return-Path) domain, each DKIM signature's key and alignment, the DMARC result and the \
      policy that applies, beside the receiver's own Authentication-Results, with the reason \
      where they differ; the reverse DNS of the address it came from is checked as with --ip \
      (offline, give the zones of its reverse name and PTR name). A sending IP (--ip or the \
      message's) that a \
      sending service publishes in its SPF, or that the message's SPF passed at the service's \
      own domain, is named as the service's: its PTR is the service's to set, it is never \
      pinned with ip4:, and its include or its return path is proposed instead.

      Exit status: 0 no finding at or above --fail-on, 1 at least one, 2 bad input (a bad line \
      of -f is reported as FILE:LINE and the other domains are still checked), 3 DNS lookups \
      failed so that a verdict could not be reached (and nothing else failed), 130/143 \
      interrupted by SIGINT/SIGTERM (every finished domain is still written).

      Formats: text (default; colour and wrapping only on a terminal, never cut when piped), \
      json (schema version 1, sorted keys), jsonl (one line per domain as it finishes), \
      markdown (a report to paste into a ticket), github (workflow-command annotations), junit \
      (one testcase per rule and domain; findings below --fail-on pass and are listed in \
      <system-out>), sarif (2.1.0, for code scanning; every result has a file and line), \
      codequality (GitLab's code quality report). Messages follow \
      --lang (en, de; default from LC_ALL, LC_MESSAGES, LANG); ids and records are never \
      translated.
      """,
    examples: [
      "senderauth check example.com",
      "senderauth check example.com --selector s1 --return-path em123.example.com",
      "senderauth check shop.example --offline --zone Fixtures/demo/shop.example.zone",
      "senderauth check -f domains.txt --format jsonl",
      "senderauth check example.com --format markdown --lang de > ticket.md",
      "senderauth check example.com --offline --zone zones/ --format sarif > senderauth.sarif",
      "senderauth check example.com --fail-on warning --format github",
      "senderauth check --message message.eml --format markdown --lang de",
    ],
    german: CommandConfiguration.German(
      abstract:
        "Prüft SPF, DKIM, DMARC und MX von Domains und gibt aus, was zur Behebung zu veröffentlichen ist.",
      discussion: """
        Jede Regel kommt zu einem Urteil: bestanden, nicht bestanden (ein Befund) oder unbekannt, \
        wenn die DNS-Abfragen, auf denen sie beruht, fehlgeschlagen sind; unbekannt wird nie als \
        erfüllt gezeigt oder gezählt, und ein Profil hat seine Anforderungen nur erfüllt, wenn jede \
        Anforderung bestanden hat, die der Lauf prüfen konnte. Was er nicht prüfen konnte, steht \
        darunter: was eine Option prüfbar machen würde ("Mit --ip prüfbar"), was nicht per DNS \
        prüfbar ist, was in diesem Lauf nicht abgerufen wurde; ein Profil, von dessen \
        Anforderungen keine geprüft werden konnte, ist "nicht geprüft". Jeder Befund wird einmal \
        gemeldet: eine \
        Anforderung eines Postfachanbieters, die an einem anderen Befund scheitert (mehrere \
        SPF-Einträge, eine Domain, die nicht existiert), verweist auf ihn und steht unter ihm als \
        "Verletzt: …"; fehlgeschlagene Abfragen werden nach Ursache gruppiert. --parked prüft eine \
        Domain ohne Mailversand gegen das, was sie braucht (Null-MX, v=spf1 -all, p=reject), nicht \
        gegen die Profile für Absender.

        Mit --message DATEI (eine .eml-Datei oder die Kopfzeilen einer Nachricht, wie \
        „Original anzeigen“ sie zeigt; '-' für stdin) wird die Absenderdomain geprüft und aus dem \
        heutigen DNS vorhergesagt, was ein empfangender Server über diese Nachricht schließt: SPF \
        für die Versand-IP an der Return-Path-Domain (Umschlagabsender, MAIL FROM), Schlüssel und \
        Ausrichtung (Alignment) jeder DKIM-Signatur, das DMARC-Ergebnis und die geltende \
        DMARC-Richtlinie, neben den eigenen Authentication-Results des empfangenden Servers, mit \
        dem Grund, wo sie abweichen; das Reverse-DNS der Adresse, von der sie kam, wird wie mit \
        --ip geprüft (offline geben Sie die Zone ihres Reverse-Namens und die ihres PTR-Namens \
        an). \
        Eine Versand-IP (--ip oder die der Nachricht), die ein Versanddienst in \
        seinem SPF veröffentlicht oder für die das SPF der Nachricht an der eigenen Domain des \
        Dienstes bestanden hat, wird als seine genannt: ihren PTR setzt der Dienst, sie wird nie \
        mit ip4: eingetragen, und vorgeschlagen wird stattdessen sein include-Mechanismus oder sein \
        Return-Path.

        Exit-Status: 0 kein Befund ab --fail-on, 1 mindestens einer, 2 ungültige Eingabe (eine \
        ungültige Zeile von -f wird als DATEI:ZEILE gemeldet, die übrigen Domains werden trotzdem \
        geprüft), 3 DNS-Abfragen fehlgeschlagen, sodass kein Urteil möglich war (und sonst nichts \
        fehlgeschlagen), 130/143 durch SIGINT/SIGTERM unterbrochen (jede fertige Domain wird noch \
        ausgegeben).

        Formate: text (Standard; Farbe und Umbruch nur im Terminal, in Pipes nie abgeschnitten), \
        json (Schemaversion 1, sortierte Schlüssel), jsonl (eine Zeile je Domain, sobald sie fertig \
        ist), markdown (ein Bericht zum Einfügen in ein Ticket), github (Workflow-Befehle als \
        Annotationen), junit (ein Testfall je Regel und Domain; Befunde unter --fail-on bestehen und \
        stehen in <system-out>), sarif (2.1.0, für Code Scanning; jedes Ergebnis hat Datei und \
        Zeile), codequality (der Code-Quality-Bericht von GitLab). Meldungen folgen --lang (en, de; \
        Standard aus LC_ALL, LC_MESSAGES, LANG); IDs und Einträge werden nie übersetzt.
        """))

  static let options: [OptionSpec] =
    [
      .option(
        "--file", aliases: ["-f"], value: "FILE",
        help: "Read domains from FILE, one per line, '#' comments; '-' for stdin.",
        de: "Domains aus DATEI lesen, eine je Zeile, '#' für Kommentare; '-' für stdin."),
      .option(
        "--jobs", value: "N",
        help:
          "At most N domains at once (default \(CheckRequest.defaultJobs)); fewer while more "
          + "would only wait.",
        de:
          "Höchstens N Domains gleichzeitig prüfen (Standard \(CheckRequest.defaultJobs)); "
          + "weniger, solange weitere nur warten würden."),
      .option(
        "--shard", value: "K/N",
        help: "Check only the K-th of N stable partitions of the domains (by a hash of each "
          + "name); N processes with K = 1…N check the list exactly once.",
        de: "Nur den K-ten von N festen Teilen der Domains prüfen (nach einem Hash jedes "
          + "Namens); N Prozesse mit K = 1…N prüfen die Liste genau einmal."),
      MessageArguments.spec,
    ] + RequestArguments.checkSpecs + RequestArguments.resolverSpecs
    + OutputOptions.specs(formats: ReportFormat.allCases)

  var inputs: [DomainInput]
  var file: String?
  var shard: Shard?
  var failOn: Severity
  var output: OutputOptions
  /// The request without its domains (read from the list when the command runs).
  var request: CheckRequest

  init(_ arguments: ParsedArguments) throws(UsageError) {
    var typed = arguments.positionals
    file = arguments.last("--file")
    let (configuration, directory) = try RequestArguments.configuration(arguments)
    let message = try MessageArguments.message(arguments)
    if message != nil, file != nil {
      throw UsageError(
        en: "--message checks one message: it cannot go with -f/--file",
        de: "--message prüft eine Nachricht: es geht nicht zusammen mit -f/--file")
    }
    if typed.isEmpty, file == nil, message == nil {
      typed = configuration?.domains.map(\.domain.text) ?? []
    }
    var inputs: [DomainInput] = []
    if let message {
      inputs = [try MessageArguments.domain(message, typed: typed)]
    } else {
      for text in typed { inputs.append(try RequestArguments.parseDomain(text)) }
    }
    self.inputs = inputs
    if let text = arguments.last("--shard") {
      guard let shard = Shard(text) else {
        throw UsageError(
          en: "--shard takes K/N with 1 ≤ K ≤ N (e.g. 2/8), not '\(text)'",
          de: "--shard nimmt K/N mit 1 ≤ K ≤ N (z. B. 2/8), nicht '\(text)'")
      }
      self.shard = shard
    }
    guard !inputs.isEmpty || file != nil else {
      throw UsageError(
        en: "check needs at least one DOMAIN (or -f FILE, or a senderauth.json)",
        de: "check braucht mindestens eine DOMAIN (oder -f DATEI oder eine senderauth.json)")
    }
    var options = try RequestArguments.options(arguments)
    options.message = message
    let resolver = try RequestArguments.resolver(arguments)
    let deadline = try RequestArguments.deadline(arguments)
    let jobs =
      try arguments.integer("--jobs", in: 1...CheckRequest.maximumJobs) ?? CheckRequest.defaultJobs
    request = try RequestArguments.request { () throws(RequestError) in
      try CheckRequest(
        domains: [], options: options, resolver: resolver, deadline: deadline, jobs: jobs,
        configuration: configuration, configurationDirectory: directory)
    }
    failOn = RequestArguments.failOn(arguments)
    output = OutputOptions(arguments)
    output.point(at: configuration)
  }

  func run() async throws -> ExitStatus {
    var request = self.request
    var badInput = false
    var seen: Set<DomainName> = []
    func add(_ domain: DomainInput, at place: String) {
      if let note = domain.notes {
        let label = output.language == .de ? "Hinweis" : "note"
        Output.error("\(label): \(place)\(domain.input): \(note.text(output.language))")
      }
      // A domain listed twice is checked once; with --shard, only this partition's.
      guard shard?.contains(domain.domain) ?? true else { return }
      if seen.insert(domain.domain).inserted { request.domains.append(domain) }
    }
    func add(_ text: String, at place: String) {
      do {
        add(try DomainInput.parse(text), at: place)
      } catch {
        Output.error(place + error.text.text(output.language))
        badInput = true
      }
    }
    for note in request.options.message?.notes ?? [] { Output.error("note: --message: \(note)") }
    for domain in inputs { add(domain, at: "") }
    if let file {
      let name = file == "-" ? "stdin" : file
      let entries = try DomainList.read(file)
      if entries.isEmpty, inputs.isEmpty {
        throw InputError(
          en: "\(name): no domains to check (the list is empty)",
          de: "\(name): keine Domains zu prüfen (die Liste ist leer)")
      }
      for entry in entries { add(entry.text, at: "\(name):\(entry.line): ") }
    }
    guard !request.domains.isEmpty else {
      // A shard of a short list may hold nothing: that is not an error.
      if shard != nil, !badInput { return .ok }
      throw InputError(
        en: "no valid domain to check", de: "keine gültige Domain zu prüfen")
    }
    System.limitMallocArenas()
    let session = try Session(request)
    let renderOptions = output.render
    let format = output.format
    var stream: BatchOutput.Stream?
    if format.streams {
      stream = { @Sendable report, write in
        JSONRenderer.withLine(report, options: renderOptions, write)
      }
    }
    let document = format.document(
      Report(domains: [], version: SenderAuthVersion.current), options: renderOptions)
    let render: @Sendable ([DomainReport]) -> String? = { reports in
      guard !format.streams, document == nil else { return nil }
      let report = Report(domains: reports, version: SenderAuthVersion.current)
      return format.render(report, options: renderOptions)
    }
    let batch = BatchOutput(
      stream: stream, document: document, render: render,
      showProgress: Output.stderrIsTerminal && request.domains.count > 1,
      showSummary: file != nil || request.domains.count > 1, language: output.language)
    let facts = await batch.run(session)
    try session.finish()
    let status = ExitPolicy(failOn: failOn).status(for: facts)
    // A bad line in the list is reported and the others are still checked; the run then ends
    // with the bad-input status.
    return badInput ? .usage : status
  }
}
