import DNSTestSupport
import Testing

@testable import DNSLookup

/// The I/O thread's timers: lanes per delay and the heap for the rest give the earliest timer
/// first, whatever order and delays they were armed in.
@Suite struct TimerQueueTests {
  final class Target: TimerTarget {
    let number: Int
    init(_ number: Int) { self.number = number }
    func timerFired(generation: UInt32) {}
  }

  /// Random arming and taking from a fixed seed, against a plain list of what is armed: a few
  /// common delays (lanes), many rare ones (past the lanes, so the heap), and starts that lag
  /// behind the clock (an alarm posted before a later one overtook it).
  @Test func timersComeDueEarliestFirst() {
    var random = SeededRandom(seed: 0x7133_0001)
    var queue = TimerQueue()
    var armed: [(deadline: UInt64, number: Int)] = []
    var now: UInt64 = 1_000_000
    var numbers = 0
    var taken = 0
    for _ in 0..<20_000 {
      if random.chance(55) {
        let delay: UInt64 =
          random.chance(85)
          ? random.pick([5_000, 20_000, 20_000, 80_000]) : UInt64(random.below(100_000))
        let start = random.chance(10) ? now - UInt64(random.below(30_000)) : now
        numbers += 1
        queue.schedule(Target(numbers), after: delay, from: start, generation: UInt32(numbers))
        armed.append((start + delay, numbers))
      } else {
        now += UInt64(random.below(4_000))
        while let (target, generation) = queue.popDue(now: now) {
          let number = (target as! Target).number
          #expect(UInt32(number) == generation)
          let earliest = armed.map(\.deadline).min()
          let position = armed.firstIndex { $0.number == number }
          #expect(position != nil)
          guard let position else { break }
          #expect(armed[position].deadline == earliest)
          #expect(armed[position].deadline <= now)
          armed.remove(at: position)
          taken += 1
        }
        #expect(armed.allSatisfy { $0.deadline > now })
      }
      #expect(queue.count == armed.count)
      #expect(queue.nextDeadline == armed.map(\.deadline).min())
    }
    #expect(taken > 5_000)
    while let (target, _) = queue.popDue(now: .max) {
      armed.removeAll { $0.number == (target as! Target).number }
    }
    #expect(armed.isEmpty)
    #expect(queue.nextDeadline == nil)
  }

  /// A drained lane starts over, and a long one drops the slots it has handed out: its
  /// storage stays near what is armed.
  @Test func lanesKeepOnlyWhatIsArmed() {
    var queue = TimerQueue()
    let target = Target(1)
    for round in 0..<3 {
      for index in 0..<3_000 {
        queue.schedule(target, after: 10, from: UInt64(round * 10_000 + index), generation: 0)
      }
      var popped = 0
      while queue.popDue(now: UInt64(round * 10_000 + 20_000)) != nil { popped += 1 }
      #expect(popped == 3_000)
      #expect(queue.count == 0)
      #expect(queue.laneSlots == 0)
    }
    // Armed and taken in step, 1,100 ahead: the taken slots are dropped once they are many.
    var now: UInt64 = 0
    for _ in 0..<1_100 {
      queue.schedule(target, after: 1_000, from: now, generation: 0)
      now += 1
    }
    for _ in 0..<20_000 {
      queue.schedule(target, after: 1_000, from: now, generation: 0)
      now += 1
      #expect(queue.popDue(now: now) != nil)
      #expect(queue.laneSlots <= 2 * 1_100 + 1_024)
    }
    #expect(queue.count == 1_100)
  }

  /// When every lane has been taken by some delay, an empty one takes a new delay (the rest of
  /// a try after its last resend, a backed-off resend delay) instead of sending it and all
  /// later timers of that delay to the heap; a lane still holding timers keeps its delay.
  @Test func anEmptyLaneTakesANewDelay() {
    var queue = TimerQueue()
    let target = Target(1)
    for delay in 1...UInt64(TimerQueue.maximumLanes) {
      queue.schedule(target, after: delay * 100, from: 0, generation: 0)
    }
    #expect(queue.laneSlots == TimerQueue.maximumLanes)
    // The first lane drains (its timer is due at 100); the others still hold theirs.
    #expect(queue.popDue(now: 100) != nil)
    queue.schedule(target, after: 5_000, from: 100, generation: 0)
    queue.schedule(target, after: 5_000, from: 101, generation: 0)
    #expect(queue.laneSlots == TimerQueue.maximumLanes - 1 + 2)
    // No lane is empty now: another new delay goes to the heap, and still comes due in order.
    queue.schedule(target, after: 7_777, from: 100, generation: 0)
    #expect(queue.laneSlots == TimerQueue.maximumLanes + 1)
    #expect(queue.count == TimerQueue.maximumLanes + 2)
    var due: [UInt64] = []
    var now: UInt64 = 100
    while queue.count > 0 {
      now += 1
      while queue.popDue(now: now) != nil { due.append(now) }
    }
    #expect(due == [200, 300, 400, 500, 600, 700, 800, 5_100, 5_101, 7_877])
  }

  /// A deadline past the clock's range is never due before the end, and still counted.
  @Test func aDeadlinePastTheClockWaitsForItsEnd() {
    var queue = TimerQueue()
    queue.schedule(Target(1), after: .max - 5, from: 10, generation: 0)
    #expect(queue.nextDeadline == .max)
    #expect(queue.popDue(now: .max - 1) == nil)
    #expect(queue.popDue(now: .max) != nil)
    #expect(queue.nextDeadline == nil)
  }
}
