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
}
