/// How many queries one server may have in flight right now, below the `--max-inflight` cap.
///
/// A server with default socket buffers (Knot, Unbound: about 200 KB, a few hundred small
/// datagrams) drops most of a burst of a thousand queries, and each dropped query costs a
/// whole `--timeout`. So the window is steered by the round-trip time, as TCP Vegas steers a
/// connection: the lowest round trip seen (`base`) is the path without queues; the lowest of
/// the last round, against it, tells how many of ours wait in a queue somewhere
/// (`window × (1 − base ÷ lowest)`). While fewer than `lowQueue` wait and the window was
/// used, it doubles each round (a round: until a query sent after it began is answered);
/// beyond `highQueue` it gives back the excess. A try that times out halves it, once per round.
///
/// Over a path with real latency (20–80 ms) nothing queues, and the window grows to the cap
/// in a few round trips; on loopback to one server thread it stays at a few dozen, which is
/// all that server can use.
struct CongestionWindow {
  /// The window at the start: more than one domain's first wave of questions.
  static let initial = 64.0
  /// It never shrinks below this (or the cap).
  static let minimum = 8.0
  /// Queries waiting in queues below which the window grows, and above which it shrinks.
  static let lowQueue = 16.0
  static let highQueue = 48.0

  let cap: Double
  private(set) var size: Double
  /// Queries sent so far; each send's number says which round it belongs to.
  private(set) var sent: UInt64 = 0
  private var base = UInt64.max
  private var roundLowest = UInt64.max
  private var roundBusiest = 0
  private var roundEnd: UInt64 = 0
  private var reducedAt: UInt64 = 0

  init(cap: Int) {
    self.cap = Double(max(cap, 1))
    size = min(Self.initial, self.cap)
  }

  /// How many may be in flight now.
  var limit: Int { Int(min(size, cap)) }

  /// Counts a query sent; returns its number, to hand back with its outcome.
  mutating func send() -> UInt64 {
    sent += 1
    return sent
  }

  /// An answer to query `number` after `roundTrip` nanoseconds, with `inFlight` queries out.
  mutating func answered(_ number: UInt64, roundTrip: UInt64, inFlight: Int) {
    let roundTrip = max(roundTrip, 1)
    base = min(base, roundTrip)
    roundLowest = min(roundLowest, roundTrip)
    roundBusiest = max(roundBusiest, inFlight)
    guard number > roundEnd else { return }
    let queued = size * (1 - Double(base) / Double(roundLowest))
    if queued > Self.highQueue {
      size = max(size - (queued - Self.highQueue), min(Self.minimum, cap))
    } else if queued < Self.lowQueue, Double(roundBusiest) >= size / 2 {
      size = min(size * 2, cap)
    }
    roundEnd = sent
    roundLowest = .max
    roundBusiest = inFlight
  }

  /// Query `number` got no answer in time: halve, once for all the losses of one round.
  mutating func lost(_ number: UInt64) {
    guard number > reducedAt else { return }
    size = max(size / 2, min(Self.minimum, cap))
    reducedAt = sent
  }
}
