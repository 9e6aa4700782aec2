import Synchronization

/// One domain's view of the run's resolver: a question that failed for this domain fails
/// again at once, with the same failure.
///
/// The run's cache remembers a failure for a while only (`CachingResolver`), so a later domain
/// may get the answer that a transient failure kept from an earlier one. Within one domain a
/// failure must not turn into an answer: its SPF walk, its provider checks and its fix plan's
/// re-check see the same failure, and a domain never waits out the tries of a dead name twice.
/// Answers are not kept here (that would be a second copy of every answer per domain in
/// flight): the cache keeps them, unless it is full and pushes one out before a re-check.
public final class DomainResolver: StartingResolver {
  private let wrapped: any DNSResolver
  private let failed = Mutex<[DNSQuestion: DNSError]>([:])
  /// True once `failed` holds something: most domains see no failure, and skip the lock.
  private let hasFailed = Atomic(false)

  public init(wrapping resolver: any DNSResolver) {
    self.wrapped = resolver
  }

  public func start(_ question: DNSQuestion, for receiver: any DNSQueryReceiver)
    -> (any DNSQueryHandle)?
  {
    if hasFailed.load(ordering: .acquiring),
      let error = failed.withLock({ $0[question] })
    {
      receiver.receive(.failure(error))
      return nil
    }
    return wrapped.start(question, for: Observer(self, question, receiver))
  }

  /// Keeps `error` for the question; cancellations and the deadline are the domain's own
  /// doing, not something the DNS said.
  fileprivate func note(_ error: DNSError, for question: DNSQuestion) {
    switch error {
    case .cancelled, .deadlineExceeded: return
    default: break
    }
    failed.withLock { $0[question] = error }
    hasFailed.store(true, ordering: .releasing)
  }

  /// Passes one query's outcome on, noting a failure first.
  private final class Observer: DNSQueryReceiver {
    let domain: DomainResolver
    let question: DNSQuestion
    let receiver: any DNSQueryReceiver

    init(_ domain: DomainResolver, _ question: DNSQuestion, _ receiver: any DNSQueryReceiver) {
      self.domain = domain
      self.question = question
      self.receiver = receiver
    }

    func receive(_ outcome: DNSOutcome) {
      if case .failure(let error) = outcome { domain.note(error, for: question) }
      receiver.receive(outcome)
    }
  }
}
