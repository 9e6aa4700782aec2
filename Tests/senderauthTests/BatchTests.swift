import DNSTestSupport
import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `senderauth check -f`: the domain list, streamed jsonl, the per-domain deadline, the
/// summary line and interruption, through the built binary on the `Fixtures/batch` zone.
@Suite struct BatchTests {
  static let zone = SenderAuthCLI.fixture("batch")
  static let list = SenderAuthCLI.fixture("batch/domains.txt")
  static let listed = [
    "one.batch.test", "two.batch.test", "three.batch.test", "five.batch.test", "six.batch.test",
  ]

  @Test func readsTheListSkippingCommentsAndBlankLines() async throws {
    let run = try await SenderAuthCLI.run([
      "check", "-f", Self.list, "--offline", "--zone", Self.zone, "--format",
      "jsonl",
    ])
    #expect(run.domains == Self.listed.sorted())
  }

  @Test func readsTheListFromStandardInput() async throws {
    let text = try String(contentsOfFile: Self.list, encoding: .utf8)
    let run = try await SenderAuthCLI.run(
      ["check", "-f", "-", "--offline", "--zone", Self.zone, "--format", "jsonl"], input: text)
    #expect(run.domains == Self.listed.sorted())
  }

  @Test func shardsCoverTheListExactlyOnce() async throws {
    let whole = try await SenderAuthCLI.run(
      ["check", "-f", Self.list, "--offline", "--zone", Self.zone, "--format", "jsonl"])
    var seen: [String] = []
    for index in 1...3 {
      let run = try await SenderAuthCLI.run([
        "check", "-f", Self.list, "--offline", "--zone", Self.zone, "--format", "jsonl",
        "--shard", "\(index)/3",
      ])
      #expect(run.status != 2, "\(run.stderr)")
      seen += run.domains
    }
    #expect(seen.sorted() == whole.domains, "\(seen)")
    #expect(Set(seen).count == seen.count)
    for bad in ["0/3", "4/3", "1/0", "x/2", "1/2/3", "1/ 2"] {
      let run = try await SenderAuthCLI.run([
        "check", "a.example", "--shard", bad, "--offline", "--zone", Self.zone,
      ])
      #expect(run.status == 2, "\(bad)")
      #expect(run.stderr.contains("--shard"))
    }
  }

  @Test func anEmptyListIsABadInput() async throws {
    let run = try await SenderAuthCLI.run(
      ["check", "-f", "-", "--offline", "--zone", Self.zone, "--format", "jsonl"],
      input: "# nothing here\n\n")
    #expect(run.status == 2)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("stdin: no domains to check"), "\(run.stderr)")
  }

  @Test func aBadLineIsNamedAndTheOthersAreStillChecked() async throws {
    let run = try await SenderAuthCLI.run(
      ["check", "-f", "-", "--offline", "--zone", Self.zone, "--format", "jsonl"],
      input: "one.batch.test\nexa$mple.com\ntwo.batch.test\none.batch.test\n")
    #expect(run.status == 2, "\(run.stderr)")
    #expect(run.stderr.contains("stdin:2: "), "\(run.stderr)")
    #expect(run.stderr.contains("'$' is not allowed"))
    // The others are checked, a domain listed twice once.
    #expect(run.domains == ["one.batch.test", "two.batch.test"])
  }

