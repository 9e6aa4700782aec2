import DNSLookup
import DNSTestSupport
import Foundation
import Testing

@testable import SenderAuthCore

@Suite struct DMARCParserTests {
  /// ASCII text without CR is read octet by octet; from a fixed seed, records built from the
  /// pieces that matter to the grammar read the same as Character by Character.
  @Test func octetsReadLikeCharacters() {
    var generator = SeededRandom(seed: 9989)
    let versions = ["v=DMARC1", "v = DMARC1", "v\t=DMARC1 ", "V=DMARC1", "v=DMARC1x", ""]
    let pieces = [
      ";", ";", " ", "\t", "=", "p=", "reject", "none", "sp=",
      "rua=", "mailto:a@example.com", ",", "https://r.example/x", "!10m", "fo=0:d", "pct=50",
      "P=", "x", "\u{0B}", "\n", ":", "adkim=s", "ruf=mailto:", "@", "!",
    ]
    for _ in 0..<3000 {
      let count = Int.random(in: 0...12, using: &generator)
      let text =
        (versions.randomElement(using: &generator) ?? "")
        + (0..<count).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
      let octets = DMARCParser.parse(
        Array(text.utf8), text: text, owner: nil, origin: nil)
      let characters = DMARCParser.parse(Array(text), text: text, owner: nil, origin: nil)
      #expect(octets == characters, "\(text.debugDescription)")
      #expect(DMARCParser.isDMARC(text) == (characters != nil))
    }
  }

