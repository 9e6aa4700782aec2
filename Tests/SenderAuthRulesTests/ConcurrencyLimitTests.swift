import Synchronization
import Testing

@testable import SenderAuthKit

/// How many domains a run checks at once, driven by a model of a run: a check takes `wait`
/// seconds of round trips plus its share of the CPU, `cpu` seconds on `cores` cores, so past
/// `cores × (wait + cpu) ÷ cpu` checks at once they queue for the CPU and take longer.
@Suite struct ConcurrencyLimitTests {
  struct Model {
    var wait: Double
    var cpu = 0.0027
    var cores = 2.0
    /// From check number `after` on, every check waits `factor` times as long.
    var slower: (after: Int, factor: Double)?

    /// Seconds one check takes with `limit` at once (±25 %, from a fixed seed).
    func duration(limit: Int, check: Int, noise: inout UInt64) -> Double {
      noise = noise &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let jitter = 0.75 + Double(noise >> 11) / Double(1 << 53) / 2
      var wait = self.wait
      if let slower, check >= slower.after { wait *= slower.factor }
      return max(wait + cpu, Double(limit) * cpu / cores) * jitter
    }

    /// Checks per second at most: the CPU's.
    var ceiling: Double { cores / cpu }
  }

  /// Runs `checks` checks through the limit; the limits after each round, and the checks per
  /// second over the run.
  static func run(_ model: Model, cap: Int, checks: Int = 20_000) -> (
    limits: [Int], perSecond: Double
  ) {
    // Without memory's bound: the test process's own memory says nothing of the model.
    var limit = ConcurrencyLimit(cap: cap, memoryBudget: nil)
    var noise: UInt64 = 42
    var limits: [Int] = []
    var seconds = 0.0
    var done = 0
    while done < checks {
      // One round: `limit` checks at once, each finishing after its duration; the time a
      // round takes is its checks over the rate the limit allows.
      let current = limit.limit
      let round = max(current, ConcurrencyLimit.minimumRound)
      var total = 0.0
      for index in 0..<round {
        let duration = model.duration(limit: current, check: done + index, noise: &noise)
        total += duration
        limit.finished(nanoseconds: UInt64(duration * 1e9))
      }
      seconds += total / Double(current)
      done += round
      limits.append(limit.limit)
    }
    return (limits, Double(done) / seconds)
  }

  @Test func onLoopbackTheFewestKeepTheCPUBusy() {
    // No added latency: past a handful of checks at once they only queue for the CPU.
    let model = Model(wait: 0.002)
    let run = Self.run(model, cap: 1024)
    #expect(run.limits.max()! <= 160)
    #expect(run.limits.suffix(100).allSatisfy { $0 >= ConcurrencyLimit.minimum })
    #expect(run.perSecond >= 0.95 * model.ceiling)
  }

  @Test(arguments: [0.12, 0.48])
  func withLongRoundTripsItGrowsUntilTheCPUBinds(wait: Double) {
    // 20 and 80 ms round trips, six of them per check: the CPU binds at 90 and 360 at once.
    let model = Model(wait: wait)
    let knee = model.ceiling * (wait + model.cpu)
    let run = Self.run(model, cap: 1024)
    // Over the second half of the run, after the start.
    #expect(Double(run.limits.suffix(run.limits.count / 2).min()!) >= 0.6 * knee)
    #expect(Double(run.limits.max()!) <= 2.5 * knee)
    #expect(run.perSecond >= 0.85 * model.ceiling)
  }

  @Test(arguments: [1, 16, 100])
  func neverMoreThanTheCap(cap: Int) {
    let run = Self.run(Model(wait: 0.48), cap: cap)
    #expect(run.limits.allSatisfy { $0 <= cap && $0 >= 1 })
    #expect(run.limits.suffix(10).allSatisfy { $0 == cap })
  }

  @Test func aSlowerPartOfTheListIsNotTakenForAQueue() {
    // Checks get three times slower for a reason of their own (the list's second half has
    // slower servers); the limit falls at first and then grows back instead of collapsing.
    let model = Model(wait: 0.12, slower: (after: 10_000, factor: 3))
    let run = Self.run(model, cap: 1024, checks: 60_000)
    let knee = model.ceiling * (3 * 0.12 + model.cpu)
    #expect(Double(run.limits.suffix(50).min()!) >= 0.6 * knee)
  }

  /// Resident memory of a simulated process: `base`, `perDomain` for each domain the limit
  /// lets run, and `other` for the rest of the process.
  final class Memory: Sendable {
    let base: Int
    let perDomain: Int
    let running = Atomic(0)
    let other = Atomic(0)
    init(base: Int, perDomain: Int) {
      self.base = base
      self.perDomain = perDomain
    }
    var resident: Int {
      base + running.load(ordering: .relaxed) * perDomain + other.load(ordering: .relaxed)
    }
  }

