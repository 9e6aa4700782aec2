import DNSTestSupport
import SenderAuthCore
import Testing

/// `SPFLookupTree.evaluatedIndices(of:)` walks the record's terms without an array of them;
/// it must give what the array did: directives up to and including the first `all`, then the
/// first `redirect` when there is no `all` (RFC 7208 §5.1, §6.1).
@Suite("SPF evaluated terms")
struct SPFEvaluatedIndicesTests {
  /// The former array form, kept as the reference.
  static func reference(_ record: SPFRecord) -> [Int] {
    var indices: [Int] = []
    var redirect: Int?
    for index in record.terms.indices {
      switch record.terms[index].kind {
      case .directive(let directive):
        indices.append(index)
        if case .all = directive.mechanism { return indices }
      case .modifier(let modifier):
        if redirect == nil, modifier.kind == .redirect { redirect = index }
      }
    }
    if let redirect { indices.append(redirect) }
    return indices
  }

  static func check(_ text: String) throws {
    let record = SPFParser.parse(text).record
    let evaluated = SPFLookupTree.evaluatedIndices(of: record)
    let expected = reference(record)
    #expect(Array(evaluated) == expected, "\(text)")
    for index in record.terms.indices {
      #expect(evaluated.contains(index) == expected.contains(index), "\(text), term \(index)")
    }
    #expect(
      SPFLookupTree.evaluatedTerms(of: record).map(\.text) == expected.map { record.terms[$0].text }
    )
  }

  @Test(
    "hand cases: all, redirect before and after directives, redirect beside all, none",
    arguments: [
      "v=spf1",
      "v=spf1 -all",
      "v=spf1 a mx include:_spf.example.net ~all",
      "v=spf1 a -all mx include:x.example",
      "v=spf1 redirect=_spf.example.net",
      "v=spf1 redirect=_spf.example.net a mx",
      "v=spf1 a redirect=one.example redirect=two.example",
      "v=spf1 redirect=_spf.example.net -all",
      "v=spf1 exp=explain.example a redirect=r.example exp=again.example",
      "v=spf1 ip4:192.0.2.0/24 ?all redirect=r.example",
    ])
  func handCases(text: String) throws { try Self.check(text) }

  @Test("random records from a fixed seed match the former array form")
  func random() throws {
    var random = SeededRandom(seed: 0x5BF_1DE5)
    let terms = [
      "a", "mx", "ptr", "-all", "~all", "?all", "+all", "include:i.example", "exists:e.example",
      "ip4:192.0.2.1", "ip6:2001:db8::1", "redirect=r.example", "redirect=s.example",
      "exp=x.example", "unknown=value",
    ]
    for _ in 0..<500 {
      let count = random.below(8)
      let text = (["v=spf1"] + (0..<count).map { _ in terms[random.below(terms.count)] })
        .joined(separator: " ")
      try Self.check(text)
    }
  }
}
