import DNSLookup
import Foundation
import SenderAuthCore
import SenderAuthRules
import Testing

/// No rule may advise removing what another check then needs: every fix a report gives is
/// applied to the zone, the domain is checked again with the same sending IPs, and the advice
/// of the second round never adds back what the first removed (nor removes what it added), and
/// never pins a sending service's address with `ip4:`. The support cases of issue 14: SendGrid
/// from a dedicated IP with the legacy include (Procore), SendGrid's shared addresses for a
/// domain without any SendGrid record (Kenjo), Microsoft 365 without its include.
@Suite struct AdviceLoopTests {
  struct Case: Sendable, CustomStringConvertible {
    var domain: String
    var ips: [String]
    var description: String { "\(domain) \(ips.joined(separator: " "))" }
  }

  static let cases = [
    Case(domain: "buildsoft.example", ips: ["167.89.50.10"]),
    Case(domain: "customer-b.example", ips: ["149.72.190.99", "149.72.246.141"]),
    Case(domain: "m365-new.example", ips: ["40.107.22.60"]),
    Case(domain: "sg-plain.example", ips: ["149.72.126.143", "198.51.100.9"]),
  ]

  static func zone(_ domain: String) throws -> ZoneFile {
    try #require(MessageFixtures.zones.first { $0.origin.text == domain })
  }

  static func report(_ zone: ZoneFile, _ example: Case) async throws -> DomainReport {
    let others = MessageFixtures.zones.filter { $0.origin != zone.origin }
    let options = CheckOptions(ips: example.ips.compactMap(IPAddress.init))
    return try await TestSession.report(
      ZoneResolver(zones: [zone] + others), domain: example.domain, options: options)
  }

  /// Every change the report's fixes give, each once, with the account values a user copies
  /// from the service filled into the placeholders (the fixture accounts' values).
  static func changes(_ report: DomainReport) -> (add: [DNSChange], remove: [DNSChange]) {
    var seen: Set<DNSChange> = []
    let fixes = report.findings.compactMap(\.fix)
    let remove = fixes.flatMap(\.remove).filter { seen.insert($0).inserted }
    let add = fixes.flatMap(\.add).map(filled).filter { seen.insert($0).inserted }
    return (add, remove)
  }

  static let accountValues = [
    "<user>": "1357924", "<wl>": "008", "<n>": "1357", "<tenant>": "m365new",
  ]

  static func filled(_ change: DNSChange) -> DNSChange {
    var value = change.value
    var owner = change.owner.text
    for (placeholder, actual) in accountValues {
      value = value.replacingOccurrences(of: placeholder, with: actual)
      owner = owner.replacingOccurrences(of: placeholder, with: actual)
    }
    return DNSChange(
      owner: (try? DomainName(owner)) ?? change.owner, ttl: change.ttl, type: change.type,
      value: value)
  }

  @Test(arguments: cases)
  func applyingTheAdviceNeverUndoesIt(_ example: Case) async throws {
    var zone = try Self.zone(example.domain)
    var added: [DNSChange] = []
    var removed: [DNSChange] = []
    // Two rounds of applying every fix, then a third report.
    for _ in 0..<2 {
      let report = try await Self.report(zone, example)
      let (add, remove) = Self.changes(report)
      for change in add + remove {
        for ip in example.ips where Self.isServiceAddress(ip) {
          #expect(
            !change.value.contains("ip4:\(ip)"),
            "\(example): a fix pins a sending service's address: \(change.value)")
        }
      }
      for change in add where change.type != .txt {
        #expect(!removed.contains(change), "\(example): adds back \(change)")
      }
      for change in remove where change.type != .txt {
        #expect(!added.contains(change), "\(example): removes \(change) it advised")
      }
      // An SPF term removed in one round must not come back in a later one.
      let removedTerms = Set(removed.flatMap { Self.terms($0) })
      let addedTerms = Set(add.flatMap { Self.terms($0) })
      let back = removedTerms.intersection(addedTerms).subtracting(
        Set(remove.flatMap { Self.terms($0) }))
      #expect(back.isEmpty, "\(example): SPF terms come back: \(back.sorted())")
      added += add
      removed += remove
      zone = try zone.applying(
        Fix(explanation: LocalizedText(en: "all", de: "alle"), add: add, remove: remove))
    }
    let after = try await Self.report(zone, example)
    // What the sending addresses need is not an error once the advice is followed.
    #expect(
      !after.findings.contains { $0.id == "spf.ip-not-authorized" && $0.severity == .error },
      "\(example): \(after.findings.map(\.message.en))")
  }

  /// True for the addresses of the cases that a sending service publishes.
  static func isServiceAddress(_ ip: String) -> Bool {
    ["149.72.", "167.89.", "40.107."].contains { ip.hasPrefix($0) }
  }

  /// The terms of an SPF record change (empty for other records).
  static func terms(_ change: DNSChange) -> [String] {
    guard change.type == .txt, change.value.lowercased().hasPrefix("v=spf1") else { return [] }
    return change.value.split(separator: " ").dropFirst().map { $0.lowercased() }
  }

  @Test func theDedicatedSendGridAddressIsNeverPinned() async throws {
    // Procore's case as the issue saw it: first the include, then (after removing it as
    // advised) the same address again; neither round proposes 'ip4:'.
    let example = Case(domain: "buildsoft.example", ips: ["167.89.50.10"])
    let before = try await Self.report(try Self.zone("buildsoft.example"), example)
    let unneeded = try #require(before.findings.first { $0.id == "esp.spf-include-unneeded" })
    let fix = try #require(unneeded.fix)
    let after = try await Self.report(
      try Self.zone("buildsoft.example").applying(fix), example)
    for report in [before, after] {
      #expect(report.verdict == .ready, "\(report.findings.map(\.message.en))")
      #expect(!report.findings.contains { $0.id == "spf.ip-not-authorized" })
      let note = report.findings.first { $0.id == "esp.sending-ip" }
      #expect(note?.message.en.contains("Twilio SendGrid") == true)
      #expect(note?.message.en.contains("needs no 'ip4:' entry") == true)
    }
  }
}
