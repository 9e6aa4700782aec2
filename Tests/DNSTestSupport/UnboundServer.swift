import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A validating resolver (Debian's `unbound`) on a free loopback port that resolves the zones
/// of a `KnotServer` (stub zones, so nothing leaves the machine) and validates them from a
/// test trust anchor.
public final class UnboundServer: @unchecked Sendable {
  public static let executable = "/usr/sbin/unbound"
  public static let installHint = "install it: apt-get install -y --no-install-recommends unbound"

  public let port: UInt16
  public let directory: String
  private let process: ChildProcess

  /// `127.0.0.1:PORT`, the form `--nameserver` takes.
  public var nameserver: String { "127.0.0.1:\(port)" }

  private init(port: UInt16, directory: String, process: ChildProcess) {
    self.port = port
    self.directory = directory
    self.process = process
  }

  deinit { stop() }

  /// Starts unbound: every name under `stubZones` is asked from `knot` (the root too, so
  /// nothing is asked elsewhere), `trustAnchors` are DS lines (`test. DS 1234 13 2 …`).
  public static func start(
    knot: KnotServer, stubZones: [String], trustAnchors: [String], timeout: Double = 10
  ) throws(KnotServerError) -> UnboundServer {
    guard FileManager.default.isExecutableFile(atPath: executable) else {
      throw KnotServerError("unbound not found at \(executable); \(installHint)")
    }
    var lastError = KnotServerError("unbound did not start")
    for _ in 0..<5 {
      let port = try LoopbackSocket.freePort()
      let directory = TestDirectories.path("unbound-test")
      let zones = stubZones.map(KnotServer.normalized)
      let configuration = """
        server:
            interface: 127.0.0.1
            port: \(port)
            do-daemonize: no
            username: ""
            chroot: ""
            directory: "\(directory)"
            pidfile: "\(directory)/unbound.pid"
            use-syslog: no
            logfile: ""
            verbosity: 1
            do-ip6: no
            do-not-query-localhost: no
            module-config: "validator iterator"
            qname-minimisation: no
            harden-referral-path: no
            num-threads: 1
            val-log-level: 2
            ede: yes
        \(zones.map { "    local-zone: \"\($0)\" nodefault" }.joined(separator: "\n"))
        \(trustAnchors.map { "    trust-anchor: \"\($0)\"" }.joined(separator: "\n"))
        remote-control:
            control-enable: no
        \((zones + ["."]).map { "stub-zone:\n    name: \"\($0)\"\n    stub-addr: \(knot.host)@\(knot.port)" }.joined(separator: "\n"))

        """
      do {
        try FileManager.default.createDirectory(
          atPath: directory, withIntermediateDirectories: true)
        try configuration.write(
          toFile: directory + "/unbound.conf", atomically: false, encoding: .utf8)
      } catch {
        throw KnotServerError("cannot write the unbound configuration: \(error)")
      }
      let process = try ChildProcess(
        executable: executable, arguments: ["-d", "-c", directory + "/unbound.conf"],
        standardError: directory + "/unbound.log", endWithTests: true)
      let deadline = Date().addingTimeInterval(timeout)
      while Date() < deadline, process.isRunning {
        if LoopbackSocket.probe(port: port, name: zones.first ?? ".") != nil {
          return UnboundServer(port: port, directory: directory, process: process)
        }
        usleep(10_000)
      }
      let log = (try? String(contentsOfFile: directory + "/unbound.log", encoding: .utf8)) ?? ""
      process.terminateAndWait()
      try? FileManager.default.removeItem(atPath: directory)
      lastError = KnotServerError("unbound did not answer\n--- unbound log ---\n\(log)")
      guard log.contains("address already in use") else { break }
    }
    throw lastError
  }

  /// Terminates unbound and removes its directory.
  public func stop() {
    process.terminateAndWait()
    try? FileManager.default.removeItem(atPath: directory)
  }
}
