import Synchronization

/// A bounded memo of a pure function's results, shared by every task of a run.
///
/// A batch parses the same records again and again: every customer domain that includes
/// `_spf.google.com` or points a DKIM selector at its provider's key reaches the same text.
/// A `SharedMemo` keeps each result once, bounded and keeping what is asked for again (a
/// segmented LRU, as the DNS cache does), so a stream of records seen once never pushes out a
/// provider's record. Only for functions whose result depends on nothing but the key.
public final class SharedMemo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
  private let entries: Mutex<SegmentedLRU<Key, Value>>

  /// Holds at most `capacity` results.
  public init(capacity: Int) {
    entries = Mutex(SegmentedLRU(capacity: capacity))
  }

  /// The result for `key`: the one kept, or `make()` (called without the lock held, so two
  /// tasks may both make a result that was missing; either is kept).
  public func value(for key: Key, making make: () -> Value) -> Value {
    if let kept = entries.withLock({ $0.value(for: key) }) { return kept }
    let made = make()
    entries.withLock { $0.insert(key, made) }
    return made
  }

  /// How many results are kept.
  public var count: Int { entries.withLock { $0.count } }
}
