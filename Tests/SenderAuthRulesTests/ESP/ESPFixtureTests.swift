import DNSLookup
import Foundation
import SenderAuthCore
import SenderAuthRules
import Testing

/// One ESP fixture pair: a correct and a broken domain, how to check them, what to expect.
struct ESPFixtureCase: Sendable, CustomStringConvertible {
  var esp: String
  var okOptions: CheckOptions = CheckOptions()
  var brokenOptions: CheckOptions = CheckOptions()
  /// Finding ids the broken domain must show.
  var brokenFindings: [String]
  /// Whether the broken domain is still ready for the default `bulk` profile.
  var brokenReady: Bool
  /// Whether some finding of the broken domain prints a fix (a TXT key from the ESP account
  /// cannot be invented).
  var hasFix = true

  var description: String { esp }
  var ok: String { "\(esp)-ok.example" }
  var broken: String { "\(esp)-broken.example" }

  static let all: [ESPFixtureCase] = [
    ESPFixtureCase(
      esp: "sendgrid",
      okOptions: CheckOptions(returnPath: try? DomainName("em1234.sendgrid-ok.example")),
      brokenOptions: CheckOptions(esps: ["sendgrid"]),
      brokenFindings: ["esp.dkim-missing", "gmail.bulk.dmarc-required"], brokenReady: false),
    ESPFixtureCase(
      esp: "mailjet", brokenFindings: ["esp.spf-include-missing"], brokenReady: true),
    ESPFixtureCase(esp: "hubspot", brokenFindings: ["esp.dkim-missing"], brokenReady: true),
    ESPFixtureCase(
      esp: "microsoft-365", brokenFindings: ["esp.spf-include-missing", "esp.dkim-missing"],
      brokenReady: true),
    ESPFixtureCase(
      esp: "google-workspace",
      brokenFindings: ["esp.dkim-missing", "gmail.bulk.spf-and-dkim"], brokenReady: false,
      hasFix: false),
    ESPFixtureCase(
      esp: "amazon-ses",
      okOptions: CheckOptions(
        selectors: ["tokena1", "tokenb2", "tokenc3"],
        returnPath: try? DomainName("bounce.amazon-ses-ok.example")),
      brokenOptions: CheckOptions(
        selectors: ["tokena1", "tokenb2", "tokenc3"],
        returnPath: try? DomainName("bounce.amazon-ses-broken.example")),
      brokenFindings: ["esp.spf-include-unneeded", "esp.return-path-missing"], brokenReady: false),
    ESPFixtureCase(
      esp: "mailchimp", brokenFindings: ["esp.dkim-missing", "esp.spf-include-unneeded"],
      brokenReady: true),
    ESPFixtureCase(
      esp: "mandrill",
      okOptions: CheckOptions(returnPath: try? DomainName("mc.mandrill-ok.example")),
      brokenFindings: ["esp.dkim-missing", "esp.spf-include-unneeded"], brokenReady: true),
    ESPFixtureCase(
      esp: "brevo", brokenOptions: CheckOptions(esps: ["brevo"]),
      brokenFindings: ["esp.dkim-missing", "esp.spf-include-unneeded"], brokenReady: false),
    ESPFixtureCase(
      esp: "postmark", okOptions: CheckOptions(selectors: ["20240101000000pm"]),
      brokenOptions: CheckOptions(selectors: ["20240101000000pm"], esps: ["postmark"]),
      brokenFindings: ["esp.return-path-missing", "esp.spf-include-unneeded"], brokenReady: true),
    ESPFixtureCase(
      esp: "mailgun", brokenOptions: CheckOptions(esps: ["mailgun"]),
      brokenFindings: ["esp.spf-include-missing"], brokenReady: true),
    ESPFixtureCase(
      esp: "sparkpost",
      okOptions: CheckOptions(
        selectors: ["scph0125"], returnPath: try? DomainName("bounce.sparkpost-ok.example")),
      brokenOptions: CheckOptions(
        selectors: ["scph0125"], returnPath: try? DomainName("bounce.sparkpost-broken.example"),
        esps: ["sparkpost"]
      ),
      brokenFindings: ["esp.return-path-missing"], brokenReady: false),
    ESPFixtureCase(
      esp: "zendesk", brokenOptions: CheckOptions(esps: ["zendesk"]),
      brokenFindings: ["esp.spf-include-missing", "esp.dkim-missing"], brokenReady: true),
    ESPFixtureCase(
      esp: "salesforce-marketing-cloud",
      brokenOptions: CheckOptions(esps: ["salesforce-marketing-cloud"]),
      brokenFindings: ["esp.dkim-missing", "gmail.bulk.spf-and-dkim"], brokenReady: false,
      hasFix: false),
    ESPFixtureCase(
      esp: "zoho", brokenOptions: CheckOptions(esps: ["zoho"]),
      brokenFindings: ["esp.dkim-missing", "gmail.bulk.spf-and-dkim"], brokenReady: false,
      hasFix: false),
  ]
}

