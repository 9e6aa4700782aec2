import DNSLookup
import DNSTestSupport
import Foundation
import Testing

/// `ZoneFile` against Knot, from a fixed seed: 1000 generated zone files (half valid, a
/// quarter with one broken piece from a list, a quarter with one record mutated at random)
/// are loaded by one `knotd` and by our parser. Both must load or refuse the same files (but
/// for what we refuse on purpose, `refusedOnPurpose`), and for the loaded ones `ZoneResolver`
/// must give the answers Knot gives for every owner and type (`KnotEquivalenceTests.compare`).
/// About 4 s.
@Suite struct ZoneFileDifferentialTests {
  static let seed: UInt64 = 20_261_205
  static let count = 1000

  @Test func parserDecidesAndAnswersAsKnotDoes() async throws {
    var generator = ZoneFileGenerator(seed: Self.seed)
    let zones = generator.zones(Self.count)
    let files = zones.reduce(into: [String: String]()) { $0.merge($1.includes) { a, _ in a } }
    let knot = try await KnotServer.start(
      zones: zones.map { KnotServer.Zone(origin: $0.origin, text: $0.text) }, files: files,
      expectFailure: Set(zones.map(\.origin)), timeout: 60)
    defer { knot.stop() }
    let refusedByKnot = Set(knot.failedOrigins)
    let log = knot.log
    var configuration = knot.configuration(timeout: 2, tries: 2)
    configuration.followsCNAMEs = false
    let live = LibresolvResolver(configuration: configuration)

    // Each zone: the two decisions, then (both loaded) the answers; 32 zones at a time.
    let verdicts = await withTaskGroup(of: Verdict.self) { group in
      var verdicts: [Verdict] = []
      for (index, zone) in zones.enumerated() {
        if index >= 32, let verdict = await group.next() { verdicts.append(verdict) }
        let path = knot.zoneFile(for: zone.origin)
        let knotLoaded = !refusedByKnot.contains(zone.origin)
        group.addTask {
          await Self.verdict(zone, path: path, knotLoaded: knotLoaded, knot: live)
        }
      }
      for await verdict in group { verdicts.append(verdict) }
      return verdicts
    }
    var loaded = 0
    var refused = 0
    var compared = 0
    for verdict in verdicts {
      switch verdict.outcome {
      case .bothLoaded(let count): (loaded, compared) = (loaded + 1, compared + count)
      case .bothRefused: refused += 1
      }
      for problem in verdict.problems {
        let zone = verdict.zone
        let context: String =
          "\(zone.origin) (\(zone.broken ?? "valid")):\n\(zone.text)\n"
          + Self.knotLines(zone.origin, in: log)
        Issue.record("\(problem)\n\(context)")
      }
    }
    // Both decisions happen often, and answers were compared.
    #expect(loaded > Self.count / 4)
    #expect(refused > Self.count / 4)
    #expect(compared > Self.count * 5)
  }

  /// What became of one zone: the decision both made, and every disagreement.
  struct Verdict: Sendable {
    enum Outcome: Sendable {
      case bothLoaded(compared: Int)
      case bothRefused
    }
    var zone: ZoneFileGenerator.Zone
    var outcome: Outcome
    var problems: [String]
  }

  static func verdict(
    _ zone: ZoneFileGenerator.Zone, path: String, knotLoaded: Bool, knot: LibresolvResolver
  ) async -> Verdict {
    let ours = Result { () throws(ZoneFileError) -> ZoneFile in
      try ZoneFile.load(path: path, origin: try? DomainName(zone.origin))
    }
    switch ours {
    case .success(let file) where knotLoaded:
      let (count, mismatches) = await KnotEquivalenceTests.compare(file, knot: knot)
      return Verdict(zone: zone, outcome: .bothLoaded(compared: count), problems: mismatches)
    case .failure where !knotLoaded:
      return Verdict(zone: zone, outcome: .bothRefused, problems: [])
    case .failure(let error) where refusedOnPurpose(error):
      return Verdict(zone: zone, outcome: .bothRefused, problems: [])
    case .success:
      return Verdict(zone: zone, outcome: .bothRefused, problems: ["we load what Knot refuses"])
    case .failure(let error):
      return Verdict(
        zone: zone, outcome: .bothRefused, problems: ["we refuse what Knot loads: \(error)"])
    }
  }

  /// What we refuse on purpose although Knot loads it: `\DDD` over 255 in a name, which
  /// Knot wraps modulo 256 into another name (in text Knot refuses it too).
  static func refusedOnPurpose(_ error: ZoneFileError) -> Bool {
    error.message.contains("is not an octet (\\000 to \\255)")
  }

  /// Knot's log lines about `origin` (its reasons for refusing a zone).
  static func knotLines(_ origin: String, in log: String) -> String {
    log.split(separator: "\n").filter { $0.contains("[\(origin)]") && !$0.contains("info:") }
      .map { "  knot: " + ($0.split(separator: " ", maxSplits: 1).last.map(String.init) ?? "") }
      .joined(separator: "\n")
  }
}
