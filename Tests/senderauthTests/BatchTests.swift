import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `senderauth check -f`: the domain list, streamed jsonl, the per-domain deadline, the
/// summary line and interruption, through the built binary on the `Fixtures/batch` zone.
@Suite struct BatchTests {
  static let zone = CLI.fixture("batch")
  static let list = CLI.fixture("batch/domains.txt")
  static let listed = [
    "one.batch.test", "two.batch.test", "three.batch.test", "five.batch.test", "six.batch.test",
  ]

  @Test func readsTheListSkippingCommentsAndBlankLines() throws {
    let run = try CLI.run([
      "check", "-f", Self.list, "--offline", "--zone", Self.zone, "--format",
      "jsonl",
    ])
    #expect(run.domains == Self.listed.sorted())
  }

  @Test func readsTheListFromStandardInput() throws {
    let text = try String(contentsOfFile: Self.list, encoding: .utf8)
    let run = try CLI.run(
      ["check", "-f", "-", "--offline", "--zone", Self.zone, "--format", "jsonl"], input: text)
    #expect(run.domains == Self.listed.sorted())
  }

  @Test func combinesArgumentsAndTheList() throws {
    let run = try CLI.run(
      [
        "check", "four.batch.test", "-f", Self.list, "--offline", "--zone", Self.zone, "--format",
        "jsonl",
      ])
    #expect(run.domains == (Self.listed + ["four.batch.test"]).sorted())
  }

  @Test func anUnreadableListIsAUsageError() throws {
    let run = try CLI.run([
      "check", "-f", "/nonexistent/domains.txt", "--offline", "--zone",
      Self.zone,
    ])
    #expect(run.status == 2)
    #expect(run.stderr.contains("/nonexistent/domains.txt"))
    #expect(run.stdout.isEmpty)
  }

  @Test(arguments: [1, 3, 16])
  func jsonlHasOneCompleteLinePerDomainWhateverTheOrder(jobs: Int) throws {
    let arguments = [
      "check", "-f", Self.list, "--offline", "--zone", Self.zone, "--format", "jsonl",
    ]
    let serial = try CLI.run(arguments + ["--jobs", "1"])
    let parallel = try CLI.run(arguments + ["--jobs", String(jobs)])
    #expect(parallel.status == serial.status)
    let lines = parallel.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == Self.listed.count)
    for line in lines {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      #expect(object?["domain"] is String, "not a domain object: \(line)")
    }
    // The same lines, in whatever order the domains finished.
    #expect(lines.sorted() == serial.stdout.split(separator: "\n").map(String.init).sorted())
  }

  @Test func summaryLineCountsDomainsFindingsAndQueries() throws {
    let run = try CLI.run(
      ["check", "-f", Self.list, "--offline", "--zone", Self.zone, "--format", "jsonl"])
    let summary = try #require(run.stderr.split(separator: "\n").last { $0.contains("summary:") })
    #expect(summary.hasPrefix("senderauth: summary: 5 domains in "))
    #expect(summary.contains("findings: "))
    #expect(summary.contains("DNS failures: 0 domains"))
    let queries = try #require(summary.firstMatch(of: /DNS: (\d+) queries sent, (\d+) answered/))
    let sent = try #require(Int(queries.1))
    // Every domain asks at least its TXT, _dmarc TXT and MX; shared names are asked once.
    #expect(sent >= 3 * Self.listed.count)
    #expect(try #require(Int(queries.2)) > 0)
  }

  @Test func oneDomainPrintsNoSummary() throws {
    let run = try CLI.run(
      ["check", "one.batch.test", "--offline", "--zone", Self.zone, "--format", "jsonl"])
    #expect(!run.stderr.contains("summary:"))
    #expect(run.domains == ["one.batch.test"])
  }

  @Test func deadlineReportsTheDomainAndExitsThree() throws {
    let silent = try SilentServer()
    defer { silent.close() }
    let started = Date()
    let run = try CLI.run([
      "check", "slow.batch.test", "one.batch.test", "--zone", Self.zone, "--nameserver",
      "127.0.0.1:\(silent.port)", "--timeout", "5", "--tries", "1", "--deadline", "0.5",
      "--format", "jsonl", "--profile", "rfc",
    ])
    #expect(Date().timeIntervalSince(started) < 4, "the deadline did not bound the run")
    #expect(run.status == 3, "stderr: \(run.stderr)")
    let reports = try run.reports()
    let slow = try #require(reports["slow.batch.test"])
    let ids = slow.findingIDs
    #expect(ids.contains("dns.deadline-exceeded"))
    let message = try #require(slow.message(of: "dns.deadline-exceeded"))
    #expect(message.contains("spf.slow-provider.invalid"))
    #expect(reports["one.batch.test"]?.findingIDs.contains("dns.deadline-exceeded") == false)
    #expect(run.stderr.contains("(1 past the deadline)"))
  }

  @Test func aBadDeadlineIsAUsageError() throws {
    let run = try CLI.run([
      "check", "one.batch.test", "--offline", "--zone", Self.zone,
      "--deadline", "soon",
    ])
    #expect(run.status == 2)
    #expect(run.stderr.contains("--deadline"))
  }

  @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
  func aSignalKeepsEveryFinishedResult(signal: Int32, status: Int32) throws {
    let silent = try SilentServer()
    defer { silent.close() }
    let process = try CLI.start([
      "check", "one.batch.test", "slow.batch.test", "two.batch.test", "--zone", Self.zone,
      "--nameserver", "127.0.0.1:\(silent.port)", "--timeout", "10", "--tries", "1",
      "--deadline", "0", "--format", "json",
    ])
    Thread.sleep(forTimeInterval: 1.5)
    kill(process.process.processIdentifier, signal)
    let run = process.finish()
    #expect(run.status == status, "stderr: \(run.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    let domains = (object?["domains"] as? [[String: Any]] ?? []).compactMap {
      $0["domain"] as? String
    }
    #expect(domains == ["one.batch.test", "two.batch.test"])
    #expect(run.stderr.contains("summary: interrupted by"))
  }
}

