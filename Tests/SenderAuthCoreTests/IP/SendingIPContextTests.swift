import DNSLookup
import SenderAuthCore
import Testing

@Suite struct SendingIPContextTests {
  static func fetch(_ zone: String, ips: [String]) async throws -> SendingIPContext {
    let file = try ZoneFile.parse("$ORIGIN .\n$TTL 3600\n" + zone, file: "test")
    return await SendingIPContext.fetch(
      domain: try DomainName("example.com"), resolver: try ZoneResolver(zones: [file]),
      options: CheckOptions(ips: ips.compactMap(IPAddress.init)))
  }

  @Test func confirmsAPTRNameThatResolvesBack() async throws {
    let context = try await Self.fetch(
      """
      mail.example.com. A 192.0.2.10
      10.2.0.192.in-addr.arpa. PTR mail.example.com.
      """, ips: ["192.0.2.10"])
    let check = try #require(context.checks.first)
    #expect(check.ptrNames.map(\.text) == ["mail.example.com"])
    #expect(check.confirmedNames.map(\.text) == ["mail.example.com"])
  }

  @Test func aPTRNamePointingElsewhereIsNotConfirmed() async throws {
    let context = try await Self.fetch(
      """
      mail.example.com. A 192.0.2.99
      10.2.0.192.in-addr.arpa. PTR mail.example.com.
      """, ips: ["192.0.2.10"])
    let check = try #require(context.checks.first)
    #expect(check.confirmedNames.isEmpty)
    #expect(check.unconfirmableNames.isEmpty)
  }

  @Test func ipv6UsesAAAA() async throws {
    let address = try #require(IPAddress("2001:db8::25"))
    let context = try await Self.fetch(
      """
      mail.example.com. AAAA 2001:db8::25
      \(address.reverseName.absolute) PTR mail.example.com.
      """, ips: ["2001:db8::25"])
    #expect(context.checks.first?.confirmedNames.count == 1)
  }

  @Test func missingPTRIsAnAnswerNotAFailure() async throws {
    let context = try await Self.fetch("example.com. TXT \"v=spf1 -all\"\n", ips: ["192.0.2.10"])
    #expect(context.checks.first?.ptrNames.isEmpty == true)
    #expect(context.failures.isEmpty)
  }
}

@Suite struct PTRNameHeuristicsTests {
  static let address = IPAddress("192.0.2.10") ?? .v4([0, 0, 0, 0])

  @Test(arguments: [
    "192-0-2-10.dynamic.isp.example", "10.2.0.192.static.provider.example",
    "ip192-0-2-10.example.net", "c000020a.cust.example.net", "pool-42.dsl.example.net",
    "host.dhcp.example.net", "ppp-7.example.net",
  ])
  func flagsGenericNames(_ name: String) throws {
    #expect(!PTRNameHeuristics.reasons(name: try DomainName(name), address: Self.address).isEmpty)
  }

  @Test(arguments: ["mail.example.com", "mx1.shop.example", "o1.ptr4711.example.com"])
  func acceptsNamedHosts(_ name: String) throws {
    #expect(PTRNameHeuristics.reasons(name: try DomainName(name), address: Self.address).isEmpty)
  }
}
