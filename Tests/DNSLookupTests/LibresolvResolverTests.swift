import DNSLookup
import DNSTestSupport
import Foundation
import Synchronization
import Testing

/// `LibresolvResolver` against a real Knot server serving `Fixtures/dns/`.
@Suite struct LibresolvResolverTests {
  /// Starts Knot with every zone of `Fixtures/dns/` (`broken.test` fails to load on purpose).
  static func startKnot(ipv6: Bool = false) async throws -> KnotServer {
    try await KnotServer.start(
      zoneDirectory: FixturePaths.dns, ipv6: ipv6, expectFailure: ["broken.test."])
  }

  /// Runs `body` with a Knot server and a resolver that asks only it.
  static func withKnot(
    timeout: Int = 2, tries: Int = 1,
    _ body: (KnotServer, LibresolvResolver) async throws -> Void
  ) async throws {
    let knot = try await startKnot()
    defer { knot.stop() }
    let resolver = LibresolvResolver(
      configuration: knot.configuration(timeout: timeout, tries: tries))
    try await body(knot, resolver)
  }

  static func name(_ text: String) throws -> DomainName { try DomainName(text) }

  @Test func multiStringTXTKeepsEachStringAsSent() async throws {
    try await Self.withKnot { _, resolver in
      let answer = try await resolver.query(Self.name("long.example.test"), .txt)
      #expect(answer.status == .answer)
      #expect(
        answer.txtStrings == [
          [
            Array(repeating: UInt8(ascii: "a"), count: 255),
            Array(repeating: UInt8(ascii: "b"), count: 255),
            Array(repeating: UInt8(ascii: "c"), count: 90),
          ]
        ])
      #expect(answer.txtJoined.first?.utf8.count == 600)
    }
  }

  @Test func txtKeepsEmptyStringsAndDecodedEscapes() async throws {
    try await Self.withKnot { _, resolver in
      let apex = try await resolver.query(Self.name("example.test"), .txt)
      #expect(apex.txtStrings.count == 2)
      #expect(
        apex.txtStrings.contains([Array("hello world".utf8), Array("second string".utf8), []]))
      #expect(apex.txtJoined.contains("v=spf1 ip4:127.0.0.0/8 mx -all"))
      let escaped = try await resolver.query(Self.name("esc.example.test"), .txt)
      #expect(escaped.txtStrings == [[Array("quote\"semi;backslash\\ tab\t utf8é".utf8)]])
      let multi = try await resolver.query(Self.name("multi.example.test"), .txt)
      #expect(multi.txtJoined == ["first part second part"])
      #expect(multi.matching.first?.ttl == 3600)
    }
  }

  @Test func cnameChainIsKeptInOrder() async throws {
    try await Self.withKnot { knot, resolver in
      let answer = try await resolver.query(Self.name("alias2.example.test"), .a)
      #expect(answer.status == .answer)
      #expect(answer.server == knot.nameserver)
      let chain = answer.cnameChain.map { "\($0.name.text) -> \($0.data.presentation)" }
      #expect(
        chain == [
          "alias2.example.test -> alias.example.test.", "alias.example.test -> www.example.test.",
          "www.example.test -> example.test.",
        ])
      #expect(answer.canonicalName == (try Self.name("example.test")))
      #expect(Set(answer.addresses.map(\.description)) == ["127.0.0.10", "127.0.0.20"])
      #expect(answer.records.count == 5)
    }
  }

  @Test func danglingCNAMEIsNXDOMAINWithTheCNAME() async throws {
    try await Self.withKnot { _, resolver in
      let answer = try await resolver.query(Self.name("dangling.example.test"), .a)
      #expect(answer.status == .nxdomain)
      #expect(answer.records.map(\.data) == [.cname(try Self.name("nowhere.example.test"))])
      #expect(answer.negativeTTL == 120)
    }
  }

  @Test func cnameQueryReturnsTheCNAMEItself() async throws {
    try await Self.withKnot { _, resolver in
      let answer = try await resolver.query(Self.name("outside.example.test"), .cname)
      #expect(answer.status == .answer)
      #expect(answer.targetNames == [try Self.name("target.elsewhere.invalid")])
    }
  }

  @Test func mxAndNullMX() async throws {
    try await Self.withKnot { _, resolver in
      let answer = try await resolver.query(Self.name("example.test"), .mx)
      #expect(answer.mxHosts.map(\.preference) == [10, 20])
      #expect(
        answer.mxHosts.map(\.exchange)
          == [try Self.name("mail.example.test"), try Self.name("mail2.example.test")])
      let null = try await resolver.query(Self.name("nullmx.example.test"), .mx)
      #expect(null.matching.map(\.data) == [.mx(preference: 0, exchange: .root)])
    }
  }

  @Test func aaaaAndA() async throws {
    try await Self.withKnot { _, resolver in
      let aaaa = try await resolver.query(Self.name("example.test"), .aaaa)
      #expect(aaaa.addresses == [try #require(IPAddress("2001:db8::10"))])
      let a = try await resolver.query(Self.name("mail.example.test"), .a)
      #expect(a.addresses == [try #require(IPAddress("127.0.0.11"))])
      #expect(a.matching.first?.ttl == 300)
    }
  }

  @Test func ptrInAddrAndIP6Arpa() async throws {
    try await Self.withKnot { _, resolver in
      let v4 = try #require(IPAddress("127.0.0.10"))
      let one = try await resolver.query(v4.reverseName, .ptr)
      #expect(one.targetNames == [try Self.name("example.test")])
      let two = try await resolver.query(try #require(IPAddress("192.0.2.1")).reverseName, .ptr)
      #expect(
        Set(two.targetNames)
          == [try Self.name("host1.example.test"), try Self.name("host1-alt.example.test")])
      let v6 = try await resolver.query(try #require(IPAddress("2001:db8::10")).reverseName, .ptr)
      #expect(v6.targetNames == [try Self.name("example.test")])
    }
  }

  @Test func soaNSCAAAndUnknownTypes() async throws {
    try await Self.withKnot { _, resolver in
      let soa = try await resolver.query(Self.name("example.test"), .soa)
      #expect(
        soa.matching.map(\.data.presentation) == [
          "ns1.example.test. hostmaster.example.test. 2024010101 3600 600 86400 120"
        ])
      let ns = try await resolver.query(Self.name("example.test"), .ns)
      #expect(
        Set(ns.targetNames) == [
          try Self.name("ns1.example.test"), try Self.name("ns2.example.test"),
        ])
      let caa = try await resolver.query(Self.name("example.test"), .caa)
      #expect(
        caa.matching.map(\.data) == [
          .caa(flags: 0, tag: "issue", value: Array("letsencrypt.org".utf8))
        ])
      let opaque = try await resolver.query(
        Self.name("opaque.example.test"), RRType(rawValue: 65400))
      #expect(opaque.matching.map(\.data) == [.unknown([0x0a, 0x0b, 0x0c, 0x0d])])
    }
  }

  @Test func nxdomainCarriesTheNegativeTTL() async throws {
    try await Self.withKnot { knot, resolver in
      let answer = try await resolver.query(Self.name("nx.example.test"), .txt)
      #expect(answer.status == .nxdomain)
      #expect(answer.records.isEmpty)
      #expect(answer.negativeTTL == 120)
      #expect(answer.server == knot.nameserver)
    }
  }

  @Test func nodataCarriesTheNegativeTTL() async throws {
    try await Self.withKnot { _, resolver in
      let answer = try await resolver.query(Self.name("onlya.example.test"), .txt)
      #expect(answer.status == .nodata)
      #expect(answer.records.isEmpty)
      #expect(answer.negativeTTL == 120)
      // An empty non-terminal exists: NODATA, not NXDOMAIN.
      let ent = try await resolver.query(Self.name("_domainkey.example.test"), .txt)
      #expect(ent.status == .nodata)
    }
  }

  @Test func servfailFromAZoneThatFailedToLoad() async throws {
    try await Self.withKnot { knot, resolver in
      #expect(knot.failedOrigins == ["broken.test."])
      await #expect(throws: DNSError.serverFailure(server: knot.nameserver)) {
        try await resolver.query(Self.name("broken.test"), .soa)
      }
    }
  }

  @Test func refusedForANameInNoServedZone() async throws {
    try await Self.withKnot { knot, resolver in
      await #expect(throws: DNSError.refused(server: knot.nameserver)) {
        try await resolver.query(Self.name("other.invalid"), .a)
      }
    }
  }

  @Test func timeoutIsBoundedByTheConfiguration() async throws {
    let blackhole = try BlackholeServer()
    defer { blackhole.stop() }
    let server = try ResolverConfiguration.parseNameserver(blackhole.nameserver)
    let resolver = LibresolvResolver(
      configuration: ResolverConfiguration(nameservers: [server], timeout: 1, tries: 1))
    let start = ContinuousClock.now
    await #expect(throws: DNSError.timeout(server: blackhole.nameserver)) {
      try await resolver.query(Self.name("example.test"), .txt)
    }
    // About 1 s (measured 1.00–1.04 s on an idle machine); the transport's own timer, not
    // libresolv's, decides it. The upper bound leaves room for a machine loaded by the rest
    // of the suite (up to 18 s seen) and still fails the hostile run's RES_OPTIONS leaking
    // through (timeout:9 × attempts:5 = 45 s).
    let elapsed = ContinuousClock.now - start
    #expect(elapsed >= .milliseconds(900))
    #expect(elapsed < .seconds(25))
  }

  @Test func connectionRefusedIsANetworkError() async throws {
    let port = try LoopbackSocket.closedPort()
    let server = try ResolverConfiguration.parseNameserver("127.0.0.1:\(port)")
    let resolver = LibresolvResolver(
      configuration: ResolverConfiguration(nameservers: [server], timeout: 1, tries: 1))
    // Told apart from a timeout by errno, not by waiting: `.network`, never `.timeout`.
    await #expect(throws: DNSError.network("connection refused by 127.0.0.1:\(port)")) {
      try await resolver.query(Self.name("example.test"), .a)
    }
  }

  @Test func largeAnswerComesCompleteOverTCP() async throws {
    try await Self.withKnot { _, resolver in
      let answer = try await resolver.query(Self.name("huge.example.test"), .txt)
      #expect(answer.status == .answer)
      #expect(answer.matching.count == 20)
      let octets = answer.txtStrings.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }
      #expect(octets > 4096)
      let expected = (0..<20).map { index in
        "record-" + (index < 10 ? "0" : "") + "\(index)-" + String(repeating: "z", count: 240)
      }
      #expect(Set(answer.txtJoined) == Set(expected))
      // 15 records of about 1 KB fit the advertised 1232 octets.
      let big = try await resolver.query(Self.name("big.example.test"), .txt)
      #expect(big.matching.count == 15)
    }
  }

  @Test func sixtyFourConcurrentQueriesAllSucceed() async throws {
    try await Self.withKnot { _, resolver in
      let questions: [(String, RRType, DNSAnswer.Status)] = [
        ("example.test", .txt, .answer), ("long.example.test", .txt, .answer),
        ("alias.example.test", .a, .answer), ("example.test", .mx, .answer),
        ("example.test", .aaaa, .answer), ("10.0.0.127.in-addr.arpa", .ptr, .answer),
        ("nx.example.test", .txt, .nxdomain), ("onlya.example.test", .txt, .nodata),
      ]
      let statuses = try await withThrowingTaskGroup(of: DNSAnswer.Status.self) { group in
        for index in 0..<64 {
          let (text, type, _) = questions[index % questions.count]
          group.addTask { try await resolver.query(Self.name(text), type).status }
        }
        var statuses: [DNSAnswer.Status] = []
        for try await status in group { statuses.append(status) }
        return statuses
      }
      #expect(statuses.count == 64)
      let expected = (0..<64).map { questions[$0 % questions.count].2 }
      #expect(
        statuses.sorted { $0.rawValue < $1.rawValue }
          == expected.sorted { $0.rawValue < $1.rawValue })
    }
  }

  @Test func ipv6Nameserver() async throws {
    guard LoopbackSocket.hasIPv6Loopback else {
      Issue.record("this machine cannot bind ::1; the IPv6 nameserver path is untested here")
      return
    }
    let knot = try await Self.startKnot(ipv6: true)
    defer { knot.stop() }
    let resolver = LibresolvResolver(configuration: knot.configuration(ipv6: true))
    let answer = try await resolver.query(Self.name("long.example.test"), .txt)
    #expect(answer.server == knot.nameserverIPv6)
    #expect(answer.txtJoined.first?.utf8.count == 600)
    let huge = try await resolver.query(Self.name("huge.example.test"), .txt)
    #expect(huge.matching.count == 20)
  }

  @Test func nextServerIsAskedAfterSERVFAIL() async throws {
    let failing = try ServfailServer()
    defer { failing.stop() }
    let knot = try await Self.startKnot()
    defer { knot.stop() }
    let configuration = try ResolverConfiguration.parse(
      nameservers: [failing.nameserver, knot.nameserver], timeout: "3", tries: "1")
    let resolver = LibresolvResolver(configuration: configuration)
    let answer = try await resolver.query(Self.name("example.test"), .mx)
    #expect(answer.server == knot.nameserver)
    #expect(failing.queryCounts.all == 1)
  }

  @Test(arguments: [(UInt8(2), "serverFailure"), (5, "refused"), (4, "malformed")])
  func rcodeFromAHostileServer(rcode: UInt8, kind: String) async throws {
    let server = try ServfailServer(rcode: rcode)
    defer { server.stop() }
    let resolver = LibresolvResolver(
      configuration: try ResolverConfiguration.parse(nameservers: [server.nameserver]))
    let name = try Self.name("example.test")
    do throws(DNSError) {
      let answer = try await resolver.query(name, .txt)
      Issue.record("expected a failure, got \(answer)")
    } catch {
      #expect(error.kind == kind)
    }
  }

  @Test func formerrToEDNSIsRetriedWithoutEDNS() async throws {
    let server = try ServfailServer(rcode: 1)
    defer { server.stop() }
    let resolver = LibresolvResolver(
      configuration: try ResolverConfiguration.parse(nameservers: [server.nameserver]))
    await #expect(
      throws: DNSError.malformed("\(server.nameserver) answered FORMERR (format error)")
    ) {
      try await resolver.query(Self.name("example.test"), .txt)
    }
    #expect(server.queryCounts.all == 2)
    #expect(server.queryCounts.edns == 1)
  }

  @Test func systemConfigurationListsResolvConfServers() {
    let resolver = LibresolvResolver()
    #expect(resolver.configuration.nameservers.isEmpty)
    // No query: tests never touch real DNS. Only the list read from resolv.conf is checked.
    #expect(resolver.servers.count <= ResolverConfiguration.maximumNameservers)
  }
}

