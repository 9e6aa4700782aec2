import Testing

@testable import DNSLookup

/// When an unanswered UDP query goes out again (RFC 6298's timer over a server's round trips).
@Suite struct RetransmitTimerTests {
  static let millisecond: UInt64 = 1_000_000

  @Test func beforeTheFirstAnswerItWaitsAboutOneSecond() {
    #expect(RetransmitTimer().delay == 1_024 * Self.millisecond)
  }

  @Test func aNearServerIsGivenTheMinimum() {
    var timer = RetransmitTimer()
    for number in 1...50 { timer.answered(UInt64(number), roundTrip: 300_000) }
    #expect(timer.delay == RetransmitTimer.minimum)
    #expect(RetransmitTimer.minimum == 128 * Self.millisecond)
  }

  @Test func aFarServerIsGivenTwiceItsRoundTripOrItPlusFourTimesItsVariation() {
    var timer = RetransmitTimer()
    // 80 ms, steady: the variation decays, and twice the round trip (160 ms) rounds up to 256.
    for number in 1...200 { timer.answered(UInt64(number), roundTrip: 80 * Self.millisecond) }
    #expect(timer.delay == 256 * Self.millisecond)
    // Alternating 80 and 240 ms: smoothed about 160, variation about 80, so about 480 → 512.
    for index in 0..<200 {
      timer.answered(UInt64(index), roundTrip: (index % 2 == 0 ? 80 : 240) * Self.millisecond)
    }
    #expect(timer.delay == 512 * Self.millisecond)
  }

  @Test func theFirstAnswerSetsTheVariationToHalfOfIt() {
    var timer = RetransmitTimer()
    // 100 ms, variation 50: 100 + 4 × 50 = 300 → 512.
    timer.answered(1, roundTrip: 100 * Self.millisecond)
    #expect(timer.delay == 512 * Self.millisecond)
  }

  /// Karn's rule: a resend doubles the delay for later queries too, up to 64 times, until a
  /// query is answered without one; the resends of one burst double it once.
  @Test func resendsBackOffUntilAnAnswerWithoutOne() {
    var timer = RetransmitTimer()
    for number in 1...50 { timer.answered(UInt64(number), roundTrip: 300_000) }
    // Queries 1–100 went out; 10 of them are sent again: one doubling.
    for number in stride(from: 1, through: 100, by: 10) {
      timer.resent(UInt64(number), latest: 100)
    }
    #expect(timer.delay == 256 * Self.millisecond)
    // A query sent after it is sent again: the next doubling.
    timer.resent(101, latest: 120)
    #expect(timer.delay == 512 * Self.millisecond)
    for number in 121..<140 { timer.resent(UInt64(number), latest: UInt64(number)) }
    #expect(timer.delay == 64 * 128 * Self.millisecond)
    // An answer to a query sent before the last doubling does not end it; one sent after does.
    timer.answered(130, roundTrip: 300_000)
    #expect(timer.delay == 64 * 128 * Self.millisecond)
    timer.answered(140, roundTrip: 300_000)
    #expect(timer.delay == 128 * Self.millisecond)
    // Before any answer too.
    var fresh = RetransmitTimer()
    fresh.resent(1, latest: 1)
    #expect(fresh.delay == 2_048 * Self.millisecond)
  }

  @Test func delaysAreRoundedUpToPowersOfTwoMilliseconds() {
    #expect(RetransmitTimer.roundedUp(1) == Self.millisecond)
    #expect(RetransmitTimer.roundedUp(128 * Self.millisecond) == 128 * Self.millisecond)
    #expect(RetransmitTimer.roundedUp(128 * Self.millisecond + 1) == 256 * Self.millisecond)
    #expect(RetransmitTimer.roundedUp(.max) == (1 << 40) * Self.millisecond)
  }
}
