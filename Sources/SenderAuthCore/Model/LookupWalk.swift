import DNSLookup

/// What a lookup that needs several dependent queries does next: ask a question, or stop with
/// its outcome.
enum LookupStep<Outcome> {
  /// Ask `name`/`type` at `resolver`, or at the walk's resolver when it is nil.
  case ask(DomainName, RRType, purpose: String, resolver: OtherResolver? = nil)
  case done(Outcome)
}

/// A resolver a lookup asks instead of its walk's (DNSSEC's unchecked keys), as one
/// reference: steps and lookups are copied a few hundred times a domain, and an optional
/// existential is copied and destroyed through its type's value witnesses (about 60k
/// instructions a domain, though nearly every one is nil).
final class OtherResolver: Sendable {
  let resolver: any DNSResolver

  init(_ resolver: any DNSResolver) { self.resolver = resolver }
}

extension LookupStep {
  /// The same step with its outcome changed by `transform`.
  func map<Other>(_ transform: (Outcome) -> Other) -> LookupStep<Other> {
    switch self {
    case .ask(let name, let type, let purpose, let resolver):
      .ask(name, type, purpose: purpose, resolver: resolver)
    case .done(let outcome): .done(transform(outcome))
    }
  }
}

/// One question and what its answer is for; as a walk, asked once with the result as its
/// outcome.
struct SingleLookup: LookupWalk {
  let name: DomainName
  let type: RRType
  let purpose: String
  /// Where to ask, when not the walk's resolver.
  var resolver: OtherResolver?

  init(name: DomainName, type: RRType, purpose: String, resolver: (any DNSResolver)? = nil) {
    self.name = name
    self.type = type
    self.purpose = purpose
    self.resolver = resolver.map(OtherResolver.init)
  }

  func first() -> LookupStep<LookupResult> {
    .ask(name, type, purpose: purpose, resolver: resolver)
  }

  func next(after result: LookupResult) -> LookupStep<LookupResult> { .done(result) }
}

/// A lookup that needs several dependent queries (a DKIM selector and its CNAME chain), as a
/// value that says what to ask next given each answer. Many of them run from one task
/// (`run(_:resolver:)`), each question started without a task of its own, so a domain's
/// thirty selector probes cost thirty small values instead of thirty task stacks.
protocol LookupWalk {
  associatedtype Outcome

  /// The first step.
  mutating func first() -> LookupStep<Outcome>

  /// The step after `result`, the outcome of the question asked last.
  mutating func next(after result: LookupResult) -> LookupStep<Outcome>
}

extension LookupWalk {
  /// Runs every walk of `walks` at once from the calling task; each asks its next question
  /// as soon as the answer to the previous one arrives. The outcomes are in `walks`' order.
  /// `walks` is taken over (`consuming`): a caller that does not use its array afterwards
  /// hands over its only reference, and the walks step in place instead of in a copy of all
  /// of them.
  static func run(_ walks: consuming [Self], resolver: any DNSResolver) async -> [Outcome] {
    let driver = LookupWalkDriver(consume walks, queue: DNSQueryQueue(resolver))
    driver.start()
    while let arrival = await driver.queue.next() { driver.receive(arrival) }
    return driver.outcomes
  }
}

/// The state of `LookupWalk.run`: the walks, what each asked last, their outcomes. A class
/// whose steps are not inlined, so that the walks' work (parsing key records, building
/// results) happens on the thread's stack and the async frame of `run` holds one pointer.
///
/// Walks that ask the same question of the walk's resolver while it is out share it: it is
/// asked once, and its outcome goes to each of them. The engine's round asks every DKIM
/// selector both as a key probe and as an ESP name: the second ask (about twenty a domain)
/// no longer goes through the cache, which merged them into one query before, too.
private final class LookupWalkDriver<Walk: LookupWalk> {
  let queue: DNSQueryQueue
  // The driver belongs to one call of `run`, which calls it from one task at a time, and no
  // method hands out an access that outlives it: no two accesses can overlap. A release build
  // skips the runtime's exclusivity check on these (about 400 a domain); a debug build, the
  // tests', keeps it.
  #if DEBUG
    private var walks: [Walk]
    private var finished: [Walk.Outcome?]
    /// What each walk asked last; `shareable` when it asked the walk's own resolver.
    private var asked: [(question: DNSQuestion, purpose: String, shareable: Bool)?]
    /// The questions out at the walk's resolver, each with the walks (by index) that wait
    /// for it besides the one that asked it.
    private var sharing: [DNSQuestion: Sharers] = [:]
  #else
    @exclusivity(unchecked) private var walks: [Walk]
    @exclusivity(unchecked) private var finished: [Walk.Outcome?]
    @exclusivity(unchecked) private var asked:
      [(question: DNSQuestion, purpose: String, shareable: Bool)?]
    @exclusivity(unchecked) private var sharing: [DNSQuestion: Sharers] = [:]
  #endif