/// `LibresolvResolver` against servers that send what a real one never should.
@Suite struct HostileServerTests {
  /// A resolver that asks only `server`, patient enough for a loaded machine.
  static func resolver(_ server: UDPResponder) throws -> LibresolvResolver {
    LibresolvResolver(
      configuration: try ResolverConfiguration.parse(
        nameservers: [server.nameserver], timeout: "3", tries: "1"))
  }

  @Test func unrelatedRecordsInTheAnswerAreDropped() async throws {
    let server = try UDPResponder { query in
      DNSMessage.reply(
        to: query, rcode: 0,
        answers: [
          ("evil.test", 16, 60, [5] + Array("evil!".utf8)),
          ("example.test", 16, 60, [4] + Array("good".utf8)),
        ])
    }
    defer { server.stop() }
    let answer = try await Self.resolver(server).query(DomainName("example.test"), .txt)
    #expect(answer.txtJoined == ["good"])
    #expect(answer.records.count == 1)
  }

  @Test func answerToAnotherQuestionIsNotAccepted() async throws {
    let server = try UDPResponder { query in
      DNSMessage.reply(to: query, rcode: 0, question: ("other.test", 16))
    }
    defer { server.stop() }
    let resolver = try Self.resolver(server)
    // glibc itself drops a reply whose question does not match, so the query times out.
    do {
      let answer = try await resolver.query(DomainName("example.test"), .txt)
      Issue.record("accepted \(answer)")
    } catch let error as DNSError {
      #expect(["timeout", "malformed"].contains(error.kind))
    }
  }

