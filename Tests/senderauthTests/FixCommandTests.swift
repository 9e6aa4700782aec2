import DNSTestSupport
import Foundation
import Testing

/// `senderauth fix`: the plan written into zone files (which Knot must then load), as octoDNS
/// YAML (which octoDNS itself must validate), as zone lines and JSON, on every fixture zone
/// with findings and the demo.
@Suite(.serialized) struct FixCommandTests {
  /// One domain to fix: its zone file, the other zones it needs, extra options.
  struct Case: Sendable, CustomStringConvertible {
    var domain: String
    var file: String
    var others: [String] = []
    var options: [String] = []
    var description: String { "\(domain) (\(file))" }
  }

  static let esp = [
    "sendgrid", "mailjet", "hubspot", "microsoft-365", "google-workspace", "amazon-ses",
    "mailchimp", "mandrill", "brevo", "postmark", "mailgun", "sparkpost", "zendesk",
    "salesforce-marketing-cloud", "zoho",
  ]

  static let cases: [Case] =
    [
      Case(
        domain: "shop.example", file: "Fixtures/demo/shop.example.zone",
        others: [
          "Fixtures/demo/sendgrid.net.zone", "Fixtures/demo/onmicrosoft.com.zone",
          "Fixtures/demo/protection.outlook.com.zone",
        ])
    ]
    + esp.map {
      Case(
        domain: "\($0)-broken.example", file: "Fixtures/esp/\($0)-broken.example.zone",
        others: ["Fixtures/esp/providers"])
    }
    + [
      "missing", "multiple-records", "syntax", "no-policy", "no-rua", "removed-tag", "testing",
      "at-apex", "unknown-tag",
    ].map { Case(domain: "example.com", file: "Fixtures/dmarc/\($0).trigger.zone") }
    + [Case(domain: "news.example.com", file: "Fixtures/dmarc/inherited.trigger.zone")]

