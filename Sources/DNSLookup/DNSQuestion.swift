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

  /// Where a dictionary or set places the question: its digest mixed with the table's seed
  /// (`TableHash`), not a SipHash round over a value that is already one. A batch looks a
  /// question up about 300 times a domain.
  public func _rawHashValue(seed: Int) -> Int { TableHash.mixed(digest, seed: seed) }
}
