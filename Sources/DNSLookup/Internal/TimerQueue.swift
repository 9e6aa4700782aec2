/// Something with a timeout on the I/O thread: an exchange's try, an idle server's sockets.
protocol TimerTarget: AnyObject {
  /// The timer armed with `generation` came due; a target ignores a generation it has moved
  /// past (the exchange finished early, the server got busy again).
  func timerFired(generation: UInt32)
}

/// The I/O thread's timeouts: a binary min-heap of deadlines.
///
/// Entries are not removed when what they time out ends early; each carries its target's
/// generation when it was armed, and the target skips a stale one when it comes due.
struct TimerQueue {
  private struct Entry {
    var deadline: UInt64
    var target: any TimerTarget
    var generation: UInt32
  }

  private var heap: [Entry] = []

  var count: Int { heap.count }

  /// The earliest deadline (monotonic nanoseconds), nil when nothing is armed.
  var nextDeadline: UInt64? { heap.first?.deadline }

  mutating func schedule(_ target: any TimerTarget, at deadline: UInt64, generation: UInt32) {
    heap.append(Entry(deadline: deadline, target: target, generation: generation))
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
    guard let first = heap.first, first.deadline <= now else { return nil }
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
