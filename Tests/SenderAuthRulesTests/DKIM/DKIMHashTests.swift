import DNSLookup
import SenderAuthCore
import Testing

@testable import SenderAuthRules

/// RFC 6376 §3.6.1: a key record whose `h=` lists no hash the verifier can use cannot verify
/// rsa-sha256. Such a key is found (an error on it), and no report says no key was found.
@Suite struct DKIMHashTests {
  static func findings(_ tags: String, profile: String) async throws -> [Finding] {
    let zone = try ZoneFile.parse(
      "$ORIGIN example.com.\n"
        + DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("google", "\(tags); p=\(DKIMRuleSupport.Keys.rsa2048)")),
      file: "example")
    let engine = Engine(resolver: try ZoneResolver(zones: [zone]))
    let context = await engine.context(
      for: try DomainName("example.com"), options: CheckOptions(profiles: [profile]))
    return RuleCatalog.all.flatMap { $0.check(context) }
  }

  @Test(arguments: ["v=DKIM1; h=sha512", "v=DKIM1; h=sha384:sha512", "v=DKIM1; h=sha-256"])
  func keyWithoutAKnownHashIsAnErrorOnAFoundKey(tags: String) async throws {
    let findings = try await Self.findings(tags, profile: "bulk")
    let hash = try #require(findings.first { $0.id == "dkim.hash-unusable" })
    #expect(hash.severity == .error)
    #expect(!findings.contains { $0.id == "dkim.no-key-found" })
    for finding in findings {
      #expect(!finding.message.en.contains("no DKIM key was found"), "\(finding.id)")
      #expect(!finding.message.de.contains("kein DKIM-Schlüssel gefunden"), "\(finding.id)")
    }
    let providers = findings.filter { $0.message.en.contains("cannot verify mail") }
    #expect(!providers.isEmpty, "\(findings.map(\.id))")
  }

  @Test(arguments: ["v=DKIM1; h=sha256", "v=DKIM1; h=sha512:sha256", "v=DKIM1"])
  func keyWithSHA256IsUsable(tags: String) async throws {
    let findings = try await Self.findings(tags, profile: "bulk")
    #expect(!findings.contains { $0.id == "dkim.hash-unusable" || $0.id == "dkim.sha1-only" })
    #expect(!findings.contains { $0.message.en.contains("cannot verify mail") })
  }

  @Test func sha1OnlyIsItsOwnFindingNotBoth() async throws {
    let findings = try await Self.findings("v=DKIM1; h=sha1", profile: "bulk")
    #expect(findings.contains { $0.id == "dkim.sha1-only" })
    #expect(!findings.contains { $0.id == "dkim.hash-unusable" })
  }
}
