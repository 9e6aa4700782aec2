import Testing

@testable import DNSLookup

/// The congestion window below `--max-inflight`, driven by simulated servers.
@Suite struct CongestionWindowTests {
  /// A server that answers each query `service` nanoseconds after it reached the head of its
  /// queue, over a path that adds `delay` nanoseconds (both ways together); the client keeps
  /// the window full for `answers` answers. Returns the window after each answer.
  static func simulate(
    cap: Int, excludesWire: Bool = false, service: UInt64, delay: UInt64, answers: Int,
    demand: Int = .max, recursive: Bool = false, extra: (UInt64) -> UInt64 = { _ in 0 }
  ) -> (window: CongestionWindow, sizes: [Double], limits: [Int]) {
    var window = CongestionWindow(cap: cap, excludesWire: excludesWire)
    var now: UInt64 = 0
    var serverFree: UInt64 = 0
    // (number, sent at, answered at), in answer order (one FIFO server).
    var outstanding: [(UInt64, UInt64, UInt64)] = []
    var sizes: [Double] = []
    var limits: [Int] = []
    func fill() {
      while outstanding.count < min(window.limit, demand) {
        let number = window.send()
        let arrival = now + delay / 2
        serverFree = max(serverFree, arrival) + service
        // In answer order: one that takes longer (a resolver's recursion) holds up no other.
        let entry = (number, now, serverFree + delay / 2 + extra(number))
        var low = 0
        var high = outstanding.count
        while low < high {
          let middle = (low + high) / 2
          if outstanding[middle].2 <= entry.2 { low = middle + 1 } else { high = middle }
        }
        outstanding.insert(entry, at: low)
      }
    }
    fill()
    for _ in 0..<answers {
      let (number, sent, done) = outstanding.removeFirst()
      now = done
      window.answered(
        number, roundTrip: done - sent, inFlight: outstanding.count, at: now,
        recursive: recursive)
      sizes.append(window.size)
      limits.append(window.limit)
      fill()
    }
    return (window, sizes, limits)
  }

  @Test(arguments: [UInt64(20_000_000), 80_000_000])
  func growsToTheCapOverALatentPath(delay: UInt64) {
    let run = Self.simulate(cap: 1024, service: 20_000, delay: delay, answers: 10_000)
    #expect(run.window.size == 1024)
    // Doubling each round trip: 64 → 1024 within five rounds of answers.
    let reached = run.sizes.firstIndex(of: 1024) ?? .max
    #expect(reached < 64 + 128 + 256 + 512 + 1024)
  }

  @Test func theDefaultCapLeavesOutWhatIsOnTheWire() {
    // 80 ms away, a server that answers at once holds almost nothing: the queries on the wire
    // come on top of the default cap (up to three caps more); a cap that was set holds.
    let wide = Self.simulate(
      cap: 256, excludesWire: true, service: 20_000, delay: 80_000_000, answers: 20_000)
    #expect(wide.window.limit > 900)
    #expect(wide.window.limit <= 1024)
    #expect(wide.window.wire > 600 && wide.window.wire <= 3 * 256)
    let set = Self.simulate(cap: 256, service: 20_000, delay: 80_000_000, answers: 20_000)
    #expect(set.window.limit == 256)
    // On loopback behind one busy thread nothing is on the wire worth counting.
    let near = Self.simulate(
      cap: 256, excludesWire: true, service: 20_000, delay: 40_000, answers: 20_000)
    #expect(near.window.wire <= 8)
    #expect(near.sizes.suffix(10_000).allSatisfy { $0 <= 128 })
  }

  /// A window 80 ms away (`roundTrip`) after a wave of 2,000 queries asked together at 0 and
  /// answered a round trip later: the first answer ended the first round (nothing measured
  /// yet), the rest count toward the second, which the answer to a query sent after it began
  /// ends.
  static func afterOneWave(roundTrip: UInt64) -> CongestionWindow {
    var window = CongestionWindow(cap: 1024, excludesWire: true)
    let wave = (0..<2_000).map { _ in window.send() }
    for number in wave {
      window.answered(number, roundTrip: roundTrip, inFlight: 1_000, at: roundTrip)
    }
    return window
  }

