/// How many queries one server may have in flight right now, below the `--max-inflight` cap.
///
/// A server with default socket buffers (Knot, Unbound: about 200 KB, a few hundred small
/// datagrams) drops most of a burst of a thousand queries, and each dropped query waits for its
/// resend (`RetransmitTimer`: 128 ms or more). So the window is steered by the round-trip time, as
/// TCP Vegas steers a connection: the lowest round trip seen (`base`) is the path without queues;
/// the lowest of the last round, against it, tells how many of ours wait in a queue somewhere
/// (`window × (1 − base ÷ lowest)`). While fewer than `lowQueue` wait and the window was used, it
/// doubles each round (a round: until a query sent after it began is answered); beyond `highQueue`
/// it gives back the excess. A try that times out, or a query to a near server that had to be sent
/// again, halves it, once per round.
///
/// Over a path with real latency (20–80 ms) nothing queues, and the window grows to the cap
/// in a few round trips; on loopback to one server thread it stays at a few dozen, which is
/// all that server can use.
///
/// A round whose answers took less than `nearRoundTrip` on average (a server on loopback or a LAN
/// that answers from memory) does not grow the window past `nearLimit`: 128 queries out at 5 ms is
/// still 25,600 a second, and on a machine whose cores it shares, a burst larger than its socket
/// buffer holds (about 250 small datagrams) arrives while its thread waits for a core, and is
/// dropped. The doubling reached 256 and more before the queue showed: in a third of the batches on
/// loopback about a hundred queries were lost, and each held its domain for a `--timeout` (before
/// queries were sent again within a try). The round's average decides, not the fastest answer ever
/// nor the slowest of the round: a local recursive resolver answers from its cache at once but
/// takes tens of milliseconds for the rest, and needs the whole window for those, while a near
/// server's thread that waited for a core delays a few answers by milliseconds (with 1 ms instead
/// of 5, two in 25 batches of 300 domains on loopback still lost queries).
///
/// A recursive resolver (its answers carry RA; also an authoritative server that recurses) is
/// not steered by its round trips. How long it takes says how far upstream it had to ask for a
/// name, not how many of ours wait in its queue: read as a queue, a round of names it had not
/// cached took the window down to a few dozen, and 3,000 domains through a local Unbound with a
/// cold cache took 57–79 s instead of 9–11 s. So its window doubles each round it was used, up
/// to the cap (and the near limit below while it answers from memory), is halved by a loss as
/// any server's, and grows again only from the round after the loss. In effect the cap paces
/// it: its rounds are short, since any answer from its cache to a newer query ends one.
///
/// The default cap (`excludesWire`) bounds what the server holds, as a resolver's
/// `num-queries-per-thread` does, not what is on the way there and back: the queries a round
/// trip of the lowest time holds at the rate answers arrive (`answered × base ÷ round`) come on
/// top, up to three caps more (`wireCaps`). At 80 ms almost all of them are on the wire; on
/// loopback, or when answers take long because the server works on them, almost none are. The
/// estimate moves halfway up toward a round's count and an eighth of the way down (a batch asks
/// in waves, and the rounds between them say little of the wire), and shrinks with the lowest
/// round trip as a faster one is seen: until then it counts slow answers (a recursive
/// resolver's first ones, before one comes from its cache) as the wire. A cap given with
/// `--max-inflight` bounds everything in flight.
struct CongestionWindow {
  /// The window at the start: more than one domain's first wave of questions.
  static let initial = 64.0
  /// It never shrinks below this (or the cap).
  static let minimum = 8.0
  /// How many caps the queries on the wire may count for at most (`excludesWire`). Far away,
  /// a batch's answers come in bursts: with one cap (2,048 in flight by default) the window
  /// was full at 80 ms while two cores had time left. The estimate follows the rounds' answer
  /// rates, so it only grows this far where that many are on the wire; this bounds a wrong one.
  static let wireCaps = 3.0
  /// Queries waiting in queues below which the window grows, and above which it shrinks.
  static let lowQueue = 16.0
  static let highQueue = 48.0
  /// The average round trip of a round (nanoseconds) below which the round counts as near,
  /// and the most a near round grows the window to.
  static let nearRoundTrip: UInt64 = 5_000_000
  static let nearLimit = 128.0

