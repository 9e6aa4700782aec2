import Foundation
import SenderAuthCore
import SenderAuthReport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The JUnit output is well-formed XML with one testcase per rule per domain.
@Suite struct JUnitRendererTests {
  /// Collects elements and their attributes in document order.
  final class Collector: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String], path: [String])] = []
    var path: [String] = []
    var text = ""

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String] = [:]
    ) {
      elements.append((name, attributes, path))
      path.append(name)
    }

    func parser(
      _ parser: XMLParser, didEndElement name: String, namespaceURI: String?,
      qualifiedName: String?
    ) {
      path.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
  }

  func parse(_ xml: String) throws -> Collector {
    let parser = XMLParser(data: Data(xml.utf8))
    let collector = Collector()
    parser.delegate = collector
    let ok = parser.parse()
    #expect(ok, "not well-formed: \(parser.parserError.map { "\($0)" } ?? "?")")
    return collector
  }

  @Test(arguments: Language.allCases)
  func isWellFormedWithOneTestcasePerRulePerDomain(_ language: Language) throws {
    let xml = JUnitRenderer.render(ReportFixture.report, options: ReportFixture.options(language))
    let document = try parse(xml)
    let root = try #require(document.elements.first)
    #expect(root.name == "testsuites")
    let suites = document.elements.filter { $0.name == "testsuite" }
    #expect(suites.map { $0.attributes["name"] } == ["example.com", "example.org"])
    let cases = document.elements.filter { $0.name == "testcase" }
    let ruleCount = ReportFixture.rules.count
    // example.com adds the not-checkable requirement as a testcase of its own.
    #expect(cases.count == ruleCount + 1 + ruleCount)
    #expect(root.attributes["tests"] == "\(cases.count)")
    for testcase in cases {
      #expect(testcase.path == ["testsuites", "testsuite"])
    }
    // Only the error fails at the default --fail-on error; the warnings and the note pass
    // and are listed in <system-out>.
    let failures = document.elements.filter { $0.name == "failure" }
    #expect(failures.count == 1)
    #expect(root.attributes["failures"] == "1")
    for failure in failures {
      #expect(failure.attributes["type"] == "error")
      #expect(!(failure.attributes["message"] ?? "").isEmpty)
    }
    #expect(document.elements.filter { $0.name == "system-out" }.count == 3)
    let skipped = document.elements.filter { $0.name == "skipped" }
    #expect(skipped.count == 2)
    let names = Set(
      cases.filter { $0.attributes["classname"] == "example.org" }.compactMap {
        $0.attributes["name"]
      })
    #expect(names == Set(ReportFixture.rules.map(\.id)))
  }

  @Test func hostileTextStaysWellFormed() throws {
    var domain = ReportFixture.example
    domain.findings[0].message = LocalizedText(
      en: "]]></failure><x a=\"\u{0}\u{1b}\u{fffe}\"> & '", de: "x")
    domain.domain = "a\"<b>&'"
    let xml = JUnitRenderer.render(
      Report(domains: [domain], version: "1"), options: ReportFixture.options(.en))
    let document = try parse(xml)
    #expect(document.elements.first { $0.name == "testsuite" }?.attributes["name"] == "a\"<b>&'")
    let failure = try #require(document.elements.first { $0.name == "failure" })
    #expect(failure.attributes["message"]?.hasPrefix("]]></failure><x a=\"\\x00\\x1b") == true)
  }

  @Test(arguments: [(Severity.error, 1), (.warning, 3), (.note, 4)])
  func failuresFollowFailOn(_ failOn: Severity, _ expected: Int) throws {
    var options = ReportFixture.options(.en)
    options.failOn = failOn
    let document = try parse(JUnitRenderer.render(ReportFixture.report, options: options))
    let failures = document.elements.filter { $0.name == "failure" }
    #expect(failures.count == expected)
    #expect(document.elements.first?.attributes["failures"] == "\(expected)")
    for failure in failures {
      #expect(Severity(rawValue: failure.attributes["type"] ?? "").map { $0 >= failOn } == true)
    }
  }
}
