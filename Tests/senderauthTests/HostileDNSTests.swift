import DNSTestSupport
import Foundation
import Testing

/// The CLI against hostile DNS: `Fixtures/hostile/hostile.test.zone` served by a real Knot on
/// loopback (and read with `--offline --zone`), plus a server that never answers and one that
/// always answers SERVFAIL. Every case must end within its bound, be classified right (answer
/// or failure), exit with the right status (1 findings, 3 DNS failure), never die of a signal,
/// and print no raw control character.
@Suite(.serialized) struct HostileDNSTests {
  static let zoneFile = SenderAuthCLI.fixture("hostile/hostile.test.zone")
  static let parentZone = KnotServer.Zone(
    origin: "test.",
    text: """
      $ORIGIN test.
      $TTL 300
      @ IN SOA ns.hostile.test. hostmaster.hostile.test. 1 7200 3600 1209600 300
      @ IN NS ns.hostile.test.

      """)

  /// Where the answers come from.
  enum Source: String, CaseIterable, CustomTestStringConvertible {
    case knot
    case zoneFile
    var testDescription: String { rawValue }
  }

  /// One run of the CLI with its wall time.
  struct Outcome {
    var run: SenderAuthCLI.Run
    var seconds: Double
    var exitedNormally: Bool

    /// The JSON report's first domain (for `--format json`).
    var domain: [String: Any] {
      let object = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
      return (object?["domains"] as? [[String: Any]])?.first ?? [:]
    }

    var findingIDs: [String] {
      (domain["findings"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    var lookupFailed: Bool { domain["lookupFailed"] as? Bool ?? false }
  }

  /// Runs `arguments`, measuring the wall time, on a thread of its own (waiting for a child
  /// must not hold one of the cooperative pool's few threads).
  static func run(_ arguments: [String]) async throws -> Outcome {
    try await OffPool.run { () throws -> Outcome in
      let start = Date()
      let started = try SenderAuthCLI.start(arguments)
      let run = started.finish()
      return Outcome(
        run: run, seconds: Date().timeIntervalSince(start),
        exitedNormally: started.process.terminationReason == .exit)
    }
  }

  /// Control characters that must never reach a terminal raw: C0 except LF, DEL, and C1.
  static func rawControls(_ text: String) -> [UInt32] {
    text.unicodeScalars.map(\.value).filter {
      ($0 < 0x20 && $0 != 0x0a) || $0 == 0x7f || (0x80...0x9f).contains($0)
    }
  }

  /// The checks every hostile case shares.
  static func expectSafe(
    _ outcome: Outcome, status: Int32, within bound: Double,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(outcome.exitedNormally, "killed by a signal", sourceLocation: sourceLocation)
    #expect(
      outcome.run.status == status, "exit status; stderr: \(outcome.run.stderr.prefix(400))",
      sourceLocation: sourceLocation)
    #expect(
      outcome.seconds < bound, "took \(outcome.seconds) s, bound \(bound) s",
      sourceLocation: sourceLocation)
    #expect(!outcome.run.stdout.utf8.contains(0x1b), sourceLocation: sourceLocation)
    #expect(!outcome.run.stderr.utf8.contains(0x1b), sourceLocation: sourceLocation)
    #expect(rawControls(outcome.run.stdout) == [], sourceLocation: sourceLocation)
    #expect(rawControls(outcome.run.stderr) == [], sourceLocation: sourceLocation)
  }

  /// Runs `body` with the resolver arguments for `source`; Knot is stopped afterwards.
  static func with<T>(
    _ source: Source, _ body: ([String]) async throws -> T
  ) async throws -> T {
    switch source {
    case .zoneFile:
      return try await body(["--offline", "--zone", zoneFile])
    case .knot:
      // The parent zone too, so that names outside hostile.test (the DMARC tree walk reaches
      // `_dmarc.test`) get NXDOMAIN, as from a real resolver, instead of Knot's REFUSED.
      let server = try await KnotServer.start(zones: [parentZone], zoneFiles: [zoneFile])
      defer { server.stop() }
      return try await body(
        ["--nameserver", server.nameserver, "--timeout", "2", "--tries", "1"])
    }
  }

  static func check(
    _ domain: String, _ extra: [String] = [], source: Source
  ) async throws -> Outcome {
    try await with(source) { resolver in
      try await run(["check", domain, "--format", "json", "--color", "never"] + extra + resolver)
    }
  }

  // MARK: - Loops, chains and limits

  @Test(arguments: Source.allCases)
  func includeLoopEndsAsAnSPFFinding(source: Source) async throws {
    let outcome = try await Self.check("include-loop.hostile.test", source: source)
    Self.expectSafe(outcome, status: 1, within: 20)
    #expect(!outcome.lookupFailed)
    #expect(outcome.findingIDs.contains("spf.include-loop"), "\(outcome.findingIDs)")
  }