/// Runs `Checker` offline over every ESP fixture (the domain's zone plus the provider-side
/// zones), checks that the ESP is named and the profile verdicts, and applies every printed
/// fix to the zones to see the finding go away.
@Suite struct ESPFixtureTests {
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path + "/Fixtures/esp"
  }()

  static func providerZones() throws -> [ZoneFile] {
    let directory = root + "/providers"
    let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter {
      $0.hasSuffix(".zone")
    }
    return try names.sorted().map { try ZoneFile.load(path: directory + "/" + $0) }
  }

  static func check(_ domain: String, zones: [ZoneFile], options: CheckOptions) async throws
    -> DomainReport
  {
    var options = options
    options.rua = options.rua ?? "mailto:dmarc@\(domain)"
    return try await TestSession.report(
      ZoneResolver(zones: zones), domain: domain, options: options)
  }

  static func zones(for domain: String) throws -> [ZoneFile] {
    [try ZoneFile.load(path: "\(root)/\(domain).zone")] + (try providerZones())
  }

  /// Applies `changes` to whichever zone holds each owner (the closest enclosing apex).
  static func applying(_ fix: Fix, to zones: [ZoneFile]) throws -> [ZoneFile] {
    var zones = zones
    for (changes, isAdd) in [(fix.remove, false), (fix.add, true)] {
      for var change in changes {
        change.value = change.value.replacingOccurrences(
          of: "<[^>]*>", with: "1234", options: .regularExpression)
        guard
          let index = zones.indices.filter({ change.owner.isSubdomain(of: zones[$0].origin) })
            .max(by: { zones[$0].origin.labels.count < zones[$1].origin.labels.count })
        else {
          Issue.record("no fixture zone holds '\(change.owner.text)'")
          continue
        }
        let single =
          isAdd
          ? Fix(explanation: fix.explanation, add: [change])
          : Fix(explanation: fix.explanation, remove: [change])
        zones[index] = try zones[index].applying(single)
      }
    }
    return zones
  }

  @Test(arguments: ESPFixtureCase.all)
  func correctDomainNamesTheESPAndIsReady(_ item: ESPFixtureCase) async throws {
    let report = try await Self.check(
      item.ok, zones: try Self.zones(for: item.ok), options: item.okOptions)
    #expect(report.esps.map(\.id).contains(item.esp), "\(item.ok): ESPs \(report.esps.map(\.id))")
    let espProblems = report.findings.filter {
      $0.id.hasPrefix("esp.") && $0.severity >= .warning
    }
    #expect(espProblems.isEmpty, "\(item.ok): \(espProblems.map(\.message.en))")
    let bulk = try #require(report.profiles.first { $0.id == "bulk" })
    let failed = bulk.requirements.filter { $0.status == .failed }.map(\.id)
    let ready = bulk.ready
    #expect(ready, "\(item.ok) not ready: \(failed) \(report.findings.map(\.id))")
    #expect(!bulk.requirements.contains { $0.status == .notCheckable && $0.findings.count > 0 })
  }

  @Test(arguments: ESPFixtureCase.all)
  func brokenDomainNamesTheESPAndItsProblems(_ item: ESPFixtureCase) async throws {
    let report = try await Self.check(
      item.broken, zones: try Self.zones(for: item.broken), options: item.brokenOptions)
    #expect(report.esps.map(\.id).contains(item.esp), "\(item.broken): ESPs \(report.esps)")
    let ids = Set(report.findings.map(\.id))
    // A provider requirement that fails because of a reported finding is named by the failed
    // requirement (which points at that finding), not by a second finding.
    let failedRequirements = Set(
      report.profiles.flatMap(\.requirements).filter { $0.status == .failed }.map(\.id))
    for expected in item.brokenFindings {
      #expect(
        ids.contains(expected) || failedRequirements.contains(expected),
        "\(item.broken): no '\(expected)' in \(ids.sorted())")
    }
    let bulk = try #require(report.profiles.first { $0.id == "bulk" })
    let ready = bulk.ready
    let failed = bulk.requirements.filter { $0.status == .failed }.map(\.id)
    #expect(ready == item.brokenReady, "\(item.broken): bulk ready \(ready), failed \(failed)")
    for requirement in bulk.requirements where requirement.status == .failed {
      #expect(requirement.findings.allSatisfy(ids.contains))
    }
  }

  @Test(arguments: ESPFixtureCase.all)
  func everyPrintedFixSilencesItsRule(_ item: ESPFixtureCase) async throws {
    let zones = try Self.zones(for: item.broken)
    let report = try await Self.check(item.broken, zones: zones, options: item.brokenOptions)
    // Fixes that change DNS; explanation-only ones (web-server work) cannot silence a rule.
    let changing = report.findings.filter {
      guard let fix = $0.fix else { return false }
      return !fix.add.isEmpty || !fix.remove.isEmpty
    }
    let fixable = Dictionary(grouping: changing, by: \.id)
    #expect(fixable.isEmpty == !item.hasFix, "\(item.broken): fixes for \(fixable.keys.sorted())")
    for (id, findings) in fixable.sorted(by: { $0.key < $1.key }) {
      var fixed = zones
      for finding in findings {
        if let fix = finding.fix { fixed = try Self.applying(fix, to: fixed) }
      }
      let after = try await Self.check(item.broken, zones: fixed, options: item.brokenOptions)
      let still = after.findings.filter { $0.id == id }
      #expect(still.isEmpty, "\(item.broken): '\(id)' still reported: \(still.map(\.message.en))")
    }
  }
}
