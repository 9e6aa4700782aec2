import DNSLookup
import DNSTestSupport
import Foundation
import Testing

/// Recording against Knot, then replaying offline.
@Suite struct RecordingResolverTests {
  static let questions: [(String, RRType)] = [
    ("example.test", .txt), ("example.test", .mx), ("example.test", .soa), ("example.test", .caa),
    ("example.test", .ns), ("example.test", .aaaa), ("long.example.test", .txt),
    ("esc.example.test", .txt), ("huge.example.test", .txt), ("alias2.example.test", .a),
    ("dangling.example.test", .a), ("nx.example.test", .txt), ("onlya.example.test", .txt),
    ("nullmx.example.test", .mx), ("opaque.example.test", RRType(rawValue: 65400)),
    ("10.0.0.127.in-addr.arpa", .ptr),
    ("0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", .ptr),
    ("broken.test", .soa), ("other.invalid", .a),
  ]

  static func outcome(
    _ resolver: any DNSResolver, _ name: DomainName, _ type: RRType
  ) async -> Result<DNSAnswer, DNSError> {
    do throws(DNSError) {
      return .success(try await resolver.query(name, type))
    } catch {
      return .failure(error)
    }
  }

  @Test func replayGivesTheRecordedAnswersWithoutNetwork() async throws {
    let knot = try await KnotServer.start(
      zoneDirectory: FixturePaths.dns, expectFailure: ["broken.test."])
    let recorder = RecordingResolver(
      wrapping: LibresolvResolver(configuration: knot.configuration()))
    var live: [Result<DNSAnswer, DNSError>] = []
    for (text, type) in Self.questions {
      live.append(await Self.outcome(recorder, try DomainName(text), type))
    }
    knot.stop()
    let path = NSTemporaryDirectory() + "snapshot-\(UUID().uuidString).json"
    defer { try? FileManager.default.removeItem(atPath: path) }
    try recorder.save(to: path)

    let replay = try ReplayResolver(path: path)
    #expect(replay.questionCount == Self.questions.count)
    for ((text, type), recorded) in zip(Self.questions, live) {
      let replayed = await Self.outcome(replay, try DomainName(text), type)
      #expect(replayed == recorded, "\(text) \(type)")
    }
    // The live run really covered every outcome kind.
    let kinds = Set(
      live.map { result in
        switch result {
        case .success(let answer): answer.status.rawValue
        case .failure(let error): error.kind
        }
      })
    #expect(kinds == ["answer", "nxdomain", "nodata", "serverFailure", "refused"])
  }

  @Test func questionNotInTheSnapshotIsANetworkError() async throws {
    let replay = try ReplayResolver(snapshot: DNSSnapshot())
    await #expect(throws: DNSError.network("not in the replay file: example.test. TXT")) {
      try await replay.query(DomainName("example.test"), .txt)
    }
  }

  @Test func snapshotJSONUsesPresentationData() throws {
    let name = try DomainName("example.test")
    let answer = DNSAnswer(
      name: name, type: .mx, status: .answer,
      records: [
        ResourceRecord(
          name: name, type: .mx, ttl: 300,
          data: .mx(preference: 10, exchange: try DomainName("mail.example.test")))
      ], server: "127.0.0.1:53")
    let snapshot = DNSSnapshot(entries: [
      DNSSnapshot.entry(name: name, type: .mx, result: .success(answer)),
      DNSSnapshot.entry(
        name: try DomainName("x.example.test"), type: .txt,
        result: .failure(.timeout(server: "127.0.0.1:53"))),
    ])
    let json = String(decoding: snapshot.jsonData, as: UTF8.self)
    #expect(json.contains(#""data" : "10 mail.example.test.""#))
    #expect(json.contains(#""status" : "error""#))
    #expect(json.contains(#""kind" : "timeout""#))
    #expect(!json.contains("negativeTTL"))
    let decoded = try JSONDecoder().decode(DNSSnapshot.self, from: snapshot.jsonData)
    #expect(decoded == snapshot)
    #expect(try DNSSnapshot.result(of: decoded.entries[0]) == .success(answer))
    #expect(
      try DNSSnapshot.result(of: decoded.entries[1]) == .failure(.timeout(server: "127.0.0.1:53")))
  }

  @Test func unreadableSnapshotsAreClearErrors() throws {
    let path = NSTemporaryDirectory() + "snapshot-\(UUID().uuidString).json"
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(throws: DNSSnapshotError.self) { try ReplayResolver(path: path) }
    try Data(
      "{\"version\": 1, \"entries\": [{\"name\": \"a.test.\", \"type\": \"MX\", \"status\": \"answer\", \"records\": [{\"name\": \"a.test.\", \"type\": \"MX\", \"ttl\": 1, \"data\": \"ten mail.\"}]}]}"
        .utf8
    )
    .write(to: URL(fileURLWithPath: path))
    do {
      _ = try ReplayResolver(path: path)
      Issue.record("a bad MX record was accepted")
    } catch {
      #expect(error.message.contains("MX data 'ten mail.' cannot be read"))
    }
  }
}

/// What a recording keeps when one asker gives up on a question another one still waits for.
@Suite struct RecordingResolverCancellationTests {
  /// Answers from a zone after a pause, so that a deadline can pass while the question flies.
  struct Slow: DNSResolver {
    let zone: ZoneResolver

    func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
      try? await Task.sleep(for: .milliseconds(300))
      return try await zone.query(name, type)
    }
  }

  @Test func whatAnAskerThatGaveUpGotIsNotRecorded() async throws {
    let zone = try ZoneFile.parse(
      """
      $ORIGIN shared.test.
      @ 300 IN SOA ns hostmaster 1 3600 600 86400 60
      @ 300 IN TXT "v=spf1 -all"
      """, file: "shared")
    let recorder = RecordingResolver(
      wrapping: CachingResolver(wrapping: Slow(zone: try ZoneResolver(zones: [zone]))))
    let name = try DomainName("shared.test")
    // One domain's deadline passes while the question is out; another domain waits on.
    async let impatient = RecordingResolverTests.outcome(
      DeadlineResolver(wrapping: recorder, seconds: 0.05), name, .txt)
    async let patient = RecordingResolverTests.outcome(recorder, name, .txt)
    let (gaveUp, answered) = await (impatient, patient)
    #expect(gaveUp == .failure(.deadlineExceeded))
    #expect(try answered.get().txtJoined == ["v=spf1 -all"])
    // A question only an asker that gave up asked has no answer to record: a replay says it
    // was not recorded rather than inventing a server timeout.
    let alone = try DomainName("alone.shared.test")
    let abandoned = await RecordingResolverTests.outcome(
      DeadlineResolver(wrapping: recorder, seconds: 0.05), alone, .txt)
    #expect(abandoned == .failure(.deadlineExceeded))
    try await Task.sleep(for: .milliseconds(400))
    let entries = recorder.snapshot.entries
    #expect(entries.map(\.name) == ["shared.test."], "\(entries)")
    #expect(entries.first?.status == "answer", "\(entries)")
  }
}