  @Test(arguments: Source.allCases)
  func redirectLoopEndsAsAnSPFFinding(source: Source) async throws {
    let outcome = try await Self.check("redirect-loop.hostile.test", source: source)
    Self.expectSafe(outcome, status: 1, within: 20)
    #expect(!outcome.lookupFailed)
    // spf.include-loop covers redirect= loops as well.
    #expect(outcome.findingIDs.contains("spf.include-loop"), "\(outcome.findingIDs)")
  }

  @Test(arguments: Source.allCases)
  func cnameLoopIsALookupFailure(source: Source) async throws {
    let outcome = try await Self.check("cname-loop.hostile.test", source: source)
    Self.expectSafe(outcome, status: 1, within: 20)
    Self.expectFailureNotMissing(outcome, source: source)
  }

  /// A CNAME loop or a chain longer than any resolver follows is a failed lookup (a recursive
  /// resolver answers SERVFAIL), never "no SPF record".
  static func expectFailureNotMissing(
    _ outcome: Outcome, source: Source, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    // Asked directly, Knot answers NOERROR with the CNAMEs it followed and no TXT;
    // LibresolvResolver asks the chain's target in turn and calls the loop a failure, as a
    // recursive resolver does, so both sources classify it alike.
    let classified = outcome.lookupFailed && !outcome.findingIDs.contains("spf.missing")
    #expect(classified, "\(source): \(outcome.findingIDs)", sourceLocation: sourceLocation)
  }

  @Test(arguments: Source.allCases)
  func dkimSelectorCNAMELoopIsBounded(source: Source) async throws {
    let outcome = try await Self.check(
      "dkim-loop.hostile.test", ["--selector", "s1"], source: source)
    Self.expectSafe(outcome, status: 1, within: 20)
    #expect(outcome.findingIDs.contains("dkim.cname-loop"), "\(outcome.findingIDs)")
  }

  @Test(arguments: Source.allCases)
  func longCNAMEChainIsBoundedAndAFailure(source: Source) async throws {
    let outcome = try await Self.check("chain-1.hostile.test", source: source)
    Self.expectSafe(outcome, status: 1, within: 20)
    Self.expectFailureNotMissing(outcome, source: source)
  }

  @Test(arguments: Source.allCases)
  func hundredIncludesStopAtTheLookupLimit(source: Source) async throws {
    let outcome = try await Self.check("many-includes.hostile.test", source: source)
    Self.expectSafe(outcome, status: 1, within: 20)
    #expect(!outcome.lookupFailed)
    #expect(outcome.findingIDs.contains("spf.lookup-limit"), "\(outcome.findingIDs)")
  }

  @Test(arguments: Source.allCases)
  func fiftyMXHostsAreAFinding(source: Source) async throws {
    let outcome = try await Self.check("many-mx.hostile.test", source: source)
    Self.expectSafe(outcome, status: 1, within: 20)
    #expect(!outcome.lookupFailed)
    #expect(outcome.findingIDs.contains("spf.mx-too-many"), "\(outcome.findingIDs)")
  }

  @Test(arguments: Source.allCases)
  func sixtyKilobyteTXTAnswerIsReadWhole(source: Source) async throws {
    let outcome = try await Self.check("big-txt.hostile.test", source: source)
    Self.expectSafe(outcome, status: 1, within: 20)
    #expect(!outcome.lookupFailed)
    // The SPF record is found among the 241 TXT records: no "missing" finding for SPF.
    #expect(!outcome.findingIDs.contains("spf.missing"), "\(outcome.findingIDs)")
    let lookup = try await Self.with(source) { resolver in
      try await Self.run(["lookup", "big-txt.hostile.test", "TXT", "--format", "json"] + resolver)
    }
    Self.expectSafe(lookup, status: 0, within: 20)
    let object = try JSONSerialization.jsonObject(with: Data(lookup.run.stdout.utf8))
    let records = (object as? [String: Any])?["records"] as? [[String: Any]]
    #expect(records?.count == 241)
  }

  // MARK: - Records that are not what they claim

  @Test(arguments: Source.allCases)
  func dkimKeysThatAreNotBase64OrNotKeys(source: Source) async throws {
    let outcome = try await Self.check(
      "dkim-bad.hostile.test", ["--selector", "bad", "--selector", "notkey", "--selector", "ed"],
      source: source)
    Self.expectSafe(outcome, status: 1, within: 20)
    #expect(!outcome.lookupFailed)
    #expect(outcome.findingIDs.contains("dkim.key-syntax"), "\(outcome.findingIDs)")
  }

