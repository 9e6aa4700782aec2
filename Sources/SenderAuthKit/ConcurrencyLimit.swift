#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How many domains a run checks at once: as many as make the run faster, never more than
/// `--jobs`.
///
/// A domain in flight holds its lookups' state (100–200 KB). Past the point where the CPU or
/// the resolver is the bottleneck, one more domain only waits in a queue: each check takes
/// longer, the run is no faster, and memory grows. So the limit is steered by how long checks
/// take, as a gradient concurrency limit steers a server (TCP Vegas, Netflix's
/// concurrency-limits): the lower quartile of the last round's check durations against the
/// lowest quartile seen (`base`) tells whether checks wait for each other. The quartile, not
/// the median: in a list where many domains wait for timeouts (dead name servers), the fast
/// checks still show the queue, and the slow ones must not look like one — they only hold
/// slots, so more of them at once make the run faster. A round is `limit` finished checks (at
/// least `minimumRound`).
///
/// - While checks do not wait (`gradient = base ÷ quartile ≥ 0.9`), the limit doubles each
///   round at the start, then grows by a quarter.
/// - Once they do, it becomes `limit × gradient + √limit`, which settles where a few checks
///   wait (the gradient is bounded below by ½, so one slow round at most halves it).
///
/// On loopback (CPU-bound) it stays near `minimum`; with 80 ms round trips a check waits half
/// a second for answers and the limit grows until the CPU or `--max-inflight` binds. The base
/// is the lowest quartile ever, so it does not creep up with the limit; but when checks at
/// half the limit the base was seen at (or at the minimum) still take longer than it, they are
/// slower for a reason other than waiting for each other (a slower part of the list, a slower
/// server), and that quartile becomes the base.
///
/// Memory bounds the growth too: the limit grows only as far as the process's resident memory
/// stays within `memoryBudget` of what it was when the run began, at what the memory grew by
/// per domain in flight so far. At 80 ms the limit grew to 560 domains in one benchmark run,
/// about 100 KB each, and the process to 103 MB; a list of domains with larger SPF trees
/// takes more a domain. It only holds the limit, never lowers it.
struct ConcurrencyLimit: Sendable {
  /// Domains at once before the first round is measured, and the fewest it goes down to:
  /// fewer leave the I/O thread and the task pool idle between answers, and each wake-up
  /// costs more CPU than the memory they would save (on loopback 16 at once ran at 505
  /// domains/s with 27 % more system time, 64 at once at 548/s).
  static let initial = 64
  static let minimum = 64
  static let minimumRound = 8

  /// How much the process's resident memory may grow over a run (`memoryBudget`) by default.
  static let defaultMemoryBudget = 48 << 20
  /// The least memory a domain in flight is taken to hold, while too few have run to tell.
  static let leastPerDomain = 16 << 10

  let cap: Int
  /// Bytes the resident memory may grow by; nil: no bound.
  let memoryBudget: Int?
  /// The process's resident memory in bytes (`ProcessMemory.resident`), nil when unknown.
  private let resident: @Sendable () -> Int?
  /// The resident memory when the run began.
  private let startResident: Int?
  private(set) var limit: Int
  /// The highest limit reached.
  private(set) var peak: Int
  private var durations: [UInt64] = []
  private var base = UInt64.max
  /// The limit of the round whose quartile is the base.
  private var baseLimit = 0
  private var startingUp = true

  init(
    cap: Int, memoryBudget: Int? = Self.defaultMemoryBudget,
    resident: @escaping @Sendable () -> Int? = ProcessMemory.resident
  ) {
    self.cap = max(cap, 1)
    self.memoryBudget = memoryBudget
    self.resident = resident
    startResident = memoryBudget == nil ? nil : resident()
    limit = min(Self.initial, self.cap)
    peak = limit
  }

  /// Counts a check that took `nanoseconds`, and at the end of a round sets the limit.
  mutating func finished(nanoseconds: UInt64) {
    durations.append(nanoseconds)
    guard durations.count >= max(limit, Self.minimumRound) else { return }
    durations.sort()
    let quartile = max(durations[durations.count / 4], 1)
    durations.removeAll(keepingCapacity: true)
    let fewer = limit * 2 <= baseLimit || limit <= min(Self.minimum, cap)
    if quartile < base || (fewer && Double(quartile) * 0.9 > Double(base)) {
      base = quartile
      baseLimit = limit
    }
    let gradient = max(0.5, min(1, Double(base) / Double(quartile)))
    let current = Double(limit)
    var next: Double
    if gradient >= 0.9 {
      next = startingUp ? current * 2 : current * 1.25
    } else {
      startingUp = false
      next = current * gradient + current.squareRoot()
    }
    if next > current, let budget = memoryBudget, let start = startResident {
      if let now = resident() {
        let used = max(now - start, 0)
        let perDomain = max(Double(used) / current, Double(Self.leastPerDomain))
        next = min(
          next, max(current, (current + Double(budget - used) / perDomain).rounded(.down)))
      } else {
        // Unread now (no descriptor left, say): no growth it cannot see.
        next = current
      }
    }
    limit = min(cap, max(min(Self.minimum, cap), Int(next.rounded())))
    peak = max(peak, limit)
  }
}

/// The resident memory of this process, from `/proc/self/statm` (Linux; elsewhere nil, and
/// no memory bound).
enum ProcessMemory {
  private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

  /// Resident bytes; nil when the file cannot be read.
  static func resident() -> Int? {
    let descriptor = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var buffer = [UInt8](repeating: 0, count: 128)
    let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
    guard count > 0 else { return nil }
    // "size resident shared text lib data dt", in pages.
    let fields = buffer[..<count].split(separator: UInt8(ascii: " "))
    guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else {
      return nil
    }
    return pageSize > 0 ? pages * pageSize : nil
  }
}
