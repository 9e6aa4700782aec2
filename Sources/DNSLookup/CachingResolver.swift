import Synchronization

/// Asks each name/type once per run: concurrent askers of the same question share one query,
/// and later ones get the remembered answer (or failure). TTLs are not applied: a run is short.
public final class CachingResolver: DNSResolver {
  private struct Key: Hashable {
    var name: DomainName
    var type: RRType
  }

  private let wrapped: any DNSResolver
  private let entries = Mutex<[Key: Task<Result<DNSAnswer, DNSError>, Never>]>([:])
  private let counters = Mutex<(queries: Int, hits: Int)>((0, 0))

  public init(wrapping resolver: any DNSResolver) {
    self.wrapped = resolver
  }

  public func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
    let key = Key(name: name, type: type)
    let wrapped = self.wrapped
    let (task, isNew) = entries.withLock { entries in
      if let task = entries[key] { return (task, false) }
      let task = Task<Result<DNSAnswer, DNSError>, Never> {
        do throws(DNSError) {
          return .success(try await wrapped.query(name, type))
        } catch {
          return .failure(error)
        }
      }
      entries[key] = task
      return (task, true)
    }
    counters.withLock { counters in
      if isNew { counters.queries += 1 } else { counters.hits += 1 }
    }
    return try await task.value.get()
  }

  /// How many distinct questions went to the wrapped resolver, and how many were answered
  /// from memory.
  public var statistics: (queries: Int, hits: Int) { counters.withLock { $0 } }
}
