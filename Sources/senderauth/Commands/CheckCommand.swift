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
      when every requirement DNS can decide passed. Each problem is reported once: a provider \
      requirement that fails because of another finding (several SPF records, a domain that \
      does not exist) points at it and is listed under it as "Breaks: …", and failed lookups \
      are grouped by cause. --parked judges a domain that sends no mail against what it needs \
      (null MX, v=spf1 -all, p=reject), not against sender profiles.

      With --message FILE (an .eml file or the header lines of one message, as 'Show original' \
      shows them; '-' for stdin) the From domain is checked, and what a receiver concludes \
      about that message is predicted from today's DNS: SPF for the sending IP on the envelope \
      (Return-Path) domain, each DKIM signature's key and alignment, the DMARC result and the \
      policy that applies, beside the receiver's own Authentication-Results, with the reason \
      where they differ. A sending IP (--ip or the message's) that a sending service publishes \
      in its SPF is named as the service's and never pinned with ip4:; its include or its \
      return path is proposed instead.

      Exit status: 0 no finding at or above --fail-on, 1 at least one, 2 bad input (a bad line \
      of -f is reported as FILE:LINE and the other domains are still checked), 3 DNS lookups \
      failed so that a verdict could not be reached (and nothing else failed), 130/143 \
      interrupted by SIGINT/SIGTERM (every finished domain is still written).

      Formats: text (default; colour and wrapping only on a terminal, never cut when piped), \
      json (schema version 1, sorted keys), jsonl (one line per domain as it finishes), \
      markdown (a report to paste into a ticket), github (workflow-command annotations), junit \
      (one testcase per rule and domain), sarif (2.1.0, for code scanning). Messages follow \
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
    ])

  static let options: [OptionSpec] =
    [
      .option(
        "--file", aliases: ["-f"], value: "FILE",
        help: "Read domains from FILE, one per line, '#' comments; '-' for stdin."),
      .option(
        "--jobs", value: "N",
        help: "Domains checked at once (default \(CheckRequest.defaultJobs))."),
      .option(
        "--shard", value: "K/N",
        help: "Check only the K-th of N stable partitions of the domains (by a hash of each "
          + "name); N processes with K = 1…N check the list exactly once."),
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
      throw UsageError("--message checks one message: it cannot go with -f/--file")
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
        throw UsageError("--shard takes K/N with 1 ≤ K ≤ N (e.g. 2/8), not '\(text)'")
      }
      self.shard = shard
    }
    guard !inputs.isEmpty || file != nil else {
      throw UsageError("check needs at least one DOMAIN (or -f FILE, or a senderauth.json)")
    }
    var options = try RequestArguments.options(arguments)
    options.message = message
    let resolver = try RequestArguments.resolver(arguments)
    let deadline = try RequestArguments.deadline(arguments)
    let jobs = try arguments.integer("--jobs", in: 1...1024) ?? CheckRequest.defaultJobs
    request = try RequestArguments.request { () throws(RequestError) in
      try CheckRequest(
        domains: [], options: options, resolver: resolver, deadline: deadline, jobs: jobs,
        configuration: configuration, configurationDirectory: directory)
    }
    failOn = RequestArguments.failOn(arguments)
    output = OutputOptions(arguments)
  }

  func run() async throws -> ExitStatus {
    var request = self.request
    var badInput = false
    var seen: Set<DomainName> = []
    func add(_ domain: DomainInput, at place: String) {
      if let note = domain.note { Output.error("note: \(place)\(domain.input): \(note)") }
      // A domain listed twice is checked once; with --shard, only this partition's.
      guard shard?.contains(domain.domain) ?? true else { return }
      if seen.insert(domain.domain).inserted { request.domains.append(domain) }
    }
    func add(_ text: String, at place: String) {
      do {
        add(try DomainInput.parse(text), at: place)
      } catch {
        Output.error("\(place)\(error)")
        badInput = true
      }
    }
    for note in request.options.message?.notes ?? [] { Output.error("note: --message: \(note)") }
    for domain in inputs { add(domain, at: "") }
    if let file {
      let name = file == "-" ? "stdin" : file
      let entries = try DomainList.read(file)
      if entries.isEmpty, inputs.isEmpty {
        throw InputError("\(name): no domains to check (the list is empty)")
      }
      for entry in entries { add(entry.text, at: "\(name):\(entry.line): ") }
    }
    guard !request.domains.isEmpty else {
      // A shard of a short list may hold nothing: that is not an error.
      if shard != nil, !badInput { return .ok }
      throw InputError("no valid domain to check")
    }
    System.limitMallocArenas()
    let session = try Session(request)
    let renderOptions = output.render
    let format = output.format
    var stream: (@Sendable (DomainReport) -> String)?
    if format.streams {
      stream = { @Sendable report in JSONRenderer.line(report, options: renderOptions) }
    }
    let render: @Sendable ([DomainReport]) -> String? = { reports in
      guard !format.streams else { return nil }
      let report = Report(domains: reports, version: SenderAuthVersion.current)
      return format.render(report, options: renderOptions)
    }
    let batch = BatchOutput(
      stream: stream, render: render,
      showProgress: Output.stderrIsTerminal && request.domains.count > 1,
      showSummary: file != nil || request.domains.count > 1)
    let reports = await batch.run(session)
    try session.finish()
    let status = ExitPolicy(failOn: failOn).status(for: reports)
    // A bad line in the list is reported and the others are still checked; the run then ends
    // with the bad-input status.
    return badInput ? .usage : status
  }
}
