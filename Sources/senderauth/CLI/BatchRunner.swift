import DNSLookup
import Dispatch
import SenderAuthCore
import SenderAuthRules
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Checks many domains with bounded concurrency over one shared resolver (and its cache).
///
/// Results stream out as each domain finishes (`stream`, for jsonl); the other formats are
/// rendered once at the end (`render`). A per-domain deadline cuts off lookups that take too
/// long (`dns.deadline-exceeded`). On a terminal a progress line is kept on stderr; SIGINT and
/// SIGTERM write every finished result (streamed lines are already out; other formats render
/// what finished), the summary, and exit with 130 or 143.
struct BatchRunner: Sendable {
  /// Seconds a domain may take unless `--deadline` says otherwise.
  static let defaultDeadline = 30.0
  /// Domains checked at once unless `--jobs` says otherwise: enough to hide 80 ms round trips
  /// (a domain waits for about two or three of them, the shared names coming from the cache)
  /// while two cores stay busy, few enough that memory stays flat (each domain in progress
  /// holds about half a megabyte of task frames: 65 MB peak at 64).
  static let defaultJobs = 64
  /// The finding ids that stand for failed lookups; they lead to exit status 3, never 1.
  static let dnsFailureIDs: Set<String> = [Checker.lookupFailedID, deadlineID]
  static let deadlineID = DNSDeadlineExceededRule().description.id

  var domains: [DomainInput]
  var resolver: any DNSResolver
  /// The checker for one domain's resolver (the shared one, or its deadline wrapper).
  var checker: @Sendable (any DNSResolver) -> Checker
  /// The run's cache, for the summary's query counts.
  var cache: CachingResolver?
  /// The check options for one domain.
  var options: @Sendable (DomainName) -> CheckOptions
  /// Applied to each finished report before it is written (suppressions).
  var adjust: @Sendable (DomainReport) -> DomainReport
  var jobs: Int
  /// Seconds per domain; nil for none.
  var deadline: Double?
  /// Renders one finished domain as one line written at once (jsonl); nil for formats that
  /// are rendered as a whole.
  var stream: (@Sendable (DomainReport) -> String)?
  /// Renders the finished domains (in input order) as a whole; nil when everything streamed.
  var render: @Sendable ([DomainReport]) -> String?
  var showProgress: Bool
  var showSummary: Bool

  /// Checks one domain; reports `dns.deadline-exceeded` even when the checker's rules lack it.
  static func check(
    _ domain: DomainName, input: String?, options: CheckOptions, checker: Checker
  ) async -> DomainReport {
    let context = await checker.engine.context(for: domain, options: options)
    var report = checker.report(for: context, input: input)
    if !checker.rules.contains(where: { $0.description.id == deadlineID }) {
      let expired = DNSDeadlineExceededRule().check(context)
      if !expired.isEmpty {
        report.findings = (report.findings + expired).sorted {
          ($0.severity, $1.id) > ($1.severity, $0.id)
        }
      }
    }
    return report
  }

