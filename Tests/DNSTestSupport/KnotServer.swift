import DNSLookup
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Why a test server could not start; the message says what to do.
public struct KnotServerError: Error, CustomStringConvertible, Sendable {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// A real Knot DNS server (`knotd`) on a free loopback port, serving the given zones.
///
/// Each instance has its own temporary directory (config, zones, rundir, pidfile), so several
/// can run at once. `start` returns once every zone has loaded or failed to load (read from
/// Knot's log) and the server answers a probe. `stop()` (also run on deinit) terminates it and
/// removes the directory in the background; `stopAndWait()` does the same and blocks until it
/// is done. If `knotd` is missing, `start` throws the command that installs it.
public final class KnotServer: @unchecked Sendable {
  /// One zone to serve: its origin and its master-file text.
  public struct Zone: Sendable {
    public var origin: String
    public var text: String
    public init(origin: String, text: String) {
      self.origin = origin
      self.text = text
    }
  }

  public static let executable = "/usr/sbin/knotd"
  public static let installHint =
    "install it: apt-get install -y --no-install-recommends knot knot-dnsutils"

  /// The IPv4 loopback address it listens on (127.0.0.1 unless started on another one).
  public let host: String
  public let port: UInt16
  /// True when the server also listens on `[::1]:port`.
  public let listensOnIPv6: Bool
  /// The zone origins served (absolute, lower-case, with trailing dot).
  public let origins: [String]
  /// The origins Knot failed to load (it answers SERVFAIL for them).
  public let failedOrigins: [String]
  public let directory: String

  private let process: ChildProcess
  private let lock = NSLock()
  private var stopped = false

  /// `127.0.0.1:PORT`, the form `--nameserver` takes.
  public var nameserver: String { "\(host):\(port)" }
  /// `[::1]:PORT`.
  public var nameserverIPv6: String { "[::1]:\(port)" }

  /// A resolver configuration that asks only this server (`timeout` s, `tries` rounds).
  public func configuration(timeout: Int = 2, tries: Int = 1, ipv6: Bool = false)
    -> ResolverConfiguration
  {
    let server = ResolverConfiguration.Nameserver(host: ipv6 ? "::1" : host, port: port)
    return ResolverConfiguration(
      nameservers: server.map { [$0] } ?? [], timeout: timeout, tries: tries)
  }

  /// The file Knot reads the zone `origin` from (inside `directory`, gone after `stop()`).
  public func zoneFile(for origin: String) -> String {
    let name = Self.normalized(origin)
    return directory + "/zones/" + (name == "." ? "root" : String(name.dropLast())) + ".zone"
  }

  /// Everything Knot logged so far (zone loading, errors).
  public var log: String {
    (try? String(contentsOfFile: directory + "/knot.log", encoding: .utf8)) ?? ""
  }

  private init(
    host: String, port: UInt16, ipv6: Bool, origins: [String], failed: [String], directory: String,
    process: ChildProcess
  ) {
    self.host = host
    self.port = port
    self.listensOnIPv6 = ipv6
    self.origins = origins
    self.failedOrigins = failed
    self.directory = directory
    self.process = process
  }

  deinit { stop() }

  /// Starts Knot with `zones` plus every `*.zone` file in `zoneDirectory` and `zoneFiles`.
  ///
  /// A file's origin is its `$ORIGIN` line, else its name (`example.com.zone`). Zones listed in
  /// `expectFailure` may fail to load (they are then answered with SERVFAIL); any other zone
  /// that fails makes `start` throw with Knot's log.
  ///
  /// `host` and `port` place it on another loopback address (127.0.0.2 …) and a given port:
  /// several servers on one port, as the name servers of one zone are. `files` are written
  /// beside the zone files (path relative to that directory → text): `$INCLUDE` targets.
  public static func start(
    zones: [Zone] = [], zoneDirectory: String? = nil, zoneFiles: [String] = [],
    files: [String: String] = [:], ipv6: Bool = false, expectFailure: Set<String> = [],
    timeout: Double = 10, host: String = "127.0.0.1", port: UInt16? = nil,
    executable: String = KnotServer.executable, signing: KnotSigning? = nil
  ) throws(KnotServerError) -> KnotServer {
    guard FileManager.default.isExecutableFile(atPath: executable) else {
      throw KnotServerError("knotd not found at \(executable); \(installHint)")
    }
    var all = zones
    var paths = zoneFiles
    if let zoneDirectory {
      paths += zoneFilePaths(in: zoneDirectory, recursive: false)
    }
    for path in paths {
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw KnotServerError("cannot read zone file \(path)")
      }
      all.append(Zone(origin: origin(ofZoneFile: path, text: text), text: text))
    }
    guard !all.isEmpty else { throw KnotServerError("no zones to serve") }
    let expected = Set(expectFailure.map(normalized))
    var lastError = KnotServerError("knotd did not start")
    for _ in 0..<5 {
      do {
        return try launch(
          zones: all, files: files, ipv6: ipv6, expectFailure: expected, timeout: timeout,
          host: host, port: port, executable: executable, signing: signing)
      } catch let error where error.message.contains("address already in use") {
        lastError = error  // another test took the port between our check and Knot's bind
      }
    }
    throw lastError
  }

