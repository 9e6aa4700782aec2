import DNSTestSupport
import Foundation
import Testing

/// SARIF from real runs validates against the OASIS 2.1.0 schema (jsonschema, with format
/// checking), and every result has the `physicalLocation.artifactLocation` GitHub code scanning
/// needs: the zone file and line; for live DNS the configuration's line, else `dns/<domain>`.
@Suite(.serialized) struct SARIFSchemaTests {
  static let zones = [
    "--zone", "Fixtures/ci/zones/corp.example.zone", "--zone",
    "Fixtures/ci/zones/mailer.example.zone",
  ]
  static let config = "Fixtures/ci/senderauth.json"

  /// The results of a SARIF log, after checking it against the schema.
  static func validResults(_ run: SenderAuthCLI.Run) throws -> [[String: Any]] {
    #expect(run.stderr.isEmpty, "\(run.stderr)")
    let errors = try PythonTools.sarifErrors(run.stdout)
    #expect(errors.isEmpty, "schema violations:\n\(errors)")
    let log = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let runs = try #require(log["runs"] as? [[String: Any]])
    return try #require(runs.first?["results"] as? [[String: Any]])
  }

  /// Each result's artifact URI and start line (nil when it has no region).
  static func locations(_ results: [[String: Any]]) throws -> [(
    id: String, uri: String, line: Int?
  )] {
    try results.map { result in
      let location = try #require((result["locations"] as? [[String: Any]])?.first)
      let physical = try #require(
        location["physicalLocation"] as? [String: Any], "no physicalLocation: \(result)")
      let uri = try #require((physical["artifactLocation"] as? [String: Any])?["uri"] as? String)
      let line = (physical["region"] as? [String: Any])?["startLine"] as? Int
      return (result["ruleId"] as? String ?? "", uri, line)
    }
  }

  @Test func zoneFileCheckValidatesAndPointsAtTheZoneOrTheDomain() async throws {
    let run = try await SenderAuthCLI.run(
      ["check", "corp.example", "--offline", "--format", "sarif", "--ip", "203.0.113.9"]
        + Self.zones)
    let results = try Self.validResults(run)
    let places = try Self.locations(results)
    #expect(!places.isEmpty)
    // The SPF record that does not authorize the address is on line 9 of the zone file; the
    // missing DMARC record has no line to point at.
    let spf = try #require(places.first { $0.id == "spf.ip-not-authorized" })
    #expect(spf.uri == "Fixtures/ci/zones/corp.example.zone" && spf.line == 9)
    let dmarc = try #require(places.first { $0.id == "dmarc.missing" })
    #expect(dmarc.uri == "dns/corp.example" && dmarc.line == nil)
  }

  @Test func configuredDomainPointsAtTheConfigurationLine() async throws {
    let run = try await SenderAuthCLI.run(
      ["check", "--config", Self.config, "--offline", "--format", "sarif"] + Self.zones)
    let places = try Self.locations(try Self.validResults(run))
    let dmarc = try #require(places.first { $0.id == "dmarc.missing" })
    // "domain": "corp.example" is on line 4 of the configuration.
    #expect(dmarc.uri == Self.config && dmarc.line == 4)
    #expect(places.first { $0.id == "dkim.key-weak" } == nil, "suppressed")
  }

  @Test func liveCheckAgainstKnotValidatesWithPhysicalLocations() async throws {
    let server = try await KnotServer.start(
      zoneFiles: ["Fixtures/ci/zones/corp.example.zone", "Fixtures/ci/zones/mailer.example.zone"]
        .map { SenderAuthCLI.root + "/" + $0 })
    defer { server.stop() }
    let resolver = ["--nameserver", server.nameserver, "--timeout", "2", "--tries", "1"]
    let live = try await SenderAuthCLI.run(
      ["check", "corp.example", "--ip", "203.0.113.9", "--format", "sarif"] + resolver)
    let places = try Self.locations(try Self.validResults(live))
    #expect(places.contains { $0.id == "spf.ip-not-authorized" })
    for place in places {
      #expect(place.uri == "dns/corp.example", "\(place)")
    }
    let configured = try await SenderAuthCLI.run(
      ["check", "--config", Self.config, "--format", "sarif"] + resolver)
    for place in try Self.locations(try Self.validResults(configured)) {
      #expect(place.uri == Self.config && place.line == 4, "\(place)")
    }
  }

  @Test func helpURIsPointAtTheRulePagesUnderTheDocumentationBase() async throws {
    let base = "https://github.com/example/senderauth/blob/v1/docs/"
    for language in ["en", "de"] {
      let run = try await SenderAuthCLI.run(
        ["check", "corp.example", "--offline", "--format", "sarif", "--lang", language]
          + Self.zones,
        environment: ["SENDERAUTH_DOCS_URL": base])
      _ = try Self.validResults(run)
      let log = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
      let driver =
        ((log?["runs"] as? [[String: Any]])?.first?["tool"] as? [String: Any])?[
          "driver"] as? [String: Any]
      let rules = try #require(driver?["rules"] as? [[String: Any]])
      for rule in rules {
        let id = try #require(rule["id"] as? String)
        let page = language == "en" ? "rules/\(id).md" : "rules/de/\(id).md"
        #expect(rule["helpUri"] as? String == base + page)
        // The page exists in this repository.
        #expect(
          FileManager.default.fileExists(atPath: SenderAuthCLI.root + "/docs/" + page), "\(page)")
      }
    }
  }

  @Test(arguments: ["en", "de"])
  func goldenLogsValidate(_ language: String) async throws {
    let path = SenderAuthCLI.root + "/Tests/SenderAuthReportTests/Golden/sarif.\(language).sarif"
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let errors = try PythonTools.sarifErrors(text)
    #expect(errors.isEmpty, "\(errors)")
  }
}
