import DNSLookup
import Foundation
import SenderAuthCore
import SenderAuthKit
import SenderAuthRules
import Testing

/// `fix --write` on every rule's triggering example: the zone file rewritten with the plan is
/// read by Knot's own checker (`kzonecheck`) with no error the original did not have, by our
/// parser with the plan's records in place, and keeps comments and unrelated lines.
@Suite struct ZonePlanWriterTests {
  static let checker = "/usr/bin/kzonecheck"

  /// The example's zone as a file Knot loads: `$ORIGIN`, `$TTL`, an SOA and NS added when it
  /// has none, a comment kept to see that it survives.
  static func text(_ example: RuleExample) -> String {
    var text = example.zone
    if !text.contains("$TTL") { text = "$TTL 3600\n" + text }
    if !text.contains("$ORIGIN") { text = "$ORIGIN \(example.domain).\n" + text }
    if !text.contains(" SOA ") {
      text += "\n@ 3600 IN SOA ns1 hostmaster 2026010100 3600 600 86400 300\n@ 3600 IN NS ns1\n"
    }
    return text + (text.hasSuffix("\n") ? "" : "\n") + "; kept: a comment at the end\n"
  }

  /// Knot's verdict on a zone file: the error lines of `kzonecheck`.
  static func knotErrors(_ text: String, origin: String) throws -> Set<String> {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "senderauth-kzone-\(UUID().uuidString).zone")
    try text.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: checker)
    process.arguments = ["-o", origin, file.path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    // The summary lines name each kind of error once ("   1\tmissing NS at the zone apex").
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
    return Set(
      lines.filter { $0.hasPrefix("[") || $0.contains("error") }.map {
        String($0.split(separator: "]").last ?? $0).trimmingCharacters(in: .whitespaces)
      })
  }

  @Test(arguments: FixPlanPropertyTests.exampleCases)
  func writtenZoneLoadsInKnot(_ item: FixPlanPropertyTests.Case) async throws {
    guard FileManager.default.isExecutableFile(atPath: Self.checker) else {
      Issue.record("kzonecheck is missing: apt-get install knot-dnssecutils (Scripts/test does)")
      return
    }
    let example = try #require(
      RuleExampleCase.all.first { $0.description == item.label }?.example)
    let text = Self.text(example)
    let zone = try ZoneFile.parse(text, file: "example.zone")
    let result = try await TestSession.result(
      ZoneResolver(zones: [zone]), domain: item.domain, options: item.options)
    let plan = try #require(result.report.fixPlan)
    let outcome = try ZonePlanWriter(zone: zone, text: text).apply(plan)
    #expect(outcome.text.contains("; kept: a comment at the end"))
    if !outcome.added.isEmpty || !outcome.removed.isEmpty {
      #expect(outcome.serial != nil, "\(item)")
      #expect((outcome.serial?.new ?? 0) > (outcome.serial?.old ?? 0))
    }
    let written = try ZoneFile.parse(outcome.text, file: "written.zone")
    for change in outcome.added {
      #expect(
        written.records.contains {
          $0.name == change.owner && $0.type == change.type
            && ($0.data.joinedText ?? $0.data.presentation) == change.value
        }, "\(item): \(change.zoneLine) not written")
    }
    for change in outcome.removed {
      #expect(
        !written.records.contains {
          $0.name == change.owner && $0.type == change.type
            && ($0.data.joinedText ?? $0.data.presentation) == change.value
        }, "\(item): \(change.zoneLine) still there")
    }
    let origin = zone.origin.absolute
    let before = try Self.knotErrors(text, origin: origin)
    let after = try Self.knotErrors(outcome.text, origin: origin)
    #expect(after.isSubset(of: before), "\(item): Knot: \(after.subtracting(before))")
  }
}
