/// When a UDP query with no answer yet is sent again: TCP's retransmission timer (RFC 6298)
/// over one server's round trips.
///
/// A datagram the network or a full socket buffer lost would otherwise hold its question for
/// the whole try (`--timeout`, 2 s by default) while the answer normally comes in a
/// millisecond on loopback or 20–80 ms over the Internet. So a query is sent again, with the
/// same id on the same socket, after `smoothed + 4 × variation` of the server's round trips
/// (with the lower bounds below), and again after twice that each time, until the try's
/// timeout ends it as before. Either copy's answer is the answer; a loss costs about one delay
/// of this timer, not a try.
///
/// The delay is at least `minimum` (a near server's thread can wait for a core, and a
/// resolver that recurses answers from its cache in microseconds but from the Internet in
/// tens of milliseconds: a tighter timer would resend what is merely slow) and twice the
/// smoothed round trip (a steady path far away has little variation, and a queue on it
/// delays a burst of answers by tens of milliseconds: at 80 ms through the bench's proxy,
/// 0.2–0.8 % of the queries were sent again though none was lost, none with this bound), and
/// rounded up to a power of two milliseconds, so the I/O thread's timers keep a few lanes
/// (`TimerQueue`).
/// Before the first answer it is `initial`, about the second RFC 6298 starts with.
///
/// Karn's rule: the round trip of a query that was sent again is not taken (which copy was
/// answered is unknown), and a resend doubles the delay for the server's later queries too (up
/// to `maximumBackoff` times), until a query sent after the last doubling is answered without a
/// resend. The queries of one burst are lost together: the delay doubles once for the resends
/// of queries sent before the last doubling, as the congestion window halves once a round. So a
/// server that became slower than the timer (a path that changed, a server overloaded) is not
/// sent every query twice: the delay grows until answers come before it, and those measure the
/// new round trip. A resolver that recurses answers the names it has cached at once, which ends
/// the backoff: its answers that take longer than the delay (names it must look up, through
/// CNAME chains) are sent again, and it answers the copies as one query.
struct RetransmitTimer {
  /// Nanoseconds before the first answer from the server.
  static let initial: UInt64 = 1_024_000_000
  /// The shortest delay (nanoseconds): 128 ms.
  static let minimum: UInt64 = 128_000_000
  /// The most a run of resends multiplies the delay by.
  static let maximumBackoff: UInt64 = 64

  private var smoothed: Double?
  private var variation = 0.0
  private var backoff: UInt64 = 1
  /// The last send number when the delay was last doubled.
  private var backedOffAt: UInt64 = 0

  /// Takes the round trip (nanoseconds) of query `number`, answered without being sent
  /// again. One sent after the delay last doubled ends the backoff (RFC 6298 §5.7: the first
  /// new measurement); an answer to an older query only says the server was still answering
  /// then.
  mutating func answered(_ number: UInt64, roundTrip: UInt64) {
    if number > backedOffAt { backoff = 1 }
    let sample = Double(roundTrip)
    guard let smoothed else {
      smoothed = sample
      variation = sample / 2
      return
    }
    variation = 0.75 * variation + 0.25 * abs(smoothed - sample)
    self.smoothed = 0.875 * smoothed + 0.125 * sample
  }

  /// Query `number` (its send number, `CongestionWindow.send`) was sent again with `latest`
  /// the last number sent: later ones wait twice as long before theirs, unless the delay
  /// doubled since the query was sent.
  mutating func resent(_ number: UInt64, latest: UInt64) {
    guard number > backedOffAt else { return }
    backoff = min(backoff * 2, Self.maximumBackoff)
    backedOffAt = latest
  }

  /// The smoothed round trip (nanoseconds), nil before the first answer.
  var roundTrip: UInt64? { smoothed.map { UInt64(min($0, 1e18)) } }

  /// Nanoseconds to wait for an answer before the first resend.
  var delay: UInt64 {
    guard let smoothed else { return Self.initial * backoff }
    let wanted = UInt64(min(max(smoothed + 4 * variation, 2 * smoothed).rounded(.up), 1e18))
    return Self.roundedUp(max(wanted, Self.minimum)) * backoff
  }

  /// `nanoseconds` rounded up to a power of two milliseconds (at most 2⁴⁰ ms).
  static func roundedUp(_ nanoseconds: UInt64) -> UInt64 {
    var milliseconds: UInt64 = 1
    while milliseconds * 1_000_000 < nanoseconds, milliseconds < 1 << 40 { milliseconds <<= 1 }
    return milliseconds * 1_000_000
  }
}
