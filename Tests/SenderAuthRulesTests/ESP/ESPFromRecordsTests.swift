import DNSLookup
import DNSTestSupport
import SenderAuthCore
import SenderAuthKit
import SenderAuthRules
import Testing

/// What the sending-service lines say is computed from the records found, HubSpot's current
/// selectors carry the hub id, and `dkim` and `check` probe one list of selectors.
@Suite struct ESPFromRecordsTests {
  @Test func everyFixedCatalogSelectorIsInTheOneList() {
    for selector in ESPCatalog.selectors {
      #expect(DKIMSelectors.common.contains(selector), "\(selector) is not probed")
    }
  }

  @Test func dkimAndCheckProbeTheSameSelectors() async throws {
    let zone = try ZoneFile.parse(
      "$ORIGIN example.com.\n$TTL 3600\n@ TXT \"v=spf1 -all\"\n", file: "example")
    let domain = try DomainInput.parse("example.com")
    var probed: [CheckRequest.Scope: [String]] = [:]
    for scope in [CheckRequest.Scope.all, .dkim] {
      let request = try CheckRequest(domains: [domain], scope: scope, deadline: nil)
      let result = await Session(request, resolver: try ZoneResolver(zones: [zone])).check(domain)
      probed[scope] = result.context.dkim.tried.map(\.selector)
    }
    #expect(probed[.all] == probed[.dkim])
    #expect(probed[.dkim] == DKIMSelectors.common)
  }

  @Test func theLinesSayWhatTheRecordsGive() async throws {
    // One of SendGrid's two DKIM CNAMEs: the line must not claim that DKIM aligns.
    let zone = try ZoneFile.parse(
      """
      $ORIGIN example.com.
      $TTL 3600
      @ TXT "v=spf1 -all"
      s1._domainkey CNAME s1.domainkey.u7654321.wl042.sendgrid.net.
      """, file: "example")
    let resolver = try ZoneResolver(zones: [zone] + MessageFixtures.zones)
    let report = try await TestSession.report(resolver)
    let sendGrid = try #require(report.esps.first { $0.id == "sendgrid" })
    #expect(sendGrid.dkim.aligned == false)
    #expect(sendGrid.dkim.why.en.contains("'s2._domainkey.example.com' missing"))
    #expect(!sendGrid.alignment.en.contains("DKIM aligns"))
    #expect(sendGrid.spf.aligned == nil)
    #expect(report.findings.contains { $0.id == "esp.dkim-missing" })
    // Complete, the same line says it aligns, because the keys resolve.
    let complete = try zone.applying(
      Fix(
        explanation: LocalizedText(en: "", de: ""),
        add: [
          DNSChange(
            owner: try DomainName("s2._domainkey.example.com"), type: .cname,
            value: "s2.domainkey.u7654321.wl042.sendgrid.net.")
        ]))
    let after = try await TestSession.report(
      ZoneResolver(zones: [complete] + MessageFixtures.zones))
    let aligned = try #require(after.esps.first { $0.id == "sendgrid" })
    #expect(aligned.dkim.aligned == true, "\(aligned.dkim.why.en)")
  }

  @Test func hubSpotSelectorsWithTheHubIDAreFoundThroughItsInclude() async throws {
    let report = try await TestSession.report(
      MessageFixtures.resolver, domain: "hs-brand.example")
    let hubSpot = try #require(report.esps.first { $0.id == "hubspot" })
    #expect(hubSpot.dkim.aligned == true, "\(hubSpot.dkim.why.en)")
    #expect(hubSpot.evidence.contains { $0.contains("hs1-24681357._domainkey.hs-brand.example") })
    #expect(!report.findings.contains { $0.id == "esp.dkim-missing" })
  }

  @Test func aSelectorTheIncludeNamesIsProbedOnceWhenAlreadyGivenAndOnceWhenNot() async throws {
    // HubSpot's include names hs1- and hs2-<hub id>; hs1 is given (in capitals: selectors are
    // compared normalized), so it is probed with the given selectors and not again; hs2 only
    // after the SPF record.
    let resolver = CountingResolver(answeringFrom: try MessageFixtures.resolver)
    var engine = Engine(resolver: resolver)
    engine.selectorsFromSPF = ESPCatalog.selectorsFromSPF
    let context = await engine.context(
      for: try DomainName("hs-brand.example"), options: CheckOptions(selectors: ["HS1-24681357"]))
    let hs1 = resolver.count(try DomainName("hs1-24681357._domainkey.hs-brand.example"))
    let hs2 = resolver.count(try DomainName("hs2-24681357._domainkey.hs-brand.example"))
    #expect(hs1 > 0)
    #expect(hs1 == hs2)
    let tried = Dictionary(
      context.dkim.tried.map { ($0.selector, $0.source) }, uniquingKeysWith: { first, _ in first })
    #expect(tried["hs1-24681357"] == .given)
    #expect(tried["hs2-24681357"] == .esp)
  }

  @Test func namingHubSpotAsksForWhatHubSpotAsksFor() async throws {
    let zone = try ZoneFile.parse(
      """
      $ORIGIN example.com.
      $TTL 3600
      @ TXT "v=spf1 mx -all"
      _dmarc TXT "v=DMARC1; p=none; rua=mailto:dmarc@example.com"
      """, file: "example")
    let report = try await TestSession.report(
      ZoneResolver(zones: [zone]), options: CheckOptions(esps: ["hubspot"]))
    let adds = report.findings.compactMap(\.fix).flatMap(\.add)
    let owners = adds.map(\.owner.text)
    // The two CNAMEs with the hub id, never the old fixed 'hs1._domainkey'.
    #expect(owners.contains("hs1-<hubid>._domainkey.example.com"), "\(owners)")
    #expect(owners.contains("hs2-<hubid>._domainkey.example.com"), "\(owners)")
    #expect(!owners.contains("hs1._domainkey.example.com"))
    #expect(
      adds.contains { $0.value == "example-com.hs<shard>a.dkim.hubspotemail.net." },
      "\(adds.map(\.value))")
    // The portal's SPF include, as a warning: shared-IP mail is checked at HubSpot's domain.
    let include = try #require(report.findings.first { $0.id == "esp.spf-include-missing" })
    #expect(include.severity == .warning)
    #expect(include.message.en.contains("<hubid>.spf<nn>.hubspotemail.net"))
    #expect(
      include.fix?.add.first?.value == "v=spf1 mx include:<hubid>.spf<nn>.hubspotemail.net -all")
  }

  @Test func aHubIDFromTheMessageFillsInTheRecords() async throws {
    // brand.example is not connected: the message names the hub id and the shard.
    let result = try await MessageFixtures.result("hubspot-misaligned.eml")
    let failure = try #require(result.report.findings.first { $0.id == "message.dmarc-fail" })
    let adds = failure.fix?.add.map { "\($0.owner.text) \($0.value)" } ?? []
    #expect(
      adds == [
        "hs1-24681357._domainkey.brand.example brand-example.hs04a.dkim.hubspotemail.net.",
        "hs2-24681357._domainkey.brand.example brand-example.hs04b.dkim.hubspotemail.net.",
      ])
    #expect(failure.fix?.explanation.en.contains("send From 'brandmail.example'") == true)
  }
}
