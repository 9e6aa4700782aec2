import DNSLookup
import DNSTestSupport
import Foundation
import Testing

/// The test harness itself: Knot start-up, failures with useful messages, several at once.
@Suite struct KnotServerTests {
  static let zone = (
    origin: "harness.test.",
    text: """
    $TTL 300
    @ IN SOA ns.harness.test. h.harness.test. 1 3600 600 86400 60
    @ IN NS ns
    ns IN A 192.0.2.1
    @ IN TXT "served"
    """
  )

  @Test func missingKnotSaysHowToInstallIt() async {
    do {
      _ = try await KnotServer.start(
        zones: [KnotServer.Zone(origin: Self.zone.origin, text: Self.zone.text)],
        executable: "/nonexistent/knotd")
      Issue.record("started without knotd")
    } catch {
      #expect(
        error.message.contains(
          "install it: apt-get install -y --no-install-recommends knot knot-dnsutils"))
    }
  }

  @Test func unexpectedLoadFailureThrowsWithKnotsLog() async throws {
    let broken = try String(contentsOfFile: FixturePaths.dns + "/broken.test.zone", encoding: .utf8)
    do {
      _ = try await KnotServer.start(zones: [(origin: "broken.test", text: broken)])
      Issue.record("a broken zone loaded")
    } catch {
      #expect(error.message.contains("Knot refused to load broken.test."))
      #expect(error.message.contains("zone loader"))
    }
  }

  @Test func severalServersRunAtOnce() async throws {
    let first = try await KnotServer.start(zones: [Self.zone])
    let second = try await KnotServer.start(
      zoneDirectory: FixturePaths.dns, expectFailure: ["broken.test"])
    #expect(first.port != second.port)
    let one = LibresolvResolver(configuration: first.configuration())
    let two = LibresolvResolver(configuration: second.configuration())
    #expect(try await one.query(DomainName("harness.test"), .txt).txtJoined == ["served"])
    #expect(try await two.query(DomainName("mail.example.test"), .a).addresses.count == 1)
    await #expect(throws: DNSError.refused(server: first.nameserver)) {
      try await one.query(DomainName("mail.example.test"), .a)
    }
    let directory = first.directory
    first.stopAndWait()
    first.stop()
    #expect(!FileManager.default.fileExists(atPath: directory))
    #expect(LoopbackSocket.probe(port: first.port, name: "harness.test.") == nil)
    second.stop()
  }

  @Test func originComesFromDollarOriginOrTheFileName() {
    #expect(
      KnotServer.origin(ofZoneFile: "/x/example.com.zone", text: "@ IN A 192.0.2.1")
        == "example.com.")
    #expect(
      KnotServer.origin(ofZoneFile: "/x/fragment.zone", text: "; c\n$ORIGIN Example.NET.\n")
        == "example.net.")
  }

  @Test func servfailServerAnswersEveryQuery() async throws {
    let server = try ServfailServer()
    defer { server.stop() }
    let port = server.port
    let rcodes = await OffPool.run {
      [
        LoopbackSocket.probe(port: port, name: "anything.test.", milliseconds: 2000),
        LoopbackSocket.probe(port: port, name: "other.test.", type: 16, milliseconds: 2000),
      ]
    }
    #expect(rcodes == [2, 2])
    #expect(server.queryCounts.all == 2)
  }

  @Test func blackholeNeverAnswers() throws {
    let blackhole = try BlackholeServer()
    defer { blackhole.stop() }
    #expect(
      LoopbackSocket.probe(port: blackhole.port, name: "example.test.", milliseconds: 100) == nil)
  }
}
