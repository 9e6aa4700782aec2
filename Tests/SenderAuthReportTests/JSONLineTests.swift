import DNSLookup
import Foundation
import SenderAuthCore
import Testing

@testable import SenderAuthReport

/// The `jsonl` line is written by hand (`JSONLine`); it must be byte for byte what
/// `JSONEncoder` with sorted keys makes of the same JSON view (`JSONText.line`), for reports
/// that fill every member and strings that hold every character JSON escapes.
@Suite struct JSONLineTests {
  /// Every ASCII octet, DEL and the C1 controls, a no-break space, an umlaut and an emoji.
  static let everyCharacter =
    String((0..<0x80).map { Character(Unicode.Scalar(UInt8($0))) })
    + String((0x80...0xa0).compactMap { Unicode.Scalar($0).map(Character.init) }) + "ü😀/"

  static func encoderLine(_ report: DomainReport, _ language: Language) -> String {
    JSONText.line(JSONReport.Domain(report, language: language))
  }

  @Test(arguments: Language.allCases)
  func fixtureDomainsMatchTheEncoder(_ language: Language) {
    for domain in ReportFixture.report.domains {
      let line = JSONRenderer.line(domain, options: ReportFixture.options(language))
      #expect(line == Self.encoderLine(domain, language))
    }
  }

  @Test(arguments: Language.allCases)
  func everyMemberMatchesTheEncoder(_ language: Language) throws {
    let report = try Self.full(Self.everyCharacter)
    let line = JSONRenderer.line(report, options: ReportFixture.options(language))
    #expect(line == Self.encoderLine(report, language))
    #expect(line.contains(#""fixPlan":{"#) && line.contains(#""message":{"#))
  }

