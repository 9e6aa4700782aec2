/// A bounded map that keeps what is asked for again: a segmented LRU (SLRU).
///
/// A new entry starts in the probation segment. Found again, it moves to the protected segment
/// (at most `protectedCapacity` entries; its least recently used entry drops back to
/// probation). When the map is full, the least recently used entry of probation goes first.
/// So a stream of entries used once only ever pushes out each other, never an entry that was
/// used twice and is used now and then. All operations are O(1): two doubly linked lists
/// threaded through one array of nodes, and a dictionary from key to node.
struct SegmentedLRU<Key: Hashable, Value> {
  private struct Node {
    var key: Key
    var value: Value
    var previous: Int
    var next: Int
    var isProtected: Bool
  }

  /// One segment: a list from the most (`head`) to the least (`tail`) recently used node.
  private struct Segment {
    var head = -1
    var tail = -1
    var count = 0
  }

  let capacity: Int
  let protectedCapacity: Int
  private var nodes: [Node] = []
  private var freeNodes: [Int] = []
  private var index: [Key: Int] = [:]
  private var probation = Segment()
  private var protected = Segment()

  /// Holds at most `capacity` entries, `protectedShare` of them protected.
  init(capacity: Int, protectedShare: Double = 0.8) {
    self.capacity = max(capacity, 1)
    protectedCapacity = min(max(Int(Double(self.capacity) * protectedShare), 0), self.capacity)
  }

  var count: Int { index.count }

  /// The value for `key`, which counts as a use: it moves to the front of the protected
  /// segment.
  mutating func value(for key: Key) -> Value? {
    guard let node = index[key] else { return nil }
    unlink(node)
    nodes[node].isProtected = protectedCapacity > 0
    pushFront(node)
    if protected.count > protectedCapacity, protected.tail >= 0 {
      let demoted = protected.tail
      unlink(demoted)
      nodes[demoted].isProtected = false
      pushFront(demoted)
    }
    return nodes[node].value
  }

  /// True when `key` is held; not a use.
  func contains(_ key: Key) -> Bool { index[key] != nil }

  /// Adds `key` to the front of probation (replacing its value if held); evicts beyond the
  /// capacity.
  mutating func insert(_ key: consuming Key, _ value: consuming Value) {
    // One hash of the key finds its node or makes room for a new one (the optional
    // subscript's modify accessor inserts what it is left holding).
    let free = freeNodes.last ?? nodes.count
    let held = Self.claim(&index[key], free)
    if let held {
      nodes[held].value = value
      return
    }
    // The node is made where it is stored, from the consumed key and value: no copy of it.
    if free < nodes.count {
      freeNodes.removeLast()
      nodes[free] = Node(key: key, value: value, previous: -1, next: -1, isProtected: false)
    } else {
      nodes.append(Node(key: key, value: value, previous: -1, next: -1, isProtected: false))
    }
    pushFront(free)
    while index.count > capacity {
      let victim = probation.tail >= 0 ? probation.tail : protected.tail
      guard victim >= 0 else { break }
      unlink(victim)
      index[nodes[victim].key] = nil
      freeNodes.append(victim)
    }
  }

  /// The node `entry` holds; nil when it held none, after storing `free` in it.
  private static func claim(_ entry: inout Int?, _ free: Int) -> Int? {
    if let held = entry { return held }
    entry = free
    return nil
  }

  private mutating func pushFront(_ node: Int) {
    let isProtected = nodes[node].isProtected
    var segment = isProtected ? protected : probation
    nodes[node].previous = -1
    nodes[node].next = segment.head
    if segment.head >= 0 { nodes[segment.head].previous = node }
    segment.head = node
    if segment.tail < 0 { segment.tail = node }
    segment.count += 1
    if isProtected { protected = segment } else { probation = segment }
  }

  private mutating func unlink(_ node: Int) {
    let isProtected = nodes[node].isProtected
    var segment = isProtected ? protected : probation
    let previous = nodes[node].previous
    let next = nodes[node].next
    if previous >= 0 { nodes[previous].next = next } else { segment.head = next }
    if next >= 0 { nodes[next].previous = previous } else { segment.tail = previous }
    segment.count -= 1
    if isProtected { protected = segment } else { probation = segment }
  }
}
