/// Something with a timeout on the I/O thread: an exchange's try, an idle server's sockets.
protocol TimerTarget: AnyObject {
  /// The timer armed with `generation` came due; a target ignores a generation it has moved
  /// past (the exchange finished early, the server got busy again).
  func timerFired(generation: UInt32)
}

/// The I/O thread's timeouts, earliest first.
///
/// Almost every timer is armed with one of a few delays (a resolver's timeout per try, a
/// resend delay: a power of two milliseconds, the idle time of a server's sockets, the
/// per-domain deadline), and with the same delay a later timer is due later: each delay gets a
/// lane, a first-in-first-out queue, so arming and taking a timer cost one append and one
/// read, not a walk through a heap of thousands. When every lane is taken, an empty one takes
/// the new delay. A timer that would come due before the last one of its lane (an alarm posted
/// from another thread while a later one overtook it), or one with a delay for which no lane
/// is free (the rest of a try after its last resend), goes to a binary min-heap.
///
/// Entries are not removed when what they time out ends early; each carries its target's
/// generation when it was armed, and the target skips a stale one when it comes due.
struct TimerQueue {
  private struct Entry {
    var deadline: UInt64
    var target: any TimerTarget
    var generation: UInt32
  }

  /// The timers armed with `delay`, due in order from `head`.
  private struct Lane {
    let delay: UInt64
    var entries: [Entry?] = []
    var head = 0

    var first: Entry? { head < entries.count ? entries[head] : nil }

    mutating func removeFirst() -> Entry {
      let entry = entries[head]!
      entries[head] = nil
      head += 1
      if head == entries.count {
        entries.removeAll(keepingCapacity: true)
        head = 0
      } else if head >= 1_024, head * 2 >= entries.count {
        entries.removeFirst(head)
        head = 0
      }
      return entry
    }
  }

  /// At most this many lanes; timers with further delays go to the heap.
  static let maximumLanes = 8

  private var lanes: [Lane] = []
  private var heap: [Entry] = []

  var count: Int { heap.count + lanes.reduce(0) { $0 + $1.entries.count - $1.head } }

  /// The slots the lanes hold, taken ones included (for tests: a drained lane starts over, a
  /// long one drops its taken slots).
  var laneSlots: Int { lanes.reduce(0) { $0 + $1.entries.count } }

  /// The earliest deadline (monotonic nanoseconds), nil when nothing is armed.
  var nextDeadline: UInt64? {
    var earliest = heap.first?.deadline
    for lane in lanes {
      if let deadline = lane.first?.deadline, Self.isEarlier(deadline, than: earliest) {
        earliest = deadline
      }
    }
    return earliest
  }

  /// Arms a timer for `target` due `delay` nanoseconds after `start` (monotonic).
  mutating func schedule(
    _ target: any TimerTarget, after delay: UInt64, from start: UInt64, generation: UInt32
  ) {
    // A deadline past the clock's range is never due, as if at its end.
    let (sum, overflow) = start.addingReportingOverflow(delay)
    let entry = Entry(deadline: overflow ? .max : sum, target: target, generation: generation)
    let lane =
      lanes.firstIndex { $0.delay == delay }
      ?? {
        if lanes.count < Self.maximumLanes {
          lanes.append(Lane(delay: delay))
          return lanes.count - 1
        }
        guard let empty = lanes.firstIndex(where: { $0.first == nil }) else { return nil }
        lanes[empty] = Lane(delay: delay)
        return empty
      }()
    if let lane, (lanes[lane].entries.last??.deadline ?? 0) <= entry.deadline {
      lanes[lane].entries.append(entry)
      return
    }
    heap.append(entry)
    var child = heap.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard heap[child].deadline < heap[parent].deadline else { break }
      heap.swapAt(child, parent)
      child = parent
    }
  }

  /// Removes and returns the earliest entry if it is due at `now`.
  mutating func popDue(now: UInt64) -> (target: any TimerTarget, generation: UInt32)? {
    var earliestLane: Int?
    var earliest = heap.first?.deadline
    for index in lanes.indices {
      if let deadline = lanes[index].first?.deadline, Self.isEarlier(deadline, than: earliest) {
        earliest = deadline
        earliestLane = index
      }
    }
    guard let earliest, earliest <= now else { return nil }
    if let earliestLane {
      let entry = lanes[earliestLane].removeFirst()
      return (entry.target, entry.generation)
    }
    return popHeap()
  }

  /// True when `deadline` comes before `earliest`, or nothing was found yet.
  private static func isEarlier(_ deadline: UInt64, than earliest: UInt64?) -> Bool {
    earliest.map { deadline < $0 } ?? true
  }

  private mutating func popHeap() -> (target: any TimerTarget, generation: UInt32)? {
    guard let first = heap.first else { return nil }
    let last = heap.removeLast()
    if !heap.isEmpty {
      heap[0] = last
      var parent = 0
      while true {
        let left = 2 * parent + 1
        let right = left + 1
        var smallest = parent
        if left < heap.count, heap[left].deadline < heap[smallest].deadline { smallest = left }
        if right < heap.count, heap[right].deadline < heap[smallest].deadline { smallest = right }
        guard smallest != parent else { break }
        heap.swapAt(parent, smallest)
        parent = smallest
      }
    }
    return (first.target, first.generation)
  }
}
