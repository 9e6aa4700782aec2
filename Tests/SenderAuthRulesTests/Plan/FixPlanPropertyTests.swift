import DNSLookup
import Foundation
import SenderAuthCore
import SenderAuthKit
import SenderAuthRules
import Testing

/// The fix plan, re-checked independently of the planner: the plan is applied to the zone
/// files themselves (not to the planner's overlay) and the domain is checked again. Over every
/// rule's triggering examples, every ESP fixture, the DMARC fixtures and the demo:
/// - no finding the plan claims to fix is still there, and no new error appears;
/// - the profile verdicts are the plan's `after`;
/// - at most one SPF and one DMARC record per owner the plan touches;
/// - no policy gets weaker: SPF `all` never less strict, DMARC `p`/`sp`/`np` never lower, no
///   `rua` lost.
@Suite struct FixPlanPropertyTests {
  /// One domain to plan for: its zones and options.
  struct Case: Sendable, CustomStringConvertible {
    var label: String
    var domain: String
    var zones: [ZoneFile]
    var options: CheckOptions
    var description: String { label }
  }

  static var exampleCases: [Case] {
    RuleExampleCase.all.compactMap { item -> Case? in
      let example = item.example
      guard item.kind == .triggering, example.failing.isEmpty, example.expired.isEmpty,
        !example.options.authoritative, let zone = try? RuleExampleRunner.zone(example)
      else { return nil }
      return Case(
        label: item.description, domain: example.domain, zones: [zone], options: example.options)
    }
  }

  static var fixtureCases: [Case] {
    var cases: [Case] = []
    for item in ESPFixtureCase.all {
      for (domain, options) in [(item.broken, item.brokenOptions), (item.ok, item.okOptions)] {
        if let zones = try? ESPFixtureTests.zones(for: domain) {
          cases.append(Case(label: domain, domain: domain, zones: zones, options: options))
        }
      }
    }
    for item in DMARCRuleFixtureTests.cases {
      let path = DMARCRuleFixtureTests.root.appendingPathComponent("\(item.fixture).trigger.zone")
      if let zone = try? ZoneFile.load(path: path.path) {
        cases.append(
          Case(
            label: "dmarc/\(item.fixture) \(item.domain)", domain: item.domain, zones: [zone],
            options: item.options))
      }
    }
    let demo = Self.repository + "/Fixtures/demo"
    if let names = try? FileManager.default.contentsOfDirectory(atPath: demo) {
      let zones = names.filter { $0.hasSuffix(".zone") }.sorted().compactMap {
        try? ZoneFile.load(path: demo + "/" + $0)
      }
      cases.append(
        Case(label: "demo", domain: "shop.example", zones: zones, options: CheckOptions()))
    }
    return cases
  }