  @Test(arguments: Source.allCases)
  func nulAndNonUTF8BytesInTXT(source: Source) async throws {
    let outcome = try await Self.check("binary.hostile.test", ["--selector", "s1"], source: source)
    Self.expectSafe(outcome, status: 1, within: 20)
    #expect(!outcome.lookupFailed)
    let text = try await Self.with(source) { resolver in
      try await Self.run(
        ["check", "binary.hostile.test", "--selector", "s1", "--color", "never"] + resolver)
    }
    Self.expectSafe(text, status: 1, within: 20)
    let lookup = try await Self.with(source) { resolver in
      try await Self.run(["lookup", "binary.hostile.test", "TXT"] + resolver)
    }
    Self.expectSafe(lookup, status: 0, within: 20)
    // Zone-file presentation: every octet outside printable ASCII as \DDD.
    #expect(lookup.run.stdout.contains(#"\000\001\002\255\192\128"#), "\(lookup.run.stdout)")
  }

  // MARK: - Terminal safety

  @Test(arguments: Source.allCases)
  func escapeSequencesInRecordsPrintHarmlessly(source: Source) async throws {
    for format in ["text", "markdown", "json", "jsonl", "github", "sarif", "junit"] {
      let outcome = try await Self.with(source) { resolver in
        try await Self.run(
          [
            "check", "ansi.hostile.test", "--selector", "sel", "--format", format, "--color",
            "never",
          ] + resolver)
      }
      Self.expectSafe(outcome, status: 1, within: 20)
      #expect(!outcome.run.stdout.isEmpty, "\(format)")
      if format == "text" {
        #expect(outcome.run.stdout.contains(#"\x1b]0;pwned\x07\x1b[2J"#), "\(format)")
      }
      if format == "markdown" {
        // Inside prose Markdown's brackets are backslash-escaped as well; in code they are not.
        #expect(outcome.run.stdout.contains(#"\x1b"#) && outcome.run.stdout.contains(#"\x07"#))
      }
      if format == "json" {
        #expect(outcome.run.stdout.contains(#"\u001b]0;pwned\u0007\u001b[2J"#))
      }
    }
  }

  @Test(arguments: Source.allCases)
  func lookupPrintsTheTitleSequenceHarmlessly(source: Source) async throws {
    let text = try await Self.with(source) { resolver in
      try await Self.run(["lookup", "pwned.hostile.test", "TXT"] + resolver)
    }
    Self.expectSafe(text, status: 0, within: 20)
    #expect(text.run.stdout.contains(#""\027]0;pwned\007\027[2J""#), "\(text.run.stdout)")
    let json = try await Self.with(source) { resolver in
      try await Self.run(["lookup", "pwned.hostile.test", "TXT", "--format", "json"] + resolver)
    }
    Self.expectSafe(json, status: 0, within: 20)
    let object = try JSONSerialization.jsonObject(with: Data(json.run.stdout.utf8))
    let records = (object as? [String: Any])?["records"] as? [[String: Any]]
    #expect(records?.first?["data"] as? String == #""\027]0;pwned\007\027[2J""#)
  }

  // MARK: - Servers that fail

  /// When every lookup failed, the report holds lookup failures and nothing that claims a
  /// record is missing (DESIGN.md: a DNS failure is never reported as "record missing").
  static func expectOnlyLookupFailures(
    _ outcome: Outcome, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let others = outcome.findingIDs.filter { $0 != "dns.lookup-failed" }
    #expect(others.isEmpty, "\(others)", sourceLocation: sourceLocation)
  }

  @Test func nameserverThatNeverAnswersIsADNSFailure() async throws {
    let server = try BlackholeServer()
    defer { server.stop() }
    let outcome = try await Self.run([
      "check", "example.test", "--nameserver", server.nameserver, "--timeout", "1", "--tries",
      "1", "--format", "json",
    ])
    Self.expectSafe(outcome, status: 3, within: 60)
    #expect(outcome.lookupFailed)
    Self.expectOnlyLookupFailures(outcome)
    let lookup = try await Self.run([
      "lookup", "example.test", "TXT", "--nameserver", server.nameserver, "--timeout", "1",
      "--tries", "1",
    ])
    Self.expectSafe(lookup, status: 3, within: 10)
    #expect(lookup.run.stdout.lowercased().contains("timeout"), "\(lookup.run.stdout)")
  }

  @Test func nameserverThatAlwaysAnswersSERVFAILIsADNSFailure() async throws {
    let server = try ServfailServer()
    defer { server.stop() }
    let outcome = try await Self.run([
      "check", "example.test", "--nameserver", server.nameserver, "--timeout", "1", "--tries",
      "1", "--format", "json",
    ])
    Self.expectSafe(outcome, status: 3, within: 30)
    #expect(outcome.lookupFailed)
    Self.expectOnlyLookupFailures(outcome)
    let lookup = try await Self.run([
      "lookup", "example.test", "TXT", "--nameserver", server.nameserver, "--timeout", "1",
      "--tries", "1",
    ])
    Self.expectSafe(lookup, status: 3, within: 10)
  }
}
