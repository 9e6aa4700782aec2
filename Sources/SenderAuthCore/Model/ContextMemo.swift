import Synchronization

/// Values derived from a `DomainContext` once and shared by the rules that need them (an ESP
/// analysis several rules read), so pure rules do not each compute them again. Thread-safe;
/// a value is computed at most once per key (a racing second computation is discarded).
public final class ContextMemo: Sendable {
  private let values = Mutex<[String: any Sendable]>([:])
  /// The failed lookups per set of parts (`DomainContext.failures(in:)`), read by every rule
  /// that passes.
  private let failures = Mutex<[RuleInputs: [LookupFailure]]>([:])
  /// Whether any lookup in a scope failed: the scope's raw value shifted left by two, then 1
  /// for none or 2 for some; 0 when not known yet.
  private let anyFailure = Atomic<UInt64>(0)

  public init() {}

  /// The value under `key`, computed by `make` from `context` the first time it is asked for.
  /// `make` gets the context as its argument (a closure that captured it would copy it).
  public func value<Value: Sendable>(
    _ key: String, of context: DomainContext, _ make: (DomainContext) -> Value
  ) -> Value {
    if let known = values.withLock({ $0[key] }) as? Value { return known }
    let made = make(context)
    return values.withLock { values in
      if let known = values[key] as? Value { return known }
      values[key] = made
      return made
    }
  }

  /// True when a lookup of a part in the context's scope failed, found out by `make` the
  /// first time for that scope (most contexts have none: then every rule's question is
  /// answered by one atomic load).
  func hasFailures(of context: DomainContext, _ make: (DomainContext) -> Bool) -> Bool {
    let scope = UInt64(context.scope.rawValue) << 2
    let known = anyFailure.load(ordering: .relaxed)
    if known != 0, known & ~3 == scope { return known & 3 == 2 }
    let found = make(context)
    anyFailure.store(scope | (found ? 2 : 1), ordering: .relaxed)
    return found
  }

  /// The failed lookups of the parts `inputs`, gathered by `make` the first time.
  func failures(
    in inputs: RuleInputs, of context: DomainContext,
    _ make: (DomainContext, RuleInputs) -> [LookupFailure]
  ) -> [LookupFailure] {
    if let known = failures.withLock({ $0[inputs] }) { return known }
    let made = make(context, inputs)
    return failures.withLock { failures in
      if let known = failures[inputs] { return known }
      failures[inputs] = made
      return made
    }
  }
}
