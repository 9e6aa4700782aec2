/// When a UDP query with no answer yet is sent again: TCP's retransmission timer (RFC 6298)
/// over one server's round trips.
///
/// A datagram the network or a full socket buffer lost would otherwise hold its question for
/// the whole try (`--timeout`, 2 s by default) while the answer normally comes in a
/// millisecond on loopback or 20–80 ms over the Internet. So a query is sent again, with the
/// same id on the same socket, after `smoothed + 4 × variation` of the server's round trips,
/// and again after twice that each time, until the try's timeout ends it as before. Either
/// copy's answer is the answer; a loss costs about one timeout of this timer, not a try.
///
/// The delay is at least `minimum` (a local recursive resolver answers from its cache in
/// microseconds and from the Internet in tens of milliseconds, and a near server's thread can
/// wait for a core: a tighter timer would resend what is merely slow), and rounded up to a
/// power of two milliseconds, so the I/O thread's timers keep a few lanes (`TimerQueue`).
/// Before the first answer it is `initial`, as RFC 6298 starts. Round trips of a query that
/// was sent again are not taken (Karn's rule: which copy was answered is unknown).
struct RetransmitTimer {
  /// Nanoseconds before the first answer from the server.
  static let initial: UInt64 = 1_000_000_000
  /// The shortest delay (nanoseconds): 128 ms.
  static let minimum: UInt64 = 128_000_000

  private var smoothed: Double?
  private var variation = 0.0

  /// Takes the round trip (nanoseconds) of a query answered without being sent again.
  mutating func answered(roundTrip: UInt64) {
    let sample = Double(roundTrip)
    guard let smoothed else {
      smoothed = sample
      variation = sample / 2
      return
    }
    variation = 0.75 * variation + 0.25 * abs(smoothed - sample)
    self.smoothed = 0.875 * smoothed + 0.125 * sample
  }

  /// Nanoseconds to wait for an answer before the first resend.
  var delay: UInt64 {
    guard let smoothed else { return Self.initial }
    let wanted = max(UInt64((smoothed + 4 * variation).rounded(.up)), Self.minimum)
    return Self.roundedUp(wanted)
  }

  /// `nanoseconds` rounded up to a power of two milliseconds (at most about 73 years).
  static func roundedUp(_ nanoseconds: UInt64) -> UInt64 {
    var milliseconds: UInt64 = 1
    while milliseconds * 1_000_000 < nanoseconds, milliseconds < 1 << 40 { milliseconds <<= 1 }
    return milliseconds * 1_000_000
  }
}
