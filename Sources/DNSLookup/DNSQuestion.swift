/// A name and a record type: what a query asks, and the key under which the cache, the
/// recording and replay of `--save-dns`, zone files' record sets and the lookup walks file
/// answers.
public struct DNSQuestion: Hashable, Sendable {
  public var name: DomainName
  public var type: RRType

  public init(name: DomainName, type: RRType) {
    self.name = name
    self.type = type
  }
}
