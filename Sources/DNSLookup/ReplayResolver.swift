/// Answers from a recorded `DNSSnapshot` (`--replay FILE`) and never touches the network.
///
/// A question that is not in the snapshot fails with `DNSError.network`, so a replayed run
/// reports exactly what it could not know instead of inventing an answer.
public struct ReplayResolver: DNSResolver {
  private let answers: [DNSQuestion: Result<DNSAnswer, DNSError>]
  /// Where the snapshot came from, for the message about a missing question.
  public let source: String

  /// Reads every entry of `snapshot`; an entry that cannot be read throws.
  public init(snapshot: DNSSnapshot, source: String = "the replay file") throws(DNSSnapshotError) {
    var answers: [DNSQuestion: Result<DNSAnswer, DNSError>] = [:]
    for entry in snapshot.entries {
      let (name, type) = try DNSSnapshot.question(of: entry)
      answers[DNSQuestion(name: name, type: type)] = try DNSSnapshot.result(of: entry)
    }
    self.answers = answers
    self.source = source
  }

  /// Reads the snapshot file at `path`.
  public init(path: String) throws(DNSSnapshotError) {
    try self.init(snapshot: try DNSSnapshot(path: path), source: "the replay file '\(path)'")
  }

  /// The questions the snapshot can answer.
  public var questionCount: Int { answers.count }

  /// True when the snapshot holds `question`.
  public func holds(_ question: DNSQuestion) -> Bool { answers[question] != nil }

  public func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
    try answer(DNSQuestion(name: name, type: type)).get()
  }

  /// Answers at once.
  public func start(_ question: DNSQuestion, for receiver: any DNSQueryReceiver)
    -> (any DNSQueryHandle)?
  {
    receiver.receive(answer(question))
    return nil
  }

  private func answer(_ question: DNSQuestion) -> DNSOutcome {
    answers[question]
      ?? .failure(
        .network("not in \(source): \(question.name.absolute) \(question.type.mnemonic)"))
  }
}
