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

  /// An IPv4-mapped address is asked at its IPv4 reverse name, as its names have A records.
  @Test func anIPv4MappedAddressIsAskedAsIPv4() async throws {
    let context = try await Self.fetch(
      """
      mail.example.com. A 192.0.2.10
      10.2.0.192.in-addr.arpa. PTR mail.example.com.
      """, ips: ["::ffff:192.0.2.10"])
    let check = try #require(context.checks.first)
    #expect(check.reverseName.text == "10.2.0.192.in-addr.arpa")
    #expect(check.confirmedNames.map(\.text) == ["mail.example.com"])
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

  /// The message's reverse DNS in iprev's words (RFC 8601 §2.7.3), one case each: a PTR name
  /// that resolves back, one that resolves elsewhere or not at all (fail), no PTR (permerror), a
  /// failed forward or PTR lookup (temperror).
  @Test func theMessagesReverseDNSReadsAsIprev() async throws {
    let file = try ZoneFile.parse(
      """
      $ORIGIN .
      $TTL 3600
      mail.example.com. A 192.0.2.10
      other.example.com. A 192.0.2.99
      10.2.0.192.in-addr.arpa. PTR mail.example.com.
      11.2.0.192.in-addr.arpa. PTR other.example.com.
      12.2.0.192.in-addr.arpa. PTR lost.example.com.
      14.2.0.192.in-addr.arpa. PTR slow.example.com.
      """, file: "test")
    struct Failing: DNSResolver {
      var inner: ZoneResolver
      func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
        if ["slow.example.com", "15.2.0.192.in-addr.arpa"].contains(name.text) {
          throw .timeout(server: nil)
        }
        return try await inner.query(name, type)
      }
    }
    let addresses = ["192.0.2.10", "192.0.2.11", "192.0.2.12", "192.0.2.13", "192.0.2.14"]
    let context = await SendingIPContext.fetch(
      domain: try DomainName("example.com"),
      resolver: Failing(inner: try ZoneResolver(zones: [file])),
      options: CheckOptions(ips: (addresses + ["192.0.2.15"]).compactMap(IPAddress.init)))
    let results = context.checks.map(MessagePrediction.ReverseDNS.init)
    #expect(
      results.map(\.result) == ["pass", "fail", "fail", "permerror", "temperror", "temperror"])
    #expect(
      results.map(\.name) == [
        "mail.example.com", "other.example.com", "lost.example.com", nil, "slow.example.com", nil,
      ])
  }

  /// The message's address is checked unless `--ip` names it (then once, as given), or it is
  /// an internal hop's.
  @Test func theMessagesAddressJoinsTheGivenOnes() throws {
    let from = MessageAddress(
      displayName: nil, address: "a@example.com", domain: try DomainName("example.com"))
    let message = { (ip: String) in MessageHeaders(from: from, sendingIP: IPAddress(ip)) }
    let given = try #require(IPAddress("192.0.2.10"))
    var options = CheckOptions(ips: [given], message: message("198.51.100.7"))
    #expect(SendingIPContext.addresses(options).map(\.1) == [.given, .message])
    options.message = message("192.0.2.10")
    #expect(SendingIPContext.addresses(options).map(\.1) == [.given])
    options.message = message("10.1.2.3")
    #expect(SendingIPContext.addresses(options).map(\.1) == [.given])
    #expect(CheckOptions(message: message("198.51.100.7")).namesSendingIP)
    #expect(!CheckOptions(message: message("10.1.2.3")).namesSendingIP)
  }

  /// Where the resolver answers only with what is there (offline zones, a recording) and not for
  /// an address's reverse name or its PTR name's address, the reverse DNS is not checked (its
  /// NXDOMAIN would read as "no PTR"), while the services are: the rules pass over it.
  @Test func whatTheZonesDoNotHoldIsNotChecked() async throws {
    let file = try ZoneFile.parse(
      """
      $ORIGIN .
      $TTL 3600
      10.2.0.192.in-addr.arpa. PTR mail.elsewhere.example.
      mail.example.com. A 192.0.2.11
      11.2.0.192.in-addr.arpa. PTR mail.example.com.
      """, file: "test")
    let zones = ["2.0.192.in-addr.arpa", "example.com"].compactMap { try? DomainName($0) }
    let context = await SendingIPContext.fetch(
      domain: try DomainName("example.com"), resolver: try ZoneResolver(zones: [file]),
      options: CheckOptions(
        ips: ["192.0.2.10", "192.0.2.11", "198.51.100.1"].compactMap(IPAddress.init)),
      answerable: { question in zones.contains { question.name.isSubdomain(of: $0) } })
    #expect(context.checks.map(\.reverseDNSChecked) == [false, true, false])
    #expect(context.reverseChecks.map(\.text) == ["192.0.2.11"])
    #expect(!context.isChecked)
    #expect(context.failures.isEmpty)
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

  // A word of the registrable domain is the brand's name, not a range's.
  @Test(arguments: [
    "mail.example.com", "mx1.shop.example", "o1.ptr4711.example.com", "mail.customer-c.example",
    "out.dynamic-media.example",
  ])
  func acceptsNamedHosts(_ name: String) throws {
    #expect(PTRNameHeuristics.reasons(name: try DomainName(name), address: Self.address).isEmpty)
  }

  /// Below the domain checked only the labels under it count, whatever its suffix.
  @Test func theCheckedDomainsOwnNameIsNotAWord() throws {
    let domain = try DomainName("customer.co.uk")
    #expect(
      PTRNameHeuristics.reasons(
        name: try DomainName("mail.customer.co.uk"), address: Self.address, domain: domain
      ).isEmpty)
    #expect(
      PTRNameHeuristics.reasons(
        name: try DomainName("dsl-7.customer.co.uk"), address: Self.address, domain: domain)
        == ["'dsl'"])
  }
}