  /// A batch asks in waves: far away, one round's answers may be a tenth of the last one's.
  /// The estimate of the wire moves halfway up toward a round's count and an eighth of the way
  /// down: moved halfway toward each sparse round, it held the window at two thirds of its
  /// ceiling at 80 ms while queries waited.
  @Test func aSparseRoundLowersTheWireEstimateByAnEighth() {
    let roundTrip: UInt64 = 80_000_000
    var window = Self.afterOneWave(roundTrip: roundTrip)
    // Sent before the second round ends: the third round's hundred answers.
    let sparse = (0..<100).map { _ in window.send() }
    let closing = window.send()
    window.answered(closing, roundTrip: roundTrip, inFlight: 100, at: 2 * roundTrip)
    // 2,000 answers in a round trip: halfway up from 0.
    #expect(window.wire == 1_000)
    #expect(window.ceiling == 1_024 + 1_000)
    for number in sparse {
      window.answered(number, roundTrip: roundTrip, inFlight: 50, at: 2 * roundTrip)
    }
    let last = window.send()
    window.answered(last, roundTrip: roundTrip, inFlight: 0, at: 3 * roundTrip)
    // 101 answers in a round trip: 1,000 − (1,000 − 101) ÷ 8, not halfway (550).
    #expect(window.wire == 887)
  }

  /// The wire is counted at the lowest round trip seen: when a faster answer comes (a recursive
  /// resolver's cache after its first, slow answers), what was counted shrinks with it.
  @Test func aFasterRoundTripScalesTheWireEstimateDown() {
    let roundTrip: UInt64 = 80_000_000
    var window = Self.afterOneWave(roundTrip: roundTrip)
    let fast = window.send()
    let closing = window.send()
    window.answered(closing, roundTrip: roundTrip, inFlight: 1, at: 2 * roundTrip)
    #expect(window.wire == 1_000)
    // Within the round: no new count, the old one scaled by 8 ms ÷ 80 ms.
    window.answered(fast, roundTrip: roundTrip / 10, inFlight: 0, at: 2 * roundTrip)
    #expect(window.wire == 100)
    #expect(window.ceiling == 1_024 + 100)
  }

  @Test func aLossHalvesWhatIsAllowedNotTheHeadroom() {
    // Grown past the default cap 80 ms away, then the wire empties (the server answers
    // slowly): a loss halves what may be in flight, not only the window above it.
    var run = Self.simulate(
      cap: 256, excludesWire: true, service: 20_000, delay: 80_000_000, answers: 20_000)
    let before = run.window.limit
    #expect(before > 256)
    let wire = run.window.wire
    run.window.lost(run.window.send())
    #expect(run.window.limit <= before / 2 + 1)
    // The estimate of the wire is halved with it: the window cannot double back past it.
    #expect(run.window.wire <= wire / 2)
    #expect(run.window.ceiling <= Double(256) + wire / 2)
  }

  @Test func staysSmallBehindOneBusyServerThread() {
    // Loopback, 20 µs per query: every query beyond the first waits in the server's queue,
    // which holds a few hundred before it drops.
    let run = Self.simulate(cap: 1024, service: 20_000, delay: 40_000, answers: 20_000)
    #expect(run.sizes.suffix(10_000).allSatisfy { $0 <= 128 })
    #expect(run.window.size >= CongestionWindow.minimum)
  }