  /// A scratch directory removed at the end.
  static func scratch() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "senderauth-fix-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  /// The fixture copied to `directory`, with an SOA and NS record added when it has none (a
  /// zone file Knot loads needs them; the plan raises the serial).
  static func copy(_ item: Case, to directory: URL) throws -> String {
    var text = try String(contentsOfFile: SenderAuthCLI.root + "/" + item.file, encoding: .utf8)
    if !text.contains(" SOA ") {
      let origin = KnotServer.origin(ofZoneFile: item.file, text: text)
      let header =
        "$ORIGIN \(origin)\n$TTL 3600\n@ 3600 IN SOA ns1 hostmaster 2026010100 3600 600 86400 300\n@ 3600 IN NS ns1\n"
      text = header + text
    }
    let path = directory.appendingPathComponent(URL(fileURLWithPath: item.file).lastPathComponent)
      .path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static func fix(_ item: Case, zone: String, _ extra: [String]) throws -> SenderAuthCLI.Run {
    try SenderAuthCLI.run(
      ["fix", item.domain, "--offline", "--zone", zone]
        + item.others.flatMap { ["--zone", $0] } + item.options + extra)
  }

  @Test func everyWrittenZoneLoadsInKnotAndIsReadyAsPlanned() async throws {
    let directory = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: directory) }
    var written: [(origin: String, path: String)] = []
    for item in Self.cases {
      let sub = directory.appendingPathComponent(item.domain + "-" + String(written.count))
      try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
      let path = try Self.copy(item, to: sub)
      let before = try String(contentsOfFile: path, encoding: .utf8)
      let planned = try Self.fix(item, zone: path, ["--format", "json"])
      #expect(planned.status != 2, "\(item): \(planned.stderr)")
      let plan = try JSONSerialization.jsonObject(with: Data(planned.stdout.utf8)) as? [String: Any]
      let fixPlan = plan?["fixPlan"] as? [String: Any]
      let run = try Self.fix(item, zone: path, ["--write"])
      #expect(run.status != 2, "\(item): \(run.stderr)")
      let after = try String(contentsOfFile: path, encoding: .utf8)
      let changes =
        ((fixPlan?["add"] as? [Any])?.count ?? 0)
        + ((fixPlan?["remove"] as? [Any])?.count ?? 0)
      if changes > 0, run.stderr.contains("wrote") {
        #expect(after != before, "\(item)")
        #expect(run.stderr.contains("SOA serial"), "\(item): \(run.stderr)")
        // Checked again on the written file, the verdicts are the plan's.
        let check = try await SenderAuthCLI.run(
          ["check", item.domain, "--offline", "--zone", path, "--format", "json"]
            + item.others.flatMap { ["--zone", $0] } + item.options)
        let object =
          try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
        let domain = (object?["domains"] as? [[String: Any]])?.first
        let profiles = (domain?["profiles"] as? [[String: Any]]) ?? []
        let expected = (fixPlan?["after"] as? [String: Bool]) ?? [:]
        for profile in profiles {
          guard let id = profile["id"] as? String, let ready = expected[id] else { continue }
          #expect(profile["ready"] as? Bool == ready, "\(item): profile \(id)")
        }
      }
      let text = try String(contentsOfFile: path, encoding: .utf8)
      written.append((KnotServer.origin(ofZoneFile: path, text: text), path))
    }
    // Knot loads every written file (one server per round: a server holds each zone once).
    var rounds: [[(origin: String, path: String)]] = []
    for file in written {
      if let index = rounds.firstIndex(where: { !$0.contains { $0.origin == file.origin } }) {
        rounds[index].append(file)
      } else {
        rounds.append([file])
      }
    }
    for round in rounds {
      let knot = try await KnotServer.start(zoneFiles: round.map(\.path))
      #expect(knot.failedOrigins.isEmpty, "\(knot.log)")
      knot.stop()
    }
  }

  @Test func octoDNSValidatesEveryPlan() async throws {
    let python = SenderAuthCLI.root + "/.build-venv/bin/octodns-validate"
    guard FileManager.default.isExecutableFile(atPath: python) else {
      let hint = "run Scripts/test, or: .build-venv/bin/pip install octodns"
      Issue.record("octoDNS is missing at \(python): \(hint)")
      return
    }
    for item in Self.cases {
      let directory = try Self.scratch()
      defer { try? FileManager.default.removeItem(at: directory) }
      let zones = directory.appendingPathComponent("zones")
      try FileManager.default.createDirectory(at: zones, withIntermediateDirectories: true)
      let run = try Self.fix(
        item, zone: SenderAuthCLI.root + "/" + item.file, ["--format", "octodns"])
      #expect(run.status != 2, "\(item): \(run.stderr)")
      let origin = KnotServer.origin(
        ofZoneFile: item.file,
        text: try String(contentsOfFile: SenderAuthCLI.root + "/" + item.file, encoding: .utf8))
      try run.stdout.write(
        to: zones.appendingPathComponent("\(origin)yaml"), atomically: true, encoding: .utf8)
      let config = """
        providers:
          config:
            class: octodns.provider.yaml.YamlProvider
            directory: ./zones
        zones:
          \(origin):
            sources:
              - config
            targets:
              - config
        """
      try config.write(
        to: directory.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: python)
      process.arguments = ["--config-file", "config.yaml"]
      process.currentDirectoryURL = directory
      let errors = Pipe()
      process.standardError = errors
      process.standardOutput = Pipe()
      try process.run()
      let output = errors.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      #expect(
        process.terminationStatus == 0,
        "\(item): \(String(decoding: output, as: UTF8.self))\n\(run.stdout)")
    }
  }

  @Test func zoneFormatIsPasteableAndDNSControlNamesEveryRecord() async throws {
    let demo = Self.cases[0]
    let zone = try Self.fix(demo, zone: demo.file, [])
    #expect(zone.status == 0, "\(zone.stderr)")
    let records = zone.stdout.split(separator: "\n").filter { !$0.hasPrefix(";") }
    #expect(records.count == 2, "\(zone.stdout)")
    #expect(records.allSatisfy { $0.contains(" 3600 IN TXT ") })
    #expect(
      zone.stdout.contains("; shop.example. 3600 IN TXT \"v=spf1 include:sendgrid.net ~all\""))
    let control = try Self.fix(demo, zone: demo.file, ["--format", "dnscontrol"])
    #expect(
      control.stdout.contains(
        "TXT(\"@\", \"v=spf1 include:spf.protection.outlook.com include:sendgrid.net -all\"),"))
    #expect(control.stdout.contains("TXT(\"_dmarc\", \"v=DMARC1; p=none\"),"))
    #expect(control.stdout.contains("// delete: TXT(\"@\", \"v=spf1 include:sendgrid.net ~all\")"))
  }

  @Test func writeNeedsTheZoneFileThatHoldsTheDomain() async throws {
    let run = try await SenderAuthCLI.run(["fix", "shop.example", "--offline", "--write"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("--write needs --zone FILE"))
    let other = try await SenderAuthCLI.run([
      "fix", "shop.example", "--offline", "--zone", "Fixtures/demo/sendgrid.net.zone", "--write",
    ])
    #expect(other.status == 2, "\(other.stderr)")
  }
}