  let cap: Double
  /// Whether the queries on the wire come on top of the cap.
  let excludesWire: Bool
  private(set) var size: Double
  /// Queries on the wire, as the last rounds showed (0 unless `excludesWire`).
  private(set) var wire = 0.0
  /// Queries sent so far; each send's number says which round it belongs to.
  private(set) var sent: UInt64 = 0
  private var base = UInt64.max
  private var roundLowest = UInt64.max
  private var roundTotal: UInt64 = 0
  private var roundBusiest = 0
  private var roundEnd: UInt64 = 0
  private var reducedAt: UInt64 = 0
  private var roundStart: UInt64 = 0
  private var roundAnswers = 0
  /// The server offers recursion (its answers carry RA).
  private(set) var isRecursive = false

  init(cap: Int, excludesWire: Bool = false) {
    self.cap = Double(max(cap, 1))
    self.excludesWire = excludesWire
    size = min(Self.initial, self.cap)
  }

  /// The cap with the queries on the wire; the window itself may grow to the cap and
  /// `wireCaps` more, so a round with fewer questions on the wire does not shrink it.
  var ceiling: Double { cap + wire }

  /// How many may be in flight now.
  var limit: Int { Int(min(size, ceiling)) }

  /// Counts a query sent; returns its number, to hand back with its outcome.
  mutating func send() -> UInt64 {
    sent += 1
    return sent
  }

  /// An answer to query `number` after `roundTrip` nanoseconds, with `inFlight` queries out,
  /// at `now` (monotonic nanoseconds).
  mutating func answered(
    _ number: UInt64, roundTrip: UInt64, inFlight: Int, at now: UInt64, recursive: Bool = false
  ) {
    if recursive { isRecursive = true }
    let roundTrip = max(roundTrip, 1)
    if roundTrip < base {
      // The wire was counted at the rate answers came times the old lowest round trip: a
      // faster one says less of that was on the wire (a recursive resolver's first answers
      // are its slow ones; its cache answers at once).
      if base != .max { wire = (wire * Double(roundTrip) / Double(base)).rounded(.down) }
      base = roundTrip
    }
    roundLowest = min(roundLowest, roundTrip)
    roundTotal &+= roundTrip
    roundBusiest = max(roundBusiest, inFlight)
    roundAnswers += 1
    guard number > roundEnd else { return }
    if excludesWire, roundStart > 0, now > roundStart {
      // Halfway up, an eighth of the way down: a round with fewer questions asked is not a
      // shorter wire. A batch asks in waves (each domain's first round is thirty questions),
      // so at 80 ms one round's answers were a tenth of the next one's; moved halfway toward
      // each sparse round, the estimate held the window at two thirds of its ceiling while
      // queries waited for it.
      let onWire = Double(roundAnswers) * Double(base) / Double(now - roundStart)
      let next = onWire >= wire ? (wire + onWire) / 2 : wire - (wire - onWire) / 8
      wire = min(next, Self.wireCaps * cap).rounded(.down)
    }
    let used = min(size, ceiling)
    // A recursive resolver's answer times say how far upstream it asked, not how many of ours
    // wait: no queue is read from them. A loss holds it at least for the round after (its
    // rounds are short: any answer from its cache to a newer query ends one).
    let queued = isRecursive ? 0 : used * (1 - Double(base) / Double(roundLowest))
    if queued > Self.highQueue {
      size = max(used - (queued - Self.highQueue), min(Self.minimum, cap))
    } else if queued < Self.lowQueue, Double(roundBusiest) >= used / 2,
      !isRecursive || roundEnd >= reducedAt
    {
      var most = excludesWire ? (1 + Self.wireCaps) * cap : cap
      if roundTotal / UInt64(roundAnswers) < Self.nearRoundTrip {
        most = min(most, max(Self.nearLimit, used))
      }
      size = min(used * 2, most)
    }
    roundEnd = sent
    roundLowest = .max
    roundTotal = 0
    roundBusiest = inFlight
    roundStart = now
    roundAnswers = 0
  }

  /// Query `number` got no answer in time: halve what is allowed in flight, once for all the
  /// losses of one round. The wire estimate is halved too: it reads every answer that took
  /// about the fastest round trip as one on the wire, so a near server that is slow (its
  /// fastest answers take long) looks far away, and a loss says the server had too many.
  mutating func lost(_ number: UInt64) {
    guard number > reducedAt else { return }
    size = max(min(size, ceiling) / 2, min(Self.minimum, cap))
    wire = (wire / 2).rounded(.down)
    reducedAt = sent
  }
}
