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

  /// One line per line of the policy, joined by " | ", empty lines left out (LF or CRLF).
  @Test func theShownPolicyJoinsItsLines() {
    let policy = MTASTSPolicy.text(mode: .testing, mx: ["mx1.example", "*.example.net"], maxAge: 7)
    #expect(
      MTASTSRuleSupport.shownPolicy(policy)
        == "version: STSv1 | mode: testing | mx: mx1.example | mx: *.example.net | max_age: 7")
    #expect(MTASTSRuleSupport.shownPolicy("a\nb\r\n\r\nc\n") == "a | b | c")
  }

  /// Split as octets, the shown policy is what splitting its characters at LF and CRLF gives,
  /// from a fixed seed: lone CRs, CR before CRLF, LF before CR, combining marks after line
  /// ends, and text that is no policy.
  @Test func theShownPolicySplitsAsItsCharactersDo() {
    var random = SeededRandom(seed: 8461)
    let pieces = ["\r", "\n", "\r\n", "a", "mx: x", "\u{301}", "é", " ", "|", "\u{1F600}"]
    for _ in 0..<5000 {
      let text = (0..<random.below(8)).map { _ in pieces[random.below(pieces.count)] }.joined()
      let expected = text.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" })
        .joined(separator: " | ")
      #expect(MTASTSRuleSupport.shownPolicy(text) == expected, "\(text.debugDescription)")
    }
  }
}
