import DNSTestSupport
import Foundation
import Testing

/// Bad arguments through the CLI: exit 2 and exactly one line on stderr, before any query;
/// conversions (e-mail, URL, internationalised name) said on stderr and carried out.
@Suite struct InputValidationTests {
  static let zone = SenderAuthCLI.fixture("hostile/hostile.test.zone")
  static let offline = ["--offline", "--zone", zone]

  /// Runs the CLI on a thread of its own (waiting for a child must not hold one of the
  /// cooperative pool's few threads).
  static func cli(_ arguments: [String]) async throws -> SenderAuthCLI.Run {
    try await OffPool.run { () throws -> SenderAuthCLI.Run in try SenderAuthCLI.run(arguments) }
  }

  /// Asserts a usage error: status 2, one line on stderr that contains `fragment`.
  static func expectUsageError(
    _ arguments: [String], mentions fragment: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) async throws {
    let run = try await cli(arguments)
    #expect(run.status == 2, "\(arguments): \(run.stderr)", sourceLocation: sourceLocation)
    let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(
      lines.count == 2 && lines[1].isEmpty, "not one line: \(run.stderr.debugDescription)",
      sourceLocation: sourceLocation)
    #expect(
      run.stderr.contains(fragment), "\(run.stderr) lacks \(fragment)",
      sourceLocation: sourceLocation)
    #expect(!run.stderr.utf8.contains(0x1b), sourceLocation: sourceLocation)
    #expect(run.stdout.isEmpty, "\(run.stdout)", sourceLocation: sourceLocation)
  }

  @Test(arguments: [
    ("", "empty"),
    (String(repeating: "abcdefghi.", count: 26) + "com", "at most 253"),
    (String(repeating: "a", count: 64) + ".example.com", "at most 63"),
    ("exa$mple.com", "'$' is not allowed"),
    ("exa mple.com", "' ' is not allowed"),
    ("192.0.2.1", "IP address"),
    ("2001:db8::1", "IP address"),
    ("localhost", "at least two labels"),
    ("\u{1b}]0;pwned\u{07}.com", #"\x1b"#),
  ])
  func badDomainIsAUsageError(domain: String, fragment: String) async throws {
    for command in ["check", "spf", "dmarc", "dkim"] {
      try await Self.expectUsageError([command, domain] + Self.offline, mentions: fragment)
    }
  }

  @Test func emailAddressIsCheckedAsItsDomain() async throws {
    let run = try await Self.cli(
      ["check", "postmaster@include-loop.hostile.test", "--format", "json"] + Self.offline)
    #expect(run.status == 1, "\(run.stderr)")
    #expect(run.stderr.contains("took the domain part 'include-loop.hostile.test'"))
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    let domain = (object?["domains"] as? [[String: Any]])?.first
    #expect(domain?["domain"] as? String == "include-loop.hostile.test")
    #expect(domain?["input"] as? String == "postmaster@include-loop.hostile.test")
  }

  @Test func urlIsCheckedAsItsHost() async throws {
    let run = try await Self.cli(
      ["check", "https://include-loop.hostile.test/contact", "--format", "json"] + Self.offline)
    #expect(run.status == 1, "\(run.stderr)")
    #expect(run.stderr.contains("took the host name 'include-loop.hostile.test' from the URL"))
  }

  @Test func internationalisedNameIsCheckedAsALabelsShowingBothForms() async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "idn-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let zone = dir.appendingPathComponent("idn.zone").path
    try """
    $ORIGIN xn--bcher-kva.example.
    $TTL 300
    @ IN TXT "v=spf1 -all"
    _dmarc IN TXT "v=DMARC1; p=reject"

    """.write(toFile: zone, atomically: true, encoding: .utf8)
    let run = try await Self.cli([
      "check", "bücher.example", "--offline", "--zone", zone, "--color", "never",
    ])
    #expect(run.status != 2, "\(run.stderr)")
    #expect(run.stderr.contains("xn--bcher-kva.example") && run.stderr.contains("bücher.example"))
    #expect(run.stdout.contains("xn--bcher-kva.example"))
    #expect(run.stdout.contains("bücher.example"), "\(run.stdout)")
  }

  @Test func unreadableZoneFileIsAUsageError() async throws {
    try await Self.expectUsageError(
      ["check", "example.com", "--offline", "--zone", "/nonexistent/missing.zone"],
      mentions: "/nonexistent/missing.zone")
    try await Self.expectUsageError(
      ["lookup", "example.com", "TXT", "--offline", "--zone", "/nonexistent/missing.zone"],
      mentions: "/nonexistent/missing.zone")
  }

  @Test func zoneFileWithAnErrorNamesFileAndLine() async throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "broken-\(UUID().uuidString).zone"
    ).path
    try """
    $ORIGIN example.com.
    $TTL 300
    @ IN TXT "v=spf1 -all"
    @ IN MX notanumber mail.example.com.

    """.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    try await Self.expectUsageError(
      ["check", "example.com", "--offline", "--zone", path], mentions: "\(path):4")
  }

  @Test(arguments: [
    (["--timeout", "abc"], "--timeout"),
    (["--timeout", "-1"], "--timeout"),
    (["--tries", "0"], "--tries"),
    (["--nameserver", "1.2.3"], "1.2.3"),
    (["--nameserver", "127.0.0.1:99999"], "127.0.0.1:99999"),
    (["--format", "yaml"], "--format"),
    (["--zon", "x"], "--zone"),
  ])
  func badOptionValueIsAUsageError(options: [String], fragment: String) async throws {
    try await Self.expectUsageError(["check", "example.com"] + options, mentions: fragment)
    try await Self.expectUsageError(["lookup", "example.com", "TXT"] + options, mentions: fragment)
  }

  @Test func lookupRefusesABadName() async throws {
    // lookup takes any DNS name (labels are octets, RFC 2181 §11), but not a malformed one.
    try await Self.expectUsageError(
      ["lookup", "exa..mple.com", "TXT"] + Self.offline, mentions: "exa..mple.com")
    try await Self.expectUsageError(
      ["lookup", String(repeating: "a", count: 64) + ".com", "TXT"] + Self.offline,
      mentions: "63")
  }
}
