extension IPAddress {
  /// The special-purpose blocks no public service answers on (IANA IPv4 and IPv6 Special-Purpose
  /// Address Registries, RFC 6890 and its updates): this host, private (RFC 1918), shared
  /// (RFC 6598), loopback, link-local, documentation, benchmarking, multicast, reserved;
  /// unique-local and site-local IPv6.
  static let nonPublicBlocks: [(network: IPAddress, prefix: Int)] = [
    ("0.0.0.0", 8), ("10.0.0.0", 8), ("100.64.0.0", 10), ("127.0.0.0", 8),
    ("169.254.0.0", 16), ("172.16.0.0", 12), ("192.0.0.0", 24), ("192.0.2.0", 24),
    ("192.88.99.0", 24), ("192.168.0.0", 16), ("198.18.0.0", 15), ("198.51.100.0", 24),
    ("203.0.113.0", 24), ("224.0.0.0", 4), ("240.0.0.0", 4),
    ("::", 128), ("::1", 128), ("64:ff9b:1::", 48), ("100::", 64), ("2001::", 23),
    ("2001:db8::", 32), ("fc00::", 7), ("fe80::", 10), ("fec0::", 10), ("ff00::", 8),
  ].compactMap { text, prefix in IPAddress(text).map { ($0, prefix) } }

  /// True for an address a public service can answer on: none of the special-purpose blocks
  /// (an IPv4-mapped or NAT64 IPv6 address is judged by the IPv4 address it carries).
  public var isPublic: Bool {
    if let mapped = mappedIPv4 { return mapped.isPublic }
    if case .v6(let bytes) = self, bytes.count == 16, bytes.prefix(12).elementsEqual(Self.nat64) {
      return IPAddress.v4(Array(bytes.suffix(4))).isPublic
    }
    return !Self.nonPublicBlocks.contains { matches($0.network, prefixLength: $0.prefix) }
  }

  /// `64:ff9b::/96` (RFC 6052), the well-known NAT64 prefix.
  private static let nat64: [UInt8] = [0x00, 0x64, 0xff, 0x9b] + [UInt8](repeating: 0, count: 8)
}
