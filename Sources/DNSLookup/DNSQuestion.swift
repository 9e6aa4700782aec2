/// A name and a record type: what a query asks, and the key under which the cache, the
/// recording and replay of `--save-dns`, zone files' record sets and the lookup walks file
/// answers.
///
/// A query's question is a key in several dictionaries on its way (the walk's, the domain's,
/// the cache's questions in flight and answers), each hashing it and comparing it with what
/// it finds. So its hash is made once, when the question is made, and equality looks at that
/// hash before the name's text.
public struct DNSQuestion: Hashable, Sendable {
  public let name: DomainName
  public let type: RRType
  /// The hash of `name` and `type`, with the process's random seed (`Hasher`).
  private let digest: Int

  public init(name: DomainName, type: RRType) {
    self.name = name
    self.type = type
    var hasher = Hasher()
    hasher.combine(name)
    hasher.combine(type)
    digest = hasher.finalize()
  }

  public static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.digest == rhs.digest && lhs.type == rhs.type && lhs.name == rhs.name
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(digest) }

  /// Where a dictionary or set places the question: the digest mixed with the table's seed
  /// (each table has its own, so that copying one into another does not cluster its keys).
  ///
  /// This is the hook `Hashable` keeps for types whose hash is already random: the default
  /// would feed `hash(into:)` through a whole SipHash round per lookup, about 160
  /// instructions, for a value that is one. A batch looks a question up about 300 times a
  /// domain. The mix is MurmurHash3's 64-bit finalizer, which spreads every input bit over
  /// the low bits a table uses.
  public func _rawHashValue(seed: Int) -> Int {
    var mixed = UInt64(truncatingIfNeeded: digest ^ seed)
    mixed ^= mixed >> 33
    mixed &*= 0xff51_afd7_ed55_8ccd
    mixed ^= mixed >> 33
    mixed &*= 0xc4ce_b9fe_1a85_ec53
    mixed ^= mixed >> 33
    return Int(truncatingIfNeeded: mixed)
  }
}
