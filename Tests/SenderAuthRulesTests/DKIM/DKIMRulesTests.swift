import DNSLookup
import SenderAuthCore
import SenderAuthRules
import Testing

/// Behaviour of the DKIM rules beyond their catalog examples: severities, messages, fixes.
@Suite struct DKIMRulesTests {
  static let rsa2048 =
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA190j/i8dtwk12VlntSIQpZSBJO4rEkPwSOxrTtO6LBWX"
    + "8o2I6h1aFMuZsT1uTw2f7Jj083x9ym9/rFAAk5S+2wUKg4oPdgiy4RrPKAnsWZ6Hb1aj1QhXJZX4nKtS6HXmtdxd"
    + "mCwPKuiz013M/3R6XQIrTzjhqbvevI3MH0MXIuWXM7c17fWkKTo4UwnUIkiyGAvwckB2hSRzK9BgGAcVavUHwwEc"
    + "54GlEIiKjunC8pzjEEDwRuXKt8lTNu9SL1RQ3TOAv4PLBJszzPRMmlrKA5o95oNSdqJI7X5bLzBixGxg1C6tPl4z"
    + "CC1WxD1zkj+VFUUztIz0751ui7g3HbKu6wIDAQAB"

  /// `"v=DKIM1; p=<2048-bit key>"` as zone-file strings, with `tags` before `p=`.
  static func key(_ tags: String = "v=DKIM1;") -> String {
    "\"\(tags) p=\(rsa2048.prefix(200))\" \"\(rsa2048.dropFirst(200))\""
  }

  /// The findings of `id` for `zone` (relative to example.com), with the lookups for `failing`
  /// names answered SERVFAIL.
  func findings(
    _ id: String, zone: String, options: CheckOptions = CheckOptions(), failing: [String] = []
  ) async throws -> [Finding] {
    let file = try ZoneFile.parse("$ORIGIN example.com.\n$TTL 3600\n" + zone, file: "test")
    let names = Set(try failing.map { try DomainName($0) })
    let resolver = Failing(names: names, inner: try ZoneResolver(zones: [file]))
    let context = await Engine(resolver: resolver).context(
      for: try DomainName("example.com"), options: options)
    let rule = try #require(DKIMRules.all.first { $0.description.id == id })
    return rule.check(context)
  }

