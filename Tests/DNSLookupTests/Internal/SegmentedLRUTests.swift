import DNSTestSupport
import Testing

@testable import DNSLookup

/// The eviction order of the segmented LRU behind `CachingResolver`.
@Suite struct SegmentedLRUTests {
  @Test func entriesUsedOnceLeaveInTheOrderTheyCame() {
    var lru = SegmentedLRU<Int, String>(capacity: 3)
    for key in 1...5 { lru.insert(key, "\(key)") }
    #expect(lru.count == 3)
    #expect(!lru.contains(1) && !lru.contains(2))
    #expect(lru.contains(3) && lru.contains(4) && lru.contains(5))
  }

  @Test func anEntryUsedAgainOutlivesAnyNumberUsedOnce() {
    var lru = SegmentedLRU<Int, String>(capacity: 4)
    lru.insert(0, "popular")
    #expect(lru.value(for: 0) == "popular")
    for key in 1...1_000 { lru.insert(key, "\(key)") }
    #expect(lru.value(for: 0) == "popular")
    #expect(lru.count == 4)
    #expect(lru.contains(1_000) && lru.contains(999) && lru.contains(998))
  }

  @Test func theProtectedSegmentIsBoundedAndKeepsTheMostRecent() {
    // Capacity 10: 8 protected. Ten entries used twice: the two least recently used drop
    // back to probation and are the first to go.
    var lru = SegmentedLRU<Int, Int>(capacity: 10)
    for key in 0..<10 {
      lru.insert(key, key)
      _ = lru.value(for: key)
    }
    lru.insert(100, 100)
    lru.insert(101, 101)
    #expect(!lru.contains(0) && !lru.contains(1))
    #expect((2..<10).allSatisfy { lru.contains($0) })
    #expect(lru.contains(100) && lru.contains(101))
  }

  @Test func insertingAHeldKeyReplacesItsValue() {
    var lru = SegmentedLRU<String, Int>(capacity: 2)
    lru.insert("a", 1)
    lru.insert("a", 2)
    #expect(lru.count == 1)
    #expect(lru.value(for: "a") == 2)
  }

  @Test func capacityOneKeepsTheLatest() {
    var lru = SegmentedLRU<Int, Int>(capacity: 1)
    lru.insert(1, 1)
    _ = lru.value(for: 1)
    lru.insert(2, 2)
    #expect(lru.count == 1)
    #expect(lru.contains(2))
  }

  /// From a fixed seed, random inserts and uses against a model of two plain lists: the same
  /// values found, the same keys held, after every step (free nodes reused, values replaced,
  /// every capacity and share).
  @Test func agreesWithAModelOfTwoLists() {
    var random = SeededRandom(seed: 0x51_2C_A7)
    for round in 0..<300 {
      let capacity = random.number(1...12)
      let share = random.pick([0.0, 0.5, 0.8, 1.0])
      var lru = SegmentedLRU<Int, Int>(capacity: capacity, protectedShare: share)
      var model = Model(capacity: lru.capacity, protectedCapacity: lru.protectedCapacity)
      for step in 0..<200 {
        let key = random.below(capacity * 2 + 2)
        if random.chance(50) {
          lru.insert(key, step)
          model.insert(key, step)
        } else {
          #expect(lru.value(for: key) == model.value(for: key), "round \(round) step \(step)")
        }
        #expect(lru.count == model.values.count, "round \(round) step \(step)")
        for held in 0..<(capacity * 2 + 2) where lru.contains(held) != (model.values[held] != nil) {
          Issue.record("round \(round) step \(step): key \(held)")
        }
      }
    }
  }

  /// The segments as lists, most recently used first.
  private struct Model {
    let capacity: Int
    let protectedCapacity: Int
    var probation: [Int] = []
    var protected: [Int] = []
    var values: [Int: Int] = [:]

    mutating func value(for key: Int) -> Int? {
      guard let value = values[key] else { return nil }
      probation.removeAll { $0 == key }
      protected.removeAll { $0 == key }
      if protectedCapacity > 0 {
        protected.insert(key, at: 0)
      } else {
        probation.insert(key, at: 0)
      }
      if protected.count > protectedCapacity { probation.insert(protected.removeLast(), at: 0) }
      return value
    }

    mutating func insert(_ key: Int, _ value: Int) {
      if values[key] != nil {
        values[key] = value
        return
      }
      values[key] = value
      probation.insert(key, at: 0)
      while values.count > capacity {
        let victim = probation.isEmpty ? protected.removeLast() : probation.removeLast()
        values[victim] = nil
      }
    }
  }
}
