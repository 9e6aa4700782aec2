import DNSLookup
import Foundation
import SenderAuthCore
import SenderAuthRules
import Testing

/// The sending-IP rules over `Fixtures/ip`: one forward-confirmed address, one whose PTR name
/// points elsewhere, one generic pool name, one without PTR; every fix applied to the zones
/// silences its finding.
@Suite struct SendingIPFixtureTests {
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path + "/Fixtures/ip"
  }()

  static let ips = ["198.51.100.25", "198.51.100.26", "198.51.100.27", "198.51.100.28"]

  static func zones() throws -> [ZoneFile] {
    try ["sender.example", "100.51.198.in-addr.arpa", "isp.example"].map {
      try ZoneFile.load(path: "\(root)/\($0).zone")
    }
  }

  static func check(_ zones: [ZoneFile], profiles: [String] = ["gmail"]) async throws
    -> DomainReport
  {
    let checker = Checker(resolver: CachingResolver(wrapping: try ZoneResolver(zones: zones)))
    return await checker.check(
      try DomainName("sender.example"), options: CheckOptions(ips: ips, profiles: profiles))
  }

  @Test func findsEachReverseDNSProblemOnce() async throws {
    let report = try await Self.check(try Self.zones())
    func messages(_ id: String) -> [String] {
      report.findings.filter { $0.id == id }.map(\.message.en)
    }
    #expect(messages("ptr.missing").count == 1)
    #expect(messages("ptr.missing").first?.contains("198.51.100.28") == true)
    #expect(messages("ptr.mismatch").count == 1)
    #expect(messages("ptr.mismatch").first?.contains("198.51.100.26") == true)
    #expect(messages("ptr.generic").count == 1)
    #expect(messages("ptr.generic").first?.contains("198.51.100.27") == true)
    #expect(!report.findings.contains { $0.message.en.contains("IP '198.51.100.25'") })
    let gmail = try #require(report.profiles.first { $0.id == "gmail" })
    #expect(!gmail.ready)
    #expect(gmail.requirements.first { $0.id == "gmail.ptr-required" }?.status == .failed)
  }

  @Test(arguments: ["ptr.missing", "ptr.mismatch", "ptr.generic"])
  func fixSilencesTheFinding(_ id: String) async throws {
    let zones = try Self.zones()
    let report = try await Self.check(zones)
    var fixed = zones
    for fix in report.findings.filter({ $0.id == id }).compactMap(\.fix) {
      for change in fix.remove + fix.add {
        let single =
          fix.remove.contains(change)
          ? Fix(explanation: fix.explanation, remove: [change])
          : Fix(explanation: fix.explanation, add: [change])
        let index = try #require(
          fixed.indices.first { change.owner.isSubdomain(of: fixed[$0].origin) })
        fixed[index] = try fixed[index].applying(single)
      }
    }
    let after = try await Self.check(fixed)
    #expect(!after.findings.contains { $0.id == id }, "\(id) still reported")
  }
}