  init(_ walks: consuming [Walk], queue: DNSQueryQueue) {
    let count = walks.count
    self.walks = walks
    self.queue = queue
    finished = Array(repeating: nil, count: count)
    asked = Array(repeating: nil, count: count)
    // Each walk has at most one question out: room for all of them, not regrown (and every
    // question hashed again) by doubling.
    sharing.reserveCapacity(count)
  }

  /// Every walk's first step.
  @inline(never)
  func start() {
    for index in walks.indices { follow(walks[index].first(), index) }
  }

  /// The next step of the walk whose question `arrival` answers, and of every walk that
  /// shared it (taken out of `sharing` before any of them steps: one that asks the same
  /// question again starts a new one).
  @inline(never)
  func receive(_ arrival: DNSQueryQueue.Arrival) {
    let index = arrival.tag
    guard let asked = asked[index] else { return }
    let sharers = asked.shareable ? sharing.removeValue(forKey: asked.question) : nil
    step(index, arrival.outcome)
    switch sharers {
    case nil, .nobody: break
    case .one(let sharer): step(sharer, arrival.outcome)
    case .many(let all): for sharer in all { step(sharer, arrival.outcome) }
    }
  }

  /// The step of walk `index` after `outcome`, the outcome of the question it asked last.
  private func step(_ index: Int, _ outcome: DNSOutcome) {
    guard let asked = asked[index] else { return }
    let result = LookupResult(
      outcome, name: asked.question.name, type: asked.question.type, purpose: asked.purpose)
    follow(walks[index].next(after: result), index)
  }

  /// The outcomes, in the walks' order. Each walk has one question out until it is done (its
  /// own or one it shares), and the queue hands back every outcome (failures included), so
  /// once it is drained every walk is done.
  var outcomes: [Walk.Outcome] { finished.compactMap { $0 } }

  private func follow(_ step: LookupStep<Walk.Outcome>, _ index: Int) {
    switch step {
    case .ask(let name, let type, let purpose, let resolver):
      // The question is made (and hashed) once: the sharing here, the domain's resolvers and
      // the cache below, and the arrival each key by it.
      let question = DNSQuestion(name: name, type: type)
      asked[index] = (question, purpose, resolver == nil)
      if let other = resolver {
        queue.ask(question, tag: index, from: other.resolver)
        return
      }
      // The optional subscript's modify accessor finds the question's entry and inserts the
      // one it is left holding.
      if Self.share(&sharing[question], index) {
        queue.ask(question, tag: index)
      }
    case .done(let outcome):
      finished[index] = outcome
    }
  }

  /// Adds walk `index` to the walks waiting for a question out (`waiting`); true when none was
  /// out, after marking it out (the caller asks it).
  private static func share(_ waiting: inout Sharers?, _ index: Int) -> Bool {
    guard waiting == nil else {
      waiting?.add(index)
      return false
    }
    waiting = .nobody
    return true
  }

  /// The walks waiting for a question out besides the one that asked it. Almost always none
  /// or one (a DKIM selector asked as a key probe and as an ESP name, about twenty a domain):
  /// those are kept without an array.
  private enum Sharers {
    case nobody
    case one(Int)
    case many([Int])

    mutating func add(_ index: Int) {
      switch self {
      case .nobody: self = .one(index)
      case .one(let first): self = .many([first, index])
      case .many(var all):
        self = .nobody  // lets go of the array, so that the append does not copy it
        all.append(index)
        self = .many(all)
      }
    }
  }
}
