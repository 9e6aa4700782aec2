import DNSTestSupport
import Foundation

/// Runs the built `senderauth` binary.
enum SenderAuthCLI {
  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
    /// Seconds from the command's start until it exited, read on the thread that waited for
    /// it: a bound on how long the command took, which the test's own clock after `await`
    /// is not (under the whole suite the test task may resume many seconds later).
    var seconds: Double = 0

    /// The domains of jsonl output, sorted.
    var domains: [String] {
      stdout.split(separator: "\n").compactMap { line in
        let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        return object?["domain"] as? String
      }.sorted()
    }

    /// The jsonl lines by domain.
    func reports() throws -> [String: DomainLine] {
      var out: [String: DomainLine] = [:]
      for line in stdout.split(separator: "\n") {
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        if let object, let domain = object["domain"] as? String {
          out[domain] = DomainLine(object: object)
        }
      }
      return out
    }
  }

  struct DomainLine {
    var object: [String: Any]
    var findings: [[String: Any]] { object["findings"] as? [[String: Any]] ?? [] }
    var findingIDs: [String] { findings.compactMap { $0["id"] as? String } }
    func message(of id: String) -> String? {
      findings.first { $0["id"] as? String == id }?["message"] as? String
    }
  }

  /// A started process whose output is collected until it exits.
  struct Started {
    var process: Process
    var stdout: Pipe
    var stderr: Pipe
    /// When the process was started (by default, when this was made).
    var started = Date()

    func finish() -> Run {
      let out = stdout.fileHandleForReading.readDataToEndOfFile()
      let err = stderr.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return Run(
        status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
        stderr: String(decoding: err, as: UTF8.self), seconds: Date().timeIntervalSince(started))
    }
  }

  /// The repository's root, from this file's path.
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  static func fixture(_ path: String) -> String { root + "/Fixtures/" + path }

  /// `senderauth` beside the test bundle (SwiftPM builds both into the same directory), or the
  /// one `SENDERAUTH_TEST_BINARY` names (`Scripts/test` runs the HTTPS checks with the release
  /// binary `Scripts/build` makes).
  static var binary: String {
    if let given = ProcessInfo.processInfo.environment["SENDERAUTH_TEST_BINARY"], !given.isEmpty {
      return given
    }
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var directory = executable.deletingLastPathComponent()
    // Inside `X.xctest/` on some layouts: step out of the bundle.
    while directory.path.contains(".xctest") { directory.deleteLastPathComponent() }
    return directory.appendingPathComponent("senderauth").path
  }

  /// Writing to a command that has exited is an error to handle, not a signal that ends the
  /// test process.
  static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

  /// Starts `senderauth arguments` (or another `executable` of the repository, a script).
  static func start(
    _ arguments: [String], input: String? = nil, environment extra: [String: String] = [:],
    executable: String = binary
  ) throws -> Started {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: root)
    var environment = ProcessInfo.processInfo.environment
    environment["LANG"] = "C"
    environment.removeValue(forKey: "LC_ALL")
    environment.removeValue(forKey: "LC_MESSAGES")
    environment.removeValue(forKey: "SENDERAUTH_DOCS_URL")
    environment.merge(extra) { $1 }
    process.environment = environment
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    let stdin = Pipe()
    process.standardInput = stdin
    _ = ignoreBrokenPipes
    let started = Date()
    try process.run()
    // A command that fails before reading its input closes the pipe: the rest is not written
    // (EPIPE), and the test reads what the command said.
    if let input { try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8)) }
    try? stdin.fileHandleForWriting.close()
    return Started(process: process, stdout: stdout, stderr: stderr, started: started)
  }

  static func run(
    _ arguments: [String], input: String? = nil, environment: [String: String] = [:]
  ) throws -> Run {
    try start(arguments, input: input, environment: environment).finish()
  }

  /// `run` for async tests: the command is waited for on a thread of its own, not on one of
  /// the few cooperative threads every test of the process shares (a blocking wait there
  /// holds back other suites' async work, and their deadlines with it).
  static func run(
    _ arguments: [String], input: String? = nil, environment: [String: String] = [:]
  ) async throws -> Run {
    try await OffPool.run { () throws -> Run in
      try start(arguments, input: input, environment: environment).finish()
    }
  }
}
