import DNSLookup
import Testing

/// `IPAddress.isPublic`: the special-purpose blocks of the IANA registries are not public.
@Suite struct IPAddressScopeTests {
  @Test(arguments: [
    "0.0.0.0", "10.1.2.3", "100.64.0.1", "127.0.0.1", "127.255.255.254", "169.254.169.254",
    "172.16.0.1", "172.31.255.255", "192.0.0.8", "192.0.2.1", "192.168.1.1", "198.18.0.1",
    "198.51.100.7", "203.0.113.9", "224.0.0.1", "255.255.255.255", "::", "::1",
    "::ffff:10.0.0.1", "::ffff:127.0.0.1", "64:ff9b::a00:1", "2001:db8::1", "fd00::1",
    "fe80::1", "ff02::1",
  ])
  func specialPurposeAddressesAreNotPublic(_ text: String) throws {
    #expect(try #require(IPAddress(text)).isPublic == false, "\(text)")
  }

  @Test(arguments: [
    "1.1.1.1", "8.8.8.8", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1",
    "167.89.50.10", "2606:4700::1111", "2a00:1450:4001::1", "::ffff:8.8.8.8", "64:ff9b::808:808",
  ])
  func globalAddressesArePublic(_ text: String) throws {
    #expect(try #require(IPAddress(text)).isPublic == true, "\(text)")
  }
}
