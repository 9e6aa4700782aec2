import DNSTestSupport
import Foundation
import Testing

/// Zones offline as a server sees them, through the CLI: the same zone served by Knot and
/// read with `--offline --zone` gives the same findings and answers; a zone Knot refuses is
/// bad input (exit 2, one line with file, line, column and token); two files for one zone
/// are an error naming both.
@Suite(.serialized) struct ZoneFileCLITests {
  /// Two identical SPF records (with different TTLs) and an owner written with `\058`.
  static let zone = #"""
    $ORIGIN case.test.
    $TTL 300
    @       IN SOA ns hostmaster 1 3600 600 86400 300
    @       IN NS  ns
    ns      IN A   192.0.2.1
    @       IN MX  10 mail
    mail    IN A   192.0.2.25
    @       IN TXT "v=spf1 mx -all"
    @   600 IN TXT "v=spf1 mx -all"
    _dmarc  IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@case.test"
    foo\058bar IN TXT "colon"

    """#
  /// Where the answers come from: Knot on loopback, or the zone file with `--offline`.
  typealias Source = HostileDNSTests.Source

  /// A fresh directory holding `files` (name → text).
  static func directory(_ files: [String: String]) throws -> String {
    let path = NSTemporaryDirectory() + "senderauth-zones-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    for (name, text) in files {
      try text.write(toFile: path + "/" + name, atomically: false, encoding: .utf8)
    }
    return path
  }

  static func cli(_ arguments: [String]) async throws -> SenderAuthCLI.Run {
    try await OffPool.run { () throws -> SenderAuthCLI.Run in try SenderAuthCLI.run(arguments) }
  }

  /// Runs `arguments` with the resolver arguments for `source`.
  static func run(_ arguments: [String], source: Source) async throws -> SenderAuthCLI.Run {
    switch source {
    case .zoneFile:
      let directory = try Self.directory(["case.test.zone": zone])
      defer { try? FileManager.default.removeItem(atPath: directory) }
      return try await cli(arguments + ["--offline", "--zone", directory + "/case.test.zone"])
    case .knot:
      let server = try await KnotServer.start(
        zones: [KnotServer.Zone(origin: "case.test.", text: zone), HostileDNSTests.parentZone])
      defer { server.stop() }
      return try await cli(
        arguments + ["--nameserver", server.nameserver, "--timeout", "2", "--tries", "1"])
    }
  }

  static func findingIDs(_ run: SenderAuthCLI.Run) -> [String] {
    let object = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    let domain = (object?["domains"] as? [[String: Any]])?.first
    return (domain?["findings"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
      .sorted()
  }

  @Test func identicalSPFRecordsAreOneRecordAsKnotServesThem() async throws {
    var results: [Source: (Int32, [String])] = [:]
    for source in Source.allCases {
      let run = try await Self.run(
        ["check", "case.test", "--format", "json", "--profile", "rfc"], source: source)
      results[source] = (run.status, Self.findingIDs(run))
      #expect(
        !Self.findingIDs(run).contains("spf.multiple-records"), "\(source): \(run.stdout)")
    }
    #expect(results[.knot]?.0 == results[.zoneFile]?.0)
    #expect(results[.knot]?.1 == results[.zoneFile]?.1)
  }

  @Test(arguments: Source.allCases)
  func escapedOwnerIsTheNameOfItsOctets(source: Source) async throws {
    for name in [#"foo\058bar.case.test"#, "foo:bar.case.test"] {
      let run = try await Self.run(["lookup", name, "TXT", "--format", "json"], source: source)
      #expect(run.status == 0, "\(run.stderr)")
      let object =
        try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
      #expect(object?["status"] as? String == "answer", "\(source) \(name): \(run.stdout)")
      let records = object?["records"] as? [[String: Any]] ?? []
      #expect(records.compactMap { $0["name"] as? String } == ["foo:bar.case.test."])
    }
  }

  @Test func unterminatedQuoteIsRefusedAsKnotRefusesIt() async throws {
    let broken = Self.zone.replacingOccurrences(of: #""colon""#, with: #""colon"#)
    let server = try await KnotServer.start(
      zones: [KnotServer.Zone(origin: "case.test.", text: broken)],
      expectFailure: ["case.test."])
    defer { server.stop() }
    #expect(server.failedOrigins == ["case.test."])
    let directory = try Self.directory(["case.test.zone": broken])
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/case.test.zone"
    let run = try await Self.cli(["check", "case.test", "--offline", "--zone", path])
    #expect(run.status == 2)
    #expect(run.stdout.isEmpty)
    #expect(
      run.stderr.contains("\(path):11:19: quoted string is not closed on its line"),
      "\(run.stderr)")
    #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
  }

  @Test func twoFilesForOneZoneAreAnErrorNamingBoth() async throws {
    let directory = try Self.directory([
      "case.test.zone": Self.zone,
      "copy.zone": Self.zone.replacingOccurrences(
        of: "\"colon\"", with: "\"changed\""),
    ])
    defer { try? FileManager.default.removeItem(atPath: directory) }
    for arguments in [
      ["--zone", directory],
      ["--zone", directory + "/case.test.zone", "--zone", directory + "/copy.zone"],
    ] {
      let run = try await Self.cli(["check", "case.test", "--offline"] + arguments)
      #expect(run.status == 2, "\(run.stderr)")
      #expect(run.stdout.isEmpty)
      #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
      #expect(run.stderr.contains("\(directory)/case.test.zone and \(directory)/copy.zone"))
      #expect(run.stderr.contains("both hold the zone 'case.test.'"), "\(run.stderr)")
    }
  }
}
