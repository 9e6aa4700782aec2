import Synchronization

/// Values derived from a `DomainContext` once and shared by the rules that need them (an ESP
/// analysis several rules read), so pure rules do not each compute them again. Thread-safe;
/// a value is computed at most once per key (a racing second computation is discarded).
public final class ContextMemo: Sendable {
  private let values = Mutex<[String: any Sendable]>([:])

  public init() {}

  /// The value under `key`, computed by `make` the first time it is asked for.
  public func value<Value: Sendable>(_ key: String, _ make: () -> Value) -> Value {
    if let known = values.withLock({ $0[key] }) as? Value { return known }
    let made = make()
    return values.withLock { values in
      if let known = values[key] as? Value { return known }
      values[key] = made
      return made
    }
  }
}
