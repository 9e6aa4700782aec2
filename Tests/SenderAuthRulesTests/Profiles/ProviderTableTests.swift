import DNSLookup
import Foundation
import SenderAuthCore
import SenderAuthRules
import Testing

/// The provider table as data: every row complete in both languages, its pages read in 2026,
/// its codes well formed, its profiles and rules known; one read date per page everywhere.
@Suite struct ProviderTableTests {
  static let rows = ProviderTable.rows

  /// Every reference the table, the providers and the rule catalog cite.
  static var allReferences: [Reference] {
    rows.flatMap(\.references) + MailboxProvider.all.flatMap(\.sources)
      + RuleCatalog.all.flatMap(\.description.references)
  }

  /// The scopes of the rules that are not provider rules.
  static let rfcScopes: Set<String> = [
    "spf", "dkim", "dmarc", "dns", "ptr", "mx", "esp", "alignment", "parked",
  ]

  @Test func rowsAreUniquePerProviderAndNameKnownRules() {
    var seen: Set<String> = []
    for row in Self.rows {
      #expect(seen.insert(row.provider.id + " " + row.id).inserted, "duplicate row \(row.id)")
      if let ruleID = row.ruleID {
        #expect(RuleCatalog.rule(id: ruleID) != nil, "\(row.id): no rule '\(ruleID)'")
      }
      if row.kind.isChecked {
        let scope = String(row.id.split(separator: ".").first ?? "")
        #expect(!Self.rfcScopes.contains(scope), "\(row.id) takes an RFC rule's scope")
        #expect(!row.triggering.isEmpty, "\(row.id): no triggering example")
        #expect(!row.nonTriggering.isEmpty, "\(row.id): no non-triggering example")
      }
      for profile in row.profiles {
        #expect(profile.provider == row.provider, "\(row.id) in \(profile.rawValue)")
      }
    }
    // Every checked row is a rule of the catalog with the row's description.
    for row in Self.rows where row.kind.isChecked {
      #expect(RuleCatalog.rule(id: row.id)?.description == row.description, "\(row.id)")
    }
  }

  /// Ids are public API: the rules and requirements of the files the table replaced keep
  /// theirs.
  @Test func existingIdsNeverChange() {
    let rules = [
      "gmail.spf-or-dkim", "gmail.ptr-required", "gmail.bulk.spf-and-dkim",
      "gmail.bulk.dmarc-required", "gmail.bulk.dmarc-alignment", "yahoo.spf-or-dkim",
      "yahoo.ptr-required", "yahoo.bulk.spf-and-dkim", "yahoo.bulk.dmarc-required",
      "yahoo.bulk.dmarc-alignment", "microsoft.bulk.spf-required", "microsoft.bulk.dkim-required",
      "microsoft.bulk.dmarc-required", "microsoft.bulk.dmarc-alignment", "apple.spf-and-dkim",
      "apple.dmarc-required", "apple.ptr-required", "laposte.spf-required",
      "laposte.dmarc-rua-required", "laposte.ptr-required", "gmx.dkim-aligned", "gmx.ptr-required",
      "t-online.ptr-required",
    ]
    for id in rules { #expect(ProviderRules.ids.contains(id), "\(id)") }
    let requirements = [
      "gmail.tls", "gmail.spam-rate", "gmail.rfc5322", "gmail.one-click-unsubscribe",
      "yahoo.spam-rate", "yahoo.rfc5322", "yahoo.one-click-unsubscribe",
      "microsoft.bulk.unsubscribe", "apple.one-click-unsubscribe", "apple.rfc5322", "gmx.imprint",
      "t-online.website",
    ]
    for id in requirements {
      #expect(ProviderTable.row(id: id)?.notCheckableBecause != nil, "\(id)")
    }
  }

  @Test func aProfileIsTheListOfItsRows() throws {
    for profile in ProviderProfile.allCases {
      let listed = try #require(ProfileCatalog.profile(id: profile.rawValue))
      let rows = Self.rows.filter { $0.profiles.contains(profile) }
      #expect(listed.requirements.map(\.id) == rows.map { $0.ruleID ?? $0.id }, "\(profile)")
      #expect(!rows.isEmpty, "\(profile) has no rows")
    }
  }

  @Test func profilesAndProvidersAreWrittenInBothLanguages() {
    for profile in ProviderProfile.allCases {
      #expect(profile.summary.isComplete && profile.summary.en != profile.summary.de, "\(profile)")
      #expect(profile.title.isComplete, "\(profile)")
    }
    for provider in MailboxProvider.all {
      if let note = provider.note {
        #expect(note.isComplete && note.en != note.de, "\(provider.id): note")
      }
      if provider.profiles.isEmpty {
        #expect(provider.note != nil, "\(provider.id) has no profile and says not why")
      }
    }
  }

  /// The German texts of the table, the profiles and the providers.
  static var germanTexts: [(String, String)] {
    var texts: [(String, String)] = []
    for row in rows {
      texts += [
        (row.id, row.title.de), (row.id, row.rationale.de), (row.id, row.howToFix.de),
      ]
      if let reason = row.notCheckableBecause { texts.append((row.id, reason.de)) }
    }
    for profile in ProviderProfile.allCases {
      texts += [(profile.rawValue, profile.title.de), (profile.rawValue, profile.summary.de)]
    }
    for provider in MailboxProvider.all {
      if let note = provider.note { texts.append((provider.id, note.de)) }
    }
    return texts
  }

  /// Words `german-terms.md` tells us to avoid, with the preferred term.
  static let avoided: [(String, String)] = [
    ("Versanddomain", "Absenderdomain"), ("Absenderdomäne", "Absenderdomain"),
    ("From-Domain", "Absenderdomain"), ("Umschlagdomain", "Return-Path-Domain"),
    ("Envelope-Domain", "Return-Path-Domain"), ("Großversender", "Massenversender"),
    ("Bulk-Sender", "Massenversender"), ("Dienstleister", "Versanddienst"),
    ("Diensteanbieter", "Versanddienst"), ("Maildienst", "Versanddienst"),
    ("Datensatz", "Eintrag"), ("Organisationsdomäne", "Organisationsdomain"),
    ("ausgerichtet", "passt zur Absenderdomain"), ("leere Abfrage", "Void-Lookup"),
    ("Rückwärtsauflösung", "Reverse-DNS-Eintrag"), ("Angabe", "Tag"),
  ]

  @Test func germanTextsUseTheGlossaryTerms() {
    for (id, text) in Self.germanTexts {
      for (word, preferred) in Self.avoided where text.contains(word) {
        Issue.record("\(id): '\(word)' instead of '\(preferred)' in: \(text)")
      }
    }
  }

  @Test func everyReferenceWasReadIn2026OrIsAnRFC() {
    for reference in Self.allReferences {
      if reference.url.hasPrefix("https://www.rfc-editor.org/") { continue }
      let table =
        Self.rows.contains { $0.references.contains(reference) }
        || MailboxProvider.all.contains { $0.sources.contains(reference) }
      guard table else { continue }
      #expect(
        reference.read?.hasPrefix("2026-") == true,
        "'\(reference.title)' was read \(reference.read ?? "never")")
      if case .archive(let date) = reference.via {
        #expect(date.count == 10 && date <= (reference.read ?? ""), "\(reference.title): \(date)")
      }
    }
  }

