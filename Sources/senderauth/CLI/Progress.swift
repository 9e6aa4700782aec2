import SenderAuthCore

/// The progress line of a run over many domains, drawn on stderr when it is a terminal:
/// `1234/10000 domains  812/s  ETA 0:11  3 failed` (`--lang de`: `1.234/10.000 Domains
/// 812/s  noch 0:11  3 fehlgeschlagen`), redrawn in place with `\r`.
struct ProgressLine {
  var done: Int
  var total: Int
  /// Seconds since the run started.
  var elapsed: Double
  /// Domains whose lookups failed (DNS failures and deadlines).
  var failed: Int
  var language = Language.en

  var text: String {
    let words = Words(language)
    var parts = ["\(words.number(done))/\(words.number(total)) " + words.pick("domains", "Domains")]
    if elapsed > 0, done > 0 {
      let rate = Double(done) / elapsed
      parts.append(
        rate >= 10 ? "\(words.number(Int(rate.rounded())))/s" : "\(words.decimal(rate))/s")
      if done < total {
        parts.append(words.pick("ETA ", "noch ") + Self.duration(Double(total - done) / rate))
      }
    }
    parts.append("\(words.number(failed)) " + words.pick("failed", "fehlgeschlagen"))
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
  /// Distinct questions sent to DNS (or answered by `offline`), and questions answered from
  /// the run's cache.
  var queries: Int?
  var cacheHits: Int?
  /// Tries that got no answer in time (each asked again while tries were left), queries
  /// sent again within a try (their answer late or lost), and datagrams that answered no
  /// query (stray or spoofed): shown when there were any.
  var timeouts = 0
  var resent = 0
  var dropped = 0
  /// The most domains that were checked at once (below `--jobs`: as many as made the run
  /// faster).
  var mostAtOnce: Int?
  /// What answered instead of the network: zone files (`--offline`) or a saved run
  /// (`--replay`); nil on the network.
  var offline: OfflineSource?

  enum OfflineSource {
    case zones, replay
  }
  /// The signal that ended the run early.
  var signal: Int32?
  var language = Language.en

  /// `summary: 500 domains in 1.2 s (417/s), up to 40 at once; findings: 3 errors, 12
  /// warnings, 40 notes; DNS failures: 2 domains (1 past the deadline); DNS: 9000 queries
  /// sent, 4000 answered from cache`; in German (`--lang de`) `Zusammenfassung: 500 Domains
  /// in 1,2 s (417/s), bis zu 40 gleichzeitig; Befunde: 3 Fehler, …`.
  var line: String {
    let words = Words(language)
    let count = words.count
    var text = words.pick("summary: ", "Zusammenfassung: ")
    if let signal {
      let name =
        signal == System.terminate
        ? "SIGTERM" : signal == System.interrupt ? "SIGINT" : "signal \(signal)"
      text += words.pick(
        "interrupted by \(name) after \(domains) of \(total) domains",
        "durch \(name) unterbrochen nach \(words.number(domains)) von "
          + "\(words.number(total)) Domains")
    } else {
      text += count(domains, ("domain", "domains"), ("Domain", "Domains"))
    }
    let rate = seconds > 0 ? Double(domains) / seconds : 0
    text += " in \(words.decimal(seconds)) s (\(words.number(Int(rate.rounded())))/s)"
    if let mostAtOnce, mostAtOnce > 1 {
      text += words.pick(
        ", up to \(mostAtOnce) at once", ", bis zu \(words.number(mostAtOnce)) gleichzeitig")
    }
    text +=
      words.pick("; findings: ", "; Befunde: ")
      + count(errors, ("error", "errors"), ("Fehler", "Fehler")) + ", "
      + count(warnings, ("warning", "warnings"), ("Warnung", "Warnungen")) + ", "
      + count(notes, ("note", "notes"), ("Hinweis", "Hinweise"))
    text +=
      words.pick("; DNS failures: ", "; DNS-Fehler: ")
      + count(dnsFailures, ("domain", "domains"), ("Domain", "Domains"))
    if deadlineExceeded > 0 {
      text += words.pick(
        " (\(deadlineExceeded) past the deadline)",
        " (\(words.number(deadlineExceeded)) nach Ablauf der Frist)")
    }
    if let queries, let cacheHits {
      let (asked, hits) = (words.number(queries), words.number(cacheHits))
      let dns =
        switch offline {
        case .zones?:
          words.pick(
            "; DNS (--offline): \(asked) questions answered from zone files, \(hits) from cache",
            "; DNS (--offline): \(asked) Abfragen aus Zonendateien beantwortet, \(hits) aus dem "
              + "Cache")
        case .replay?:
          words.pick(
            "; DNS (--replay): \(asked) questions answered from the --save-dns file, \(hits) "
              + "from cache",
            "; DNS (--replay): \(asked) Abfragen aus der --save-dns-Datei beantwortet, \(hits) "
              + "aus dem Cache")
        case nil:
          words.pick(
            "; DNS: \(asked) queries sent, \(hits) answered from cache",
            "; DNS: \(asked) Abfragen gesendet, \(hits) aus dem Cache beantwortet")
        }
      text += dns
      // Shown when there were any.
      let transport = [
        (timeouts, ("timeout", "timeouts"), ("Zeitüberschreitung", "Zeitüberschreitungen")),
        (
          resent, ("query sent again", "queries sent again"),
          ("Abfrage erneut gesendet", "Abfragen erneut gesendet")
        ),
        (
          dropped, ("stray answer dropped", "stray answers dropped"),
          ("fremde Antwort verworfen", "fremde Antworten verworfen")
        ),
      ]
      for (value, english, german) in transport where value > 0 {
        text += ", " + count(value, english, german)
      }
    }
    return text
  }
}

/// Numbers and counted nouns of the progress and summary lines in the language of `--lang`:
/// English as before (`10000 domains`, `1.5`), German with the German separators (`10.000
/// Domains`, `1,5`).
struct Words {
  let language: Language

  init(_ language: Language) { self.language = language }

  func pick(_ english: String, _ german: String) -> String {
    language == .de ? german : english
  }

  /// `12345` in English, `12.345` in German.
  func number(_ value: Int) -> String {
    guard language == .de, abs(value) >= 1000 else { return String(value) }
    var digits = String(abs(value))
    var groups: [Substring] = []
    while digits.count > 3 {
      groups.insert(Substring(digits.suffix(3)), at: 0)
      digits.removeLast(3)
    }
    groups.insert(Substring(digits), at: 0)
    return (value < 0 ? "-" : "") + groups.joined(separator: ".")
  }

  /// One decimal: `1.5`, German `1,5`.
  func decimal(_ value: Double) -> String {
    let text = ProgressLine.oneDecimal(value)
    return language == .de ? String(text.map { $0 == "." ? "," : $0 }) : text
  }

  /// `1 error`, `2 errors`; `1 Warnung`, `2 Warnungen`.
  func count(_ value: Int, _ english: (String, String), _ german: (String, String)) -> String {
    let (one, many) = language == .de ? german : english
    return "\(number(value)) \(value == 1 ? one : many)"
  }
}
