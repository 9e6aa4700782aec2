import SenderAuthCore
import SenderAuthKit
import SenderAuthReport
import SenderAuthRules

/// `senderauth providers [ID]`: the profiles `--profile` takes with their requirements and the
/// provider's bounce codes, the mailbox providers with the pages their rules come from (and
/// the date each was read) or the reason they have no profile, and the ESPs `--esp` knows.
struct ProvidersCommand: Command {
  static let configuration = CommandConfiguration(
    name: "providers",
    abstract: "List the profiles (--profile), mailbox providers with sources, and ESPs (--esp).",
    arguments: "[ID]",
    discussion: """
      Profiles: \(ProfileCatalog.ids.joined(separator: ", ")) (default \
      \(ProfileCatalog.defaultID); rfc is always judged).
      Mailbox providers: \(MailboxProvider.all.map(\.id).joined(separator: ", ")).
      ESPs: \(ESPCatalog.ids.joined(separator: ", ")).
      Every source shows the date it was read, and whether it was read in an archived copy or \
      only in a secondary source.
      """,
    examples: [
      "senderauth providers", "senderauth providers sendgrid", "senderauth providers gmail-bulk",
      "senderauth providers comcast", "senderauth providers --format json",
    ],
    german: CommandConfiguration.German(
      abstract:
        "Listet die Profile (--profile), die Postfachanbieter mit Quellen und die "
        + "Versanddienste (--esp).",
      discussion: """
        Profile: \(ProfileCatalog.ids.joined(separator: ", ")) (Standard \
        \(ProfileCatalog.defaultID); rfc wird immer geprüft).
        Postfachanbieter: \(MailboxProvider.all.map(\.id).joined(separator: ", ")).
        Versanddienste: \(ESPCatalog.ids.joined(separator: ", ")).
        Jede Quelle zeigt, wann sie gelesen wurde, und ob sie in einer archivierten Kopie oder \
        nur in einer Sekundärquelle gelesen wurde.
        """))

  static let options = OutputOptions.specs(formats: [.text, .json])

  var id: String?
  var output: OutputOptions

  init(_ arguments: ParsedArguments) throws(UsageError) {
    guard arguments.positionals.count <= 1 else {
      throw UsageError(
        en: "providers takes at most one profile, mailbox provider or ESP id",
        de: "providers nimmt höchstens eine Profil-, Postfachanbieter- oder Versanddienst-ID")
    }
    id = arguments.positionals.first?.lowercased()
    if let id, ProfileCatalog.profile(id: id) == nil, ESPCatalog.esp(id: id) == nil,
      MailboxProvider.provider(id: id) == nil
    {
      let known = ProfileCatalog.ids + MailboxProvider.all.map(\.id) + ESPCatalog.ids
      let hint = Suggestion.localized(id, among: known)
      let profiles = ProfileCatalog.ids.joined(separator: ", ")
      let providers = MailboxProvider.all.map(\.id).joined(separator: ", ")
      let esps = ESPCatalog.ids.joined(separator: ", ")
      throw UsageError(
        en: "no profile, mailbox provider or ESP has the id '\(id)'" + hint.en
          + "; profiles: \(profiles); mailbox providers: \(providers); ESPs: \(esps)",
        de: "kein Profil, kein Postfachanbieter und kein Versanddienst hat die ID '\(id)'"
          + hint.de + "; Profile: \(profiles); Postfachanbieter: \(providers); "
          + "Versanddienste: \(esps)")
    }
    output = OutputOptions(arguments)
  }

  /// Rejects unknown `--profile` and `--esp` values with the list of valid ones.
  static func validate(esps: [String], profiles: [String]) throws(UsageError) {
    for profile in profiles where ProfileCatalog.profile(id: profile) == nil {
      let known = ProfileCatalog.ids.joined(separator: ", ")
      throw UsageError(
        en: "--profile '\(profile)' is unknown; valid profiles: \(known)",
        de: "--profile '\(profile)' ist unbekannt; gültige Profile: \(known)")
    }
    for esp in esps where ESPCatalog.esp(id: esp) == nil {
      let known = ESPCatalog.ids.joined(separator: ", ")
      throw UsageError(
        en: "--esp '\(esp)' is unknown; valid ESPs: \(known)",
        de: "--esp '\(esp)' ist unbekannt; gültige Versanddienste: \(known)")
    }
  }

