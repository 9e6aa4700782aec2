import DNSTestSupport
import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// JUnit follows --fail-on, `lookup` answers like dig, mistyped ids get a suggestion, replay
/// files that cannot be read are one line, and errors speak German under --lang de and LANG=de.
@Suite(.serialized) struct CIFormatAndInputTests {
  static let demo = ["--offline", "--zone", "Fixtures/demo"]
  /// The fixture zones without the deliberately broken one.
  static let dns = [
    "--offline", "--zone", "Fixtures/dns/example.test.zone", "--zone",
    "Fixtures/dns/2.0.192.in-addr.arpa.zone", "--zone",
    "Fixtures/dns/8.b.d.0.1.0.0.2.ip6.arpa.zone",
  ]

  /// (testcase name, child element names) of a JUnit document, and the root's failures count.
  final class Cases: NSObject, XMLParserDelegate {
    var cases: [(name: String, children: [String])] = []
    var failuresAttribute: [String] = []

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String] = [:]
    ) {
      if name == "testcase" {
        cases.append((attributes["name"] ?? "", []))
      } else if name == "testsuites" {
        failuresAttribute.append(attributes["failures"] ?? "")
      } else if !cases.isEmpty {
        cases[cases.count - 1].children.append(name)
      }
    }
  }

  static func junit(_ extra: [String]) throws -> (SenderAuthCLI.Run, Cases) {
    let run = try SenderAuthCLI.run(
      ["check", "shop.example", "--format", "junit"] + demo + extra)
    let parser = XMLParser(data: Data(run.stdout.utf8))
    let cases = Cases()
    parser.delegate = cases
    #expect(parser.parse(), "\(run.stdout)")
    return (run, cases)
  }

  @Test func junitReportsNotesWithoutFailing() async throws {
    let (run, document) = try Self.junit([])
    let detected = try #require(document.cases.first { $0.name == "esp.detected" })
    #expect(!detected.children.contains("failure"), "a note must not turn the report red")
    #expect(detected.children.contains("system-out"))
    let failing = document.cases.filter { $0.children.contains("failure") }
    #expect(document.failuresAttribute == ["\(failing.count)"])
    // Every failure is at or above --fail-on (error), as the exit status counts them.
    #expect(run.stdout.components(separatedBy: "type=\"warning\"").count == 1)
    #expect(run.stdout.components(separatedBy: "type=\"note\"").count == 1)
    #expect((run.status == 1) == !failing.isEmpty)

    let (strict, strictDocument) = try Self.junit(["--fail-on", "note"])
    let strictDetected = try #require(strictDocument.cases.first { $0.name == "esp.detected" })
    #expect(strictDetected.children.contains("failure"))
    #expect(strict.status == 1)
  }

  @Test func lookupOfAnAddressAsksPTRAtItsReverseName() async throws {
    for (address, reverse) in [
      ("192.0.2.1", "1.2.0.192.in-addr.arpa."),
      ("2001:db8::1", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa."),
    ] {
      for type in [[], ["PTR"]] {
        let run = try await SenderAuthCLI.run(
          ["lookup", address] + type + Self.dns + ["--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(object?["name"] as? String == reverse, "\(run.stdout)\(run.stderr)")
        #expect(object?["type"] as? String == "PTR")
      }
    }
    let wrong = try await SenderAuthCLI.run(["lookup", "192.0.2.1", "TXT"] + Self.dns)
    #expect(wrong.status == 2)
    #expect(wrong.stderr.contains("is an IP address"), "\(wrong.stderr)")
  }

  @Test func lookupTypeDefaultsToA() async throws {
    let run = try await SenderAuthCLI.run(
      ["lookup", "example.test", "--format", "json"] + Self.dns)
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    #expect(object?["type"] as? String == "A")
    #expect(object?["status"] as? String == "answer", "\(run.stdout)")
  }

  @Test func lookupShowsACNAMEAnswerAsSuchAgainstKnot() async throws {
    let server = try await KnotServer.start(
      zoneDirectory: SenderAuthCLI.fixture("dns"), expectFailure: ["broken.test"])
    defer { server.stop() }
    let run = try await SenderAuthCLI.run([
      "lookup", "out-cname.edge.test", "--nameserver", server.nameserver,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let header = try #require(run.stdout.split(separator: "\n").first)
    #expect(header.contains("A: CNAME to somewhere.example.net."), "\(run.stdout)")
    #expect(!run.stdout.contains("NODATA"))
    #expect(run.stdout.contains("out-cname.edge.test. 3600 IN CNAME somewhere.example.net."))
    let json = try await SenderAuthCLI.run(
      ["lookup", "out-cname.edge.test", "A", "--nameserver", server.nameserver, "--format", "json"])
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect(object?["status"] as? String == "cname")
  }

  @Test(arguments: [
    (["--esp", "sendgird"], "unknown ESP 'sendgird'; did you mean 'sendgrid'?"),
    (["--profile", "gmial"], "unknown profile 'gmial'; did you mean 'gmail'?"),
  ])
  func mistypedIDsGetASuggestion(_ extra: [String], _ expected: String) async throws {
    let run = try await SenderAuthCLI.run(["check", "shop.example"] + Self.demo + extra)
    #expect(run.status == 2)
    #expect(run.stderr.contains(expected), "\(run.stderr)")
    #expect(run.stderr.split(separator: "\n").count == 1)
  }

  @Test(arguments: [
    (
      #"{"version": 1, "entries": [{"name": "a.", "type": "TXT", "status": "answer", "records": [{"name": "a.", "type": "TXT", "ttl": "x", "data": "\"a\""}]}]}"#,
      "entries[0].records[0].ttl must be a number"
    ),
    (#"{"version": 1"#, "it is not valid JSON"),
    (#"{"entries": []}"#, "the top level has no 'version'"),
    (#"{"version": 1, "entries": [{"name": "a."}]}"#, "entries[0] has no 'type'"),
    (#"[1, 2]"#, "the file must be an object"),
    (#"{"version": 7, "entries": []}"#, "has snapshot version 7"),
  ])
  func replayErrorsAreOneClearLine(_ text: String, _ expected: String) async throws {
    let path = NSTemporaryDirectory() + "senderauth-replay-\(UUID().uuidString).json"
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let run = try await SenderAuthCLI.run(["check", "shop.example", "--replay", path])
    #expect(run.status == 2)
    let lines = run.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(run.stderr)")
    #expect(run.stderr.contains(expected), "\(run.stderr)")
    for leak in ["DecodingError", "codingPath", "CodingKeys", "debugDescription", "Swift."] {
      #expect(!run.stderr.contains(leak), "\(run.stderr)")
    }
  }

  @Test func errorsAndHelpAreGermanUnderLangDeAndLANG() async throws {
    let flag = try await SenderAuthCLI.run(["check", "--zon", "x", "--lang", "de"])
    #expect(flag.stderr == "senderauth: unbekannte Option '--zon'; meinten Sie '--zone'?\n")
    let missing = try await SenderAuthCLI.run(["check"], environment: ["LANG": "de_DE.UTF-8"])
    #expect(
      missing.stderr
        == "senderauth: check braucht mindestens eine DOMAIN (oder -f DATEI oder eine "
        + "senderauth.json)\n")
    let esp = try await SenderAuthCLI.run(
      ["check", "shop.example", "--esp", "sendgird"] + Self.demo,
      environment: ["LANG": "de_DE.UTF-8"])
    #expect(esp.stderr.hasPrefix("senderauth: unbekannter Versanddienst 'sendgird'; meinten Sie"))
    let help = try await SenderAuthCLI.run(["check", "--help", "--lang", "de"])
    #expect(help.stdout.hasPrefix("AUFRUF: senderauth check"))
    #expect(help.stdout.contains("OPTIONEN:") && help.stdout.contains("BEISPIELE:"))
    let english = try await SenderAuthCLI.run(["check", "--zon", "x"])
    #expect(english.stderr == "senderauth: unknown option '--zon'; did you mean '--zone'?\n")
  }
}
