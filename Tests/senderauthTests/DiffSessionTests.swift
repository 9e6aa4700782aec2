import DNSTestSupport
import Foundation
import Testing

/// `diff` runs the session twice: each side's zone file replaces the zone with its apex (from
/// `--zone` and the configuration), and `--authoritative`, `--deadline` and the configuration's
/// zones apply to both sides as to `check`.
@Suite(.serialized) struct DiffSessionTests {
  static let deployed = "Fixtures/ci/zones/corp.example.zone"
  static let breaking = "Fixtures/ci/proposed/remove-include/corp.example.zone"
  static let config = "Fixtures/ci/senderauth.json"

  @Test func aSideReplacesTheZoneFromTheZoneDirectory() async throws {
    // Fixtures/ci/zones holds corp.example.zone too: merged record by record, both sides
    // would get two SPF records and the breaking change would pass.
    let run = try await SenderAuthCLI.run([
      "diff", "corp.example", "--before", Self.deployed, "--after", Self.breaking,
      "--zone", "Fixtures/ci/zones", "--offline", "--config", Self.config,
    ])
    #expect(run.status == 1, "\(run.stdout)\n\(run.stderr)")
    #expect(run.stdout.contains("spf.ip-not-authorized"), "\(run.stdout)")
    #expect(!run.stdout.contains("spf.multiple-records"), "\(run.stdout)")
    // Without the directory the verdict is the same.
    let alone = try await SenderAuthCLI.run([
      "diff", "corp.example", "--before", Self.deployed, "--after", Self.breaking,
      "--zone", "Fixtures/ci/zones/mailer.example.zone", "--offline", "--config", Self.config,
    ])
    #expect(alone.status == run.status)
  }

  @Test func aSideThatDoesNotHoldTheDomainIsABadInput() async throws {
    let run = try await SenderAuthCLI.run([
      "diff", "corp.example", "--before", Self.deployed,
      "--after", "Fixtures/ci/zones/mailer.example.zone", "--offline",
    ])
    #expect(run.status == 2, "\(run.stdout)\n\(run.stderr)")
    #expect(run.stderr.contains("does not contain 'corp.example'"), "\(run.stderr)")
    #expect(run.stdout.isEmpty)
  }

  @Test func theConfigurationsZonesAreRead() async throws {
    // The configuration lists the provider's zone; --offline needs nothing else.
    let run = try await SenderAuthCLI.run([
      "diff", "corp.example", "--before", Self.deployed,
      "--after", "Fixtures/ci/proposed/add-dmarc/corp.example.zone", "--offline",
      "--config", "Fixtures/ci/senderauth.zones.json",
    ])
    #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
    #expect(run.stdout.contains("dmarc.missing"))
    let breaking = try await SenderAuthCLI.run([
      "diff", "corp.example", "--before", Self.deployed, "--after", Self.breaking, "--offline",
      "--config", "Fixtures/ci/senderauth.zones.json",
    ])
    #expect(breaking.status == 1, "\(breaking.stdout)\n\(breaking.stderr)")
  }

  @Test func theDeadlineAppliesToBothSides() async throws {
    let blackhole = try BlackholeServer()
    defer { blackhole.stop() }
    let run = try await SenderAuthCLI.run([
      "diff", "corp.example", "--before", "live", "--after", "live", "--nameserver",
      blackhole.nameserver, "--timeout", "30", "--tries", "1", "--deadline", "0.5",
      "--format", "json",
    ])
    #expect(run.status == 3, "\(run.stdout)\n\(run.stderr)")
    // Without the deadline a lookup would take the whole 30 s timeout.
    #expect(run.seconds < 20, "the deadline did not cut the lookups off")
    #expect(run.stdout.contains("dns.deadline-exceeded"), "\(run.stdout)")
  }

  @Test func authoritativeAsksEveryServerOnBothSides() async throws {
    let (one, two) = try await AuthoritativeTests.servers(
      first: "v=spf1 mx include:_spf.old.example -all", second: "v=spf1 mx -all")
    defer {
      one.stop()
      two.stop()
    }
    let run = try await SenderAuthCLI.run([
      "diff", "auth.example", "--before", "live", "--after", "live", "--authoritative",
      "--authoritative-port", "\(one.port)", "--nameserver", one.nameserver, "--timeout", "1",
      "--tries", "1", "--profile", "rfc", "--format", "json",
    ])
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    // Both sides report the disagreement (unchanged, or changed only in the time the old
    // answer may stay cached).
    let changed = ((object?["changed"] as? [[String: Any]]) ?? []).compactMap {
      ($0["after"] as? [String: Any])?["id"] as? String
    }
    let unchanged = ((object?["unchanged"] as? [[String: Any]]) ?? []).compactMap {
      $0["id"] as? String
    }
    #expect(
      (changed + unchanged).contains("dns.authoritative-mismatch"),
      "\(run.stdout)\n\(run.stderr)")
    // Nothing got worse between two identical live sides.
    #expect(run.status == 0)
  }
}