  func run() async throws -> ExitStatus {
    let language = output.language
    var profiles = ProfileCatalog.all.map(ProfileCatalog.listing)
    var providers = MailboxProvider.all
    var esps = ESPCatalog.all
    if let id {
      profiles = profiles.filter { $0.id == id }
      // A profile shows the provider whose rules it holds; a provider shows its profiles.
      let provider = MailboxProvider.provider(id: id)
      providers = providers.filter { candidate in
        candidate == provider || candidate.profiles.contains { $0.rawValue == id }
      }
      if let provider {
        profiles += ProfileCatalog.all.filter { profile in
          provider.profiles.contains { $0.rawValue == profile.id } && profile.id != id
        }
      }
      esps = ESPCatalog.esp(id: id).map { [$0] } ?? []
    }
    if output.format == .json {
      Output.write(
        JSONText.pretty(
          ProvidersListing(
            profiles: profiles.map { ProvidersListing.ProfileView($0, language: language) },
            mailboxProviders: providers.map {
              ProvidersListing.MailboxProviderView($0, language: language)
            },
            esps: esps.map { ProvidersListing.ESPView($0, language: language) })))
      return .ok
    }
    var lines: [String] = []
    if !profiles.isEmpty {
      lines += profileLines(profiles, language: language)
      lines.append("")
    }
    if !providers.isEmpty {
      lines += providerLines(providers, language: language)
      lines.append("")
    }
    if !esps.isEmpty {
      lines += espLines(esps, language: language)
    }
    while lines.last == "" { lines.removeLast() }
    Output.write(lines.joined(separator: "\n"))
    return .ok
  }

  /// The provider's row behind `requirement` of `profile` (its title and bounce codes); nil
  /// for the `rfc` profile, whose requirements are the rules themselves (a provider row may
  /// reuse a rule's id with its own title: La Poste's `spf.ip-not-authorized`).
  static func row(of requirement: Profile.Requirement, in profile: Profile) -> ProviderRequirement?
  {
    guard profile.id != ProfileVerdict.rfcID else { return nil }
    let provider = ProviderProfile(rawValue: profile.id)?.provider
    return ProviderTable.rows.first { row in
      row.id == requirement.id && (provider == nil || row.provider == provider)
    }
  }

  /// The profiles, each with its requirements and the provider's bounce codes.
  func profileLines(_ profiles: [Profile], language: Language) -> [String] {
    var lines = [language == .en ? "PROFILES (--profile)" : "PROFILE (--profile)"]
    let note = language == .en ? "(not checkable from DNS)" : "(nicht per DNS prüfbar)"
    for profile in profiles {
      lines.append("  \(pad(profile.id, 16)) \(profile.title.text(language))")
      lines.append("  \(pad("", 16)) \(profile.summary.text(language))")
      guard id != nil || profile.id != ProfileVerdict.rfcID else { continue }
      for requirement in profile.requirements {
        let row = Self.row(of: requirement, in: profile)
        let codes = row.map { codeList($0.bounceCodes) } ?? ""
        switch requirement {
        case .rule(let ruleID):
          let rule = RuleCatalog.rule(id: ruleID)
          let title =
            row?.title.text(language) ?? rule?.description.title.text(language) ?? ""
          // What a run must be given to judge it (`--ip` for reverse DNS), as a check says.
          let waits = rule?.waitsFor.map { " (\($0.checkable.text(language)))" }
          lines.append("      \(pad(ruleID, 34)) \(title)\(waits ?? "")\(codes)")
        case .notCheckable(let item):
          lines.append("      \(pad(item.id, 34)) \(item.title.text(language)) \(note)\(codes)")
        }
      }
    }
    return lines
  }

