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
  /// A waiter gets the asker's outcome, or nil when it must ask itself (the asker's task was
  /// cancelled, so its outcome says nothing about the name).
  private typealias Waiter = CheckedContinuation<Outcome?, Never>

  private struct Store {
    /// Questions being asked, with the tasks waiting for the same answer.
    var inFlight: [Key: [Waiter]] = [:]
    var finished: SegmentedLRU<Key, Outcome>
  }

  private enum Claim {
    case remembered(Outcome)
    case asker
    case waiter
  }

  private let wrapped: any DNSResolver
  private let store: Mutex<Store>
  private let counters = Mutex<(queries: Int, hits: Int)>((0, 0))

  public init(wrapping resolver: any DNSResolver, limit: Int = CachingResolver.defaultLimit) {
    self.wrapped = resolver
    self.store = Mutex(Store(finished: SegmentedLRU(capacity: max(limit, 1))))
  }

  /// The first asker of a question asks the wrapped resolver in its own task (no task is
  /// spawned per question); concurrent askers wait for its outcome, later ones get it from
  /// memory.
  public func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
    let key = Key(name: name, type: type)
    while true {
      let claim = store.withLock { store -> Claim in
        if let outcome = store.finished.value(for: key) { return .remembered(outcome) }
        if store.inFlight[key] != nil { return .waiter }
        store.inFlight[key] = []
        return .asker
      }
      switch claim {
      case .remembered(let outcome):
        counters.withLock { $0.hits += 1 }
        return try outcome.get()
      case .asker:
        counters.withLock { $0.queries += 1 }
        return try await ask(key).get()
      case .waiter:
        if let outcome = await wait(for: key) {
          counters.withLock { $0.hits += 1 }
          return try outcome.get()
        }
      }
    }
  }

  /// Asks the wrapped resolver, remembers the outcome and hands it to the waiters.
  private func ask(_ key: Key) async -> Outcome {
    let outcome: Outcome
    do throws(DNSError) {
      outcome = .success(try await wrapped.query(key.name, key.type))
    } catch {
      outcome = .failure(error)
    }
    let remembered = !Task.isCancelled
    let waiters = store.withLock { store in
      if remembered { store.finished.insert(key, outcome) }
      return store.inFlight.removeValue(forKey: key) ?? []
    }
    for waiter in waiters { waiter.resume(returning: remembered ? outcome : nil) }
    return outcome
  }

  /// Waits for the asker of `key`; nil when it was cancelled, or finished and was forgotten
  /// between the two looks (then the caller asks itself).
  private func wait(for key: Key) async -> Outcome? {
    await withCheckedContinuation { (waiter: Waiter) in
      let finished = store.withLock { store -> Outcome?? in
        if store.inFlight[key] != nil {
          store.inFlight[key]?.append(waiter)
          return .none
        }
        return .some(store.finished.value(for: key))
      }
      if case .some(let outcome) = finished { waiter.resume(returning: outcome) }
    }
  }

  /// How many distinct questions went to the wrapped resolver, and how many were answered
  /// from memory.
  public var statistics: (queries: Int, hits: Int) { counters.withLock { $0 } }

  /// How many finished answers are remembered now (at most the limit).
  public var count: Int { store.withLock { $0.finished.count } }
}
