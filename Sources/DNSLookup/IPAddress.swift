#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An IPv4 or IPv6 address as its network-order bytes.
public enum IPAddress: Hashable, Sendable, Codable, CustomStringConvertible {
  case v4([UInt8])
  case v6([UInt8])

  /// Parses dotted-quad IPv4 or RFC 4291 IPv6 text (no zone index, no brackets). The whole
  /// text must be the address: `inet_pton` reads a C string and would stop at a NUL, so any
  /// byte that cannot be part of an address (NUL, control characters, spaces, letters beyond
  /// `a`–`f`) makes it no address.
  public init?(_ text: String) {
    var v4 = in_addr()
    var v6 = in6_addr()
    guard !text.isEmpty, text.utf8.count <= 45, text.utf8.allSatisfy(IPAddress.isAddressByte)
    else { return nil }
    if text.utf8.contains(UInt8(ascii: ":")) {
      guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
      self = .v6(withUnsafeBytes(of: &v6) { Array($0) })
    } else {
      // inet_pton accepts only the four-part dotted form, which is what RFC 7208 wants.
      guard inet_pton(AF_INET, text, &v4) == 1 else { return nil }
      self = .v4(withUnsafeBytes(of: &v4) { Array($0) })
    }
  }

  /// Digits, `a`–`f`, `A`–`F`, `:` and `.`: the only bytes an address text holds.
  static func isAddressByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
      UInt8(ascii: "A")...UInt8(ascii: "F"), UInt8(ascii: ":"), UInt8(ascii: "."):
      true
    default: false
    }
  }

  public var bytes: [UInt8] {
    switch self {
    case .v4(let bytes), .v6(let bytes): bytes
    }
  }

  public var isIPv4: Bool { if case .v4 = self { true } else { false } }

  /// The address in canonical text form (RFC 5952 for IPv6).
  public var description: String {
    switch self {
    case .v4(let bytes):
      return bytes.map(String.init).joined(separator: ".")
    case .v6(let bytes):
      var address = in6_addr()
      withUnsafeMutableBytes(of: &address) { raw in
        for (index, byte) in bytes.prefix(16).enumerated() { raw[index] = byte }
      }
      var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
      guard inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count)) != nil else {
        return "::"
      }
      return String(
        decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
  }

  /// The IPv4 address an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) stands for, else nil.
  public var mappedIPv4: IPAddress? {
    guard case .v6(let bytes) = self, bytes.count == 16,
      bytes.prefix(10).allSatisfy({ $0 == 0 }), bytes[10] == 0xff, bytes[11] == 0xff
    else { return nil }
    return .v4(Array(bytes.suffix(4)))
  }

  /// True when the first `prefixLength` bits of `self` and `network` are equal (same family).
  public func matches(_ network: IPAddress, prefixLength: Int) -> Bool {
    guard isIPv4 == network.isIPv4 else { return false }
    let lhs = bytes
    let rhs = network.bytes
    var remaining = max(0, min(prefixLength, lhs.count * 8))
    var index = 0
    while remaining > 0 {
      let mask: UInt8 = remaining >= 8 ? 0xff : UInt8(truncatingIfNeeded: 0xff << (8 - remaining))
      if lhs[index] & mask != rhs[index] & mask { return false }
      remaining -= 8
      index += 1
    }
    return true
  }

  /// The reverse-lookup name (`4.3.2.1.in-addr.arpa`, nibbles under `ip6.arpa`).
  public var reverseName: DomainName {
    switch self {
    case .v4(let bytes):
      return DomainName(validatedLabels: bytes.reversed().map(String.init) + ["in-addr", "arpa"])
    case .v6(let bytes):
      let nibbles = bytes.flatMap { [$0 >> 4, $0 & 0x0f] }.reversed().map {
        String($0, radix: 16)
      }
      return DomainName(validatedLabels: nibbles + ["ip6", "arpa"])
    }
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let address = IPAddress(text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "invalid IP address '\(text)'")
    }
    self = address
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
