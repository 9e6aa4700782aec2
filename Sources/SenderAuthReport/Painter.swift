import SenderAuthCore

/// ANSI styling for the `text` format, or none: every styled word also reads without colour.
struct Painter {
  var enabled: Bool

  func wrap(_ text: String, _ code: String) -> String {
    enabled ? "\u{1b}[\(code)m\(text)\u{1b}[0m" : text
  }

  func bold(_ text: String) -> String { wrap(text, "1") }
  func dim(_ text: String) -> String { wrap(text, "2") }
  func red(_ text: String) -> String { wrap(text, "31") }
  func green(_ text: String) -> String { wrap(text, "32") }
  func yellow(_ text: String) -> String { wrap(text, "33") }
  func cyan(_ text: String) -> String { wrap(text, "36") }

  func severity(_ severity: Severity, _ text: String) -> String {
    switch severity {
    case .error: red(text)
    case .warning: yellow(text)
    case .note: cyan(text)
    }
  }

  func verdict(_ verdict: ReadinessState, _ text: String) -> String {
    switch verdict {
    case .ready: green(text)
    case .notReady: red(text)
    case .incomplete, .notJudged: yellow(text)
    }
  }
}
