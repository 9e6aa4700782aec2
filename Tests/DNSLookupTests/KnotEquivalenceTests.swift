import DNSLookup
import DNSTestSupport
import Foundation
import Testing

/// Our zone-file parser and `ZoneResolver` checked against a real server: every zone under
/// `Fixtures/` is served by Knot and loaded by `ZoneFile`, and both must give the same answers
/// for every owner name and every type present there (plus TXT and A, for NODATA), for a name
/// that does not exist, and for a name each wildcard covers. Knot is asked the way a resolver
/// would ask it (long CNAME chains continued, loops and overlong chains are SERVFAIL).
@Suite struct KnotEquivalenceTests {
  /// Every `*.zone` file under `Fixtures/`, relative to it. Left out, being invalid on
  /// purpose: files named `*broken*`, and fuzzer inputs under `fuzz/` (parser regressions,
  /// not zones).
  static let zoneFiles: [String] = {
    KnotServer.zoneFilePaths(in: FixturePaths.root, recursive: true)
      .map { String($0.dropFirst(FixturePaths.root.count + 1)) }
      .filter { !(($0 as NSString).lastPathComponent).contains("broken") }
      .filter { !$0.hasPrefix("fuzz/") }
  }()

  /// What is compared: status, negative TTL and the records as presentation lines.
  struct Outcome: Hashable, CustomStringConvertible {
    var status: String
    var negativeTTL: UInt32?
    var records: Set<String>

    init(_ result: Result<DNSAnswer, DNSError>) {
      switch result {
      case .success(let answer):
        status = answer.status.rawValue
        negativeTTL = answer.negativeTTL
        records = Set(answer.records.map(\.presentation))
      case .failure(let error):
        status = "error \(error.kind)"
        negativeTTL = nil
        records = []
      }
    }

    var description: String {
      "\(status) negativeTTL=\(negativeTTL.map(String.init) ?? "-") "
        + "[\(records.sorted().joined(separator: " | "))]"
    }
  }

  static func outcome(
    _ resolver: any DNSResolver, _ name: DomainName, _ type: RRType
  ) async -> Result<DNSAnswer, DNSError> {
    do throws(DNSError) {
      return .success(try await resolver.query(name, type))
    } catch {
      return .failure(error)
    }
  }

  /// Asks Knot the way a recursive resolver would: Knot follows at most a few CNAMEs per
  /// answer, so a chain that stops at a name inside the zone without its data is continued
  /// by asking for that name. A chain that loops or needs `ZoneResolver.maximumChain` CNAMEs
  /// or more is a SERVFAIL, as resolvers (and `ZoneResolver`) give up on it.
  static func resolve(
    _ name: DomainName, _ type: RRType, at server: LibresolvResolver, zone origin: DomainName
  ) async -> Result<DNSAnswer, DNSError> {
    var records: [ResourceRecord] = []
    var visited: Set<DomainName> = [name]
    var current = name
    while true {
      let answer: DNSAnswer
      do throws(DNSError) {
        answer = try await server.query(current, type)
      } catch {
        return .failure(error)
      }
      records += answer.records
      // Follow this answer's CNAMEs from `current`.
      var end = current
      while let next = answer.records.first(where: { $0.type == .cname && $0.name == end }),
        case .cname(let target) = next.data
      {
        guard visited.insert(target).inserted else {
          return .failure(.serverFailure(server: nil))  // a loop
        }
        end = target
      }
      let cnames = records.filter { $0.type == .cname }.count
      if type != .cname, cnames >= ZoneResolver.maximumChain {
        return .failure(.serverFailure(server: nil))
      }
      let hasData = answer.records.contains { $0.type == type && $0.name == end }
      guard answer.status == .nodata, end != current, !hasData, end.isSubdomain(of: origin)
      else {
        var result = answer
        result.name = name
        result.records = records
        return .success(result)
      }
      current = end
    }
  }

  @Test func fixturesContainZones() {
    #expect(Self.zoneFiles.contains("dns/example.test.zone"))
  }

