import DNSLookup
import SenderAuthCore
import SenderAuthRules
import Testing

@Suite struct ProfileCatalogTests {
  @Test func offersEveryProfileOfTheIssue() {
    #expect(
      ProfileCatalog.ids == [
        "rfc", "gmail", "gmail-bulk", "yahoo", "yahoo-bulk", "microsoft-bulk", "bulk", "apple",
        "laposte", "gmx-webde", "t-online",
      ])
  }

  @Test func everyRequirementNamesAKnownRule() {
    for profile in ProfileCatalog.all {
      for id in profile.ruleIDs {
        #expect(RuleCatalog.rule(id: id) != nil, "\(profile.id): unknown rule '\(id)'")
      }
    }
  }

  @Test func bulkIsTheUnionOfTheThreeBulkProfiles() throws {
    let bulk = try #require(ProfileCatalog.profile(id: "bulk"))
    let parts = ["gmail-bulk", "yahoo-bulk", "microsoft-bulk"].compactMap(
      ProfileCatalog.profile(id:))
    let expected = Set(parts.flatMap { $0.requirements.map(\.id) })
    #expect(Set(bulk.requirements.map(\.id)) == expected)
    #expect(bulk.requirements.count == expected.count)
  }

  @Test func rfcIsAlwaysJudgedAndBulkIsTheDefault() {
    #expect(ProfileCatalog.selected(CheckOptions()).map(\.id) == ["rfc", "bulk"])
    #expect(
      ProfileCatalog.selected(CheckOptions(profiles: ["gmail", "yahoo"])).map(\.id)
        == ["rfc", "gmail", "yahoo"])
  }

  @Test func providerRulesAreSilentUnlessTheirProfileIsChosen() {
    #expect(ProfileCatalog.isActive("gmail.bulk.dmarc-required", options: CheckOptions()))
    #expect(!ProfileCatalog.isActive("gmail.spf-or-dkim", options: CheckOptions()))
    #expect(!ProfileCatalog.isActive("laposte.spf-required", options: CheckOptions()))
    #expect(
      ProfileCatalog.isActive("laposte.spf-required", options: CheckOptions(profiles: ["laposte"])))
  }

  static func report(_ zone: String, options: CheckOptions) async throws -> DomainReport {
    let file = try ZoneFile.parse("$ORIGIN example.com.\n$TTL 3600\n" + zone, file: "test")
    let checker = Checker(resolver: try ZoneResolver(zones: [file]))
    return await checker.check(try DomainName("example.com"), options: options)
  }

  @Test func notCheckableIsNeverPassedAndReadyNeedsEveryCheckableRequirement() async throws {
    let report = try await Self.report(
      """
      @ SOA ns1 hostmaster 1 3600 600 86400 300
      @ MX 10 mx1
      mx1 A 192.0.2.25
      @ TXT "v=spf1 mx -all"
      """, options: CheckOptions(profiles: ["gmail-bulk"]))
    let verdict = try #require(report.profiles.first { $0.id == "gmail-bulk" })
    #expect(!verdict.ready)
    let byID = Dictionary(uniqueKeysWithValues: verdict.requirements.map { ($0.id, $0) })
    #expect(byID["gmail.one-click-unsubscribe"]?.status == .notCheckable)
    #expect(byID["gmail.tls"]?.status == .notCheckable)
    #expect(byID["gmail.ptr-required"]?.status == .notCheckable)
    #expect(byID["gmail.bulk.dmarc-required"]?.status == .failed)
    #expect(byID["gmail.bulk.dmarc-required"]?.findings == ["gmail.bulk.dmarc-required"])
    #expect(byID["gmail.bulk.spf-and-dkim"]?.status == .failed)
    #expect(report.findings.contains { $0.id == "gmail.bulk.dmarc-required" })
    #expect(!report.findings.contains { $0.id.hasPrefix("yahoo.") })
    let rfc = try #require(report.profiles.first { $0.id == "rfc" })
    #expect(rfc.requirements.allSatisfy { !$0.id.hasPrefix("gmail.") })
  }

  @Test func ptrRequirementIsJudgedWithIPs() async throws {
    let report = try await Self.report(
      """
      @ SOA ns1 hostmaster 1 3600 600 86400 300
      @ TXT "v=spf1 ip4:192.0.2.10 -all"
      """, options: CheckOptions(ips: ["192.0.2.10"], profiles: ["gmail"]))
    let verdict = try #require(report.profiles.first { $0.id == "gmail" })
    let ptr = try #require(verdict.requirements.first { $0.id == "gmail.ptr-required" })
    #expect(ptr.status == .failed)
    #expect(report.findings.contains { $0.id == "ptr.missing" })
  }
}
