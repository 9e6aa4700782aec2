import DNSLookup
import SenderAuthCore
import SenderAuthReport
import Testing

@Suite struct DKIMTextTests {
  func context(_ zone: String, selectors: [String] = []) async throws -> DKIMContext {
    let file = try ZoneFile.parse("$ORIGIN example.com.\n$TTL 3600\n" + zone, file: "test")
    return await DKIMContext.fetch(
      domain: try DomainName("example.com"), resolver: try ZoneResolver(zones: [file]),
      options: CheckOptions(selectors: selectors))
  }

  @Test func listsFoundSelectorsAndSummarisesTheRest() async throws {
    let zone = """
      google._domainkey IN TXT "v=DKIM1; k=ed25519; p=XCI0RI7PDeE7maClhvN4m2ZmDxHD4Ol5grqE1f7GRww="
      s1._domainkey IN CNAME s1.keys
      s1.keys IN TXT "v=DKIM1; p="

      """
    let lines = DKIMText.lines(try await context(zone, selectors: ["mx2024"]), language: .en)
    #expect(lines[0].hasPrefix("SELECTOR"))
    #expect(lines.contains { $0.hasPrefix("mx2024") && $0.contains("not found") })
    #expect(lines.contains { $0.hasPrefix("google") && $0.contains("ed25519 256") })
    #expect(lines.contains { $0.hasPrefix("s1 ") && $0.contains("revoked") })
    #expect(lines.contains("  CNAME s1._domainkey.example.com → s1.keys.example.com"))
    let summary = lines.filter { $0.hasPrefix("Not found:") }
    #expect(summary.count == 1)
    #expect(!(summary.first?.contains("google") ?? true))
    #expect(lines.allSatisfy { !$0.contains("…") })
  }

  @Test func longNamesAreNeverCutAndTheListWrapsOnlyForATerminal() async throws {
    let long = String(repeating: "a", count: 60)
    let zone = """
      s1._domainkey IN CNAME \(long).\(long).\(long).example.net.

      """
    let fetched = try await context(zone, selectors: [String(repeating: "b", count: 40)])
    let lines = DKIMText.lines(fetched, language: .de)
    #expect(lines[0].hasPrefix("SELEKTOR"))
    #expect(lines.contains { $0.contains("CNAME ins Leere") })
    // Piped: nothing is cut, the whole target name is there, the list is one line.
    #expect(lines.allSatisfy { !$0.contains("…") })
    #expect(lines.contains { $0.contains("\(long).\(long).\(long).example.net") })
    #expect(lines.filter { $0.hasPrefix("Ohne Eintrag: ") }.count == 1)
    #expect(!lines.contains { $0.hasPrefix("              ") })
    // On a terminal 60 columns wide the list of names not found wraps.
    let narrow = DKIMText.lines(fetched, language: .de, width: 60)
    let list = narrow.drop { !$0.hasPrefix("Ohne Eintrag: ") }.prefix { !$0.isEmpty }
    #expect(list.count > 1)
    #expect(list.allSatisfy { $0.count <= 60 })
  }

  @Test func saysSoWhenNothingWasFound() async throws {
    let lines = DKIMText.lines(try await context(""), language: .en)
    #expect(lines.first == "No DKIM key found for 'example.com'")
    #expect(lines.dropFirst().first?.hasPrefix("Not found: google, selector1,") == true)
  }

  @Test func escapesRecordTextForTheTerminal() async throws {
    let zone = """
      s1._domainkey IN TXT "v=DKIM1; n=\\027[31m; p="
      s1._domainkey IN TXT "v=DKIM1; p="

      """
    let lines = DKIMText.lines(try await context(zone), language: .en)
    #expect(lines.contains { $0.contains("\\x1b[31m") })
    #expect(!lines.contains { $0.contains("\u{1b}") })
  }

  @Test func reportEncodesTheSelectorsWithStableNames() async throws {
    let report = DKIMReport(context: try await context(""), findings: [])
    let json = JSONText.pretty(report)
    for key in ["schemaVersion", "selectors", "signingDomains", "wildcard", "cnameChain"] {
      #expect(json.contains("\"\(key)\""))
    }
  }
}
