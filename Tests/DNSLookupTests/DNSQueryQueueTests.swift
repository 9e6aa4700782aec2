import Synchronization
import Testing

@testable import DNSLookup

/// A resolver whose questions wait until the test answers them (by name), or are answered at
/// once inside `start` when `immediate` names them; it counts cancellations.
private final class HeldResolver: DNSResolver, Sendable {
  private struct Held {
    var receivers: [String: any DNSQueryReceiver] = [:]
    var cancelled: [String] = []
  }
  private let held = Mutex(Held())
  let immediate: Set<String>

  init(immediate: Set<String> = []) { self.immediate = immediate }

  func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
    throw .serverFailure(server: "unused")
  }

  func start(_ question: DNSQuestion, for receiver: any DNSQueryReceiver)
    -> (any DNSQueryHandle)?
  {
    let name = question.name.text
    if immediate.contains(name) {
      receiver.receive(.success(Self.answer(question.name)))
      return nil
    }
    held.withLock { $0.receivers[name] = receiver }
    return Handle(resolver: self, name: name)
  }

  var waiting: Int { held.withLock { $0.receivers.count } }
  var cancelled: [String] { held.withLock { $0.cancelled.sorted() } }

  /// Answers the question for `name`.
  func answer(_ name: String) {
    let receiver = held.withLock { $0.receivers.removeValue(forKey: name) }
    receiver?.receive(.success(Self.answer(try! DomainName(name))))
  }

  fileprivate func cancel(_ name: String) {
    let receiver = held.withLock { held -> (any DNSQueryReceiver)? in
      held.cancelled.append(name)
      return held.receivers.removeValue(forKey: name)
    }
    receiver?.receive(.failure(.cancelled))
  }

  static func answer(_ name: DomainName) -> DNSAnswer {
    DNSAnswer(name: name, type: .txt, status: .nxdomain, records: [], server: "test")
  }

  private final class Handle: DNSQueryHandle, Sendable {
    let resolver: HeldResolver
    let name: String
    init(resolver: HeldResolver, name: String) {
      self.resolver = resolver
      self.name = name
    }
    func cancel() { resolver.cancel(name) }
  }
}

@Suite("DNS query queue")
struct DNSQueryQueueTests {
  static func question(_ name: String) -> DNSQuestion {
    DNSQuestion(name: try! DomainName(name), type: .txt)
  }

  @Test("outcomes come out in the order they arrive, with their tags; then nil")
  func order() async {
    let resolver = HeldResolver(immediate: ["now.test"])
    let queue = DNSQueryQueue(resolver)
    queue.ask(Self.question("a.test"), tag: 1)
    queue.ask(Self.question("now.test"), tag: 2)  // answered inside `ask`: waiting already
    queue.ask(Self.question("b.test"), tag: 3)
    resolver.answer("b.test")
    resolver.answer("a.test")
    // All three are here before the first `next()`: taken without waiting, in arrival order.
    var tags: [Int] = []
    while let arrival = await queue.next() {
      tags.append(arrival.tag)
      #expect((try? arrival.outcome.get())?.status == .nxdomain)
    }
    #expect(tags == [2, 3, 1])
    #expect(await queue.next() == nil)
  }

  @Test("an owner waiting for an outcome is woken by it")
  func waits() async {
    let resolver = HeldResolver()
    let queue = DNSQueryQueue(resolver)
    queue.ask(Self.question("late.test"), tag: 7)
    async let arrival = queue.next()
    // Answered only once the owner waits: the path with a continuation, not the one that
    // takes an outcome already there.
    while !queue.isWaiting { await Task.yield() }
    resolver.answer("late.test")
    #expect(await arrival?.tag == 7)
    #expect(await queue.next() == nil)
  }