  /// A near server (answers within a few milliseconds on average) is never given more than
  /// `nearLimit`, not even while the window doubles at the start: a burst beyond its socket
  /// buffer is dropped while its thread waits for a core. A server 20 ms away still gets the
  /// whole cap.
  @Test(arguments: [UInt64(20_000), 200_000, 900_000, 4_000_000])
  func aNearServerGetsAtMostTheNearLimit(delay: UInt64) {
    for cap in [256, 1024, 8192] {
      for excludesWire in [false, true] {
        let run = Self.simulate(
          cap: cap, excludesWire: excludesWire, service: 1_000, delay: delay, answers: 20_000)
        #expect(
          run.sizes.allSatisfy { $0 <= CongestionWindow.nearLimit },
          "cap \(cap), \(delay) ns: \(run.sizes.max() ?? 0)")
      }
    }
    let far = Self.simulate(cap: 1024, service: 1_000, delay: 20_000_000, answers: 10_000)
    #expect(far.window.size == 1024)
  }

  /// A local recursive resolver answers from its cache within microseconds but needs tens of
  /// milliseconds for the other names: the window still grows far past the near limit for
  /// those (held to it by the fastest answer, it stayed at 128).
  @Test func aLocalRecursiveResolverIsNotHeldToTheNearLimit() {
    let run = Self.simulate(
      cap: 1024, service: 1_000, delay: 100_000, answers: 20_000,
      extra: { $0 % 10 == 0 ? 0 : 30_000_000 })
    #expect(run.window.size > 4 * CongestionWindow.nearLimit, "\(run.window.size)")
  }

  /// A recursive resolver with a cold cache: names take it one to three upstream round trips, now
  /// and then it has one. How long its answers take says nothing of a queue, so only losses shrink
  /// the window: read as a queue, a round of cold names took the window down to a few dozen, and a
  /// batch through a local Unbound ran at a sixth of the speed, varying from run to run.
  @Test func aRecursiveResolversSlowAnswersAreNotAQueue() {
    func run(recursive: Bool) -> (window: CongestionWindow, sizes: [Double], limits: [Int]) {
      Self.simulate(
        cap: 1024, excludesWire: true, service: 1_000, delay: 100_000, answers: 40_000,
        recursive: recursive, extra: { $0 % 5_000 == 0 ? 0 : 40_000_000 * (1 + $0 % 3) })
    }
    let authoritative = run(recursive: false)
    #expect(authoritative.sizes.suffix(20_000).min() ?? 0 < 100)
    let recursive = run(recursive: true)
    #expect(recursive.sizes.suffix(20_000).allSatisfy { $0 >= 1024 })
    // Next to it almost nothing is on the wire: the cap is what its request list holds.
    // Bursts of answers from its cache leave a few on the estimate: within 3 % of the cap at
    // the end, and from the 10,000th answer on. Its first, slow answers (before the cached
    // answer to query 5,000 showed the lowest round trip) count as the wire until that faster
    // one scales them down; risen at once or not scaled, they held the window at up to 1.7
    // caps for much of the run.
    #expect(recursive.window.wire <= 16)
    #expect((1024...1040).contains(recursive.window.limit))
    #expect(recursive.limits.suffix(30_000).allSatisfy { $0 <= 1024 + 32 })
    // A loss still halves it, and it grows again only from the round after the loss: the
    // round under way (begun before it, with the window full) ends without growth.
    var lossy = recursive.window
    lossy.lost(lossy.send())
    #expect((512...520).contains(lossy.limit))
    let now: UInt64 = 1_000_000_000_000
    let during = lossy.send()
    lossy.answered(during, roundTrip: 40_000_000, inFlight: 1_000, at: now, recursive: true)
    #expect((512...520).contains(lossy.limit))
    let after = lossy.send()
    lossy.answered(
      after, roundTrip: 40_000_000, inFlight: 1_000, at: now + 40_000_000, recursive: true)
    #expect(lossy.limit > 520)
  }

  /// A recursive resolver that answers from memory within microseconds (a warm cache next
  /// door, systemd-resolved's stub) is held to the near limit as any near server: a burst
  /// beyond its socket buffer would be dropped.
  @Test func aNearRecursiveResolverGetsAtMostTheNearLimit() {
    let run = Self.simulate(
      cap: 1024, excludesWire: true, service: 1_000, delay: 40_000, answers: 20_000,
      recursive: true)
    #expect(run.sizes.allSatisfy { $0 <= CongestionWindow.nearLimit }, "\(run.sizes.max() ?? 0)")
  }

  @Test func doesNotGrowWhileTheWindowIsNotUsed() {
    let run = Self.simulate(
      cap: 1024, service: 20_000, delay: 80_000_000, answers: 2_000, demand: 20)
    #expect(run.window.size == CongestionWindow.initial)
  }

  @Test func lossHalvesOncePerRound() {
    var window = CongestionWindow(cap: 1024)
    let numbers = (0..<64).map { _ in window.send() }
    for number in numbers { window.lost(number) }
    #expect(window.size == 32)
    let later = window.send()
    window.lost(later)
    #expect(window.size == 16)
    for _ in 0..<10 { window.lost(window.send()) }
    #expect(window.size == CongestionWindow.minimum)
  }

  @Test func aSmallCapIsTheWindow() {
    var window = CongestionWindow(cap: 3)
    #expect(window.limit == 3)
    window.lost(window.send())
    #expect(window.limit == 3)
  }
}
