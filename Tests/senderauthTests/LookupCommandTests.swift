import DNSTestSupport
import Foundation
import Testing

/// `senderauth lookup` against a real Knot on loopback prints the same records as `kdig`, and
/// every failure kind has its own status and exit code 3.
@Suite(.serialized) struct LookupCommandTests {
  static let zones = SenderAuthCLI.fixture("dns")

  /// kdig's answer section as (name, ttl, type, data) lines, in kdig's own presentation.
  static func kdig(_ server: KnotServer, _ name: String, _ type: String) throws -> [String] {
    let output = try ChildProcess.output(
      of: "/usr/bin/kdig",
      arguments: [
        "@\(server.host)", "-p", "\(server.port)", "+noall", "+answer", "+norecurse",
        "+nocrypto", "+tcp", name, type,
      ])
    return output.split(separator: "\n").map {
      $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }.sorted()
  }

  /// Our JSON answer as the same lines.
  static func ours(_ run: SenderAuthCLI.Run) throws -> (status: String, lines: [String]) {
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    let records = (object?["records"] as? [[String: Any]]) ?? []
    let lines = records.map { record in
      let name = record["name"] as? String ?? ""
      let ttl = record["ttl"] as? Int ?? -1
      let type = record["type"] as? String ?? ""
      let data = record["data"] as? String ?? ""
      return "\(name) \(ttl) IN \(type) \(data)"
    }.sorted()
    return (object?["status"] as? String ?? "", lines)
  }

  @Test(arguments: [
    ("example.test", "TXT", "answer"),
    ("long.example.test", "TXT", "answer"),
    ("esc.example.test", "TXT", "answer"),
    ("alias2.example.test", "A", "answer"),
    ("dangling.example.test", "A", "nxdomain"),
    ("example.test", "MX", "answer"),
    ("example.test", "AAAA", "answer"),
    ("example.test", "CAA", "answer"),
    ("10.0.0.127.in-addr.arpa", "PTR", "answer"),
    ("1.2.0.192.in-addr.arpa", "PTR", "answer"),
    (
      "0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", "PTR",
      "answer"
    ),
    ("huge.example.test", "TXT", "answer"),
    ("nx.example.test", "TXT", "nxdomain"),
    ("onlya.example.test", "TXT", "nodata"),
  ])
  func printsWhatKdigPrints(name: String, type: String, status: String) async throws {
    let server = try await KnotServer.start(
      zoneDirectory: Self.zones, expectFailure: ["broken.test"])
    defer { server.stop() }
    let run = try await SenderAuthCLI.run([
      "lookup", name, type, "--nameserver", server.nameserver, "--format", "json",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let (ourStatus, ourLines) = try Self.ours(run)
    #expect(ourStatus == status)
    let theirs = try Self.kdig(server, name, type)
    #expect(ourLines == theirs)
    if status == "answer" { #expect(!ourLines.isEmpty) }
  }

  @Test func textOutputIsOneZoneLinePerRecord() async throws {
    let server = try await KnotServer.start(
      zoneDirectory: Self.zones, expectFailure: ["broken.test"])
    defer { server.stop() }
    let run = try await SenderAuthCLI.run([
      "lookup", "example.test", "MX", "--nameserver", server.nameserver,
    ])
    #expect(run.status == 0)
    #expect(run.stdout.contains("example.test. 300 IN MX 10 mail.example.test."), "\(run.stdout)")
    #expect(run.stdout.hasPrefix(";; example.test. MX: ANSWER from 127.0.0.1:\(server.port)"))
  }

  @Test(arguments: [
    ("broken.test", "serverFailure"), ("other.invalid", "refused"),
  ])
  func failuresExitThreeWithTheirKind(name: String, kind: String) async throws {
    let server = try await KnotServer.start(
      zoneDirectory: Self.zones, expectFailure: ["broken.test"])
    defer { server.stop() }
    let run = try await SenderAuthCLI.run([
      "lookup", name, "SOA", "--nameserver", server.nameserver, "--format", "json", "--tries", "1",
    ])
    #expect(run.status == 3)
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    #expect(object?["status"] as? String == "error")
    #expect((object?["error"] as? [String: Any])?["kind"] as? String == kind)
  }

  @Test func timeoutIsBoundedAndExitsThree() async throws {
    let silent = try BlackholeServer()
    defer { silent.stop() }
    let start = Date()
    let run = try await SenderAuthCLI.run([
      "lookup", "example.test", "TXT", "--nameserver", silent.nameserver, "--timeout", "1",
      "--tries", "1", "--format", "json",
    ])
    #expect(Date().timeIntervalSince(start) < 5)
    #expect(run.status == 3)
    #expect(run.stdout.contains("\"kind\" : \"timeout\""), "\(run.stdout)")
  }

  @Test func connectionRefusedIsANetworkError() async throws {
    let port = try LoopbackSocket.freePort(ipv6: false)
    let run = try await SenderAuthCLI.run([
      "lookup", "example.test", "TXT", "--nameserver", "127.0.0.1:\(port)", "--format", "json",
      "--tries", "1",
    ])
    #expect(run.status == 3)
    #expect(run.stdout.contains("\"kind\" : \"network\""), "\(run.stdout)")
  }

  @Test func offlineNeedsNoNetwork() async throws {
    let run = try await SenderAuthCLI.run([
      "lookup", "example.test", "TXT", "--offline", "--zone", "Fixtures/dns/example.test.zone",
      "--nameserver", "192.0.2.1",
    ])
    #expect(run.status == 2, "--offline with --nameserver is a contradiction")
    let offline = try await SenderAuthCLI.run([
      "lookup", "example.test", "TXT", "--offline", "--zone", "Fixtures/dns/example.test.zone",
    ])
    #expect(offline.status == 0)
    #expect(offline.stdout.contains("from zone Fixtures/dns/example.test.zone"))
  }

  @Test(arguments: [
    (["lookup"], "lookup takes a NAME and an optional TYPE"),
    (["lookup", "example.test", "BOGUS"], "'BOGUS' is not a record type"),
    (["lookup", "a..b", "TXT"], "is not a domain name"),
    (["lookup", "example.test", "TXT", "--nameserver", "1.2.3"], "--nameserver '1.2.3'"),
    (["lookup", "example.test", "TXT", "--timeout", "abc"], "--timeout"),
    (["lookup", "example.test", "TXT", "--zon", "x"], "did you mean '--zone'"),
    (["lookup", "example.test", "TXT", "--offline", "--zone", "/nonexistent.zone"], "cannot read"),
  ])
  func badInputIsOneLineAndExitTwo(arguments: [String], message: String) async throws {
    let run = try await SenderAuthCLI.run(arguments)
    #expect(run.status == 2)
    #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    #expect(run.stderr.contains(message), "\(run.stderr)")
  }
}