  @Test("a cancelled owner cancels what is outstanding; each comes back as a failure")
  func cancelled() async {
    let resolver = HeldResolver(immediate: ["now.test"])
    let task = Task { () -> [Int: Bool] in
      let queue = DNSQueryQueue(resolver)
      queue.ask(Self.question("a.test"), tag: 1)
      queue.ask(Self.question("now.test"), tag: 2)
      queue.ask(Self.question("b.test"), tag: 3)
      while resolver.waiting < 2 { await Task.yield() }
      withUnsafeCurrentTask { $0?.cancel() }
      // Asked after the cancellation: fails at once, never sent.
      queue.ask(Self.question("c.test"), tag: 4)
      var failed: [Int: Bool] = [:]
      // Two outcomes are there already, yet the first `next()` of a cancelled owner cancels
      // what is outstanding before it hands one out.
      if let arrival = await queue.next() {
        failed[arrival.tag] = (try? arrival.outcome.get()) == nil
      }
      #expect(resolver.cancelled == ["a.test", "b.test"])
      while let arrival = await queue.next() {
        if case .failure = arrival.outcome {
          failed[arrival.tag] = true
        } else {
          failed[arrival.tag] = false
        }
      }
      return failed
    }
    let failed = await task.value
    // The one answered at once stays an answer; the rest fail.
    #expect(failed == [1: true, 2: false, 3: true, 4: true])
    #expect(resolver.cancelled == ["a.test", "b.test"])
  }
}

/// `queryByStarting`: the one-question path the SPF walk and the record sources take.
@Suite("query by starting")
struct QueryByStartingTests {
  static let name = try! DomainName("q.test")

  @Test("an outcome given inside start comes back without waiting")
  func immediate() async throws {
    let resolver = HeldResolver(immediate: ["q.test"])
    #expect(try await resolver.queryByStarting(Self.name, .txt).status == .nxdomain)
    #expect(resolver.waiting == 0)
  }

  @Test("a task waiting for its outcome is woken by it")
  func waits() async throws {
    let resolver = HeldResolver()
    let task = Task { try await resolver.queryByStarting(Self.name, .txt) }
    while resolver.waiting < 1 { await Task.yield() }
    resolver.answer("q.test")
    #expect(try await task.value.status == .nxdomain)
    #expect(resolver.cancelled.isEmpty)
  }

  @Test("a task cancelled while it waits cancels its query and fails")
  func cancelledWhileWaiting() async {
    let resolver = HeldResolver()
    let task = Task { try await resolver.queryByStarting(Self.name, .txt) }
    while resolver.waiting < 1 { await Task.yield() }
    task.cancel()
    await #expect(throws: DNSError.cancelled) { try await task.value }
    #expect(resolver.cancelled == ["q.test"])
  }

  @Test("a task cancelled after it asked and before it waits cancels its query and fails")
  func cancelledWhileStarting() async {
    /// Starts at the held resolver, then cancels the asking task: the cancellation comes
    /// between the start and the handler `queryByStarting` installs to wait.
    final class CancellingResolver: DNSResolver, Sendable {
      let held = HeldResolver()
      func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
        throw .serverFailure(server: "unused")
      }
      func start(_ question: DNSQuestion, for receiver: any DNSQueryReceiver)
        -> (any DNSQueryHandle)?
      {
        let handle = held.start(question, for: receiver)
        withUnsafeCurrentTask { $0?.cancel() }
        return handle
      }
    }
    let resolver = CancellingResolver()
    let task = Task { try await resolver.queryByStarting(Self.name, .txt) }
    await #expect(throws: DNSError.cancelled) { try await task.value }
    #expect(resolver.held.cancelled == ["q.test"])
    #expect(resolver.held.waiting == 0)
  }

  @Test("a task cancelled before it asks sends nothing")
  func cancelledBefore() async {
    let resolver = HeldResolver()
    let task = Task { () async throws(DNSError) -> DNSAnswer in
      withUnsafeCurrentTask { $0?.cancel() }
      return try await resolver.queryByStarting(Self.name, .txt)
    }
    await #expect(throws: DNSError.cancelled) { try await task.value }
    #expect(resolver.waiting == 0)
    #expect(resolver.cancelled.isEmpty)
  }
}
