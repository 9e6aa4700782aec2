import Synchronization

/// Asks each name/type once per run: concurrent askers of the same question share one query,
/// and later ones get the remembered answer (or failure). TTLs are not applied: a run is short.
///
/// At most `limit` finished answers are remembered; past that the oldest are forgotten (first
/// in, first out), so a run over many domains keeps flat memory while the names they share
/// (provider includes, report vendors) are asked again only once per `limit` answers.
public final class CachingResolver: DNSResolver {
  /// Finished answers remembered unless `init(wrapping:limit:)` says otherwise.
  public static let defaultLimit = 4_096

  private struct Key: Hashable {
    var name: DomainName
    var type: RRType
  }

  private struct Store {
    var entries: [Key: Task<Result<DNSAnswer, DNSError>, Never>] = [:]
    /// Finished keys, oldest first from `head`.
    var finished: [Key] = []
    var head = 0
  }

  private let wrapped: any DNSResolver
  private let limit: Int
  private let store = Mutex(Store())
  private let counters = Mutex<(queries: Int, hits: Int)>((0, 0))

  public init(wrapping resolver: any DNSResolver, limit: Int = CachingResolver.defaultLimit) {
    self.wrapped = resolver
    self.limit = max(limit, 1)
  }

  public func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
    let key = Key(name: name, type: type)
    let wrapped = self.wrapped
    let (task, isNew) = store.withLock { store in
      if let task = store.entries[key] { return (task, false) }
      let task = Task<Result<DNSAnswer, DNSError>, Never> {
        let result: Result<DNSAnswer, DNSError>
        do throws(DNSError) {
          result = .success(try await wrapped.query(name, type))
        } catch {
          result = .failure(error)
        }
        self.finished(key)
        return result
      }
      store.entries[key] = task
      return (task, true)
    }
    counters.withLock { counters in
      if isNew { counters.queries += 1 } else { counters.hits += 1 }
    }
    return try await task.value.get()
  }

  /// Remembers that `key` has its answer; forgets the oldest answers beyond the limit.
  private func finished(_ key: Key) {
    store.withLock { store in
      store.finished.append(key)
      while store.finished.count - store.head > limit {
        store.entries.removeValue(forKey: store.finished[store.head])
        store.head += 1
      }
      if store.head > 4096, store.head * 2 > store.finished.count {
        store.finished.removeFirst(store.head)
        store.head = 0
      }
    }
  }

  /// How many distinct questions went to the wrapped resolver, and how many were answered
  /// from memory.
  public var statistics: (queries: Int, hits: Int) { counters.withLock { $0 } }
}