  @Test(arguments: [
    (UInt16(1), [UInt8]([1, 2, 3, 4, 5]), "A record at 'example.test.' from"),
    (16, [9, 0x61], "a character-string overruns RDATA"),
    (15, [0, 10], "MX record at 'example.test.' from"),
    (5, [3, 0x61, 0x62], "invalid domain name"),
    (257, [0, 0], "invalid tag length"),
  ])
  func malformedRDATAIsAnError(type: UInt16, rdata: [UInt8], message: String) async throws {
    let server = try UDPResponder { query in
      DNSMessage.reply(to: query, rcode: 0, answers: [("example.test", type, 60, rdata)])
    }
    defer { server.stop() }
    let name = try DomainName("example.test")
    let resolver = try Self.resolver(server)
    do throws(DNSError) {
      let answer = try await resolver.query(name, RRType(rawValue: type))
      Issue.record("accepted \(answer)")
    } catch {
      guard case .malformed(let text) = error else {
        Issue.record("expected malformed, got \(error)")
        return
      }
      #expect(text.contains(message))
    }
  }

  @Test func garbageReplyIsNotAnAnswer() async throws {
    let server = try UDPResponder { query in Array(query.prefix(2)) + [0x81, 0x80, 0, 1] }
    defer { server.stop() }
    do {
      let answer = try await Self.resolver(server).query(DomainName("example.test"), .txt)
      Issue.record("accepted \(answer)")
    } catch let error as DNSError {
      #expect(["timeout", "malformed"].contains(error.kind))
    }
  }
}

extension LibresolvResolverTests {
  @Test func referralIsNotNODATA() async throws {
    let knot = try await KnotServer.start(zones: [
      KnotServer.Zone(
        origin: "parent.test",
        text: """
          $TTL 300
          @ IN SOA ns.parent.test. h.parent.test. 1 3600 600 86400 60
          @ IN NS ns
          ns IN A 192.0.2.1
          child IN NS ns.child
          ns.child IN A 192.0.2.2
          """)
    ])
    defer { knot.stop() }
    let resolver = LibresolvResolver(configuration: knot.configuration())
    await #expect(
      throws: DNSError.malformed(
        "\(knot.nameserver) sent a referral to 'child.parent.test.' instead of an answer "
          + "(it is not a recursive resolver for this name)")
    ) {
      try await resolver.query(DomainName("www.child.parent.test"), .txt)
    }
    let nodata = try await resolver.query(DomainName("ns.parent.test"), .txt)
    #expect(nodata.status == .nodata)
  }
}