  static let repository: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
  }()

  @Test(arguments: exampleCases)
  func planOfEveryRuleExampleHolds(_ item: Case) async throws {
    try await Self.verify(item)
  }

  @Test(arguments: fixtureCases)
  func planOfEveryFixtureHolds(_ item: Case) async throws {
    try await Self.verify(item)
  }

  @Test func theDemoIsReadyAfterItsPlan() async throws {
    let demo = try #require(Self.fixtureCases.first { $0.label == "demo" })
    let result = try await TestSession.result(
      ZoneResolver(zones: demo.zones), domain: demo.domain, options: demo.options)
    let plan = try #require(result.report.fixPlan)
    #expect(plan.after.allSatisfy { $0.ready }, "\(plan.after)")
    #expect(!plan.placeholders)
    let after = try await Self.recheck(plan, item: demo)
    #expect(after.profiles.allSatisfy { $0.ready })
    #expect(!after.findings.contains { $0.id == "dmarc.multiple-records" })
  }

  // MARK: - The property

  static func verify(_ item: Case) async throws {
    let result = try await TestSession.result(
      ZoneResolver(zones: item.zones), domain: item.domain, options: item.options)
    let before = result.report
    let plan = try #require(before.fixPlan, "\(item)")
    let after = try await recheck(plan, item: item)
    let remaining = Set(after.findings.map(\.id))
    for id in plan.fixes {
      #expect(!remaining.contains(id), "\(item): '\(id)' is still there")
    }
    // No new error: every error after was an error before, or fails only requirements that
    // failed before already (a report address La Poste wants, now that a record exists).
    for finding in after.errorsNew(comparedTo: before) {
      Issue.record("\(item): the plan adds the error \(finding.id): \(finding.message.en)")
    }
    let verdicts = Dictionary(uniqueKeysWithValues: after.profiles.map { ($0.id, $0.ready) })
    for outcome in plan.after {
      #expect(verdicts[outcome.id] == outcome.ready, "\(item): \(outcome.id)")
    }
    let patched = applying(plan, to: item.zones)
    for owner in Set((plan.add + plan.remove).map(\.owner)) {
      let old = texts(at: owner, in: item.zones)
      let new = texts(at: owner, in: patched)
      let spf = new.filter { $0.lowercased().hasPrefix("v=spf1") }
      let dmarc = new.filter { $0.lowercased().hasPrefix("v=dmarc1") }
      #expect(spf.count <= 1, "\(item): \(owner.text) has \(spf)")
      #expect(dmarc.count <= 1, "\(item): \(owner.text) has \(dmarc)")
      let oldAll = old.filter { $0.lowercased().hasPrefix("v=spf1") }.compactMap(
        SPFMerge.allStrictness
      ).max()
      if let oldAll, let newRecord = spf.first {
        #expect(
          (SPFMerge.allStrictness(newRecord) ?? -1) >= oldAll,
          "\(item): \(owner.text) 'all' weaker: \(old) → \(newRecord)")
      }
      let oldDMARC = old.filter { $0.lowercased().hasPrefix("v=dmarc1") }.map {
        DMARCIntent(text: $0)
      }
      if let oldIntent = DMARCIntent.combined(oldDMARC), let newRecord = dmarc.first {
        #expect(
          oldIntent.isKeptOrStrengthened(by: DMARCIntent(text: newRecord)),
          "\(item): \(owner.text) DMARC weaker: \(old) → \(newRecord)")
      }
    }
  }

  /// The domain checked again on its zones with the plan applied to them.
  static func recheck(_ plan: FixPlan, item: Case) async throws -> DomainReport {
    var request = try CheckRequest(
      domains: [try DomainInput.parse(item.domain)], options: item.options, deadline: nil)
    request.plans = false
    let session = Session(
      request, resolver: try ZoneResolver(zones: applying(plan, to: item.zones)))
    return await session.check(request.domains[0]).report
  }

  /// The zones with the plan's records removed and added (each in the closest enclosing zone;
  /// values the owner must fill in are left out).
  static func applying(_ plan: FixPlan, to zones: [ZoneFile]) -> [ZoneFile] {
    var zones = zones
    func holder(_ owner: DomainName) -> Int? {
      zones.indices.filter { owner.isSubdomain(of: zones[$0].origin) }
        .max { zones[$0].origin.labels.count < zones[$1].origin.labels.count }
    }
    for change in plan.remove {
      guard let index = holder(change.owner), let data = data(change) else { continue }
      zones[index].records.removeAll {
        $0.name == change.owner && $0.type == change.type
          && ($0.data == data || ($0.data.joinedText != nil && $0.data.joinedText == change.value))
      }
    }
    for change in plan.add {
      guard let data = data(change) else { continue }
      let record = ResourceRecord(
        name: change.owner, type: change.type, ttl: change.ttl, data: data)
      if let index = holder(change.owner) {
        zones[index].records.append(record)
      } else {
        // A name in none of the zones (the reverse zone of a sending IP): its own zone.
        zones.append(ZoneFile(origin: change.owner, records: [record], file: "plan"))
      }
    }
    return zones
  }

  static func data(_ change: DNSChange) -> RData? {
    guard !change.hasPlaceholder else { return nil }
    if change.type == .txt { return .txt(splitting: change.value) }
    return try? RData.parse(presentation: change.value, type: change.type)
  }

  static func texts(at owner: DomainName, in zones: [ZoneFile]) -> [String] {
    zones.flatMap(\.records).filter { $0.name == owner && $0.type == .txt }.compactMap(
      \.data.joinedText)
  }
}
