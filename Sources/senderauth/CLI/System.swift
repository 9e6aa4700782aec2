import SenderAuthCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Every POSIX call of the command line, in one place: standard streams, the environment,
/// files, the clock, signals, the process's exit and its allocator.
enum System {
  /// Stdout through a 64 KiB buffer when it is a pipe or a file (a terminal keeps glibc's
  /// line buffering): a batch flushes after each domain's line, which is one `write` instead
  /// of one per 4 KiB of a line of 10 KiB and more.
  nonisolated(unsafe) private static let standardOutput: UnsafeMutablePointer<FILE>? = {
    let stream = fdopen(STDOUT_FILENO, "w")
    // glibc takes the size only with a buffer (with nil it allocates st_blksize, 4 KiB); the
    // buffer lives as long as the process.
    if let stream, isatty(STDOUT_FILENO) != 1, let buffer = malloc(1 << 16) {
      setvbuf(stream, buffer.assumingMemoryBound(to: CChar.self), _IOFBF, 1 << 16)
    }
    return stream
  }()

  /// Writes `text` to stdout (buffered), ending it with a newline unless `endingLine` is
  /// false.
  static func write(_ text: String, endingLine: Bool = true) {
    guard let standardOutput else { return }
    fputs(text, standardOutput)
    if endingLine, !text.hasSuffix("\n") { fputc(0x0a, standardOutput) }
  }

  /// Writes `line` (UTF-8, ending in its line feed) to stdout (buffered).
  static func write(line: UnsafeBufferPointer<UInt8>) {
    guard let standardOutput else { return }
    _ = fwrite(line.baseAddress, 1, line.count, standardOutput)
  }

  static func flush() {
    if let standardOutput { fflush(standardOutput) }
  }

  /// Writes `text` to stderr at once, whole (after flushing stdout).
  static func writeError(_ text: String) {
    flush()
    let bytes = Array(text.utf8)
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      var offset = 0
      while offset < buffer.count {
        let written = Glibc.write(STDERR_FILENO, base + offset, buffer.count - offset)
        if written <= 0 { break }
        offset += written
      }
    }
  }

  static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
  static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

  /// The columns of the terminal stdout writes to; nil when stdout is not a terminal (a pipe
  /// or a file: output is then never wrapped or cut). `COLUMNS` wins when set.
  static var terminalColumns: Int? {
    guard stdoutIsTerminal else { return nil }
    if let text = environment("COLUMNS"), let columns = Int(text), columns > 0 { return columns }
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
      return Int(size.ws_col)
    }
    return 100
  }

  /// The value of the environment variable `name`, if set.
  static func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }

  /// True when `path` can be read.
  static func isReadable(_ path: String) -> Bool { access(path, R_OK) == 0 }

  /// The lines of the file at `path` (`-` for stdin).
  static func readLines(_ path: String) throws(InputError) -> [String] {
    let handle: UnsafeMutablePointer<FILE>? =
      path == "-" ? fdopen(dup(STDIN_FILENO), "r") : fopen(path, "r")
    guard let handle else {
      throw InputError(cannotRead: path)
    }
    defer { fclose(handle) }
    var lines: [String] = []
    var line: UnsafeMutablePointer<CChar>?
    var capacity = 0
    while getline(&line, &capacity, handle) > 0 {
      guard let line else { break }
      var text = String(cString: line)
      if text.hasSuffix("\n") { text.removeLast() }
      lines.append(text)
    }
    free(line)
    return lines
  }

  /// The first `limit` bytes of the file at `path` (`-` for stdin), and whether there was more.
  static func readBytes(_ path: String, limit: Int) throws(InputError) -> (
    bytes: [UInt8], truncated: Bool
  ) {
    let handle: UnsafeMutablePointer<FILE>? =
      path == "-" ? fdopen(dup(STDIN_FILENO), "r") : fopen(path, "r")
    guard let handle else {
      throw InputError(cannotRead: path)
    }
    defer { fclose(handle) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while bytes.count < limit {
      let want = min(buffer.count, limit - bytes.count)
      let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, want, handle) }
      if count > 0 { bytes += buffer.prefix(count) }
      if count < want {
        if ferror(handle) != 0 {
          throw InputError(cannotRead: path)
        }
        return (bytes, false)
      }
    }
    return (bytes, fgetc(handle) != EOF)
  }

  /// Seconds on the monotonic clock.
  static func monotonicSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  }

  /// Ends the process with `status`.
  static func exit(_ status: Int32) -> Never {
    flush()
    Glibc.exit(status)
  }

  static let interrupt = SIGINT
  static let terminate = SIGTERM

  /// Ignores `signal` (so a dispatch source can deliver it), or gives it its default action.
  static func setSignal(_ signal: Int32, ignored: Bool) {
    _ = Glibc.signal(signal, ignored ? SIG_IGN : SIG_DFL)
  }

  /// Keeps glibc to one malloc arena per thread that does the work: Swift's pool (one thread
  /// per core), the DNS I/O thread and the main thread. Answers are parsed on one thread and
  /// freed on another, so with glibc's default (8 per core) freed memory scattered over many
  /// arenas and a long run's peak RSS crept up; with two, the three working threads queued for
  /// their locks (offline, 2,000 domains took 5.1 s of CPU instead of 4.2 s). Call before the
  /// resolver starts its threads.
  static func limitMallocArenas() {
    #if canImport(Glibc)
      // mallopt(M_ARENA_MAX, n); <malloc.h> is not part of the Glibc module.
      typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
      let mArenaMax: Int32 = -8
      guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "mallopt") else {
        return
      }
      // At most 16: the core count is the host's, not a container's quota.
      let arenas = Int32(clamping: min(max(sysconf(Int32(_SC_NPROCESSORS_ONLN)), 1) + 2, 16))
      _ = unsafeBitCast(symbol, to: MallOpt.self)(mArenaMax, arenas)
    #endif
  }
}

/// Writes to stdout and stderr: results to stdout, one-line messages to stderr.
enum Output {
  static func write(_ text: String, endingLine: Bool = true) {
    System.write(text, endingLine: endingLine)
  }
  static func write(line: UnsafeBufferPointer<UInt8>) { System.write(line: line) }
  static func flush() { System.flush() }

  /// One line on stderr, unbuffered, after flushing what stdout holds.
  static func error(_ text: String) { System.writeError("senderauth: \(text)\n") }

  static var stderrIsTerminal: Bool { System.stderrIsTerminal }
}

/// Bad input found while working (a domain list, a zone file): one line in the language of
/// `--lang`, exit status 2.
struct InputError: Error, CustomStringConvertible {
  var text: LocalizedText

  init(en: String, de: String) { text = LocalizedText(en: en, de: de) }

  /// `path` cannot be read, with the system's reason (`errno` as it is now).
  init(cannotRead path: String) {
    let reason = String(cString: strerror(errno))
    self.init(
      en: "cannot read '\(path)': \(reason)", de: "'\(path)' lässt sich nicht lesen: \(reason)")
  }

  var message: String { text.en }
  var description: String { text.en }
}
