import Testing

@testable import DNSLookup

/// When an unanswered UDP query goes out again (RFC 6298's timer over a server's round trips).
@Suite struct RetransmitTimerTests {
  static let millisecond: UInt64 = 1_000_000

  @Test func beforeTheFirstAnswerItWaitsOneSecond() {
    #expect(RetransmitTimer().delay == 1_000 * Self.millisecond)
  }

  @Test func aNearServerIsGivenTheMinimum() {
    var timer = RetransmitTimer()
    for _ in 0..<50 { timer.answered(roundTrip: 300_000) }
    #expect(timer.delay == RetransmitTimer.minimum)
    #expect(RetransmitTimer.minimum == 128 * Self.millisecond)
  }

  @Test func aFarServerIsGivenItsRoundTripAndFourTimesItsVariation() {
    var timer = RetransmitTimer()
    // 80 ms, steady: the variation decays and the delay rounds 80 ms up to 128.
    for _ in 0..<200 { timer.answered(roundTrip: 80 * Self.millisecond) }
    #expect(timer.delay == 128 * Self.millisecond)
    // Alternating 80 and 240 ms: smoothed about 160, variation about 80, so about 480 → 512.
    for index in 0..<200 {
      timer.answered(roundTrip: (index % 2 == 0 ? 80 : 240) * Self.millisecond)
    }
    #expect(timer.delay == 512 * Self.millisecond)
  }

  @Test func theFirstAnswerSetsTheVariationToHalfOfIt() {
    var timer = RetransmitTimer()
    // 100 ms, variation 50: 100 + 4 × 50 = 300 → 512.
    timer.answered(roundTrip: 100 * Self.millisecond)
    #expect(timer.delay == 512 * Self.millisecond)
  }

  @Test func delaysAreRoundedUpToPowersOfTwoMilliseconds() {
    #expect(RetransmitTimer.roundedUp(1) == Self.millisecond)
    #expect(RetransmitTimer.roundedUp(128 * Self.millisecond) == 128 * Self.millisecond)
    #expect(RetransmitTimer.roundedUp(128 * Self.millisecond + 1) == 256 * Self.millisecond)
    #expect(RetransmitTimer.roundedUp(.max) == (1 << 40) * Self.millisecond)
  }
}
