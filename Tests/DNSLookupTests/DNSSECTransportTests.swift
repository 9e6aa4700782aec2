import DNSLookup
import DNSTestSupport
import Testing

/// The DNSSEC additions to the transport, against Knot signing `test.` and unbound validating
/// it: the DO bit brings signatures, the AD bit is read only when asked for, CD turns a bogus
/// zone's SERVFAIL into its data.
@Suite struct DNSSECTransportTests {
  static let servers = Task { () async throws -> DNSSECTestServers in
    try await OffPool.run { () throws(KnotServerError) -> DNSSECTestServers in
      try DNSSECTestServers.start()
    }
  }

  static func resolver(dnssecOK: Bool, checkingDisabled: Bool = false) async throws
    -> LibresolvResolver
  {
    let servers = try await Self.servers.value
    var configuration = ResolverConfiguration(
      nameservers: [try ResolverConfiguration.parseNameserver(servers.unbound.nameserver)],
      timeout: 2, tries: 1)
    configuration.dnssecOK = dnssecOK
    configuration.checkingDisabled = checkingDisabled
    return LibresolvResolver(configuration: configuration)
  }

  @Test func aValidatedAnswerIsAuthenticatedAndSigned() async throws {
    let resolver = try await Self.resolver(dnssecOK: true)
    let answer = try await resolver.query(try DomainName("secure.test"), .txt)
    #expect(answer.authenticated)
    #expect(answer.records.contains { $0.type == .rrsig })
    #expect(answer.matching.count == 1)
  }

  @Test func withoutDNSSECOKNothingIsAuthenticatedOrSigned() async throws {
    let resolver = try await Self.resolver(dnssecOK: false)
    let answer = try await resolver.query(try DomainName("secure.test"), .txt)
    #expect(!answer.authenticated)
    #expect(!answer.records.contains { $0.type == .rrsig })
  }

  @Test func insecureAndIslandZonesAreNotAuthenticated() async throws {
    let resolver = try await Self.resolver(dnssecOK: true)
    for name in ["unsigned.test", "island.test"] {
      let answer = try await resolver.query(try DomainName(name), .txt)
      #expect(!answer.authenticated, "\(name)")
    }
    // The proof that island.test has no DS is itself validated.
    let ds = try await resolver.query(try DomainName("island.test"), .ds)
    #expect(ds.status == .nodata && ds.authenticated)
  }

  @Test func aBogusZoneFailsUnlessCheckingIsDisabled() async throws {
    let validating = try await Self.resolver(dnssecOK: true)
    await #expect(throws: DNSError.self) {
      try await validating.query(try DomainName("bogus.test"), .txt)
    }
    let unchecked = try await Self.resolver(dnssecOK: true, checkingDisabled: true)
    let answer = try await unchecked.query(try DomainName("bogus.test"), .txt)
    #expect(!answer.authenticated)
    #expect(answer.txtJoined == ["v=spf1 mx -all"])
  }
}