  /// `example.com.` for `example.com`, `Example.COM.`, `example.com.`.
  static func normalized(_ origin: String) -> String {
    let lower = origin.lowercased()
    return lower.hasSuffix(".") ? lower : lower + "."
  }

  /// The zone's origin: its first `$ORIGIN`, else the file name without `.zone`.
  public static func origin(ofZoneFile path: String, text: String) -> String {
    for line in text.split(whereSeparator: \.isNewline) {
      let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
      if fields.count >= 2, fields[0].uppercased() == "$ORIGIN" {
        return normalized(String(fields[1]))
      }
    }
    var name = (path as NSString).lastPathComponent
    if name.hasSuffix(".zone") { name.removeLast(5) }
    return normalized(name)
  }

  /// Every `*.zone` file in `directory` (and below it when `recursive`), sorted.
  public static func zoneFilePaths(in directory: String, recursive: Bool) -> [String] {
    let manager = FileManager.default
    let names: [String]
    if recursive {
      names = (manager.enumerator(atPath: directory)?.allObjects as? [String]) ?? []
    } else {
      names = (try? manager.contentsOfDirectory(atPath: directory)) ?? []
    }
    return names.filter { $0.hasSuffix(".zone") }.sorted().map { directory + "/" + $0 }
  }

  /// `start(zones:zoneDirectory:zoneFiles:ipv6:expectFailure:timeout:executable:)` on its own
  /// thread: start-up polls and sleeps, which must not hold a cooperative-pool thread.
  public static func start(
    zones: [Zone] = [], zoneDirectory: String? = nil, zoneFiles: [String] = [],
    files: [String: String] = [:], ipv6: Bool = false, expectFailure: Set<String> = [],
    timeout: Double = 10, host: String = "127.0.0.1", port: UInt16? = nil,
    executable: String = KnotServer.executable, signing: KnotSigning? = nil
  ) async throws(KnotServerError) -> KnotServer {
    try await OffPool.run { () throws(KnotServerError) -> KnotServer in
      try start(
        zones: zones, zoneDirectory: zoneDirectory, zoneFiles: zoneFiles, files: files,
        ipv6: ipv6, expectFailure: expectFailure, timeout: timeout, host: host, port: port,
        executable: executable, signing: signing)
    }
  }

  /// Starts Knot with zones given as (origin, master-file text) pairs, off the cooperative pool.
  public static func start(
    zones: [(origin: String, text: String)], ipv6: Bool = false,
    expectFailure: Set<String> = []
  ) async throws(KnotServerError) -> KnotServer {
    try await start(
      zones: zones.map { Zone(origin: $0.origin, text: $0.text) }, ipv6: ipv6,
      expectFailure: expectFailure)
  }

  /// Starts Knot with zones given as (origin, master-file text) pairs.
  public static func start(
    zones: [(origin: String, text: String)], ipv6: Bool = false,
    expectFailure: Set<String> = []
  ) throws(KnotServerError) -> KnotServer {
    try start(
      zones: zones.map { Zone(origin: $0.origin, text: $0.text) }, ipv6: ipv6,
      expectFailure: expectFailure)
  }

