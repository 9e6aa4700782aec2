import DNSLookup
import SenderAuthCore
import Testing

@testable import SenderAuthRules

@Suite struct NamePatternTests {
  let domain = (try? DomainName("shop.example.com")) ?? .root

  @Test func bindsDigitsAndReusesThem() throws {
    let pattern = NamePattern("s1.domainkey.u{user}.wl{wl}.sendgrid.net")
    let match = pattern.match(
      try DomainName("s1.domainkey.u1234.wl001.sendgrid.net"), domain: domain)
    #expect(match?["user"] == "1234")
    #expect(match?["wl"] == "001")
    let sibling = NamePattern("s2.domainkey.u{user}.wl{wl}.sendgrid.net")
    #expect(
      sibling.render(domain: domain, bindings: match ?? [:])
        == "s2.domainkey.u1234.wl001.sendgrid.net")
  }

  @Test func digitPlaceholdersRejectLetters() throws {
    let pattern = NamePattern("u{user}.wl{wl}.sendgrid.net")
    #expect(pattern.match(try DomainName("uabc.wl001.sendgrid.net"), domain: domain) == nil)
  }

  @Test func dashedDomainMustBeTheCheckedOne() throws {
    let pattern = NamePattern("b1.{dashed}.dkim.brevo.com")
    #expect(
      pattern.match(try DomainName("b1.shop-example-com.dkim.brevo.com"), domain: domain) != nil)
    #expect(
      pattern.match(try DomainName("b1.other-example-com.dkim.brevo.com"), domain: domain) == nil)
  }

  @Test(arguments: [
    "selector1-shop-example-com._domainkey.contoso.onmicrosoft.com",
    "selector1-shop-example-com._domainkey.contoso.r-v1.dkim.mail.microsoft",
  ])
  func acceptsBothMicrosoft365TargetFormats(_ target: String) throws {
    let esp = try #require(ESPCatalog.esp(id: "microsoft-365"))
    guard case .cname(let patterns) = esp.dkim[0].records[0].kind else {
      Issue.record("selector1 is not a CNAME record")
      return
    }
    let name = try DomainName(target)
    #expect(patterns.contains { $0.match(name, domain: domain)?["tenant"] == "contoso" })
  }

  @Test func unboundPlaceholdersRenderAsMarkers() {
    let pattern = NamePattern("u{user}.wl{wl}.sendgrid.net")
    #expect(pattern.render(domain: domain) == "u<user>.wl<wl>.sendgrid.net")
  }

  @Test func hostileNamesEndQuickly() throws {
    let long = String(repeating: "a-", count: 31) + "a"
    let pattern = NamePattern("{a}{b}{c}{d}.{e}{f}.x")
    #expect(pattern.match(try DomainName(long + "." + long + ".y"), domain: domain) == nil)
  }
}

@Suite struct ESPCatalogTests {
  @Test func idsAndAliasesAreUnique() {
    var seen: Set<String> = []
    for esp in ESPCatalog.all {
      for name in [esp.id] + esp.aliases {
        #expect(seen.insert(name).inserted, "'\(name)' is used twice")
      }
    }
  }

  @Test func coversTheESPsOfTheIssue() {
    for id in [
      "sendgrid", "mailjet", "hubspot", "microsoft-365", "google-workspace", "amazon-ses",
      "mailchimp", "mandrill", "brevo", "postmark", "mailgun", "sparkpost", "zendesk",
      "salesforce-marketing-cloud", "zoho",
    ] {
      #expect(ESPCatalog.esp(id: id) != nil, "'\(id)' missing")
    }
    #expect(ESPCatalog.esp(id: "SES")?.id == "amazon-ses")
  }

  @Test func everyTextIsInBothLanguages() {
    for esp in ESPCatalog.all {
      #expect(esp.alignment.isComplete, "\(esp.id)")
      #expect(esp.whereToFind.isComplete, "\(esp.id)")
      for reference in esp.references { #expect(reference.url.hasPrefix("https://")) }
    }
  }

  @Test func probesAreValidNamesBelowADomain() throws {
    let domain = try DomainName("example.com")
    for probe in ESPCatalog.probes {
      #expect((try? DomainName(probe.label + "." + domain.text)) != nil, "\(probe.label)")
      // Plain labels: the catalog's probes are made ready once, not joined as text per domain.
      #expect(DomainName.RelativeName(probe.label) != nil, "\(probe.label)")
    }
    // The key selectors that show an ESP are looked for at their key names: a selector
    // without one would never show its ESP.
    for selector in ESPAnalysis.keySelectorsShowingESP {
      #expect(DKIMSelectors.keyName(selector: selector, domain: domain) != nil, "\(selector)")
    }
  }
}

@Suite struct SPFRecordEditTests {
  @Test func addsIncludeBeforeAll() {
    #expect(
      SPFRecordEdit.adding(include: "spf.mailjet.com", to: "v=spf1 mx ~all")
        == "v=spf1 mx include:spf.mailjet.com ~all")
  }

  @Test func addsIncludeBeforeRedirect() {
    #expect(
      SPFRecordEdit.adding(include: "mailgun.org", to: "v=spf1 redirect=_spf.example.com")
        == "v=spf1 include:mailgun.org redirect=_spf.example.com")
  }

  @Test func appendsWithoutAllOrRedirect() {
    #expect(
      SPFRecordEdit.adding(include: "a.example", to: "v=spf1 mx")
        == "v=spf1 mx include:a.example")
  }

  @Test func removesTermsKeepingTheRest() {
    #expect(
      SPFRecordEdit.removing(
        ["include:servers.mcsv.net"], from: "v=spf1 include:servers.mcsv.net mx -all")
        == "v=spf1 mx -all")
  }
}
