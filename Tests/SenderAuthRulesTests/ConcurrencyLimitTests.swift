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
    var limit = ConcurrencyLimit(cap: cap)
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
}
