import DNSTestSupport
import Testing

@testable import SenderAuthRules

/// `ip4:` ranges of /8 or wider and `ip6:` ranges of /16 or wider count as `+all`.
@Suite struct OverlyBroadRangeTests {
  @Test(arguments: [
    ("ip4:0.0.0.0/0", true), ("+IP4:10.0.0.0/8", true), ("ip4:10.0.0.0/9", false),
    ("~ip6:::/0", true), ("Ip6:2001:db8::/16", true), ("ip6:2001:db8::/17", false),
    ("ip4:192.0.2.1", false), ("include:ip4.example", false), ("ip5:0.0.0.0/0", false),
    ("ip4:0.0.0.0/-1", false), ("a:ip4:x/8", false), ("", false), ("+", false),
    ("ip4:\u{301}0.0.0.0/0", false), ("ip4:\u{600}/8", false), ("ip4:é/8", false),
  ])
  func rangesAsWideAsAll(text: String, broad: Bool) {
    #expect(SPFRuleSupport.isOverlyBroad(text) == broad)
  }

  /// Read as octets, the check agrees with the text lower-cased first (as it was written
  /// before) for ASCII terms, from a fixed seed: case, qualifiers, signs and zeros in the
  /// prefix. A term with a non-ASCII character (the Kelvin sign, which lower-cases to `k`;
  /// dotted capital I; a combining mark that joins `:`; U+0600, which joins the `/` after it)
  /// is never a range.
  @Test func octetReadingMatchesLowerCasedText() {
    func lowerCased(_ text: String) -> Bool {
      var lower = Substring(text.lowercased())
      if let first = lower.first, "+-~?".contains(first) { lower = lower.dropFirst() }
      let limit: Int
      if lower.hasPrefix("ip4:") {
        limit = 8
      } else if lower.hasPrefix("ip6:") {
        limit = 16
      } else {
        return false
      }
      guard let slash = lower.lastIndex(of: "/"),
        let prefix = Int(lower[lower.index(after: slash)...])
      else { return false }
      return prefix >= 0 && prefix <= limit
    }
    var random = SeededRandom(seed: 7208)
    func next(_ bound: Int) -> Int { random.below(bound) }
    let pieces = [
      "ip4:", "IP6:", "iP4", ":", "+", "~", "-", "?", "/", "0", "8", "16", "+8", "08", "1.2.3.4",
      "::", "\u{212A}", "\u{130}p4:", "x", "\u{301}", "\u{600}",
    ]
    for _ in 0..<5000 {
      let text = (0..<next(6)).map { _ in pieces[next(pieces.count)] }.joined()
      let expected = text.utf8.allSatisfy { $0 < 0x80 } && lowerCased(text)
      #expect(SPFRuleSupport.isOverlyBroad(text) == expected, "\(text)")
    }
  }
}
