import DNSLookup

/// One of N stable partitions of a domain list (`--shard K/N`): N processes, each with the
/// same list and its own K, check every domain exactly once between them, on one machine or
/// many. A domain's partition is a hash of its name (FNV-1a over its lower-case text), so it
/// depends on nothing but the name: not on the list's order, not on the machine.
public struct Shard: Hashable, Sendable, CustomStringConvertible {
  /// 1…count.
  public var index: Int
  public var count: Int

  /// `K/N` with 1 ≤ K ≤ N ≤ 65536.
  public init?(_ text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = DecimalText.value(String(parts[0]), as: Int.self),
      let count = DecimalText.value(String(parts[1]), as: Int.self), (1...65536).contains(count),
      (1...count).contains(index)
    else { return nil }
    self.index = index
    self.count = count
  }

  public var description: String { "\(index)/\(count)" }

  /// True when `domain` belongs to this partition.
  public func contains(_ domain: DomainName) -> Bool {
    Int(Self.hash(domain.text) % UInt64(count)) == index - 1
  }

  /// 64-bit FNV-1a of `text`'s UTF-8 octets.
  static func hash(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return hash
  }
}
