import DNSLookup
import DNSTestSupport
import SenderAuthCore
import Testing

@Suite struct DKIMSelectorsTests {
  @Test func commonListHoldsTheIssueSelectors() {
    let expected = [
      "google", "selector1", "selector2", "s1", "s2", "m1", "k1", "k2", "k3", "hs1", "hs2",
      "mailjet", "mte1", "mte2", "mandrill", "brevo1", "brevo2", "zendesk1", "zendesk2", "zmail",
      "default", "dkim", "mail", "smtp",
    ]
    #expect(DKIMSelectors.common == expected)
  }

  @Test func givenComeFirstAndDuplicatesKeepTheirFirstSource() {
    let candidates = DKIMSelectors.candidates(
      given: ["S1", "mx2024", "mx2024._domainkey"], esp: ["s1", "brevo1"])
    #expect(candidates.prefix(3).map(\.selector) == ["s1", "mx2024", "brevo1"])
    #expect(candidates.prefix(3).map(\.source) == [.given, .given, .esp])
    #expect(candidates.filter { $0.selector == "s1" }.count == 1)
    // s1 and brevo1 are in the common list too: each is probed once.
    #expect(candidates.count == 3 + DKIMSelectors.common.count - 2)
  }

  @Test func pastedSelectorNamesAreReducedToTheSelector() throws {
    let domain = try DomainName("example.com")
    #expect(DKIMSelectors.normalized("S1._domainkey.example.com.", domain: domain) == "s1")
    #expect(DKIMSelectors.normalized("s1._domainkey", domain: domain) == "s1")
    #expect(DKIMSelectors.normalized("mx.2024", domain: domain) == "mx.2024")
    #expect(
      DKIMSelectors.normalized("s1._domainkey.other.example", domain: domain)
        == "s1._domainkey.other.example")
    #expect(DKIMSelectors.normalized("._domainkey", domain: domain) == "._domainkey")
  }

  @Test(arguments: [
    ("s1", true), ("20230601pm", true), ("mx.2024", true), ("sel_1", true), ("", false),
    ("-a", false), ("a-", false), ("a..b", false), ("a b", false), ("ä", false),
  ])
  func validatesSelectorNames(selector: String, valid: Bool) {
    #expect(DKIMSelectors.isValidSelector(selector) == valid)
  }

  /// The one-pass check against the grammar spelled out label by label, from a fixed seed:
  /// dots, hyphens at label ends, other characters, labels of 63 and 64 octets, names of 200
  /// and 201.
  @Test func selectorCheckMatchesTheGrammarLabelByLabel() {
    func grammar(_ selector: String) -> Bool {
      guard !selector.isEmpty, selector.utf8.count <= 200 else { return false }
      return selector.split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
        label in
        guard let first = label.first, let last = label.last, label.utf8.count <= 63 else {
          return false
        }
        return first != "-" && last != "-"
          && label.allSatisfy {
            ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "_"
          }
      }
    }
    var random = SeededRandom(seed: 6376)
    func next(_ bound: Int) -> Int { random.below(bound) }
    let pieces = [
      "a", "Z", "9", "-", "_", ".", ".", " ", "ä", "=",
      String(repeating: "x", count: 62), String(repeating: "y", count: 63),
      String(repeating: "k.", count: 70),
    ]
    for _ in 0..<5000 {
      let selector = (0..<next(7)).map { _ in pieces[next(pieces.count)] }.joined()
      #expect(DKIMSelectors.isValidSelector(selector) == grammar(selector), "\(selector)")
    }
    let long = Array(repeating: "abcd", count: 40).joined(separator: ".")  // 199 octets
    #expect(DKIMSelectors.isValidSelector(long) && !DKIMSelectors.isValidSelector(long + "ab"))
  }

  @Test func recognisesBothMicrosoft365TargetForms() throws {
    let legacy = try DomainName("selector1-contoso-com._domainkey.contoso.onmicrosoft.com")
    #expect(
      DKIMSelectors.microsoft365Target(legacy)
        == DKIMSelectors.Microsoft365Target(
          selector: "selector1", dashedDomain: "contoso-com", tenant: "contoso"))
    let current = try DomainName(
      "selector2-contoso-com._domainkey.contoso.r-v1.dkim.mail.microsoft")
    #expect(
      DKIMSelectors.microsoft365Target(current)
        == DKIMSelectors.Microsoft365Target(
          selector: "selector2", dashedDomain: "contoso-com", tenant: "contoso"))
    #expect(
      DKIMSelectors.microsoft365Target(try DomainName("s1.domainkey.u1.wl1.sendgrid.net")) == nil)
    #expect(DKIMSelectors.dashed(try DomainName("mail.contoso.com")) == "mail-contoso-com")
  }
}
