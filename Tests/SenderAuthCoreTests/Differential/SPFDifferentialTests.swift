import DNSLookup
import DNSTestSupport
import Foundation
import SenderAuthCore
import Testing

/// check_host by senderauth and by pyspf (the Python reference implementation) on thousands of
/// generated records and zones from a fixed seed, all served by a real Knot on loopback.
/// senderauth runs twice, through libresolv against Knot and through `ZoneResolver` on the same
/// zone text; those two must agree exactly. Against pyspf every disagreement must be one of
/// the known pyspf deviations below, each recognised from evidence in the case, else the test
/// fails. `SENDERAUTH_DIFFERENTIAL_CASES` sets the count (`Scripts/differential` runs more).
@Suite(.serialized) struct SPFDifferentialTests {
  static let seed: UInt64 = 0x5EED_7208
  static var count: Int {
    ProcessInfo.processInfo.environment["SENDERAUTH_DIFFERENTIAL_CASES"].flatMap {
      DecimalText.value($0, as: Int.self)
    } ?? 3000
  }

  /// The test-only venv `Scripts/test` installs.
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
  }()
  static let python = root + "/.build-venv/bin/python"
  static let runner = root + "/Scripts/differential.d/pyspf_check.py"
  static let installHint =
    "run Scripts/test, or: python3 -m venv .build-venv && .build-venv/bin/pip install pyspf dnspython"

  /// A known pyspf deviation from RFC 7208, and why ours is right.
  enum Deviation: String, CaseIterable {
    /// RFC 7208 §4.6.4 limits *terms* whose lookups are void; pyspf counts every empty DNS
    /// answer (each MX host's A, each repeat), and looks up every MX host before comparing
    /// any, so it reaches permerror sooner.
    case voidLookupsPerQuery
    /// RFC 7208 §7.3: parts split on the given delimiters are rejoined with "."; pyspf keeps
    /// the original delimiter for letters other than `l` and `s`.
    case delimiterRejoined
    /// RFC 7208 §7.3: a digit transformer must be nonzero (`%{d0}` is a syntax error); pyspf
    /// expands it.
    case zeroDigitTransformer
    /// RFC 7208 §4.6.1, §7.1: a term ends at SP and holds no control characters; pyspf's
    /// address pattern ends in `$`, which Python lets match before a final LF, and it does not
    /// check macro-literal octets.
    case controlCharacterInTerm
  }

  /// Counts the DNS answers pyspf would count as void: A, AAAA or MX with no such record,
  /// and, as pyspf looks up every host of an MX answer before comparing any, each MX host
  /// without an address of the client's family (once, however often it is asked later).
  final class VoidCounter: DNSResolver, @unchecked Sendable {
    let inner: any DNSResolver
    let addressType: RRType
    private let lock = NSLock()
    private var empty = 0
    private var counted: Set<DomainName> = []
    init(_ inner: any DNSResolver, ipv4: Bool) {
      self.inner = inner
      self.addressType = ipv4 ? .a : .aaaa
    }
    var count: Int { lock.withLock { empty } }
    func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
      let answer = try await inner.query(name, type)
      let skip = type == addressType && lock.withLock { counted.remove(name) != nil }
      if !skip, [.a, .aaaa, .mx].contains(type), answer.matching.isEmpty {
        lock.withLock { empty += 1 }
      }
      if type == .mx {
        for host in answer.mxHosts.map(\.exchange).prefix(10) where !host.isRoot {
          let addresses = try? await inner.query(host, addressType)
          lock.withLock {
            counted.insert(host)
            if addresses?.matching.isEmpty ?? false { empty += 1 }
          }
        }
      }
      return answer
    }
  }

  struct Ours {
    var evaluation: SPFEvaluation
    var emptyAnswers: Int
  }

  static func evaluate(_ cases: [SPFCase], resolver: any DNSResolver) async -> [Int: Ours] {
    await withTaskGroup(of: (Int, Ours).self) { group in
      var results: [Int: Ours] = [:]
      var next = 0
      func add(_ group: inout TaskGroup<(Int, Ours)>) {
        let item = cases[next]
        next += 1
        group.addTask {
          let ip = IPAddress(item.ip) ?? .v4([192, 0, 2, 1])
          let counter = VoidCounter(resolver, ipv4: ip.isIPv4)
          let evaluator = SPFEvaluator(resolver: counter, timestamp: 0)
          let evaluation = await evaluator.checkHost(
            ip: ip, domain: item.domain, sender: item.sender, helo: item.helo)
          return (item.id, Ours(evaluation: evaluation, emptyAnswers: counter.count))
        }
      }
      for _ in 0..<min(32, cases.count) { add(&group) }
      while let (id, result) = await group.next() {
        results[id] = result
        if next < cases.count { add(&group) }
      }
      return results
    }
  }

  /// The deviation that explains `theirs` ≠ `ours` for `item`, or nil.
  static func explain(
    _ item: SPFCase, ours: Ours, theirs: String, message: String
  ) -> Deviation? {
    let result = ours.evaluation.result.rawValue
    if theirs == "permerror", message.contains("Void lookup limit"), ours.emptyAnswers > 2,
      ours.evaluation.voidLookups <= 2
    {
      return .voidLookupsPerQuery
    }
    if item.features.contains(.controlCharacter), result == "permerror" {
      return .controlCharacterInTerm
    }
    if item.features.contains(.zeroDigits), result == "permerror" { return .zeroDigitTransformer }
    if item.features.contains(.delimiterOtherThanLS) { return .delimiterRejoined }
    return nil
  }

  @Test func checkHostAgreesWithPyspfAndAcrossResolvers() async throws {
    guard FileManager.default.isExecutableFile(atPath: Self.python) else {
      Issue.record(
        Comment(rawValue: "the pyspf venv is missing at \(Self.python): \(Self.installHint)"))
      return
    }
    let (cases, zoneText) = SPFCaseGenerator.generate(count: Self.count, seed: Self.seed)
    let knot = try await KnotServer.start(
      zones: [KnotServer.Zone(origin: SPFCaseGenerator.origin + ".", text: zoneText)])
    defer { knot.stop() }
    let zone = try ZoneFile.parse(zoneText, origin: DomainName(SPFCaseGenerator.origin))
    let offline = await Self.evaluate(cases, resolver: try ZoneResolver(zones: [zone]))
    let live = await Self.evaluate(
      cases, resolver: LibresolvResolver(configuration: knot.configuration(timeout: 2, tries: 2)))

    let input = NSTemporaryDirectory() + "spf-cases-\(UUID().uuidString).jsonl"
    defer { unlink(input) }
    let lines = try cases.map { item in
      String(
        decoding: try JSONSerialization.data(
          withJSONObject: [
            "id": item.id, "ip": item.ip, "sender": item.sender, "helo": item.helo,
          ]), as: UTF8.self)
    }
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: input, atomically: true, encoding: .utf8)
    let output = try await OffPool.run { () throws -> String in
      try ChildProcess.output(
        of: Self.python, arguments: [Self.runner, knot.host, String(knot.port), input],
        seconds: 600)
    }
    var theirs: [Int: (String, String)] = [:]
    for line in output.split(separator: "\n") {
      guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
        let id = object["id"] as? Int, let result = object["result"] as? String
      else { continue }
      theirs[id] = (result, object["message"] as? String ?? "")
    }
    #expect(theirs.count == cases.count, "pyspf answered \(theirs.count) of \(cases.count)")

    var deviations: [Deviation: Int] = [:]
    var agreed = 0
    for item in cases {
      guard let ours = offline[item.id], let server = live[item.id] else {
        Issue.record(Comment(rawValue: "case \(item.id) was not evaluated"))
        continue
      }
      #expect(
        ours.evaluation.result == server.evaluation.result
          && ours.evaluation.voidLookups == server.evaluation.voidLookups
          && ours.evaluation.lookups == server.evaluation.lookups,
        Comment(
          rawValue: "case \(item.id) (\(item.domain), \(item.ip)): ZoneResolver "
            + "\(ours.evaluation.result) vs Knot \(server.evaluation.result): "
            + (server.evaluation.reason ?? "")))
      guard let (result, message) = theirs[item.id] else { continue }
      if result == ours.evaluation.result.rawValue {
        agreed += 1
        continue
      }
      if let deviation = Self.explain(item, ours: ours, theirs: result, message: message) {
        deviations[deviation, default: 0] += 1
        continue
      }
      let records = zoneText.split(separator: "\n").filter { $0.contains(item.domain + ".") }
      Issue.record(
        Comment(
          rawValue: """
            case \(item.id): senderauth \(ours.evaluation.result) (\(ours.evaluation.reason ?? "")), \
            pyspf \(result) (\(message)); ip \(item.ip), sender \(item.sender)
            \(records.joined(separator: "\n"))
            trace: \(ours.evaluation.trace.map { "\($0.term) → \($0.outcome)" })
            """))
    }
    // Most cases must agree outright; the deviations must stay the exception they are.
    #expect(agreed * 10 >= cases.count * 8, "only \(agreed) of \(cases.count) agree")
    print(
      "SPF differential: \(cases.count) cases, \(agreed) agree, deviations: "
        + Deviation.allCases.map { "\($0.rawValue) \(deviations[$0] ?? 0)" }.joined(
          separator: ", "))
  }
}