  /// The mailbox providers: their domains and profiles, notes, and sources with read dates.
  func providerLines(_ providers: [MailboxProvider], language: Language) -> [String] {
    let words = ReportWords(language)
    var lines = [language == .en ? "MAILBOX PROVIDERS" : "POSTFACHANBIETER"]
    for provider in providers {
      let profiles = provider.profiles.map(\.rawValue)
      let profileText =
        profiles.isEmpty
        ? (language == .en ? "no profile" : "kein Profil")
        : "--profile " + profiles.joined(separator: ", ")
      lines.append(
        "  \(pad(provider.id, 16)) \(provider.name) (\(provider.mailboxes.joined(separator: ", "))); "
          + profileText)
      if let note = provider.note {
        lines += TextWrapper.wrap(
          note.text(language), width: 100, first: "      ", indent: "      ")
      }
      for source in provider.sources {
        lines.append(
          "      \(source.title): \(source.url)"
            + RuleCatalogRenderer.readNote(source, words: words))
      }
    }
    return lines
  }

  /// The ESPs with the records they ask for.
  func espLines(_ esps: [ESP], language: Language) -> [String] {
    var lines = [language == .en ? "ESPS (--esp)" : "VERSANDDIENSTE (--esp)"]
    for esp in esps {
      let view = ProvidersListing.ESPView(esp, language: language)
      lines.append("  \(pad(esp.id, 28)) \(esp.name)")
      for record in view.dkim {
        lines.append("      DKIM         \(record)")
      }
      if !view.spfIncludes.isEmpty {
        lines.append("      SPF          include:" + view.spfIncludes.joined(separator: " | "))
      }
      if !view.unneededIncludes.isEmpty {
        let label = language == .en ? "not needed " : "unnötig    "
        lines.append(
          "      \(label)  include:" + view.unneededIncludes.joined(separator: ", include:"))
      }
      lines.append("      Return-Path  \(view.returnPath)")
      lines.append("      \(language == .en ? "Alignment" : "Ausrichtung")    \(view.alignment)")
      lines.append("      \(language == .en ? "Values in" : "Werte in ")    \(view.whereToFind)")
    }
    return lines
  }

  /// `  [421 4.7.40, 550 5.7.40]`, or empty.
  func codeList(_ codes: [BounceCode]) -> String {
    codes.isEmpty ? "" : "  [" + codes.map(\.description).joined(separator: ", ") + "]"
  }
}

/// The JSON view of `senderauth providers`.
struct ProvidersListing: Encodable {
  struct ProfileView: Encodable {
    /// One requirement of the profile, with the provider's bounce codes.
    struct RequirementView: Encodable {
      var id: String
      var title: String
      var checkable: Bool
      /// What a run must be given to judge it (`ip`: `--ip`); absent when nothing.
      var needs: OnRequestInput?
      var bounceCodes: [String]
    }

    var id: String
    var title: String
    var summary: String
    /// The mailbox provider whose rules the profile holds (`gmail`); nil for rfc, bulk, parked.
    var provider: String?
    var rules: [String]
    var notCheckable: [String]
    var requirements: [RequirementView]

    init(_ profile: Profile, language: Language) {
      id = profile.id
      title = profile.title.text(language)
      summary = profile.summary.text(language)
      let owner = ProviderProfile(rawValue: profile.id)?.provider
      provider = owner?.id
      rules = profile.ruleIDs
      notCheckable = profile.requirements.compactMap {
        if case .notCheckable(let item) = $0 { item.id } else { nil }
      }
      requirements = profile.requirements.map { requirement in
        let row = ProvidersCommand.row(of: requirement, in: profile)
        var title = row?.title.text(language) ?? ""
        var checkable = true
        var needs: OnRequestInput?
        switch requirement {
        case .rule(let ruleID):
          let rule = RuleCatalog.rule(id: ruleID)
          if row == nil {
            title = rule?.description.title.text(language) ?? ""
          }
          needs = rule?.waitsFor
        case .notCheckable(let item):
          title = item.title.text(language)
          checkable = false
        }
        return RequirementView(
          id: requirement.id, title: title, checkable: checkable, needs: needs,
          bounceCodes: row?.bounceCodes.map(\.description) ?? [])
      }
    }
  }

