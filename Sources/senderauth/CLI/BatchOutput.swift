import Dispatch
import SenderAuthCore
import SenderAuthKit
import SenderAuthReport
import SenderAuthRules
import Synchronization

/// Writes a session's results as domains finish: streamed lines (jsonl) at once, the json,
/// text and markdown documents a domain at a time in input order, the other formats rendered
/// once at the end; on a terminal a progress line on stderr; SIGINT and SIGTERM write every
/// finished result and the summary, then exit with 130 or 143.
struct BatchOutput: Sendable {
  /// Renders a report as one line (jsonl: its UTF-8 octets, ending in a line feed) and hands it
  /// to the function it is given, which writes it at once.
  typealias Stream = @Sendable (DomainReport, (UnsafeBufferPointer<UInt8>) -> Void) -> Void

  /// The line of each finished domain; nil for formats that are rendered as a whole.
  var stream: Stream?
  /// The document (json, text, markdown), written a domain at a time once the domains before
  /// it are written: only the domains that finished ahead of a slower one wait, as their
  /// text, instead of every report until the end (3,000 domains as json peaked at 296 MB
  /// that way, 60 MB this way).
  var document: (any StreamedDocument)?
  /// Renders the finished domains (in input order) as a whole; nil when everything streamed.
  var render: @Sendable ([DomainReport]) -> String?
  var showProgress: Bool
  var showSummary: Bool
  /// The language of the progress and summary lines (`--lang`).
  var language = Language.en

  /// Runs `session` and writes its results; returns what the exit status needs of them.
  func run(_ session: Session) async -> ExitFacts {
    let sink = BatchSink(
      session: session, language: language, document: document, render: render,
      showProgress: showProgress, showSummary: showSummary)
    let queue = DispatchQueue(label: "senderauth.batch")
    let watcher = SignalWatcher(queue: queue) { signal in sink.interrupt(by: signal) }
    let ticker = showProgress ? Self.progressTimer(on: queue, sink: sink) : nil
    defer {
      ticker?.cancel()
      watcher.cancel()
    }
    let stream = self.stream
    let document = self.document
    await session.run { result in
      if let document {
        sink.add(result.report, piece: document.piece(result.report), at: result.index)
      } else if let stream {
        stream(result.report) { line in sink.add(result.report, line: line, at: result.index) }
      } else {
        sink.add(result.report, line: nil, at: result.index)
      }
      return !sink.isInterrupted
    }
    return sink.finish()
  }

  /// Redraws the progress line four times a second, so rate and ETA move while domains wait.
  private static func progressTimer(
    on queue: DispatchQueue, sink: BatchSink
  ) -> any DispatchSourceTimer {
    let timer = DispatchSource.makeTimerSource(queue: queue)
    timer.schedule(deadline: .now() + .milliseconds(250), repeating: .milliseconds(250))
    timer.setEventHandler { sink.drawProgress(force: true) }
    timer.resume()
    return timer
  }
}

/// Where finished domains go: written (streamed, or kept for rendering), counted for the
/// progress line and the summary. Every write to stdout and stderr of a run happens under its
/// lock, so an interruption never cuts a line in half.
private final class BatchSink: Sendable {
  private struct State {
    /// The reports to render at the end (not the streamed ones), by input position.
    var reports: [Int: DomainReport] = [:]
    /// The document and its domains that finished before one ahead of them, by input
    /// position; the position it writes next.
    var document: (any StreamedDocument)?
    var waiting: [Int: DocumentPiece] = [:]
    var nextInDocument = 0
    var facts = ExitFacts()
    var summary = BatchSummary()
    var lastDraw = 0.0
    var progressShown = false
    var interrupted = false
    var finished = false
  }

  private let state: Mutex<State>
  private let start = System.monotonicSeconds()
  /// Whose counts the summary reports: queries, cache hits, domains at once.
  private let session: Session
  private let render: @Sendable ([DomainReport]) -> String?
  private let showProgress: Bool
  private let showSummary: Bool

  init(
    session: Session, language: Language, document: (any StreamedDocument)?,
    render: @escaping @Sendable ([DomainReport]) -> String?, showProgress: Bool,
    showSummary: Bool
  ) {
    let resolver = session.request.resolver
    var initial = State()
    initial.summary.total = session.request.domains.count
    initial.summary.offline =
      resolver.replay != nil ? .replay : resolver.offline ? .zones : nil
    initial.summary.language = language
    initial.document = document
    self.state = Mutex(initial)
    self.session = session
    self.render = render
    self.showProgress = showProgress
    self.showSummary = showSummary
  }

