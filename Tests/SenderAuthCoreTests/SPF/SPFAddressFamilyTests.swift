import DNSLookup
import SenderAuthCore
import Testing

/// RFC 7208 §4.6.4, §5.3, §5.4: an `a` term asks A for an IPv4 client and AAAA for an IPv6
/// client, an `mx` term looks its hosts up the same way, so whether a term is a void lookup
/// depends on the client's family. The static tree and check_host must count alike.
@Suite struct SPFAddressFamilyTests {
  static let zone = """
    $ORIGIN example.com.
    $TTL 300
    @       IN SOA ns hostmaster 1 7200 3600 1209600 300
    v6      IN TXT "v=spf1 a:six1.example.com a:six2.example.com a:six3.example.com -all"
    v4      IN TXT "v=spf1 a:four1.example.com a:four2.example.com a:four3.example.com -all"
    mx6     IN TXT "v=spf1 mx:m1.example.com mx:m2.example.com mx:m3.example.com -all"
    mixed   IN TXT "v=spf1 mx:mm.example.com a:six1.example.com a:gone.example.com -all"
    six1    IN AAAA 2001:db8::1
    six2    IN AAAA 2001:db8::2
    six3    IN AAAA 2001:db8::3
    four1   IN A    192.0.2.1
    four2   IN A    192.0.2.2
    four3   IN A    192.0.2.3
    m1      IN MX   10 six1.example.com.
    m2      IN MX   10 six2.example.com.
    m3      IN MX   10 six3.example.com.
    mm      IN MX   10 six1.example.com.
    mm      IN MX   20 four1.example.com.
    """

  /// (owner, IPv4 voids, IPv6 voids) by hand: AAAA-only names are void for IPv4 clients,
  /// A-only names for IPv6 clients; `mm` has a host of each family, so it is never void.
  static let cases: [(String, Int, Int)] = [
    ("v6", 3, 0), ("v4", 0, 3), ("mx6", 3, 0), ("mixed", 2, 1),
  ]

  @Test(arguments: cases)
  func treeAndCheckHostCountTheSameVoidLookups(owner: String, ipv4: Int, ipv6: Int) async throws {
    let file = try ZoneFile.parse(Self.zone, origin: DomainName("example.com"))
    let resolver = try ZoneResolver(zones: [file])
    let domain = try DomainName("\(owner).example.com")
    let context = await SPFContext.fetch(domain: domain, resolver: resolver)
    let tree = try #require(context.tree)
    #expect(tree.voidLookupsIPv4 == ipv4)
    #expect(tree.voidLookupsIPv6 == ipv6)
    #expect(tree.voidLookups == max(ipv4, ipv6))
    let evaluator = SPFEvaluator(resolver: resolver)
    // Clients no term matches: every term is evaluated, as in the tree's worst case.
    for (address, voids) in [("198.51.100.9", ipv4), ("2001:db8:ffff::9", ipv6)] {
      let evaluation = await evaluator.checkHost(
        ip: try #require(IPAddress(address)), domain: domain.text, sender: "a@\(domain.text)",
        helo: domain.text)
      #expect(evaluation.voidLookups == voids, "\(address): \(evaluation.trace)")
      #expect(evaluation.result == (voids > 2 ? .permerror : .fail), "\(address)")
    }
  }

  @Test func termsCarryTheirFamilies() async throws {
    let file = try ZoneFile.parse(Self.zone, origin: DomainName("example.com"))
    let context = await SPFContext.fetch(
      domain: try DomainName("mixed.example.com"), resolver: try ZoneResolver(zones: [file]))
    let tree = try #require(context.tree)
    let mx = try #require(tree.root.terms.first)
    #expect(!mx.voidIPv4 && !mx.voidIPv6)
    let six = tree.root.terms[1]
    #expect(six.voidIPv4 && !six.voidIPv6 && !six.void)
    #expect(tree.root.terms[2].void)
  }
}
