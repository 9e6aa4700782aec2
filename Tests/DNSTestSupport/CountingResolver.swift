import DNSLookup
import Synchronization

/// Counts the questions asked for each name, and answers them from `answers` (NODATA at once
/// when there is none): for tests that pin how often a name goes to the resolver.
public final class CountingResolver: DNSResolver, Sendable {
  private let answers: (any DNSResolver)?
  private let counts = Mutex<[DomainName: Int]>([:])

  public init(answeringFrom answers: (any DNSResolver)? = nil) { self.answers = answers }

  public func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
    counts.withLock { $0[name, default: 0] += 1 }
    guard let answers else { return DNSAnswer(name: name, type: type, status: .nodata) }
    return try await answers.query(name, type)
  }

  /// How many questions `name` got, of any type.
  public func count(_ name: DomainName) -> Int { counts.withLock { $0[name] ?? 0 } }
}
