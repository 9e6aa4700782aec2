import DNSLookup
import DNSTestSupport
import Testing

/// The transport through a real recursive resolver: unbound with an empty cache and a stub
/// zone to Knot. Its answers carry RA, so the transport paces it as a recursive server (its
/// cap and losses, not its round trips: `CongestionWindow`); Knot's do not. Hundreds of
/// questions at once, which unbound must look up and which it then has cached, CNAME chains it
/// follows itself, names and types that do not exist: every answer is the one Knot gives
/// directly.
@Suite struct RecursiveResolverTests {
  static let names = 300
  static let aliases = 60

  static let servers = Task { () async throws -> (knot: KnotServer, unbound: UnboundServer) in
    try await OffPool.run { () throws(KnotServerError) -> (KnotServer, UnboundServer) in
      var zone = """
        $ORIGIN rec.test.
        $TTL 300
        @ SOA ns hostmaster 1 3600 600 86400 300
        @ NS ns
        ns A 127.0.0.1

        """
      for index in 0..<names {
        zone += "n\(index) TXT \"v=spf1 ip4:192.0.2.\(index % 250) -all\"\n"
      }
      for index in 0..<aliases { zone += "c\(index) CNAME n\(index * 3)\n" }
      let knot = try KnotServer.start(zones: [KnotServer.Zone(origin: "rec.test", text: zone)])
      // The stub zone is test. itself: unbound answers names below test. from its default
      // local zone (RFC 6761) unless told not to.
      let unbound = try UnboundServer.start(knot: knot, stubZones: ["test"], trustAnchors: [])
      return (knot, unbound)
    }
  }

  /// Every name's TXT (twice), every alias's TXT, an A where there is none, and names that do
  /// not exist.
  static var questions: [(name: String, type: RRType)] {
    let texts = (0..<names).map { (name: "n\($0).rec.test", type: RRType.txt) }
    let chains = (0..<aliases).map { (name: "c\($0).rec.test", type: RRType.txt) }
    let absent = (0..<20).flatMap {
      [(name: "n\($0).rec.test", type: RRType.a), (name: "x\($0).rec.test", type: RRType.txt)]
    }
    return texts + chains + absent + texts
  }

  /// Each question's outcome through `resolver`, asked all at once: its status and TXT data,
  /// or the error.
  static func askAll(_ resolver: LibresolvResolver) async -> [String] {
    await withTaskGroup(of: (Int, String).self) { group in
      for (index, question) in questions.enumerated() {
        group.addTask {
          do {
            let answer = try await resolver.query(try DomainName(question.name), question.type)
            return (index, "\(question.name) \(answer.status) \(answer.txtJoined)")
          } catch {
            return (index, "\(question.name) \(error)")
          }
        }
      }
      var outcomes = [String](repeating: "", count: questions.count)
      for await (index, outcome) in group { outcomes[index] = outcome }
      return outcomes
    }
  }

  static func resolver(_ nameserver: String) throws -> LibresolvResolver {
    LibresolvResolver(
      configuration: ResolverConfiguration(
        nameservers: [try ResolverConfiguration.parseNameserver(nameserver)], timeout: 5,
        tries: 2))
  }

  @Test func answersThroughItAreTheServersAndItIsPacedAsRecursive() async throws {
    let (knot, unbound) = try await Self.servers.value
    let direct = try Self.resolver(knot.nameserver)
    let recursive = try Self.resolver(unbound.nameserver)
    let expected = await Self.askAll(direct)
    // First from an empty cache (unbound asks Knot), then every answer from its cache.
    for round in ["cold", "cached"] {
      let outcomes = await Self.askAll(recursive)
      let differing = zip(outcomes, expected).filter { $0 != $1 }
      #expect(
        differing.isEmpty, "\(round): \(differing.count) differ, e.g. \(differing.prefix(3))")
      #expect(outcomes.count == expected.count)
    }
    #expect(expected.filter { $0.contains("v=spf1") }.count == 2 * Self.names + Self.aliases)
    #expect(expected.filter { $0.contains("nxdomain") }.count == 20)

    let through = recursive.transportStatistics
    #expect(through.recursiveServers == 1, "unbound's answers carry RA")
    #expect(through.timeouts == 0)
    #expect(through.answered >= Self.questions.count)
    #expect(direct.transportStatistics.recursiveServers == 0, "Knot's answers do not")
  }
}
