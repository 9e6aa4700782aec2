import DNSLookup
import Testing

/// Parsing `--nameserver`, `--timeout` and `--tries`.
@Suite struct ResolverConfigurationTests {
  @Test(arguments: [
    ("127.0.0.1", "127.0.0.1", UInt16(53), "127.0.0.1:53"),
    ("127.0.0.1:5300", "127.0.0.1", 5300, "127.0.0.1:5300"),
    ("::1", "::1", 53, "[::1]:53"),
    ("2001:db8::53", "2001:db8::53", 53, "[2001:db8::53]:53"),
    ("[::1]", "::1", 53, "[::1]:53"),
    ("[::1]:5301", "::1", 5301, "[::1]:5301"),
  ])
  func parsesNameserver(text: String, host: String, port: UInt16, description: String) throws {
    let server = try ResolverConfiguration.parseNameserver(text)
    #expect(server.host == host)
    #expect(server.port == port)
    #expect(server.description == description)
  }

  @Test(arguments: [
    ("1.2.3", "--nameserver '1.2.3' is not an IP address"),
    ("example.com", "--nameserver 'example.com' is not an IP address"),
    ("", "--nameserver '' is not an IP address"),
    ("1.2.3.4:0", "--nameserver '1.2.3.4:0' has an invalid port '0' (expected 1–65535)"),
    (
      "1.2.3.4:65536", "--nameserver '1.2.3.4:65536' has an invalid port '65536' (expected 1–65535)"
    ),
    ("1.2.3.4:", "--nameserver '1.2.3.4:' has an invalid port '' (expected 1–65535)"),
    ("[::1", "--nameserver '[::1' has '[' without ']'"),
    ("[::1]5300", "--nameserver '[::1]5300': expected ':PORT' after ']'"),
    ("[1.2.3.4]:53", "--nameserver '[1.2.3.4]:53': brackets are only for IPv6 addresses"),
    ("[fe80::1%eth0]:53", "--nameserver '[fe80::1%eth0]:53' is not an IP address"),
  ])
  func rejectsBadNameserver(text: String, message: String) {
    #expect(throws: ResolverConfigurationError(message)) {
      try ResolverConfiguration.parseNameserver(text)
    }
  }

  @Test func parsesAllOptions() throws {
    let configuration = try ResolverConfiguration.parse(
      nameservers: ["127.0.0.1:5300", "[::1]:5300"], timeout: "1", tries: "3")
    #expect(configuration.nameservers.map(\.description) == ["127.0.0.1:5300", "[::1]:5300"])
    #expect(configuration.timeout == 1)
    #expect(configuration.tries == 3)
  }

  /// The default cap bounds what the server holds (the wire comes on top); any cap that is
  /// given, even the default's value, bounds everything in flight.
  @Test func onlyTheDefaultCapLeavesOutTheWire() throws {
    #expect(ResolverConfiguration().maxInFlightExcludesWire)
    #expect(try ResolverConfiguration.parse(nameservers: []).maxInFlightExcludesWire)
    let given = try ResolverConfiguration.parse(nameservers: [], maxInFlight: "1024")
    #expect(given.maxInFlight == 1024)
    #expect(!given.maxInFlightExcludesWire)
    #expect(!ResolverConfiguration(maxInFlight: 1024).maxInFlightExcludesWire)
    var set = ResolverConfiguration()
    set.maxInFlight = 1024
    #expect(!set.maxInFlightExcludesWire)
  }

  @Test func defaultsUseTheSystemConfiguration() throws {
    let configuration = try ResolverConfiguration.parse(nameservers: [])
    #expect(configuration.nameservers.isEmpty)
    #expect(configuration.timeout == 2)
    #expect(configuration.tries == 2)
  }

  @Test(arguments: [
    ([String](), "0", nil as String?, "--timeout '0' is not a whole number from 1 to 300"),
    ([], "1.5", nil, "--timeout '1.5' is not a whole number from 1 to 300"),
    ([], nil, "x", "--tries 'x' is not a whole number from 1 to 10"),
    ([], nil, "11", "--tries '11' is not a whole number from 1 to 10"),
    (
      ["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"], nil, nil,
      "at most 3 --nameserver options are possible, got 4"
    ),
  ])
  func rejectsBadOptions(nameservers: [String], timeout: String?, tries: String?, message: String) {
    #expect(throws: ResolverConfigurationError(message)) {
      try ResolverConfiguration.parse(nameservers: nameservers, timeout: timeout, tries: tries)
    }
  }
}
