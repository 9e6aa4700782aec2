#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes to stdout and stderr, unbuffered where it matters (streamed results, errors).
enum Output {
  nonisolated(unsafe) private static let standardOutput = fdopen(STDOUT_FILENO, "w")

  static func write(_ text: String) {
    var line = text
    if !line.hasSuffix("\n") { line += "\n" }
    if let standardOutput { fputs(line, standardOutput) }
  }

  static func flush() {
    if let standardOutput { fflush(standardOutput) }
  }

  /// One line on stderr, unbuffered, after flushing what stdout holds.
  static func error(_ text: String) {
    flush()
    let line = Array("senderauth: \(text)\n".utf8)
    line.withUnsafeBufferPointer { _ = Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
  }

  static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
