import DNSTestSupport
import SenderAuthCore
import Testing

@testable import SenderAuthRules

/// The policy text a fix proposes and its one-line form in the fix's explanation.
@Suite struct MTASTSPolicyTextTests {
  @Test func thePolicyIsItsLinesEndingInCRLF() {
    for mx in [[], ["mail.example.com"], ["mx1.example.com", "*.example.net", "ü.example"]] {
      let lines = ["version: STSv1", "mode: testing"] + mx.map { "mx: \($0)" } + ["max_age: 86400"]
      #expect(
        MTASTSPolicy.text(mode: .testing, mx: mx, maxAge: 86_400)
          == lines.joined(separator: "\r\n") + "\r\n")
      #expect(
        MTASTSPolicy(text: MTASTSPolicy.text(mode: .enforce, mx: mx, maxAge: 1)).mode == .enforce)
    }
  }

  /// One line per line of the policy, joined by " | ": read over octets, as the split over
  /// characters (CRLF one character, so a CR elsewhere stays) read it, for texts from a fixed
  /// seed with CRs, LFs, accents and combining marks anywhere.
  @Test func theShownPolicyJoinsItsLines() {
    var random = SeededRandom(seed: 0x575_0001)
    let pieces = ["\r\n", "\n", "\r", "mx: a", " ", "é", "e\u{301}", "\u{301}", "|", "x"]
    for _ in 0..<3_000 {
      let text = (0..<random.below(12)).map { _ in random.pick(pieces) }.joined()
      let expected = text.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" })
        .joined(separator: " | ")
      #expect(MTASTSRuleSupport.shownPolicy(text) == expected, "\(Array(text.utf8))")
    }
  }
}
