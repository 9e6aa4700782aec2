import Foundation
import Testing

/// `senderauth dkim`: the built binary on `Fixtures/dkim/keys.example.zone`, offline.
@Suite struct DKIMCommandTests {
  static let zone = SenderAuthCLI.fixture("dkim/keys.example.zone")

  @Test func goodKeysExitZeroAndShowTheTable() async throws {
    let result = try await SenderAuthCLI.run([
      "dkim", "keys.example", "--offline", "--zone", Self.zone, "--selector", "rsa2048-spki",
      "--selector", "rsa4096-pkcs1", "--fail-on", "error",
    ])
    // The common selectors of the fixture include dangling CNAMEs (warnings), no errors.
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.contains("rsa2048-spki"))
    #expect(result.stdout.contains("rsa 4096"))
    #expect(result.stdout.contains("dkim.cname-dangling"))
    #expect(result.stdout.split(separator: "\n").first?.hasPrefix("SELECTOR") == true)
  }

  @Test func aMissingGivenSelectorExitsOne() async throws {
    let result = try await SenderAuthCLI.run([
      "dkim", "keys.example", "--offline", "--zone", Self.zone, "--selector", "nosuch",
    ])
    #expect(result.status == 1)
    #expect(result.stdout.contains("dkim.selector-missing"))
  }

  @Test func jsonHasTheSelectorsWithStableFields() async throws {
    let result = try await SenderAuthCLI.run([
      "dkim", "keys.example", "--offline", "--zone", Self.zone, "--selector", "rsa512-pkcs1",
      "--format", "json",
    ])
    #expect(result.status == 1)
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    let selectors = try #require(object?["selectors"] as? [[String: Any]])
    let first = try #require(selectors.first)
    #expect(first["selector"] as? String == "rsa512-pkcs1")
    #expect(first["source"] as? String == "given")
    #expect(first["status"] as? String == "key")
    #expect(first["bits"] as? Int == 512)
    let findings = try #require(object?["findings"] as? [[String: Any]])
    #expect(findings.contains { $0["id"] as? String == "dkim.key-too-short" })
  }

  @Test func aBadSelectorIsAUsageError() async throws {
    let result = try await SenderAuthCLI.run([
      "dkim", "keys.example", "--offline", "--zone", Self.zone, "--selector",
      "bad name",
    ])
    #expect(result.status == 2)
    #expect(result.stderr.contains("bad name"))
    #expect(result.stdout.isEmpty)
  }

  @Test func germanOutput() async throws {
    let result = try await SenderAuthCLI.run([
      "dkim", "keys.example", "--offline", "--zone", Self.zone, "--lang", "de",
    ])
    #expect(result.stdout.contains("SELEKTOR"))
    #expect(result.stdout.contains("CNAME ins Leere"))
  }
}