  /// Runs `rounds` rounds of `model` through `limit`, the memory following the limit.
  static func run(
    _ model: Model, _ limit: inout ConcurrencyLimit, memory: Memory, rounds: Int
  ) -> [Int] {
    var noise: UInt64 = 11
    var limits: [Int] = []
    for round in 0..<rounds {
      let current = limit.limit
      memory.running.store(current, ordering: .relaxed)
      for index in 0..<max(current, ConcurrencyLimit.minimumRound) {
        let seconds = model.duration(limit: current, check: round * 1000 + index, noise: &noise)
        limit.finished(nanoseconds: UInt64(seconds * 1e9))
      }
      limits.append(limit.limit)
    }
    return limits
  }

  @Test func memoryHoldsTheLimitWhereTheBudgetEnds() {
    // 80 ms round trips take the limit to about 360 domains (above); at 400 KB a domain (large
    // SPF trees) the 48 MB budget ends near 120, and there it stays.
    let memory = Memory(base: 40 << 20, perDomain: 400 << 10)
    var limit = ConcurrencyLimit(cap: 1024, resident: { memory.resident })
    let limits = Self.run(Model(wait: 0.48), &limit, memory: memory, rounds: 200)
    let most = ConcurrencyLimit.defaultMemoryBudget / (400 << 10)
    #expect(limits.max()! <= most, "\(limits.max()!) domains, \(most) fit")
    #expect(limits.suffix(100).min()! >= most * 9 / 10)
    // Without the bound the same model grows past it.
    #expect(Self.run(Model(wait: 0.48), cap: 1024).limits.max()! > 2 * most)
  }

  @Test func memoryHoldsTheLimitButNeverLowersIt() {
    // The limit grew to 256 or more; then the rest of the process grew by more than the budget
    // (reports kept, say): the limit stays where it is, not lower, not higher.
    let memory = Memory(base: 40 << 20, perDomain: 10 << 10)
    var limit = ConcurrencyLimit(cap: 1024, resident: { memory.resident })
    var rounds = 0
    while limit.limit < 256, rounds < 100 {
      _ = Self.run(Model(wait: 0.48), &limit, memory: memory, rounds: 1)
      rounds += 1
    }
    let reached = limit.limit
    #expect(reached >= 256)
    memory.other.store(100 << 20, ordering: .relaxed)
    let limits = Self.run(Model(wait: 0.48), &limit, memory: memory, rounds: 50)
    #expect(limits.allSatisfy { $0 == reached }, "\(reached): \(limits)")
  }

  #if os(Linux)
    @Test func theProcessReadsItsResidentMemory() throws {
      let resident = try #require(ProcessMemory.resident())
      // A test process holds megabytes, not bytes or terabytes.
      #expect(resident > 1 << 20 && resident < 1 << 40)
    }
  #endif

  /// A list where a share of the domains wait `slow` seconds for timeouts (dead name
  /// servers): they hold slots without using the CPU, so the fast checks in flight are what
  /// is left (`steady`: Little's law, the CPU shared by the fast ones). Returns checks per
  /// second at `limit` and how long a fast check takes there.
  static func steady(limit: Int, share: Double, slow: Double, model: Model) -> (
    perSecond: Double, fast: Double
  ) {
    func fastDuration(_ fast: Double) -> Double {
      model.wait + model.cpu * max(1, fast / model.cores)
    }
    var low = 0.0
    var high = Double(limit)
    for _ in 0..<60 {
      let fast = (low + high) / 2
      let perSecond = fast / fastDuration(fast) / (1 - share)
      if fast + perSecond * share * slow > Double(limit) { high = fast } else { low = fast }
    }
    return (low / fastDuration(low) / (1 - share), fastDuration(low))
  }

  @Test(arguments: [0.1, 0.5, 0.7])
  func domainsWaitingForTimeoutsDoNotHoldTheLimitDown(share: Double) {
    // Loopback, a share of the domains 4 s each: with the median of a round, half of them slow
    // made every other round look like a queue, and the limit stayed near its minimum while
    // the slow ones filled it (under 60 domains/s); the lower quartile sees the fast checks.
    let model = Model(wait: 0.002)
    var limit = ConcurrencyLimit(cap: 1024, memoryBudget: nil)
    var noise: UInt64 = 7
    var rates: [Double] = []
    for _ in 0..<300 {
      let current = limit.limit
      let state = Self.steady(limit: current, share: share, slow: 4, model: model)
      rates.append(state.perSecond)
      for _ in 0..<max(current, ConcurrencyLimit.minimumRound) {
        noise = noise &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let draw = Double(noise >> 11) / Double(1 << 53)
        let seconds = draw < share ? 4 : state.fast * (0.8 + 0.4 * draw)
        limit.finished(nanoseconds: UInt64(seconds * 1e9))
      }
    }
    // Against the CPU's rate for the fast share, or what 1,024 at once would give.
    let best = Self.steady(limit: 1024, share: share, slow: 4, model: model).perSecond
    let achieved = rates.suffix(100).reduce(0, +) / 100
    #expect(achieved >= 0.6 * best, "\(achieved) of \(best)")
  }
}
