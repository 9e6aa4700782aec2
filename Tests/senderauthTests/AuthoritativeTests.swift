import DNSTestSupport
import Foundation
import Testing

/// `check --authoritative` against two Knot servers on loopback, the zone's two name servers,
/// serving different versions of the zone.
@Suite(.serialized) struct AuthoritativeTests {
  static func zone(spf: String, serial: Int) -> KnotServer.Zone {
    KnotServer.Zone(
      origin: "auth.example",
      text: """
        $ORIGIN auth.example.
        $TTL 3600
        @    SOA ns1 hostmaster \(serial) 3600 900 1209600 300
        @    NS  ns1
        @    NS  ns2
        ns1  A   127.0.0.2
        ns2  A   127.0.0.3
        @    MX  10 mx
        mx   A   127.0.0.25
        @    TXT "\(spf)"
        _dmarc TXT "v=DMARC1; p=reject; rua=mailto:dmarc@auth.example"
        """)
  }

  /// The parent zone, so the DMARC tree walk's `_dmarc.example` gets NXDOMAIN, not REFUSED.
  static let parent = KnotServer.Zone(
    origin: "example",
    text: "$ORIGIN example.\n$TTL 3600\n@ SOA ns hostmaster 1 3600 900 1209600 300\n")

  static func servers(first: String, second: String) async throws -> (KnotServer, KnotServer) {
    let port = try LoopbackSocket.freePort()
    let one = try await KnotServer.start(
      zones: [zone(spf: first, serial: 1), parent], host: "127.0.0.2", port: port)
    let two = try await KnotServer.start(
      zones: [zone(spf: second, serial: 2), parent], host: "127.0.0.3", port: port)
    return (one, two)
  }

  static func check(_ one: KnotServer, format: String = "text") throws -> SenderAuthCLI.Run {
    try SenderAuthCLI.run([
      "check", "auth.example", "--authoritative", "--authoritative-port", "\(one.port)",
      "--nameserver", one.nameserver, "--timeout", "1", "--tries", "1", "--profile", "rfc",
      "--format", format,
    ])
  }

  /// The findings of a JSON report: id and message.
  static func findings(_ run: SenderAuthCLI.Run) throws -> [(id: String, message: String)] {
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    let domain = (object?["domains"] as? [[String: Any]])?.first
    return ((domain?["findings"] as? [[String: Any]]) ?? []).map {
      ($0["id"] as? String ?? "", $0["message"] as? String ?? "")
    }
  }

  @Test func reportsServersThatDisagreeAndHowLongTheOldRecordMayBeCached() async throws {
    let (one, two) = try await Self.servers(
      first: "v=spf1 mx include:_spf.old.example -all", second: "v=spf1 mx -all")
    defer {
      one.stop()
      two.stop()
    }
    let run = try Self.check(one, format: "json")
    #expect(run.status == 1, "\(run.stdout)\n\(run.stderr)")
    // Only the SPF record differs: MX and DMARC agree.
    let mismatches = try Self.findings(run).filter { $0.id == "dns.authoritative-mismatch" }
    #expect(mismatches.count == 1, "\(run.stdout)")
    let message = mismatches.first?.message ?? ""
    #expect(message.contains("TXT 'auth.example'"))
    #expect(message.contains("ns1.auth.example (127.0.0.2): 'v=spf1 mx include:_spf.old.example"))
    #expect(message.contains("ns2.auth.example (127.0.0.3): 'v=spf1 mx -all'"))
    #expect(message.contains("may be cached until about"))
    #expect(message.contains("(TTL 3600 s)"))
    let text = try Self.check(one)
    #expect(text.stdout.contains("error dns.authoritative-mismatch:"), "\(text.stdout)")
  }

  @Test func serversThatAgreeGiveNoFinding() async throws {
    let (one, two) = try await Self.servers(first: "v=spf1 mx -all", second: "v=spf1 mx -all")
    defer {
      one.stop()
      two.stop()
    }
    let run = try Self.check(one, format: "json")
    let ids = try Self.findings(run).map(\.id)
    #expect(!ids.contains { $0.hasPrefix("dns.") }, "\(ids)")
    #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
  }

  @Test func aServerThatDoesNotAnswerIsReported() async throws {
    let port = try LoopbackSocket.freePort()
    let one = try await KnotServer.start(
      zones: [Self.zone(spf: "v=spf1 mx -all", serial: 1), Self.parent], host: "127.0.0.2",
      port: port)
    defer { one.stop() }
    let run = try Self.check(one, format: "json")
    let unreachable = try Self.findings(run).filter { $0.id == "dns.authoritative-unreachable" }
    #expect(unreachable.count == 1, "\(run.stdout)")
    #expect(unreachable.first?.message.contains("ns2.auth.example (127.0.0.3)") == true)
  }

  @Test func authoritativeNeedsTheNetwork() async throws {
    let run = try await SenderAuthCLI.run([
      "check", "auth.example", "--authoritative", "--offline", "--zone", "Fixtures/demo/",
    ])
    #expect(run.status == 2)
    #expect(run.stderr.contains("--authoritative asks the name servers over the network"))
  }
}
