/// The progress line of a run over many domains, drawn on stderr when it is a terminal:
/// `1234/10000 domains  812/s  ETA 0:11  3 failed`, redrawn in place with `\r`.
struct ProgressLine {
  var done: Int
  var total: Int
  /// Seconds since the run started.
  var elapsed: Double
  /// Domains whose lookups failed (DNS failures and deadlines).
  var failed: Int

  var text: String {
    var parts = ["\(done)/\(total) domains"]
    if elapsed > 0, done > 0 {
      let rate = Double(done) / elapsed
      parts.append(rate >= 10 ? "\(Int(rate.rounded()))/s" : "\(Self.oneDecimal(rate))/s")
      if done < total {
        parts.append("ETA " + Self.duration(Double(total - done) / rate))
      }
    }
    parts.append("\(failed) failed")
    return parts.joined(separator: "  ")
  }

  /// The line as written to a terminal: carriage return, text, erase to the end of the line.
  var terminalText: String { "\r" + text + Self.eraseLine }

  /// Erases the line the cursor is on (after a carriage return): how the line is cleared.
  static let clear = "\r" + eraseLine
  static let eraseLine = "\u{1B}[K"

  /// `0:07`, `12:30`, `1:02:03`.
  static func duration(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0 else { return "?" }
    let total = Int(seconds.rounded(.up))
    let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return hours > 0 ? "\(hours):\(two(minutes)):\(two(rest))" : "\(minutes):\(two(rest))"
  }

  static func oneDecimal(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }
}

/// What a run over many domains did, for the summary line on stderr.
struct BatchSummary: Sendable {
  var domains = 0
  var total = 0
  var seconds = 0.0
  var errors = 0
  var warnings = 0
  var notes = 0
  /// Domains with failed lookups (the deadline's included).
  var dnsFailures = 0
  /// Domains whose deadline ran out.
  var deadlineExceeded = 0
  /// Distinct questions sent to DNS (or, `offline`, answered from zone files and the
  /// replay), and questions answered from the run's cache.
  var queries: Int?
  var cacheHits: Int?
  /// The most domains that were checked at once (below `--jobs`: as many as made the run
  /// faster).
  var mostAtOnce: Int?
  /// Nothing went to the network (`--offline`, `--replay`).
  var offline = false
  /// The signal that ended the run early.
  var signal: Int32?

  /// `summary: 500 domains in 1.2 s (417/s), up to 40 at once; findings: 3 errors, 12
  /// warnings, 40 notes; DNS failures: 2 domains (1 past the deadline); DNS: 9000 queries
  /// sent, 4000 answered from cache`
  var line: String {
    var text = "summary: "
    if let signal {
      let name =
        signal == System.terminate
        ? "SIGTERM" : signal == System.interrupt ? "SIGINT" : "signal \(signal)"
      text += "interrupted by \(name) after \(domains) of \(total) domains"
    } else {
      text += Self.count(domains, "domain")
    }
    let rate = seconds > 0 ? Double(domains) / seconds : 0
    text += " in \(ProgressLine.oneDecimal(seconds)) s (\(Int(rate.rounded()))/s)"
    if let mostAtOnce, mostAtOnce > 1 { text += ", up to \(mostAtOnce) at once" }
    text +=
      "; findings: \(Self.count(errors, "error")), \(Self.count(warnings, "warning")), "
      + Self.count(notes, "note")
    text += "; DNS failures: \(Self.count(dnsFailures, "domain"))"
    if deadlineExceeded > 0 { text += " (\(deadlineExceeded) past the deadline)" }
    if let queries, let cacheHits {
      text +=
        offline
        ? "; DNS (offline): \(queries) questions answered from zones or the saved run, "
          + "\(cacheHits) from cache"
        : "; DNS: \(queries) queries sent, \(cacheHits) answered from cache"
    }
    return text
  }

  /// `1 error`, `2 errors`.
  static func count(_ value: Int, _ noun: String) -> String {
    "\(value) \(noun)\(value == 1 ? "" : "s")"
  }
}