  /// Strings of random characters from a fixed seed, in every place a string goes.
  @Test func randomStringsMatchTheEncoder() throws {
    var state: UInt64 = 8259
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    let characters = Array(Self.everyCharacter)
    for _ in 0..<200 {
      let text = String((0..<next(24)).map { _ in characters[next(characters.count)] })
      let report = try Self.full(text)
      #expect(
        JSONRenderer.line(report, options: ReportFixture.options(.en))
          == Self.encoderLine(report, .en), "\(text.debugDescription)")
    }
  }

  /// Profiles and requirements are written once and copied after (`WrittenOnce`), keyed by
  /// id, status and verdict: reports whose profiles share those but differ in a title, a
  /// provider, a finding or the language, written in turn and again, each match the encoder.
  @Test func profilesWrittenBeforeAreReusedOnlyWhenEqual() {
    var variants: [DomainReport] = []
    for index in 0..<4 {
      var report = ReportFixture.example
      report.profiles = report.profiles.map { profile in
        var profile = profile
        profile.requirements = profile.requirements.map { requirement in
          var requirement = requirement
          requirement.findings = []
          if index == 1 { requirement.title = LocalizedText(en: "Other", de: "Andere") }
          if index == 2 { requirement.provider = LocalizedText(en: "Yahoo", de: "Yahoo") }
          if index == 3 { requirement.findings = ["spf.missing"] }
          return requirement
        }
        return profile
      }
      variants.append(report)
    }
    for _ in 0..<2 {
      for language in Language.allCases {
        for report in variants {
          #expect(
            JSONRenderer.line(report, options: ReportFixture.options(language))
              == Self.encoderLine(report, language))
        }
      }
    }
    // Canonically equivalent titles are equal strings but different octets: each is
    // written as it is.
    for title in ["Pr\u{fc}fung", "Pru\u{308}fung", "Pr\u{fc}fung"] {
      let requirement = JSONReport.Requirement(
        id: "spf.missing", title: title, provider: "RFCs", status: "passed", findings: [])
      var out = JSONLine()
      requirement.write(to: &out)
      #expect(out.bytes == Array(JSONText.line(requirement).utf8))
    }
    // Written before, a requirement's object is the same octets as written afresh.
    let requirement = JSONReport.Requirement(
      id: "spf.missing", title: "No SPF", provider: "RFCs", status: "passed", findings: [])
    for _ in 0..<2 {
      var out = JSONLine()
      out.array([requirement, requirement]) { $1.write(to: &$0) }
      #expect(out.text == JSONText.line([requirement, requirement]))
    }
  }

  /// Every character at every offset of plain strings of every length up to 20: the writer
  /// skips plain text eight octets at a time (the last few padded to eight) and must still
  /// find each character it escapes, wherever it falls in or across those eight.
  @Test func everyCharacterAtEveryOffsetMatchesTheEncoder() {
    for character in Self.everyCharacter {
      for offset in 0..<20 {
        for after in 0..<(20 - offset) {
          let text =
            String(repeating: "a", count: offset) + String(character)
            + String(repeating: "z", count: after)
          var line = JSONLine()
          line.string(text)
          #expect(line.text == JSONText.line(text), "\(text.debugDescription)")
        }
      }
    }
  }

  /// Numbers as `JSONEncoder` writes them, at the bounds of their types, and a line longer
  /// than the writer's first buffer.
  @Test func numbersAndLongLinesMatchTheEncoder() throws {
    let numbers: [Int64] = [0, 9, 10, 99, 100, -1, -10, .max, .min, 1_000_000_007]
    var line = JSONLine()
    line.array(numbers) { $0.number($1) }
    #expect(line.text == JSONText.line(numbers))
    for value in [UInt64(Int64.max) + 1, .max - 1, .max] {
      var big = JSONLine()
      big.number(value)
      #expect(big.text == JSONText.line(value))
    }
    var small = JSONLine()
    small.array([Int(Int8.min), Int(Int16.min), Int(Int32.min)]) { $0.number($1) }
    #expect(small.text == "[-128,-32768,-2147483648]")
    let long = (0..<3_000).map { "item \($0)\u{1}\"" }
    var longLine = JSONLine()
    longLine.strings(long)
    #expect(longLine.text == JSONText.line(long))
    // One string whose escapes (six octets for each control) outgrow the first buffer.
    let controls = String(repeating: "\u{1}\u{85}\"", count: 3_000)
    var grown = JSONLine()
    grown.string(controls)
    #expect(grown.text == JSONText.line(controls))
  }

  /// The `json` document is written by the same writers and indented: byte for byte what
  /// `JSONEncoder` pretty-prints of the report's JSON view.
  @Test(arguments: Language.allCases)
  func documentMatchesThePrettyEncoder(_ language: Language) throws {
    var report = ReportFixture.report
    report.domains.append(try Self.full(Self.everyCharacter))
    #expect(
      JSONRenderer.render(report, options: ReportFixture.options(language))
        == JSONText.pretty(JSONReport(report, language: language)))
    report.domains = []
    #expect(
      JSONRenderer.render(report, options: ReportFixture.options(language))
        == JSONText.pretty(JSONReport(report, language: language)))
  }

  /// Text that is not the writer's is copied, never read past: a string left open, a bracket
  /// too many.
  @Test func indentingStopsAtTheEndOfBrokenText() {
    #expect(JSONLine.pretty(Array(#"{"a":"open"#.utf8), depth: 0) == "{\n  \"a\" : \"open")
    #expect(JSONLine.pretty(Array(#"]]"\"#.utf8), depth: 0) == "\n]\n]\"\\")
  }

  /// Empty and nested arrays and objects, numbers, `null`, and strings holding brackets,
  /// commas, colons, quotes and backslashes: indented as `JSONEncoder` indents them.
  @Test func indentationMatchesThePrettyEncoder() {
    struct Value: Encodable {
      var a: [Int] = []
      var b: [String: Int] = [:]
      var c: [[Int]] = [[], [1, -2], []]
      var d: [String: [String: [Int]]] = ["x": [:], "y": ["z": []], "w": ["v": [3]]]
      var e: String? = nil
      var f = #"{"a":[1,2],"b":"\"}"#
      var g: [String] = ["", ",", ":", "[", "]", "{", "}", #"""#, #"\"#]
      var h: Bool? = true

      func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(a, forKey: .a)
        try container.encode(b, forKey: .b)
        try container.encode(c, forKey: .c)
        try container.encode(d, forKey: .d)
        try container.encode(e, forKey: .e)
        try container.encode(f, forKey: .f)
        try container.encode(g, forKey: .g)
        try container.encode(h, forKey: .h)
      }

      enum CodingKeys: String, CodingKey { case a, b, c, d, e, f, g, h }
    }
    var out = JSONLine()
    out.beginObject()
    out.key("a")
    out.array([Int]()) { $0.number($1) }
    out.key("b")
    out.object([String: Int]()) { $0.number($1) }
    out.key("c")
    out.array([[], [1, -2], []]) { line, items in line.array(items) { $0.number($1) } }
    out.key("d")
    out.object(Value().d) { line, inner in
      line.object(inner) { line, items in line.array(items) { $0.number($1) } }
    }
    out.key("e")
    out.string(nil)
    out.key("f")
    out.string(Value().f)
    out.key("g")
    out.strings(Value().g)
    out.key("h")
    out.bool(true)
    out.endObject()
    #expect(out.text == JSONText.line(Value()))
    #expect(out.prettyText == JSONText.pretty(Value()))
  }

  /// A domain report with every member filled (input, esps, a fix plan with notes, a message,
  /// suppressed findings, every location field), `text` in each free-text place, and keys
  /// whose order differs between byte order and case-insensitive order.
  static func full(_ text: String) throws -> DomainReport {
    let owner = try DomainName("example.com")
    var report = ReportFixture.example
    report.input = text
    report.domain = "example.com" + text
    report.records["Mx"] = [
      RecordSummary(name: text, type: "MX", ttl: 300, data: text, file: nil, line: nil)
    ]
    report.records["mta-sts"] = [
      RecordSummary(name: "x", type: "TXT", ttl: 0, data: text, file: text, line: 0)
    ]
    report.findings.append(
      Finding(
        id: "spf.syntax", severity: .error, message: LocalizedText(en: text, de: text + "ß"),
        location: Location(
          name: text, type: "TXT", record: text, span: .init(offset: 1, length: 2), file: text,
          line: 12),
        fix: Fix(explanation: LocalizedText(en: text, de: text), add: [], remove: [])))
    report.unknown = [text, "dkim.x"]
    report.notChecked = ["ptr.missing", text]
    report.notAsked = [
      WaitingRule(id: "ptr.missing", waitsFor: .ip),
      WaitingRule(id: text, waitsFor: .validatingResolver),
    ]
    report.esps.append(
      DetectedESP(
        id: text, name: text, named: true, evidence: [text],
        dkim: ESPMechanismState(aligned: false, why: LocalizedText(en: text, de: text)),
        spf: ESPMechanismState(aligned: nil, why: LocalizedText(en: text, de: text))))
    report.fixPlan = FixPlan(
      remove: [DNSChange(owner: owner, type: .txt, value: text)],
      add: [
        DNSChange(
          owner: owner, type: .txt, value: "v=spf1 -all",
          note: LocalizedText(en: text, de: "Hinweis")),
        DNSChange(owner: owner, type: .txt, value: "V=spf1 " + text),
      ],
      after: [
        .init(id: "gmail-bulk", title: LocalizedText(en: "G", de: "G"), ready: true),
        .init(id: "Bulk", title: LocalizedText(en: "B", de: "B"), ready: false),
        .init(id: text, title: LocalizedText(en: text, de: text), ready: false),
      ],
      unresolved: [.init(id: "dkim.missing", why: LocalizedText(en: text, de: text))],
      fixes: ["spf.multiple-records", text])
    let message = """
      {"from": \(try Self.quoted(text)), "subject": \(try Self.quoted(text)),
       "differences": [{"en": \(try Self.quoted(text)), "de": "Unterschied"}],
       "reverseDNS": {"ip": "192.0.2.1", "result": "fail", "name": \(try Self.quoted(text))},
       "receiver": {"server": \(try Self.quoted(text)), "spf": "pass", "dmarc": null,
                    "iprev": "pass", "iprevAddress": "192.0.2.1",
                    "dkim": [{"domain": "d.example", "result": "fail",
                              "selector": \(try Self.quoted(text))}, {"result": "none"}]},
       "spf": {"result": "pass", "domain": \(try Self.quoted(text)), "aligned": true},
       "dkim": [{"domain": "d.example", "selector": \(try Self.quoted(text)), "keyFound": true,
                 "aligned": false}, {}],
       "dmarc": {"result": "fail", "policy": "reject"}}
      """
    report.message = try JSONDecoder().decode(MessagePrediction.self, from: Data(message.utf8))
    return report
  }

  static func quoted(_ text: String) throws -> String {
    String(decoding: try JSONEncoder().encode(text), as: UTF8.self)
  }
}
