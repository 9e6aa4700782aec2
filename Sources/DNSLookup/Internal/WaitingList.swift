/// An object that is in at most one `WaitingList` at a time and knows its place there.
protocol WaitingListMember: AnyObject {
  /// Its place in the list; nil when it is not in one.
  var index: Int? { get set }
}

/// Queries waiting for their outcome (`DNSQueryQueue`, `DeadlineResolver`, the askers that
/// joined a `CachingResolver` question): added at the end, taken out from anywhere in constant
/// time, the last one taking the place of the one removed. Not thread-safe: its owner keeps it
/// under a lock.
struct WaitingList<Member: WaitingListMember> {
  private(set) var members: [Member] = []
  /// Room made at the first `add`, so that a list that usually holds many members is not
  /// grown from one by doubling.
  private let initialCapacity: Int

  init(initialCapacity: Int = 1) {
    self.initialCapacity = initialCapacity
  }

  var isEmpty: Bool { members.isEmpty }

  mutating func add(_ member: Member) {
    if members.capacity == 0 { members.reserveCapacity(initialCapacity) }
    member.index = members.count
    members.append(member)
  }

  /// Takes `member` out; false when it was not in the list (any more).
  mutating func remove(_ member: Member) -> Bool {
    guard let index = member.index else { return false }
    member.index = nil
    let last = members.removeLast()
    if last !== member {
      members[index] = last
      last.index = index
    }
    return true
  }

  /// Takes every member out.
  mutating func removeAll() -> [Member] {
    let all = members
    members = []
    for member in all { member.index = nil }
    return all
  }
}