  private static func launch(
    zones: [Zone], files: [String: String], ipv6: Bool, expectFailure: Set<String>,
    timeout: Double, host: String, port fixedPort: UInt16?, executable: String,
    signing: KnotSigning?
  ) throws(KnotServerError) -> KnotServer {
    var port = fixedPort ?? 0
    if fixedPort == nil { port = try LoopbackSocket.freePort(ipv6: ipv6) }
    let directory = TestDirectories.path("knot-test")
    let zoneDirectory = directory + "/zones"
    var origins: [String] = []
    do {
      try FileManager.default.createDirectory(
        atPath: zoneDirectory, withIntermediateDirectories: true)
      for zone in zones {
        let origin = normalized(zone.origin)
        origins.append(origin)
        let name = origin == "." ? "root" : String(origin.dropLast())
        try write(zone.text, to: zoneDirectory + "/" + name + ".zone")
      }
      for (path, text) in files {
        try write(text, to: zoneDirectory + "/" + path)
      }
      let listen = ipv6 ? "[\(host)@\(port), ::1@\(port)]" : "\(host)@\(port)"
      let config = """
        server:
            listen: \(listen)
            rundir: "\(directory)"
            pidfile: "\(directory)/knot.pid"
            udp-workers: 1
            tcp-workers: 1
            background-workers: 1
        database:
            storage: "\(directory)/db"
        \(signing.map { "    kasp-db: \"\($0.keyDirectory)\"" } ?? "")
        control:
            listen: "\(directory)/knot.sock"
        log:
          - target: stderr
            any: info
        template:
          - id: default
            storage: "\(zoneDirectory)"
            file: "%s.zone"
            zonefile-sync: -1
            zonefile-load: whole
            journal-content: none
            semantic-checks: off
        \(signing?.configuration ?? "")
        zone:
        \(origins.map { origin in
          let signed = signing?.zones.contains(origin) ?? false
          return "  - domain: \"\(origin)\"" + (signed ? KnotSigning.zoneOptions : "")
        }.joined(separator: "\n"))

        """
      try config.write(toFile: directory + "/knot.conf", atomically: false, encoding: .utf8)
      _ = FileManager.default.createFile(atPath: directory + "/knot.log", contents: nil)
    } catch {
      try? FileManager.default.removeItem(atPath: directory)
      throw KnotServerError("cannot write the Knot configuration: \(error)")
    }
    let process: ChildProcess
    do {
      process = try ChildProcess(
        executable: executable, arguments: ["-c", directory + "/knot.conf"],
        standardError: directory + "/knot.log", endWithTests: true)
    } catch {
      try? FileManager.default.removeItem(atPath: directory)
      throw KnotServerError("\(error.message); \(installHint)")
    }
    func fail(_ reason: String) -> KnotServerError {
      let log = (try? String(contentsOfFile: directory + "/knot.log", encoding: .utf8)) ?? ""
      process.terminateAndWait()
      try? FileManager.default.removeItem(atPath: directory)
      return KnotServerError("\(reason)\n--- knot log ---\n\(log)")
    }
    let deadline = Date().addingTimeInterval(timeout)
    var answered = false
    while Date() < deadline {
      let log = (try? String(contentsOfFile: directory + "/knot.log", encoding: .utf8)) ?? ""
      guard process.isRunning else {
        throw fail("knotd ended with \(process.exitDescription)")
      }
      let (loadedSet, failedSet) = loadEvents(in: log)
      let loaded = origins.filter(loadedSet.contains)
      let failed = origins.filter(failedSet.contains)
      if loaded.count + failed.count == origins.count {
        let unexpected = failed.filter { !expectFailure.contains($0) }
        guard unexpected.isEmpty else {
          throw fail("Knot refused to load \(unexpected.joined(separator: ", "))")
        }
        if !answered, let probeZone = loaded.first ?? origins.first {
          answered = LoopbackSocket.probe(host: host, port: port, name: probeZone) != nil
        }
        if answered {
          return KnotServer(
            host: host, port: port, ipv6: ipv6, origins: origins, failed: failed,
            directory: directory,
            process: process)
        }
      }
      usleep(5000)
    }
    throw fail("knotd did not become ready within \(timeout) s")
  }

  /// Writes `text` to a new file at `path` (Foundation's `String.write` takes milliseconds a
  /// file; hundreds of zones start faster this way).
  static func write(_ text: String, to path: String) throws(KnotServerError) {
    guard let file = fopen(path, "wb") else { throw KnotServerError("cannot write \(path)") }
    let bytes = Array(text.utf8)
    let written = fwrite(bytes, 1, bytes.count, file)
    guard fclose(file) == 0, written == bytes.count else {
      throw KnotServerError("cannot write \(path)")
    }
  }

  /// The zones Knot's log says were loaded and failed to load, by origin (one pass over the
  /// log, so that hundreds of zones start in well under a second).
  static func loadEvents(in log: String) -> (loaded: Set<String>, failed: Set<String>) {
    var loaded: Set<String> = []
    var failed: Set<String> = []
    for line in log.split(separator: "\n") {
      let isLoaded = line.contains("] loaded")
      guard isLoaded || line.contains("] zone event 'load' failed"),
        let open = line.firstIndex(of: "["), let close = line[open...].firstIndex(of: "]")
      else { continue }
      let origin = String(line[line.index(after: open)..<close])
      if isLoaded { loaded.insert(origin) } else { failed.insert(origin) }
    }
    return (loaded, failed)
  }

  /// Sends SIGTERM and returns at once; a background thread reaps the server and removes its
  /// directory. Safe to call twice. It never holds a cooperative-pool thread, so tests can
  /// call it from `defer`.
  public func stop() {
    guard markStopped() else { return }
    kill(process.pid, SIGTERM)
    // Knot creates nothing there while shutting down, so the directory can go now (the test
    // process may exit before the thread below runs); the thread removes what Knot was still
    // writing.
    Self.removeDirectory(directory)
    let process = self.process
    let directory = self.directory
    let thread = Thread {
      process.terminateAndWait()
      Self.removeDirectory(directory)
    }
    thread.start()
  }

  /// Terminates the server, waits until it has exited and removes its directory (blocking).
  public func stopAndWait() {
    guard markStopped() else { return }
    process.terminateAndWait()
    Self.removeDirectory(directory)
  }

  /// Removes `path` recursively, retrying when a file vanished under it (Knot unlinks its
  /// pidfile and control socket while it shuts down).
  static func removeDirectory(_ path: String) {
    for _ in 0..<5 {
      guard FileManager.default.fileExists(atPath: path) else { return }
      if (try? FileManager.default.removeItem(atPath: path)) != nil { return }
      usleep(1000)
    }
  }

  private func markStopped() -> Bool {
    lock.lock()
    defer { lock.unlock() }
    if stopped { return false }
    stopped = true
    return true
  }

}