  struct Failing: DNSResolver {
    var names: Set<DomainName>
    var inner: any DNSResolver
    func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
      if names.contains(name) { throw .timeout(server: "injected") }
      return try await inner.query(name, type)
    }
  }

  @Test func catalogHasEveryDKIMRule() {
    let ids = Set(DKIMRules.all.map(\.description.id))
    #expect(
      ids == [
        "dkim.no-key-found", "dkim.selector-missing", "dkim.key-too-short", "dkim.key-weak",
        "dkim.key-revoked", "dkim.key-syntax", "dkim.multiple-records", "dkim.cname-dangling",
        "dkim.cname-loop", "dkim.m365-cname-mismatch", "dkim.testing", "dkim.sha1-only",
        "dkim.hash-unusable",
        "dkim.ed25519-only",
      ])
  }

  @Test func noKeyFoundIsAWarningThatNamesTheSelectorsTried() async throws {
    let found = try await findings("dkim.no-key-found", zone: "@ IN TXT \"v=spf1 -all\"\n")
    let finding = try #require(found.first)
    #expect(finding.severity == .warning)
    for selector in DKIMSelectors.common {
      #expect(finding.message.en.contains("'\(selector)'"))
    }
    #expect(finding.message.en.contains("--selector"))
    #expect(finding.message.en.contains("'s='"))
    #expect(finding.message.de.contains("--selector"))
  }

  @Test func noKeyFoundIsAnErrorWhenTheGivenSelectorsAreMissing() async throws {
    let found = try await findings(
      "dkim.no-key-found", zone: "@ IN TXT \"v=spf1 -all\"\n",
      options: CheckOptions(selectors: ["mx2024"]))
    #expect(found.map(\.severity) == [.error])
  }

  @Test func noKeyFoundStaysSilentWhenAnyKeyRecordExists() async throws {
    let revoked = try await findings(
      "dkim.no-key-found", zone: "s1._domainkey IN TXT \"v=DKIM1; p=\"\n")
    #expect(revoked.isEmpty)
  }

  @Test func noKeyFoundCountsFailedLookupsAndStaysSilentWhenAllFailed() async throws {
    let some = try await findings(
      "dkim.no-key-found", zone: "", failing: ["google._domainkey.example.com"])
    #expect(some.first?.message.en.contains("1 could not be checked") == true)
    let all =
      DKIMSelectors.common.map { "\($0)._domainkey.example.com" }
    let none = try await findings("dkim.no-key-found", zone: "", failing: all)
    #expect(none.isEmpty)
  }

  @Test func selectorMissingNamesNXDOMAINAndNODATA() async throws {
    let found = try await findings(
      "dkim.selector-missing", zone: "b._domainkey IN A 192.0.2.1\n",
      options: CheckOptions(selectors: ["a", "b"]))
    #expect(found.count == 2)
    #expect(found[0].message.en.contains("does not exist"))
    #expect(found[1].message.en.contains("has no TXT record"))
  }

  @Test func revokedKeyIsANoteWhenAnotherSelectorHasAUsableKey() async throws {
    let zone = "s1._domainkey IN TXT \"v=DKIM1; p=\"\ns2._domainkey IN TXT \(Self.key())\n"
    #expect(try await findings("dkim.key-revoked", zone: zone).map(\.severity) == [.note])
    let alone = "s1._domainkey IN TXT \"v=DKIM1; p=\"\n"
    #expect(try await findings("dkim.key-revoked", zone: alone).map(\.severity) == [.warning])
    let given = try await findings(
      "dkim.key-revoked", zone: zone, options: CheckOptions(selectors: ["s1"]))
    #expect(given.map(\.severity) == [.error])
  }

  @Test func wildcardAnswersDoNotMultiplyFindings() async throws {
    let zone = "*._domainkey IN TXT \"v=DKIM1; p=\"\n"
    #expect(try await findings("dkim.key-revoked", zone: zone).isEmpty)
    #expect(try await findings("dkim.no-key-found", zone: zone).count == 1)
  }

  @Test func aWildcardKeyIsJudgedOnceAndCountsAsAKey() async throws {
    let key = try #require(Self.smallKeys["rsa1024"])
    let zone = "*._domainkey IN TXT \"v=DKIM1; p=\(key)\"\n"
    let weak = try await findings("dkim.key-weak", zone: zone)
    #expect(weak.count == 1)
    #expect(weak.first?.location?.name == "*._domainkey.example.com")
    #expect(try await findings("dkim.no-key-found", zone: zone).isEmpty)
  }

  @Test func aWeakKeyOfASendingServiceIsTheServicesToReplace() async throws {
    // The demo: SendGrid's s2 key is 1024 bits, reached through the customer's CNAME.
    let demo = FixPlanPropertyTests.repository + "/Fixtures/demo/"
    let zones = try ["shop.example", "sendgrid.net", "onmicrosoft.com", "protection.outlook.com"]
      .map { try ZoneFile.load(path: demo + $0 + ".zone") }
    let report = try await TestSession.report(
      try ZoneResolver(zones: zones), domain: "shop.example")
    let weak = try #require(report.findings.first { $0.id == "dkim.key-weak" })
    let fix = try #require(weak.fix)
    #expect(fix.explanation.en.hasPrefix("The key is Twilio SendGrid's"))
    #expect(fix.explanation.de.contains("Der Schlüssel gehört Twilio SendGrid"))
    #expect(fix.add.isEmpty && fix.remove.isEmpty)
    // A key published at the domain itself keeps the general advice.
    let key = try #require(Self.smallKeys["rsa1024"])
    let own = try await findings(
      "dkim.key-weak", zone: "s1._domainkey IN TXT \"v=DKIM1; p=\(key)\"\n")
    #expect(own.first?.fix == nil)
  }

  @Test func keySyntaxPointsAtTheTermAndRanksUnknownTagsAsNotes() async throws {
    let zone = "s1._domainkey IN TXT \(Self.key("k=rsa; v=DKIM1; t=y:q;"))\n"
    let found = try await findings("dkim.key-syntax", zone: zone)
    #expect(found.map(\.severity) == [.error, .note])
    #expect(found.first?.location?.span == Location.Span(offset: 7, length: 7))
    #expect(found.first?.location?.line == 3)
  }

  @Test func keySyntaxNamesWrappedEd25519Keys() async throws {
    let zone =
      "s1._domainkey IN TXT \"v=DKIM1; k=ed25519; "
      + "p=MCowBQYDK2VwAyEAXCI0RI7PDeE7maClhvN4m2ZmDxHD4Ol5grqE1f7GRww=\"\n"
    let found = try await findings("dkim.key-syntax", zone: zone)
    #expect(found.first?.message.en.contains("SubjectPublicKeyInfo") == true)
  }

  @Test func keySyntaxReportsKeysNotForEmail() async throws {
    let zone = "s1._domainkey IN TXT \(Self.key("v=DKIM1; s=tlsrpt;"))\n"
    let found = try await findings("dkim.key-syntax", zone: zone)
    #expect(found.contains { $0.message.en.contains("not for email") })
  }

  @Test func microsoft365DanglingCNAMESaysToTurnOnDKIMAndKeepsTheCNAME() async throws {
    let zone =
      "selector1._domainkey IN CNAME selector1-example-com._domainkey.example.onmicrosoft.com.\n"
    let finding = try #require(try await findings("dkim.cname-dangling", zone: zone).first)
    #expect(finding.message.en.contains("Microsoft 365"))
    #expect(finding.message.de.contains("Microsoft 365"))
    #expect(finding.fix?.remove.isEmpty == true)
    #expect(finding.location?.type == "CNAME")
  }

  @Test func otherDanglingCNAMEsOfferRemovalAndAreErrorsWhenGiven() async throws {
    let zone = "k2._domainkey IN CNAME dkim2.mcsv.net.\n"
    let common = try #require(try await findings("dkim.cname-dangling", zone: zone).first)
    #expect(common.severity == .warning)
    #expect(common.fix?.remove.first?.value == "dkim2.mcsv.net.")
    let given = try await findings(
      "dkim.cname-dangling", zone: zone, options: CheckOptions(selectors: ["k2"]))
    #expect(given.map(\.severity) == [.error])
  }

  static let smallKeys: [String: String] = [
    "rsa768":
      "MHwwDQYJKoZIhvcNAQEBBQADawAwaAJhAO78CsqH+NPz2Mp9LydT/Ks3gTzIevs8J3Li5xXRsc5q2t4iwIIIvCST"
      + "Zk/+mn4qGsNfzeYcKIy/4tPQsPk13kaxGT/pZadMTpBpEsA9JwcUaOxbPAZqgs8BL5AvpQZvywIDAQAB",
    "rsa1024":
      "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQD078/TjvR9U5CNmOD++y2WV7nrLUmPpQMC04SPa1/inQwwb/CJ"
      + "7F9cbnnJzFCWVIZ9QE0hZP+vo6sgzXy3UIhg+np23A8ZQcVDDIgVM6wX3UABl0uVQHgRTbXnMy66vT3ZzYe4f/nN"
      + "9MG/GDKRklCQP13kVOiDCDQM3ySjeFmwXwIDAQAB",
  ]

  @Test(arguments: [
    ("rsa768", "dkim.key-too-short", true), ("rsa1024", "dkim.key-too-short", false),
    ("rsa1024", "dkim.key-weak", true), ("rsa768", "dkim.key-weak", false),
  ])
  func keySizeRulesFollowTheBoundaries(key: String, id: String, fires: Bool) async throws {
    let text = try #require(Self.smallKeys[key])
    let found = try await findings(id, zone: "s1._domainkey IN TXT \"v=DKIM1; p=\(text)\"\n")
    #expect(found.isEmpty != fires)
    if let finding = found.first {
      #expect(finding.location?.span?.offset == 9)
    }
  }

  @Test func a2048BitKeyIsNeitherShortNorWeak() async throws {
    let zone = "s1._domainkey IN TXT \(Self.key())\n"
    #expect(try await findings("dkim.key-weak", zone: zone).isEmpty)
    #expect(try await findings("dkim.key-too-short", zone: zone).isEmpty)
  }

  @Test func testingFixDropsOnlyTheYFlag() async throws {
    let zone = "s1._domainkey IN TXT \(Self.key("v=DKIM1; t=s:y;"))\n"
    let finding = try #require(try await findings("dkim.testing", zone: zone).first)
    #expect(finding.fix?.add.first?.value.hasPrefix("v=DKIM1; t=s; p=MIIB") == true)
    #expect(finding.fix?.remove.first?.value.hasPrefix("v=DKIM1; t=s:y; p=MIIB") == true)
  }

  @Test func cnameLoopNamesTheHops() async throws {
    let zone = "s1._domainkey IN CNAME a\na IN CNAME s1._domainkey\n"
    let finding = try #require(try await findings("dkim.cname-loop", zone: zone).first)
    #expect(finding.message.en.contains("'s1._domainkey.example.com' → 'a.example.com'"))
  }
}