  /// Keeps glibc to two malloc arenas. Answers are parsed on the resolver's worker threads and
  /// freed on Swift's, so with an arena per thread freed memory is scattered over dozens of
  /// arenas and a long run's peak RSS creeps up. Call before the resolver starts its threads.
  static func limitMallocArenas() {
    #if canImport(Glibc)
      // mallopt(M_ARENA_MAX, 2); <malloc.h> is not part of the Glibc module.
      typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
      let mArenaMax: Int32 = -8
      guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "mallopt") else {
        return
      }
      _ = unsafeBitCast(symbol, to: MallOpt.self)(mArenaMax, 2)
    #endif
  }

  /// The `--deadline` value: seconds (fractions allowed), `0` for none, default 30.
  static func deadline(_ text: String?) throws(UsageError) -> Double? {
    guard let text else { return defaultDeadline }
    guard let seconds = Double(text), seconds.isFinite, seconds >= 0, seconds <= 86_400 else {
      throw UsageError("--deadline takes seconds from 0 (none) to 86400, not '\(text)'")
    }
    return seconds == 0 ? nil : seconds
  }

  /// Checks every domain; returns the reports in input order once all are done and written.
  func run() async -> [DomainReport] {
    let sink = BatchSink(
      total: domains.count, cache: cache, render: render,
      showProgress: showProgress, showSummary: showSummary)
    let queue = DispatchQueue(label: "senderauth.batch")
    let watcher = SignalWatcher(queue: queue) { signal in sink.interrupt(by: signal) }
    let ticker = showProgress ? Self.progressTimer(on: queue, sink: sink) : nil
    defer {
      ticker?.cancel()
      watcher.cancel()
    }

    let domains = self.domains
    let resolver = self.resolver
    let options = self.options
    let adjust = self.adjust
    let deadline = self.deadline
    let makeChecker = self.checker
    let stream = self.stream
    await withTaskGroup(of: (Int, DomainReport, String?).self) { group in
      var next = 0
      func start() {
        let index = next
        let domain = domains[index]
        group.addTask {
          let input = domain.input == domain.domain.text ? nil : domain.input
          let limited = deadline.map { DeadlineResolver(wrapping: resolver, seconds: $0) }
          let report = adjust(
            await Self.check(
              domain.domain, input: input, options: options(domain.domain),
              checker: makeChecker(limited ?? resolver)))
          limited?.finish()
          return (index, report, stream?(report))
        }
        next += 1
      }
      while next < min(max(jobs, 1), domains.count) { start() }
      while let (index, report, line) = await group.next() {
        sink.add(report, line: line, at: index)
        if next < domains.count && !sink.isInterrupted { start() }
      }
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
    var reports: [Int: DomainReport] = [:]
    var summary = BatchSummary()
    var lastDraw = 0.0
    var progressShown = false
    var interrupted = false
    var finished = false
  }

  private let state: Mutex<State>
  private let start = BatchSink.now()
  private let cache: CachingResolver?
  private let render: @Sendable ([DomainReport]) -> String?
  private let showProgress: Bool
  private let showSummary: Bool

  init(
    total: Int, cache: CachingResolver?,
    render: @escaping @Sendable ([DomainReport]) -> String?, showProgress: Bool,
    showSummary: Bool
  ) {
    var initial = State()
    initial.summary.total = total
    self.state = Mutex(initial)
    self.cache = cache
    self.render = render
    self.showProgress = showProgress
    self.showSummary = showSummary
  }

  var isInterrupted: Bool { state.withLock { $0.interrupted } }

  /// Counts a finished domain and writes its streamed line, if any.
  func add(_ report: DomainReport, line: String?, at index: Int) {
    state.withLock { state in
      guard !state.interrupted else { return }
      // A streamed report is out already: keep only what the exit status needs, so memory
      // stays flat however many domains run.
      state.reports[index] = line == nil ? report : Self.slim(report)
      Self.count(report, into: &state.summary)
      if let line {
        if state.progressShown {
          Self.writeError(ProgressLine.clear)
          state.progressShown = false
        }
        Output.write(line)
        Output.flush()
      }
      draw(&state, force: false)
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
    exit(SignalWatcher.exitStatus(for: signal))
  }

  /// Ends the run normally: writes the rendered output and the summary; returns the reports
  /// in input order.
  func finish() -> [DomainReport] {
    state.withLock { state in
      guard !state.interrupted else { return [] }
      state.finished = true
      return conclude(&state)
    }
  }

  @discardableResult
  private func conclude(_ state: inout State) -> [DomainReport] {
    if state.progressShown {
      Self.writeError(ProgressLine.clear)
      state.progressShown = false
    }
    let reports = state.reports.sorted { $0.key < $1.key }.map(\.value)
    if let text = render(reports) { Output.write(text) }
    Output.flush()
    state.summary.seconds = Self.now() - start
    if let statistics = cache?.statistics {
      state.summary.queries = statistics.queries
      state.summary.cacheHits = statistics.hits
    }
    if showSummary { Self.writeError("senderauth: " + state.summary.line + "\n") }
    return reports
  }

  private func draw(_ state: inout State, force: Bool) {
    guard showProgress, !state.interrupted, !state.finished else { return }
    let now = Self.now()
    guard force || now - state.lastDraw >= 0.1 else { return }
    state.lastDraw = now
    let line = ProgressLine(
      done: state.summary.domains, total: state.summary.total, elapsed: now - start,
      failed: state.summary.dnsFailures)
    Self.writeError(line.terminalText)
    state.progressShown = true
  }

  /// The report reduced to what the exit status reads: its worst finding that is not a DNS
  /// failure (id and severity), and whether lookups failed.
  private static func slim(_ report: DomainReport) -> DomainReport {
    let worst = report.findings.filter { !BatchRunner.dnsFailureIDs.contains($0.id) }.max {
      $0.severity < $1.severity
    }
    let empty = LocalizedText(en: "", de: "")
    return DomainReport(
      domain: report.domain,
      findings: worst.map { [Finding(id: $0.id, severity: $0.severity, message: empty)] } ?? [],
      lookupFailed: report.lookupFailed)
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
    if report.findings.contains(where: { $0.id == BatchRunner.deadlineID }) {
      summary.deadlineExceeded += 1
    }
  }

  private static func writeError(_ text: String) {
    let bytes = Array(text.utf8)
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      var offset = 0
      while offset < buffer.count {
        let written = write(STDERR_FILENO, base + offset, buffer.count - offset)
        if written <= 0 { break }
        offset += written
      }
    }
  }

  /// Seconds on the monotonic clock.
  private static func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  }
}
