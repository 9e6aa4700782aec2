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
}
