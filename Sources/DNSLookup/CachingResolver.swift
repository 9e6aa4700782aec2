import Synchronization

/// Asks each name/type once per run: concurrent askers of the same question share one query,
/// and later ones get the remembered answer (or failure). TTLs are not applied: an answer is
/// as valid at the end of a run as at its start, so every domain is judged on the same data.
///
/// At most `limit` finished answers are remembered, chosen by what is asked again (a segmented
/// LRU): an answer asked for once waits in probation, one asked for again is protected (80 % of
/// the limit). A run over many domains keeps flat memory; each domain's own records pass
/// through probation and push out each other, while the names many domains share (provider
/// SPF includes and DKIM targets, report vendors) stay and are asked once per run.
public final class CachingResolver: DNSResolver {
  /// Finished answers remembered unless `init(wrapping:limit:)` says otherwise.
  public static let defaultLimit = 16_384

  private struct Key: Hashable {
    var name: DomainName
    var type: RRType
  }

  private typealias Outcome = Result<DNSAnswer, DNSError>

  private struct Store {
    var inFlight: [Key: Task<Outcome, Never>] = [:]
    var finished: SegmentedLRU<Key, Outcome>
  }

  private let wrapped: any DNSResolver
  private let store: Mutex<Store>
  private let counters = Mutex<(queries: Int, hits: Int)>((0, 0))

  public init(wrapping resolver: any DNSResolver, limit: Int = CachingResolver.defaultLimit) {
    self.wrapped = resolver
    self.store = Mutex(Store(finished: SegmentedLRU(capacity: max(limit, 1))))
  }

  public func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
    let key = Key(name: name, type: type)
    let wrapped = self.wrapped
    enum Found {
      case finished(Outcome)
      case pending(Task<Outcome, Never>, isNew: Bool)
    }
    let found = store.withLock { store -> Found in
      if let outcome = store.finished.value(for: key) { return .finished(outcome) }
      if let task = store.inFlight[key] { return .pending(task, isNew: false) }
      let task = Task<Outcome, Never> {
        let outcome: Outcome
        do throws(DNSError) {
          outcome = .success(try await wrapped.query(name, type))
        } catch {
          outcome = .failure(error)
        }
        self.remember(key, outcome)
        return outcome
      }
      store.inFlight[key] = task
      return .pending(task, isNew: true)
    }
    switch found {
    case .finished(let outcome):
      counters.withLock { $0.hits += 1 }
      return try outcome.get()
    case .pending(let task, let isNew):
      counters.withLock { counters in
        if isNew { counters.queries += 1 } else { counters.hits += 1 }
      }
      return try await task.value.get()
    }
  }

  /// Moves `key` from the in-flight table to the remembered answers.
  private func remember(_ key: Key, _ outcome: Outcome) {
    store.withLock { store in
      store.inFlight[key] = nil
      store.finished.insert(key, outcome)
    }
  }

  /// How many distinct questions went to the wrapped resolver, and how many were answered
  /// from memory.
  public var statistics: (queries: Int, hits: Int) { counters.withLock { $0 } }

  /// How many finished answers are remembered now (at most the limit).
  public var count: Int { store.withLock { $0.finished.count } }
}