  @Test func aPageHasOneReadDateEverywhere() {
    var dates: [String: Set<String>] = [:]
    for reference in Self.allReferences where reference.read != nil {
      dates[reference.url, default: []].insert(reference.read ?? "")
    }
    for (url, read) in dates where read.count > 1 {
      Issue.record("\(url) is read on \(read.sorted().joined(separator: " and "))")
    }
  }

  @Test func everyBounceCodeLeadsBackToItsRow() throws {
    for row in Self.rows {
      for code in row.bounceCodes {
        let query = try #require(BounceCode.Query.parse(code.description))
        #expect(
          ProviderTable.rows(matching: query).contains { $0.id == row.id }, "\(code) → \(row.id)")
      }
    }
    // Google uses 4.7.26 for two things; the reply code tells them apart.
    let dns = try #require(BounceCode.Query.parse("451 4.7.26"))
    #expect(ProviderTable.rows(matching: dns).map(\.id) == ["dns.lookup-failed"])
    let both = try #require(BounceCode.Query.parse("4.7.26"))
    #expect(
      Set(ProviderTable.rows(matching: both).map(\.id)) == [
        "gmail.spf-or-dkim", "dns.lookup-failed",
      ])
    let outlook = try #require(BounceCode.Query.parse("550 5.7.515"))
    #expect(ProviderTable.rows(matching: outlook).count == 4)
  }

  @Test func searchFindsRulesByTitleAndCode() {
    #expect(RuleCatalog.search("4.7.24").rules.map(\.id) == ["gmail.spf-suspicious-entries"])
    #expect(RuleCatalog.search("451 4.7.26").rules.map(\.id) == ["dns.lookup-failed"])
    let dmarc = RuleCatalog.search("DMARC record required").rules.map(\.id)
    #expect(dmarc.contains("gmail.bulk.dmarc-required"))
    #expect(dmarc.contains("microsoft.bulk.dmarc-required"))
    #expect(RuleCatalog.search("TLS").requirements.map(\.id) == ["gmail.tls"])
    #expect(RuleCatalog.search("Massenversender DMARC-Eintrag").rules.count == 3)
    #expect(RuleCatalog.search("   ").rules.isEmpty)
  }

  @Test func noGermanTextIsMadeByReplacingWords() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    for folder in ["Sources/SenderAuthRules/Providers", "Sources/SenderAuthRules/Profiles"] {
      let directory = root.appendingPathComponent(folder)
      let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      #expect(!files.isEmpty, "\(folder) not found")
      for file in files where file.hasSuffix(".swift") {
        let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        #expect(!text.contains("replacingOccurrences"), "\(folder)/\(file)")
      }
    }
  }
}