  @Test(arguments: zoneFiles)
  func knotAndZoneResolverAgree(file: String) async throws {
    let path = FixturePaths.root + "/" + file
    var text = try String(contentsOfFile: path, encoding: .utf8)
    let origin = KnotServer.origin(ofZoneFile: path, text: text)
    var zone = try ZoneFile.load(path: path, origin: DomainName(origin))
    if !zone.records.contains(where: { $0.type == .soa && $0.name == zone.origin }) {
      // Rule fixtures are often fragments without an SOA, which Knot refuses to serve. Both
      // sides get the same synthetic SOA; it only adds the negative TTL to NXDOMAIN/NODATA.
      text += "\n$ORIGIN \(origin)\n\(origin) 3600 IN SOA ns.invalid. hostmaster.invalid. "
      text += "1 3600 600 86400 300\n"
      zone = try ZoneFile.parse(text, origin: DomainName(origin), file: path)
    }
    let knot = try await KnotServer.start(zones: [KnotServer.Zone(origin: origin, text: text)])
    defer { knot.stop() }
    // The server's own answers: `resolve` continues partial chains itself, within the zone.
    var configuration = knot.configuration(timeout: 2, tries: 2)
    configuration.followsCNAMEs = false
    let live = LibresolvResolver(configuration: configuration)
    let (compared, mismatches) = await Self.compare(zone, knot: live)
    for mismatch in mismatches { Issue.record("\(file): \(mismatch)") }
    #expect(compared > 0)
  }

  /// The questions asked of a zone: every owner with its types, TXT and A (for NODATA), a
  /// name below each wildcard, and a name that does not exist.
  static func questions(for zone: ZoneFile) -> [(DomainName, RRType)] {
    var questions: [(DomainName, RRType)] = []
    var seen: Set<String> = []
    func ask(_ name: DomainName, _ type: RRType) {
      if seen.insert("\(name.absolute) \(type.rawValue)").inserted {
        questions.append((name, type))
      }
    }
    for record in zone.records {
      ask(record.name, record.type)
      ask(record.name, .txt)
      ask(record.name, .a)
      // A name each wildcard synthesises answers for.
      if record.name.labels.first == "*", let parent = record.name.parent,
        let covered = try? parent.prepending("wildcard-probe")
      {
        ask(covered, record.type)
        ask(covered, .txt)
      }
    }
    if let missing = try? zone.origin.prepending("no-such-name-for-equivalence") {
      ask(missing, .txt)
    }
    return questions
  }

  /// Asks Knot (`knot`, serving `zone`) and `ZoneResolver` every question of `questions(for:)`
  /// and returns how many were compared and a line for each answer that differs.
  static func compare(_ zone: ZoneFile, knot live: LibresolvResolver) async -> (Int, [String]) {
    let offline: ZoneResolver
    do {
      offline = try ZoneResolver(zones: [zone])
    } catch {
      return (0, ["\(error)"])
    }
    var mismatches: [String] = []
    var compared = 0
    for (name, type) in questions(for: zone) {
      let server = await Self.resolve(name, type, at: live, zone: zone.origin)
      let ours = await Self.outcome(offline, name, type)
      var expected = Outcome(server)
      var actual = Outcome(ours)
      // An authoritative server answers a CNAME chain that leaves its zones with NOERROR and
      // the chain; offline, the name outside every zone is NXDOMAIN. Compare the chain only.
      if case .success(let answer) = server, answer.status == .nodata,
        !answer.canonicalName.isSubdomain(of: zone.origin)
      {
        expected.status = "left the zone"
        expected.negativeTTL = nil
        actual.status = "left the zone"
        actual.negativeTTL = nil
      }
      if actual != expected {
        mismatches.append(
          "\(name.absolute) \(type.mnemonic)\n  knot: \(expected)\n  ours: \(actual)")
      }
      compared += 1
    }
    return (compared, mismatches)
  }
}
