import Foundation

/// The HTTPS server of the integration tests (`Scripts/test.d/https-test-server.py`, Python's
/// http.server and ssl): port 443 of a loopback address, a certificate per host name (chosen by
/// SNI) from a test CA it makes with openssl, and fixed routes per host.
///
/// Port 443 because fetches go to port 443 of the address DNS gives, as senders' do; the
/// address is a random 127.x.y.z so that several test runs do not collide. Binding it needs
/// root or CAP_NET_BIND_SERVICE.
public final class HTTPSTestServer: @unchecked Sendable {
  /// One route: what a GET of a path on a host answers.
  public struct Route: Encodable, Sendable {
    public var status: Int
    public var type: String?
    public var body: String
    public var repeatCount: Int
    public var location: String?

    public init(
      status: Int = 200, type: String? = "text/plain", body: String = "", repeat count: Int = 0,
      location: String? = nil
    ) {
      self.status = status
      self.type = type
      self.body = body
      self.repeatCount = count
      self.location = location
    }

    enum CodingKeys: String, CodingKey {
      case status, type, body, location
      case repeatCount = "repeat"
    }
  }

  /// How a host's certificate is made.
  public enum Certificate: String, Encodable, Sendable {
    /// From the test CA, for the host name.
    case valid
    /// From the test CA, for another name.
    case wrongName = "wrong-name"
    /// For the host name, from a CA nobody trusts.
    case untrusted
  }

  public struct Host: Encodable, Sendable {
    public var certificate: Certificate
    public var routes: [String: Route]
    public init(certificate: Certificate = .valid, routes: [String: Route]) {
      self.certificate = certificate
      self.routes = routes
    }
  }

  public static let script: String = {
    let here = URL(fileURLWithPath: #filePath)
    return here.deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Scripts/test.d/https-test-server.py")
      .path
  }()

  /// The address the server listens on (port 443).
  public let address: String
  /// An address where a TCP listener accepts on port 443 and never answers (timeouts).
  public let silentAddress: String
  /// The test CA's certificate (PEM), for `--ca-file`.
  public let caFile: String
  public let directory: String
  private let process: ChildProcess

  private init(
    address: String, silentAddress: String, caFile: String, directory: String,
    process: ChildProcess
  ) {
    self.address = address
    self.silentAddress = silentAddress
    self.caFile = caFile
    self.directory = directory
    self.process = process
  }

  deinit { stop() }

  /// Starts the server with `hosts` (by host name); retries on other addresses when one is
  /// taken.
  public static func start(hosts: [String: Host], timeout: Double = 30) throws(KnotServerError)
    -> HTTPSTestServer
  {
    guard
      let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: {
        FileManager.default.isExecutableFile(atPath: $0)
      })
    else {
      throw KnotServerError(
        "python3 not found; install it: apt-get install -y --no-install-recommends python3")
    }
    var lastError = KnotServerError("the HTTPS test server did not start")
    for _ in 0..<5 {
      let base = "127.\(Int.random(in: 100...250)).\(Int.random(in: 1...250))"
      let address = base + ".1"
      let silent = base + ".2"
      let directory = TestDirectories.path("https-test")
      struct Configuration: Encodable {
        var address: String
        var port = 443
        var directory: String
        var hang: String
        var hosts: [String: Host]
      }
      do {
        try FileManager.default.createDirectory(
          atPath: directory, withIntermediateDirectories: true)
        let data = try JSONEncoder().encode(
          Configuration(address: address, directory: directory, hang: silent, hosts: hosts))
        try data.write(to: URL(fileURLWithPath: directory + "/config.json"))
      } catch {
        throw KnotServerError("cannot write the HTTPS server configuration: \(error)")
      }
      let output = directory + "/server.out"
      let process = try ChildProcess(
        executable: python, arguments: [script, directory + "/config.json"],
        standardOutput: output, standardError: directory + "/server.err", endWithTests: true)
      let deadline = Date().addingTimeInterval(timeout)
      var text = ""
      while Date() < deadline, process.isRunning {
        text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("READY ") }) {
          return HTTPSTestServer(
            address: address, silentAddress: silent, caFile: String(line.dropFirst(6)),
            directory: directory, process: process)
        }
        usleep(20_000)
      }
      let errors = (try? String(contentsOfFile: directory + "/server.err", encoding: .utf8)) ?? ""
      process.terminateAndWait()
      try? FileManager.default.removeItem(atPath: directory)
      lastError = KnotServerError(
        "the HTTPS test server did not start on \(address):443 (binding port 443 needs root): "
          + text + errors)
    }
    throw lastError
  }

  public func stop() {
    process.terminateAndWait()
    try? FileManager.default.removeItem(atPath: directory)
  }
}