  /// A line is one domain: a second word makes the line a bad one, it is not dropped unseen.
  /// A byte order mark before the first line is not part of its domain.
  @Test func aLineWithTwoWordsIsABadLineNotItsFirstWord() async throws {
    let run = try await SenderAuthCLI.run(
      ["check", "-f", "-", "--offline", "--zone", Self.zone, "--format", "jsonl"],
      input: "\u{FEFF}one.batch.test  # a comment\r\n\ttwo.batch.test three.batch.test \r\n")
    #expect(run.status == 2, "\(run.stderr)")
    #expect(
      run.stderr.contains("stdin:2: 'two.batch.test three.batch.test' is not a domain to check"),
      "\(run.stderr)")
    #expect(run.domains == ["one.batch.test"])
  }

  @Test func combinesArgumentsAndTheList() async throws {
    let run = try await SenderAuthCLI.run(
      [
        "check", "four.batch.test", "-f", Self.list, "--offline", "--zone", Self.zone, "--format",
        "jsonl",
      ])
    #expect(run.domains == (Self.listed + ["four.batch.test"]).sorted())
  }

  @Test func anUnreadableListIsAUsageError() async throws {
    let run = try await SenderAuthCLI.run([
      "check", "-f", "/nonexistent/domains.txt", "--offline", "--zone",
      Self.zone,
    ])
    #expect(run.status == 2)
    #expect(run.stderr.contains("/nonexistent/domains.txt"))
    #expect(run.stdout.isEmpty)
  }

  @Test(arguments: [1, 3, 16])
  func jsonlHasOneCompleteLinePerDomainWhateverTheOrder(jobs: Int) async throws {
    let arguments = [
      "check", "-f", Self.list, "--offline", "--zone", Self.zone, "--format", "jsonl",
    ]
    let serial = try await SenderAuthCLI.run(arguments + ["--jobs", "1"])
    let parallel = try await SenderAuthCLI.run(arguments + ["--jobs", String(jobs)])
    #expect(parallel.status == serial.status)
    let lines = parallel.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == Self.listed.count)
    for line in lines {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      #expect(object?["domain"] is String, "not a domain object: \(line)")
    }
    // The same lines, in whatever order the domains finished.
    #expect(lines.sorted() == serial.stdout.split(separator: "\n").map(String.init).sorted())
  }

  @Test func summaryLineCountsDomainsFindingsAndQueries() async throws {
    let run = try await SenderAuthCLI.run(
      ["check", "-f", Self.list, "--offline", "--zone", Self.zone, "--format", "jsonl"])
    let summary = try #require(run.stderr.split(separator: "\n").last { $0.contains("summary:") })
    #expect(summary.hasPrefix("senderauth: summary: 5 domains in "))
    #expect(summary.contains("findings: "))
    #expect(summary.contains("DNS failures: 0 domains"))
    // Offline: nothing was sent; the zone files answered.
    let queries = try #require(
      summary.firstMatch(
        of: /DNS \(--offline\): (\d+) questions answered from zone files, (\d+) from/))
    let sent = try #require(Int(queries.1))
    // Every domain asks at least its TXT, _dmarc TXT and MX; shared names are asked once.
    #expect(sent >= 3 * Self.listed.count)
    #expect(try #require(Int(queries.2)) > 0)
    // Never more at once than there are domains (or `--jobs`).
    let atOnce = try #require(summary.firstMatch(of: /, up to (\d+) at once;/))
    #expect((2...Self.listed.count).contains(try #require(Int(atOnce.1))))
  }
  /// A server that has gone quiet: every try times out, the domain is a DNS failure (exit
  /// status 3), and the summary says how many tries timed out, in English and German.
  @Test func theSummaryCountsTriesThatTimedOut() async throws {
    let silent = try LoopbackSocket.silentUDP()
    defer { close(silent.descriptor) }
    for (language, word) in [("en", "timeout"), ("de", "Zeitüberschreitung")] {
      let run = try await SenderAuthCLI.run(
        [
          "check", "-f", "-", "--nameserver", "127.0.0.1:\(silent.port)", "--timeout", "1",
          "--tries", "1", "--format", "jsonl", "--lang", language,
        ], input: "quiet.test\n")
      #expect(run.status == 3, "\(run.stderr)")
      let summary = try #require(run.stderr.split(separator: "\n").last { $0.contains(": ") })
      #expect(
        summary.range(of: ", [0-9]+ \(word)", options: .regularExpression) != nil, "\(summary)")
    }
  }

  /// With `--lang de` the summary is German, with German number separators.
  @Test func summaryLineSpeaksGerman() async throws {
    let run = try await SenderAuthCLI.run(
      [
        "check", "-f", Self.list, "--offline", "--zone", Self.zone, "--format", "jsonl", "--lang",
        "de",
      ])
    let summary = try #require(
      run.stderr.split(separator: "\n").last { $0.contains("Zusammenfassung:") })
    #expect(summary.hasPrefix("senderauth: Zusammenfassung: 5 Domains in "))
    #expect(summary.contains(" s ("))
    #expect(summary.contains(" gleichzeitig; Befunde: "))
    #expect(summary.contains("DNS-Fehler: 0 Domains"))
    #expect(summary.contains("Abfragen aus Zonendateien beantwortet"))
    #expect(!summary.contains("summary"))
  }

  /// A streamed run keeps what the exit status needs, not the reports: its status is the one
  /// of the same run rendered as a whole, at every `--fail-on`, with and without a domain whose
  /// lookups fail.
  @Test(arguments: ["error", "warning", "note"])
  func streamedAndRenderedRunsExitAlike(failOn: String) async throws {
    for extra in [[], ["missing.invalid"]] {
      let arguments =
        ["check", "-f", Self.list, "--offline", "--zone", Self.zone, "--fail-on", failOn] + extra
      let streamed = try await SenderAuthCLI.run(arguments + ["--format", "jsonl"])
      let rendered = try await SenderAuthCLI.run(arguments + ["--format", "json"])
      #expect(streamed.status == rendered.status, "\(extra): \(streamed.stderr)")
      #expect([0, 1, 3].contains(streamed.status), "\(streamed.stderr)")
    }
  }

  /// The json document is written a domain at a time: in input order, though the first domain
  /// finishes last (its lookups wait for the deadline), and each domain the same object as its
  /// jsonl line.
  @Test func theJSONDocumentKeepsInputOrderWhileDomainsFinishOutOfIt() async throws {
    let silent = try BlackholeServer()
    defer { silent.stop() }
    let arguments = [
      "check", "slow.batch.test", "one.batch.test", "two.batch.test", "three.batch.test",
      "--zone", Self.zone, "--nameserver", "127.0.0.1:\(silent.port)", "--timeout", "30",
      "--tries", "1", "--deadline", "2", "--profile", "rfc",
    ]
    // Each run's reports must match the other's: the deadline must leave the zone's answers
    // (and the questions they lead to) time to come in when the whole suite loads the machine:
    // what a deadline cuts off can differ between two runs (at 0.5 s this failed once in a
    // full run, 18 s for the test, and passed alone).
    let document = try await SenderAuthCLI.run(arguments + ["--format", "json"])
    let lines = try await SenderAuthCLI.run(arguments + ["--format", "jsonl"])
    #expect(document.status == 3, "stderr: \(document.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(document.stdout.utf8)) as? [String: Any])
    let domains = try #require(object["domains"] as? [[String: Any]])
    #expect(
      domains.compactMap { $0["domain"] as? String } == [
        "slow.batch.test", "one.batch.test", "two.batch.test", "three.batch.test",
      ])
    // The slow domain finished last: the lines come in finishing order.
    #expect(lines.stdout.split(separator: "\n").last?.contains("slow.batch.test") == true)
    func normalized(_ value: Any) throws -> String {
      String(
        decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]),
        as: UTF8.self)
    }
    var byDomain: [String: String] = [:]
    for line in lines.stdout.split(separator: "\n") {
      let value = try JSONSerialization.jsonObject(with: Data(line.utf8))
      let name = try #require((value as? [String: Any])?["domain"] as? String)
      byDomain[name] = try normalized(value)
    }
    for domain in domains {
      let name = try #require(domain["domain"] as? String)
      #expect(try normalized(domain) == byDomain[name], "\(name)")
    }
    #expect(object["schemaVersion"] as? Int == 1)
  }

  @Test func oneDomainPrintsNoSummary() async throws {
    let run = try await SenderAuthCLI.run(
      ["check", "one.batch.test", "--offline", "--zone", Self.zone, "--format", "jsonl"])
    #expect(!run.stderr.contains("summary:"))
    #expect(run.domains == ["one.batch.test"])
  }

  /// A server that loses the first copy of every other question and answers NXDOMAIN to the
  /// rest: each lost question is sent again within its try, and the summary line says how many
  /// were. (The questions answered at once give the retransmit timer its round trips. With
  /// every first copy lost it never gets one: Karn's rule doubles the delay for each round of
  /// dependent questions, from a second, so the run's length hung on how the rounds fell, 3 s
  /// alone and 20 s under the whole suite's load.)
  @Test(arguments: ["en", "de"])
  func lostQueriesAreSentAgainAndCountedInTheSummary(language: String) async throws {
    let seen = Mutex((all: Set<[UInt8]>(), lost: Set<[UInt8]>()))
    let server = try UDPResponder { query in
      guard query.count > 12 else { return nil }
      let question = Array(query[12...])
      let lose = seen.withLock { seen in
        guard seen.all.insert(question).inserted, seen.all.count % 2 == 1 else { return false }
        seen.lost.insert(question)
        return true
      }
      return lose ? nil : DNSMessage.reply(to: query, rcode: 3)
    }
    defer { server.stop() }
    let run = try await SenderAuthCLI.run([
      "check", "one.example", "two.example", "--nameserver", server.nameserver, "--timeout",
      "30", "--tries", "1", "--format", "jsonl", "--profile", "rfc", "--lang", language,
    ])
    // Without the resend each question would wait out the 30 s try.
    #expect(run.seconds < 20, "lost queries were not sent again")
    #expect(run.domains.sorted() == ["one.example", "two.example"], "stderr: \(run.stderr)")
    let summary = try #require(run.stderr.split(separator: "\n").last { $0.contains("DNS:") })
    let (lost, asked) = seen.withLock { ($0.lost.count, $0.all.count) }
    #expect(lost > 0)
    // Every lost question was sent again; an answered one only if its answer came later than
    // the timer (a loaded machine), so the count is between the two.
    let phrase = language == "de" ? " Abfragen erneut gesendet" : " queries sent again"
    let before = try #require(summary.range(of: phrase), "\(summary)").lowerBound
    let digits = summary[..<before].reversed().prefix(while: \.isNumber)
    let sent = try #require(Int(String(digits.reversed())), "\(summary)")
    #expect((lost...asked).contains(sent), "\(summary)")
    #expect(!summary.contains("timeout") && !summary.contains("Zeitüberschreitung"))
  }

  @Test func deadlineReportsTheDomainAndExitsThree() async throws {
    let silent = try BlackholeServer()
    defer { silent.stop() }
    let run = try await SenderAuthCLI.run([
      "check", "slow.batch.test", "one.batch.test", "--zone", Self.zone, "--nameserver",
      "127.0.0.1:\(silent.port)", "--timeout", "30", "--tries", "1", "--deadline", "0.5",
      "--format", "jsonl", "--profile", "rfc",
    ])
    // Without the deadline a lookup would take the whole 30 s timeout.
    #expect(run.seconds < 20, "the deadline did not bound the run")
    #expect(run.status == 3, "stderr: \(run.stderr)")
    let reports = try run.reports()
    let slow = try #require(reports["slow.batch.test"])
    let ids = slow.findingIDs
    #expect(ids.contains("dns.deadline-exceeded"))
    let message = try #require(slow.message(of: "dns.deadline-exceeded"))
    #expect(message.contains("spf.slow-provider.invalid"))
    #expect(reports["one.batch.test"]?.findingIDs.contains("dns.deadline-exceeded") == false)
    #expect(run.stderr.contains("(1 past the deadline)"))
  }

  @Test func aBadDeadlineIsAUsageError() async throws {
    let run = try await SenderAuthCLI.run([
      "check", "one.batch.test", "--offline", "--zone", Self.zone,
      "--deadline", "soon",
    ])
    #expect(run.status == 2)
    #expect(run.stderr.contains("--deadline"))
  }

  @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
  func aSignalKeepsEveryFinishedResult(signal: Int32, status: Int32) async throws {
    let silent = try BlackholeServer()
    defer { silent.stop() }
    let process = try SenderAuthCLI.start([
      "check", "one.batch.test", "slow.batch.test", "two.batch.test", "--zone", Self.zone,
      "--nameserver", "127.0.0.1:\(silent.port)", "--timeout", "10", "--tries", "1",
      "--deadline", "0", "--format", "json",
    ])
    // Sent once the process catches the signal (its handler is installed: the bit in
    // /proc/PID/status SigCgt), however slow its start on a loaded machine, and after the two
    // domains in the zone had time to finish. The waiting happens on a thread of its own: on
    // the cooperative pool, other suites' blocking waits delayed the signal past the run's end.
    let pid = process.process.processIdentifier
    let (caught, run) = await OffPool.run { () -> (Bool, SenderAuthCLI.Run) in
      for _ in 0..<400 where !Self.catches(signal, pid: pid) { usleep(50_000) }
      let caught = Self.catches(signal, pid: pid)
      usleep(1_000_000)
      kill(pid, signal)
      return (caught, process.finish())
    }
    #expect(caught)
    #expect(run.status == status, "stderr: \(run.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    let domains = (object?["domains"] as? [[String: Any]] ?? []).compactMap {
      $0["domain"] as? String
    }
    #expect(domains == ["one.batch.test", "two.batch.test"])
    #expect(run.stderr.contains("summary: interrupted by"))
    #expect(run.stderr.contains(", up to 3 at once;"), "\(run.stderr)")
  }

  /// Whether process `pid` has a handler for `signal` (Linux: `SigCgt` in /proc/PID/status).
  static func catches(_ signal: Int32, pid: Int32) -> Bool {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigCgt:") }),
      let mask = UInt64(
        line.dropFirst("SigCgt:".count).trimmingCharacters(in: .whitespaces), radix: 16)
    else { return false }
    return mask & (1 << UInt64(signal - 1)) != 0
  }
}