/// Runs the built `senderauth` binary.
enum CLI {
  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String

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

    func finish() -> Run {
      let out = stdout.fileHandleForReading.readDataToEndOfFile()
      let err = stderr.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return Run(
        status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
        stderr: String(decoding: err, as: UTF8.self))
    }
  }

  /// The repository's root, from this file's path.
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  static func fixture(_ path: String) -> String { root + "/Fixtures/" + path }

  /// `senderauth` beside the test bundle (SwiftPM builds both into the same directory).
  static var binary: String {
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var directory = executable.deletingLastPathComponent()
    // Inside `X.xctest/` on some layouts: step out of the bundle.
    while directory.path.contains(".xctest") { directory.deleteLastPathComponent() }
    return directory.appendingPathComponent("senderauth").path
  }

  static func start(_ arguments: [String], input: String? = nil) throws -> Started {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: root)
    var environment = ProcessInfo.processInfo.environment
    environment["LANG"] = "C"
    environment.removeValue(forKey: "LC_ALL")
    environment.removeValue(forKey: "LC_MESSAGES")
    process.environment = environment
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    let stdin = Pipe()
    process.standardInput = stdin
    try process.run()
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try stdin.fileHandleForWriting.close()
    return Started(process: process, stdout: stdout, stderr: stderr)
  }

  static func run(_ arguments: [String], input: String? = nil) throws -> Run {
    try start(arguments, input: input).finish()
  }
}

/// A UDP socket on loopback that takes queries and never answers: a name server that hangs.
final class SilentServer {
  let descriptor: Int32
  let port: UInt16

  init() throws {
    let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
    guard descriptor >= 0 else { throw SilentServerError() }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0 else {
      Glibc.close(descriptor)
      throw SilentServerError()
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(descriptor, $0, &length)
      }
    }
    self.descriptor = descriptor
    self.port = UInt16(bigEndian: address.sin_port)
  }

  func close() { Glibc.close(descriptor) }
}

struct SilentServerError: Error {}