  /// A report URI of printable ASCII is read octet by octet; from a fixed seed, URIs built
  /// from the pieces that matter (schemes, `@`, `!` sizes, authorities, ports, characters a
  /// URI may not hold) read the same as character by character.
  @Test func printableReportURIsReadLikeCharacters() {
    var generator = SeededRandom(seed: 9990)
    let pieces = [
      "mailto:", "MailTo:", "https:", "x+1.-:", "1a:", ":", "//", "/", "@", "@@", "a", "dmarc",
      "example.com", "r.example.net", "?", "#", ":8080", "!", "!10", "!10m", "!5K", "!x", "!10mm",
      "<", "|", ",", "%20", ".", "..", "-", "Z", "9",
    ]
    for _ in 0..<5000 {
      let count = Int.random(in: 0...7, using: &generator)
      let text = (0..<count).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
      let offset = Int.random(in: 0...40, using: &generator)
      #expect(
        DMARCParser.reportURI(Array(text.utf8), offset: offset)
          == DMARCParser.reportURI(Array(text), offset: offset), "\(text)")
    }
  }

  /// Every printable ASCII character at the scheme's start, inside it, in a mailto host and
  /// after a `!` size reads the same both ways (the octet reading's letter test among them).
  @Test func everyPrintableCharacterInAReportURIReadsLikeCharacters() {
    let templates = [
      "#mailto:a@b.example", "m#ailto:a@b.example", "mailto:a@b#.example", "mailto:a#@b.example",
      "https://r.example/x!1#", "https://u#@r.example:8/", "x#:y",
    ]
    for octet in UInt8(0x21)...0x7e {
      let character = String(UnicodeScalar(octet))
      for template in templates {
        let text = template.replacingOccurrences(of: "#", with: character)
        #expect(
          DMARCParser.reportURI(Array(text.utf8), offset: 3)
            == DMARCParser.reportURI(Array(text), offset: 3), "\(text)")
      }
    }
  }

  @Test func readsEveryRFC9989Tag() throws {
    let record = try #require(
      DMARCParser.parse(
        "v=DMARC1; p=reject; sp=quarantine; np=reject; adkim=s; aspf=s; "
          + "rua=mailto:a@example.com; ruf=mailto:f@example.com; fo=0:d; psd=n; t=y"))
    #expect(record.policy == .reject)
    #expect(record.subdomainPolicy == .quarantine)
    #expect(record.nonexistentPolicy == .reject)
    #expect(record.dkimAlignment == .strict)
    #expect(record.spfAlignment == .strict)
    #expect(record.aggregateReportURIs.map(\.uri) == ["mailto:a@example.com"])
    #expect(record.failureReportURIs.first?.host?.text == "example.com")
    #expect(record.failureReportingOptions == ["0", "d"])
    #expect(record.publicSuffixFlag == .no)
    #expect(record.testing)
    #expect(record.issues.isEmpty)
    #expect(record.unknownTerms.isEmpty && record.removedTerms.isEmpty)
  }

  @Test func defaultsWhenTagsAreAbsent() throws {
    let record = try #require(DMARCParser.parse("v=DMARC1"))
    #expect(record.policy == nil && !record.hasPolicyTag)
    #expect(record.dkimAlignment == .relaxed && record.spfAlignment == .relaxed)
    #expect(record.publicSuffixFlag == .unknown && !record.testing)
    #expect(record.failureReportingOptions == ["0"])
  }

  @Test(arguments: [
    "v=DMARC1; p=none", "v=DMARC1;p=none", "v = DMARC1 ; p = none ;", "v=DMARC1;", "v=DMARC1",
  ])
  func acceptsTheVersionFirst(_ text: String) {
    #expect(DMARCParser.parse(text) != nil)
  }

  @Test(arguments: [
    "v=dmarc1; p=none", " v=DMARC1; p=none", "p=none; v=DMARC1", "v=DMARC10; p=none",
    "v=DMARC; p=none", "v=spf1 -all", "", "DMARC1",
  ])
  func discardsTextThatIsNotDMARC(_ text: String) {
    #expect(DMARCParser.parse(text) == nil)
  }

  @Test func recognisesNearMisses() {
    #expect(DMARCParser.looksLikeDMARC("v=dmarc1; p=reject"))
    #expect(DMARCParser.looksLikeDMARC("  v=DMARC1; p=reject"))
    #expect(!DMARCParser.looksLikeDMARC("v=DMARC1; p=reject"))
    #expect(!DMARCParser.looksLikeDMARC("v=spf1 -all"))
  }

  /// The octet fast path says what the definition (no blanks, lower-cased, then the prefix,
  /// by `String`) says, also where characters past ASCII combine or lower-case: strings from a
  /// fixed seed over an alphabet of both.
  @Test func nearMissesMatchTheDefinition() {
    func definition(_ text: String) -> Bool {
      !DMARCParser.isDMARC(text)
        && text.filter { $0 != " " && $0 != "\t" }.lowercased().hasPrefix("v=dmarc")
    }
    let alphabet: [String] = [
      "v", "V", "=", "d", "M", "a", "R", "c", "C", "1", ";", " ", "\t", "\u{301}", "é",
      "\u{212A}", "\u{130}", "x",
    ]
    var state: UInt64 = 9989
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    var texts = [
      "v=dmarc", "v=dmarc\u{301}1", "v = d m a r c 1", "V=DMARC", "v=dmar", "é v=dmarc1",
    ]
    for _ in 0..<3000 {
      // Mostly the prefix with a change or two, so that near misses are common.
      var characters = "v=dmarc1".map(String.init)
      for _ in 0..<next(3) {
        characters.insert(alphabet[next(alphabet.count)], at: next(characters.count + 1))
      }
      if next(2) == 0 { characters[next(characters.count)] = alphabet[next(alphabet.count)] }
      texts.append(characters.joined())
    }
    for text in texts {
      #expect(DMARCParser.looksLikeDMARC(text) == definition(text), "\(text.debugDescription)")
    }
  }

  @Test func policyValuesAreCaseInsensitive() throws {
    #expect(try #require(DMARCParser.parse("v=DMARC1; p=Reject")).policy == .reject)
  }

  @Test func reportsAnInvalidPolicyWithItsPosition() throws {
    let record = try #require(DMARCParser.parse("v=DMARC1; p=rejct; sp=none"))
    #expect(record.policy == nil)
    #expect(record.hasInvalidPolicyTag)
    let issue = try #require(record.issues.first)
    #expect(issue.kind == .invalidValue)
    #expect(issue.tag == "p" && issue.term == "p=rejct")
    #expect(issue.offset == 10 && issue.length == 7)
    #expect(issue.expected == "none, quarantine, reject")
  }

  @Test(arguments: [
    ("v=DMARC1; adkim=x", "adkim"), ("v=DMARC1; aspf=relaxed", "aspf"), ("v=DMARC1; t=yes", "t"),
    ("v=DMARC1; psd=maybe", "psd"), ("v=DMARC1; np=block", "np"), ("v=DMARC1; fo=0:1", "fo"),
    ("v=DMARC1; fo=x", "fo"),
  ])
  func reportsInvalidValues(_ text: String, _ tag: String) throws {
    let record = try #require(DMARCParser.parse(text))
    #expect(record.issues.contains { $0.kind == .invalidValue && $0.tag == tag })
  }

  @Test func recognisesRemovedTags() throws {
    let record = try #require(DMARCParser.parse("v=DMARC1; p=reject; pct=50; rf=afrf; ri=3600"))
    #expect(record.removedTerms.map(\.name) == ["pct", "rf", "ri"])
    #expect(record.removedTerms.allSatisfy { $0.tag?.isRemoved == true })
    #expect(record.issues.isEmpty)
  }

  @Test func ignoresAndNotesUnknownTags() throws {
    let record = try #require(DMARCParser.parse("v=DMARC1; p=none; foo=bar; P=reject"))
    #expect(record.unknownTerms.map(\.name) == ["foo", "P"])
    #expect(record.policy == DMARCPolicy.none)
    let caseIssue = try #require(record.issues.first { $0.kind == .tagNameCase })
    #expect(caseIssue.tag == "P" && caseIssue.expected == "p")
  }

  @Test func reportsADuplicateTagAndKeepsTheFirst() throws {
    let record = try #require(DMARCParser.parse("v=DMARC1; p=reject; p=none"))
    #expect(record.policy == .reject)
    let issue = try #require(record.issues.first)
    #expect(issue.kind == .duplicateTag && issue.offset == 20)
  }

  @Test func notesTheObsoleteSizeSuffix() throws {
    let record = try #require(
      DMARCParser.parse("v=DMARC1; p=none; rua=mailto:a@example.com!10m, mailto:b@example.net"))
    #expect(record.aggregateReportURIs.count == 2)
    let first = try #require(record.aggregateReportURIs.first)
    #expect(first.uri == "mailto:a@example.com" && first.sizeLimit == "!10m")
    #expect(first.offset == 22)
    #expect(record.aggregateReportURIs[1].host?.text == "example.net")
    #expect(record.aggregateReportURIs[1].offset == 48)
  }

  @Test func reportsInvalidURIsWithTheirPosition() throws {
    let record = try #require(
      DMARCParser.parse("v=DMARC1; p=none; rua=dmarc@example.com,mailto:ok@example.com"))
    #expect(record.aggregateReportURIs.map(\.uri) == ["mailto:ok@example.com"])
    let issue = try #require(record.issues.first)
    #expect(issue.kind == .invalidURI && issue.term == "dmarc@example.com" && issue.offset == 22)
    #expect(record.hasValidRUA)
  }

  @Test(arguments: [
    "mailto:", "mailto:@example.com", "mailto:a@", "mailto:a b@example.com", "mailto:<a@b.com>",
    // The Kelvin sign is no size unit `K` (`String` equates the two), so the `!` stays in.
    "mailto:a@example.com!10\u{212A}",
  ])
  func rejectsUnusableURIs(_ uri: String) {
    #expect(DMARCParser.reportURI(uri, offset: 0) == nil)
  }

  /// The octet test for a URI's characters agrees with the Character test it replaced, for
  /// every octet alone and in every grapheme of a fixed set (CR LF, combining marks, NEL,
  /// no-break space, controls).
  @Test func uriOctetsMatchTheCharacterTest() {
    func characterTest(_ text: Substring) -> Bool {
      text.allSatisfy { $0.isASCII && !$0.isWhitespace && !"<>\"{}|\\^`!,".contains($0) }
    }
    for octet in 0...0x7f {
      let text = Substring(String(UnicodeScalar(UInt8(octet))))
      #expect(text.utf8.allSatisfy(DMARCParser.isURIOctet) == characterTest(text), "\(octet)")
    }
    for text in ["a\r\nb", "e\u{301}", "\u{85}", "\u{a0}", "\u{0}x", "x\u{7f}", "ä", "\u{1c}", ""] {
      let text = Substring(text)
      #expect(
        text.utf8.allSatisfy(DMARCParser.isURIOctet) == characterTest(text),
        "\(text.debugDescription)")
    }
  }

  @Test func readsHTTPSDestinations() throws {
    let uri = try #require(DMARCParser.reportURI("https://reports.example.net/dmarc", offset: 0))
    #expect(uri.scheme == "https" && uri.host?.text == "reports.example.net")
  }

  @Test func notesFailureOptionsWithoutRUF() throws {
    let record = try #require(DMARCParser.parse("v=DMARC1; p=none; fo=1"))
    #expect(record.issues.map(\.kind) == [.failureOptionsWithoutRUF])
  }

  @Test func reportsMalformedAndEmptyTerms() throws {
    let record = try #require(DMARCParser.parse("v=DMARC1; p=; reject; 9x=1;; sp=none;"))
    let kinds = record.issues.map(\.kind)
    #expect(kinds == [.emptyValue, .malformedTerm, .malformedTerm])
    #expect(record.subdomainPolicy == DMARCPolicy.none)
    #expect(record.hasInvalidValue(.p))
  }

  @Test func survivesHostileInput() {
    let hostile = "v=DMARC1;" + String(repeating: ";=,!", count: 5000)
    let record = DMARCParser.parse(hostile)
    #expect(record != nil)
    let uris = "v=DMARC1; rua=" + String(repeating: "mailto:a@b.c!1k,", count: 2000)
    #expect(DMARCParser.parse(uris)?.aggregateReportURIs.count == 2000)
  }

  @Test func rewritesKeepingTermsAsWritten() throws {
    let record = try #require(DMARCParser.parse("v=DMARC1;rua=mailto:a@example.com; t=y"))
    #expect(
      record.inserting(afterVersion: "p=none") == "v=DMARC1; p=none; rua=mailto:a@example.com; t=y")
    #expect(record.rewritten(dropping: ["t"]) == "v=DMARC1; rua=mailto:a@example.com")
  }

  @Test func testingLowersThePolicyOneLevel() {
    #expect(DMARCPolicy.reject.testingDowngrade == .quarantine)
    #expect(DMARCPolicy.quarantine.testingDowngrade == DMARCPolicy.none)
    #expect(DMARCPolicy.none.testingDowngrade == DMARCPolicy.none)
  }

  @Test func recordSetSelectsDMARCRecordsFromATXTAnswer() throws {
    let owner = try DomainName("_dmarc.example.com")
    func txt(_ text: String) -> ResourceRecord {
      ResourceRecord(name: owner, type: .txt, ttl: 300, data: .txt([Array(text.utf8)]))
    }
    let split = ResourceRecord(
      name: owner, type: .txt, ttl: 300,
      data: .txt([Array("v=DMARC1; p=rej".utf8), Array("ect".utf8)]))
    let answer = DNSAnswer(
      name: owner, type: .txt, status: .answer,
      records: [txt("google-site-verification=x"), split, txt("v=dmarc1; p=none")])
    let set = DMARCRecordSet(answer: answer)
    #expect(set.records.count == 1 && set.record?.policy == .reject)
    #expect(set.nearMisses.count == 1 && set.otherCount == 1)
    #expect(set.record?.owner == owner)

    let two = DNSAnswer(
      name: owner, type: .txt, status: .answer,
      records: [txt("v=DMARC1; p=none"), txt("v=DMARC1; p=reject")])
    let ambiguous = DMARCRecordSet(answer: two)
    #expect(ambiguous.isAmbiguous && ambiguous.record == nil)
  }

  @Test func recordSummaryEncodesWithStableFieldNames() throws {
    let record = try #require(DMARCParser.parse("v=DMARC1; p=reject; rua=mailto:a@example.com"))
    let data = try JSONEncoder().encode(record)
    let text = String(decoding: data, as: UTF8.self)
    for key in ["\"policy\"", "\"aggregateReportURIs\"", "\"publicSuffixFlag\"", "\"terms\""] {
      #expect(text.contains(key))
    }
    #expect(try JSONDecoder().decode(DMARCRecord.self, from: data) == record)
  }
}