  var isInterrupted: Bool { state.withLock { $0.interrupted } }

  /// Counts a finished domain and writes its streamed line, if any.
  func add(_ report: DomainReport, line: UnsafeBufferPointer<UInt8>?, at index: Int) {
    state.withLock { state in
      guard !state.interrupted else { return }
      // A streamed report is out already: only what the exit status needs of it is kept, so
      // memory stays flat however many domains run.
      if line == nil { state.reports[index] = report }
      count(report, into: &state)
      if let line {
        clearProgress(&state)
        Output.write(line: line)
        Output.flush()
      }
      draw(&state, force: false)
    }
  }

  /// Counts a finished domain of the document and writes it, with the ones that waited for
  /// it, once every domain before it is written.
  func add(_ report: DomainReport, piece: DocumentPiece, at index: Int) {
    state.withLock { state in
      guard !state.interrupted else { return }
      count(report, into: &state)
      state.waiting[index] = piece
      if index == state.nextInDocument {
        clearProgress(&state)
        writeDocument(&state, all: false)
        Output.flush()
      }
      draw(&state, force: false)
    }
  }

  private func count(_ report: DomainReport, into state: inout State) {
    state.facts.add(report)
    Self.count(report, into: &state.summary)
  }

  private func clearProgress(_ state: inout State) {
    guard state.progressShown else { return }
    System.writeError(ProgressLine.clear)
    state.progressShown = false
  }

  /// Writes the document's domains that wait, in input order: up to the first that has not
  /// finished, or (at the end, `all`) every one, skipping those that never finished.
  private func writeDocument(_ state: inout State, all: Bool) {
    guard var document = state.document else { return }
    defer { state.document = document }
    if all, let first = state.waiting.keys.min() { state.nextInDocument = first }
    while !state.waiting.isEmpty {
      if let piece = state.waiting.removeValue(forKey: state.nextInDocument) {
        Output.write(document.next(piece), endingLine: false)
      } else if !all {
        return
      }
      state.nextInDocument += 1
    }
  }

  /// Redraws the progress line (at most ten times a second unless `force`).
  func drawProgress(force: Bool) {
    state.withLock { draw(&$0, force: force) }
  }

  /// Ends the run early: writes what finished and the summary, then exits 128 + `signal`.
  func interrupt(by signal: Int32) {
    state.withLock { state in
      guard !state.interrupted, !state.finished else { return }
      state.interrupted = true
      state.summary.signal = signal
      conclude(&state)
    }
    System.exit(SignalWatcher.exitStatus(for: signal))
  }

  /// Ends the run normally: writes the rendered output and the summary; returns what the exit
  /// status needs.
  func finish() -> ExitFacts {
    state.withLock { state in
      guard !state.interrupted else { return ExitFacts() }
      state.finished = true
      conclude(&state)
      return state.facts
    }
  }

  private func conclude(_ state: inout State) {
    clearProgress(&state)
    writeDocument(&state, all: true)
    if let rest = state.document?.end(), !rest.isEmpty { Output.write(rest) }
    let reports = state.reports.sorted { $0.key < $1.key }.map(\.value)
    if let text = render(reports) { Output.write(text) }
    Output.flush()
    state.summary.seconds = System.monotonicSeconds() - start
    let counts = session.statistics
    state.summary.queries = counts.queries
    state.summary.cacheHits = counts.hits
    if let transport = session.transportCounts {
      (state.summary.timeouts, state.summary.resent, state.summary.dropped) = transport
    }
    state.summary.mostAtOnce = session.mostAtOnce
    if showSummary { System.writeError("senderauth: " + state.summary.line + "\n") }
  }

  private func draw(_ state: inout State, force: Bool) {
    guard showProgress, !state.interrupted, !state.finished else { return }
    let now = System.monotonicSeconds()
    guard force || now - state.lastDraw >= 0.1 else { return }
    state.lastDraw = now
    let line = ProgressLine(
      done: state.summary.domains, total: state.summary.total, elapsed: now - start,
      failed: state.summary.dnsFailures, language: state.summary.language)
    System.writeError(line.terminalText)
    state.progressShown = true
  }

  private static func count(_ report: DomainReport, into summary: inout BatchSummary) {
    summary.domains += 1
    for finding in report.findings {
      switch finding.severity {
      case .error: summary.errors += 1
      case .warning: summary.warnings += 1
      case .note: summary.notes += 1
      }
    }
    if report.lookupFailed { summary.dnsFailures += 1 }
    if report.findings.contains(where: { $0.id == "dns.deadline-exceeded" }) {
      summary.deadlineExceeded += 1
    }
  }
}
