import Foundation
import SenderAuthCore
import SenderAuthReport
import Testing

/// The SARIF output holds what the 2.1.0 schema requires, with valid values.
@Suite struct SARIFRendererTests {
  func log(_ language: Language = .en) throws -> [String: Any] {
    let output = SARIFRenderer.render(
      ReportFixture.report, options: ReportFixture.options(language))
    return try #require(
      try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
  }

  @Test(arguments: Language.allCases)
  func hasTheSchemasRequiredFields(_ language: Language) throws {
    let log = try log(language)
    #expect(log["version"] as? String == "2.1.0")
    #expect((log["$schema"] as? String)?.contains("sarif-schema-2.1.0") == true)
    let runs = try #require(log["runs"] as? [[String: Any]])
    #expect(runs.count == 1)
    let run = try #require(runs.first)
    let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    #expect(driver["name"] as? String == "senderauth")
    #expect(driver["informationUri"] == nil, "no invented home page")
    let rules = try #require(driver["rules"] as? [[String: Any]])
    let ruleIDs = rules.compactMap { $0["id"] as? String }
    #expect(ruleIDs.count == rules.count)
    for rule in rules {
      #expect((rule["shortDescription"] as? [String: Any])?["text"] is String)
      #expect((rule["fullDescription"] as? [String: Any])?["text"] is String)
      let help = try #require(rule["help"] as? [String: Any])
      #expect(help["text"] is String && help["markdown"] is String)
      if let help = rule["helpUri"] as? String { #expect(URL(string: help) != nil) }
    }
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.count == 5)
    for result in results {
      let message = try #require(result["message"] as? [String: Any])
      #expect(!((message["text"] as? String) ?? "").isEmpty)
      let ruleID = try #require(result["ruleId"] as? String)
      let index = try #require(result["ruleIndex"] as? Int)
      #expect(ruleIDs.indices.contains(index) && ruleIDs[index] == ruleID)
      #expect(["none", "note", "warning", "error"].contains(result["level"] as? String ?? ""))
      let locations = try #require(result["locations"] as? [[String: Any]])
      #expect(locations.count == 1)
    }
  }

  @Test func zoneFileFindingsPointAtTheLine() throws {
    let results = try #require(
      ((try log()["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
    let first = try #require(results.first)
    #expect(first["ruleId"] as? String == "spf.multiple-records")
    #expect(first["level"] as? String == "error")
    let location = try #require((first["locations"] as? [[String: Any]])?.first)
    let physical = try #require(location["physicalLocation"] as? [String: Any])
    #expect(
      (physical["artifactLocation"] as? [String: Any])?["uri"] as? String
        == "zones/example.com.zone")
    #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == 7)
    let live = try #require(results.first { $0["ruleId"] as? String == "spf.unknown-term" })
    let logical = try #require(
      ((live["locations"] as? [[String: Any]])?.first?["logicalLocations"]) as? [[String: Any]])
    #expect(logical.first?["name"] as? String == "mail.example.com")
  }

  @Test func suppressedFindingsCarryASuppression() throws {
    let results = try #require(
      ((try log()["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
    let suppressed = results.filter { $0["suppressions"] != nil }
    #expect(suppressed.map { $0["ruleId"] as? String } == ["mx.missing"])
  }
}
