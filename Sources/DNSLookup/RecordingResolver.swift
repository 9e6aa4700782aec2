import Synchronization

/// Passes every question to another resolver and records it with its answer or failure, for
/// `--save-dns FILE`; `ReplayResolver` answers from the recording later with no network.
///
/// One entry per question. The run's cache asks a failed question again after a while
/// (`CachingResolver`): an answer then replaces the recorded failure, and a failure never
/// replaces a recorded answer. A replay gives what the run could learn.
public final class RecordingResolver: StartingResolver {
  private let wrapped: any DNSResolver
  private let recorded = Mutex<[DNSQuestion: DNSSnapshot.Entry]>([:])

  public init(wrapping resolver: any DNSResolver) {
    self.wrapped = resolver
  }

  public func start(_ question: DNSQuestion, for receiver: any DNSQueryReceiver)
    -> (any DNSQueryHandle)?
  {
    wrapped.start(
      question,
      for: DNSCompletion { [self] outcome in
        // An asker that stopped waiting (its domain's deadline passed) learned nothing about
        // the DNS; another domain may still get the real answer to the same question.
        if outcome != .failure(.cancelled) {
          let entry = DNSSnapshot.entry(name: question.name, type: question.type, result: outcome)
          recorded.withLock { recorded in
            if case .failure = outcome, let kept = recorded[question], kept.error == nil {
              return
            }
            recorded[question] = entry
          }
        }
        receiver.receive(outcome)
      })
  }

  /// Everything recorded so far, sorted by name and type (one entry per question).
  public var snapshot: DNSSnapshot {
    let entries = recorded.withLock { $0 }
    let sorted = entries.sorted { lhs, rhs in
      lhs.key.name == rhs.key.name
        ? lhs.key.type.rawValue < rhs.key.type.rawValue : lhs.key.name < rhs.key.name
    }
    return DNSSnapshot(entries: sorted.map(\.value))
  }

  /// Writes `snapshot` as JSON to `path`.
  public func save(to path: String) throws(DNSSnapshotError) {
    try snapshot.save(to: path)
  }
}