  /// A page a provider's rules come from, and how it was read.
  struct SourceView: Encodable {
    var title: String
    var url: String
    var read: String?
    /// `page` (read on the provider's site), `archive` (an archived copy), `secondary` (a third
    /// party's account).
    var readIn: String
    /// The date of the archived copy read.
    var archivedCopy: String?

    init(_ reference: Reference) {
      title = reference.title
      url = reference.url
      read = reference.read
      switch reference.via {
      case .archive(let date):
        readIn = "archive"
        archivedCopy = date
      case .secondary: readIn = "secondary"
      case nil: readIn = "page"
      }
    }
  }

  struct MailboxProviderView: Encodable {
    var id: String
    var name: String
    var mailboxes: [String]
    var profiles: [String]
    var note: String?
    var sources: [SourceView]

    init(_ provider: MailboxProvider, language: Language) {
      id = provider.id
      name = provider.name
      mailboxes = provider.mailboxes
      profiles = provider.profiles.map(\.rawValue)
      note = provider.note?.text(language)
      sources = provider.sources.map(SourceView.init)
    }
  }

  struct ESPView: Encodable {
    var id: String
    var aliases: [String]
    var name: String
    var dkim: [String]
    var spfIncludes: [String]
    var unneededIncludes: [String]
    var returnPath: String
    var alignment: String
    var whereToFind: String
    var references: [String]

    init(_ esp: ESP, language: Language) {
      id = esp.id
      aliases = esp.aliases
      name = esp.name
      dkim =
        esp.dkim.flatMap { setup in
          setup.records.map { record in
            let legacy = setup.legacy ? (language == .en ? " (legacy)" : " (veraltet)") : ""
            switch record.kind {
            case .cname(let patterns):
              return "\(record.selector)._domainkey CNAME "
                + patterns.map(\.text).joined(separator: " | ") + legacy
            case .txt:
              return "\(record.selector)._domainkey TXT "
                + (language == .en
                  ? "(key from the ESP account)"
                  : "(Schlüssel aus dem Konto beim Versanddienst)") + legacy
            }
          }
        } + esp.tokenDKIMTargets.map { "{token}._domainkey CNAME \($0.text)" }
      // An include the setup asks for although its mail is checked elsewhere (HubSpot's).
      spfIncludes = esp.requiredIncludes + [esp.askedInclude?.text].compactMap { $0 }
      unneededIncludes = esp.unneededIncludes
      let en = language == .en
      switch esp.returnPath {
      case .ownDomain: returnPath = en ? "your own domain" : "Ihre eigene Domain"
      case .sendingDomain(let include):
        returnPath =
          en
          ? "the sending domain, SPF include:\(include)"
          : "die beim Versanddienst eingerichtete Domain, SPF include:\(include)"
      case .cname(let label, let targets):
        let host = label ?? esp.returnPathLabel?.text ?? "<subdomain>"
        returnPath = "\(host) CNAME " + targets.map(\.text).joined(separator: " | ")
      case .mailFrom(let mx, let include):
        returnPath = "<subdomain> MX 10 \(mx.text), TXT \"v=spf1 include:\(include) ~all\""
      case .espDomain:
        returnPath =
          en
          ? "the ESP's own domain (SPF never aligns)"
          : "eigene Domain des Versanddienstes (SPF passt nie)"
      case .delegated:
        returnPath =
          en
          ? "a subdomain delegated to the ESP (NS)"
          : "eine an den Versanddienst delegierte Subdomain (NS)"
      case .unknown: returnPath = en ? "not documented" : "nicht dokumentiert"
      }
      alignment = esp.alignment.text(language)
      whereToFind = esp.whereToFind.text(language)
      references = esp.references.map(\.url)
    }
  }

  var profiles: [ProfileView]
  var mailboxProviders: [MailboxProviderView]
  var esps: [ESPView]
}

/// `text` padded with spaces to `width` characters.
private func pad(_ text: String, _ width: Int) -> String {
  text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}
