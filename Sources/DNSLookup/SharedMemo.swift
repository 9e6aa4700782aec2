import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A bounded memo of a pure function's results, shared by every task of a run.
///
/// A batch parses the same records again and again: every customer domain that points at a
/// provider reaches the provider's records. A `SharedMemo` keeps each result once, bounded
/// by count and keeping what is asked for again (a segmented LRU, as the DNS cache does), so
/// a stream of records seen once never pushes out one that every domain reaches. Only for
/// functions whose result depends on nothing but the key: for text, key by `ExactText`.
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

/// A string compared and hashed by its UTF-8 octets.
///
/// `String` compares by canonical equivalence: "K" equals the Kelvin sign U+212A, ";" the
/// Greek question mark U+037E. A parser reads octets and tells those apart, so a memo of its
/// results must be keyed by the octets, or one record would get the other's result.
public struct ExactText: Hashable, Sendable {
  public let text: String

  public init(_ text: String) { self.text = text }

  public static func == (lhs: Self, rhs: Self) -> Bool {
    let (left, right) = (lhs.text.utf8, rhs.text.utf8)
    guard left.count == right.count else { return false }
    // Native strings hold their octets in one piece: compared with memcmp, not octet by
    // octet (a DKIM key record is hundreds of octets, and a batch compares thousands).
    let compared: Bool?? = left.withContiguousStorageIfAvailable { left in
      right.withContiguousStorageIfAvailable { right in
        left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0
      }
    }
    return compared.flatMap { $0 } ?? left.elementsEqual(right)
  }

  public func hash(into hasher: inout Hasher) {
    let hashed: Bool? = text.utf8.withContiguousStorageIfAvailable {
      hasher.combine(bytes: UnsafeRawBufferPointer($0))
      return true
    }
    if hashed == nil { for octet in text.utf8 { hasher.combine(octet) } }
  }
}
