import SenderAuthCore
import SenderAuthKit
import SenderAuthReport
import SenderAuthRules

/// `senderauth providers [ID]`: the profiles `--profile` takes and the ESPs `--esp` knows, with
/// their requirements and expected records.
struct ProvidersCommand: Command {
  static let configuration = CommandConfiguration(
    name: "providers",
    abstract: "List the provider profiles (--profile) and the ESPs senderauth knows (--esp).",
    arguments: "[ID]",
    discussion: """
      Profiles: \(ProfileCatalog.ids.joined(separator: ", ")) (default \
      \(ProfileCatalog.defaultID); rfc is always judged).
      ESPs: \(ESPCatalog.ids.joined(separator: ", ")).
      """,
    examples: [
      "senderauth providers", "senderauth providers sendgrid", "senderauth providers gmail-bulk",
      "senderauth providers --format json",
    ],
    german: CommandConfiguration.German(
      abstract:
        "Listet die Profile (--profile) und die Versanddienste, die senderauth kennt (--esp).",
      discussion: """
        Profile: \(ProfileCatalog.ids.joined(separator: ", ")) (Standard \
        \(ProfileCatalog.defaultID); rfc wird immer geprüft).
        Versanddienste: \(ESPCatalog.ids.joined(separator: ", ")).
        """))

  static let options = OutputOptions.specs(formats: [.text, .json])

  var id: String?
  var output: OutputOptions

  init(_ arguments: ParsedArguments) throws(UsageError) {
    guard arguments.positionals.count <= 1 else {
      throw UsageError(
        en: "providers takes at most one profile or ESP id",
        de: "providers nimmt höchstens eine Profil- oder Versanddienst-ID")
    }
    id = arguments.positionals.first?.lowercased()
    if let id, ProfileCatalog.profile(id: id) == nil, ESPCatalog.esp(id: id) == nil {
      let profiles = ProfileCatalog.ids.joined(separator: ", ")
      let esps = ESPCatalog.ids.joined(separator: ", ")
      throw UsageError(
        en: "no profile or ESP has the id '\(id)'; profiles: \(profiles); ESPs: \(esps)",
        de: "kein Profil und kein Versanddienst hat die ID '\(id)'; Profile: \(profiles); "
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
    var profiles = ProfileCatalog.all
    var esps = ESPCatalog.all
    if let id {
      profiles = profiles.filter { $0.id == id }
      esps = ESPCatalog.esp(id: id).map { [$0] } ?? []
    }
    if output.format == .json {
      Output.write(
        JSONText.pretty(
          ProvidersListing(
            profiles: profiles.map { ProvidersListing.ProfileView($0, language: language) },
            esps: esps.map { ProvidersListing.ESPView($0, language: language) })))
      return .ok
    }
    var lines: [String] = []
    if !profiles.isEmpty {
      lines.append(language == .en ? "PROFILES (--profile)" : "PROFILE (--profile)")
      for profile in profiles {
        lines.append("  \(pad(profile.id, 16)) \(profile.title.text(language))")
        lines.append("  \(pad("", 16)) \(profile.summary.text(language))")
        if id != nil || profile.id != "rfc" {
          for requirement in profile.requirements {
            switch requirement {
            case .rule(let ruleID):
              let title = RuleCatalog.rule(id: ruleID)?.description.title.text(language) ?? ""
              lines.append("      \(pad(ruleID, 34)) \(title)")
            case .notCheckable(let item):
              let note = language == .en ? "(not checkable from DNS)" : "(nicht per DNS prüfbar)"
              lines.append("      \(pad(item.id, 34)) \(item.title.text(language)) \(note)")
            }
          }
        }
      }
      lines.append("")
    }
    if !esps.isEmpty {
      lines.append(language == .en ? "ESPS (--esp)" : "E-MAIL-DIENSTE (--esp)")
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
    }
    Output.write(lines.joined(separator: "\n"))
    return .ok
  }
}

/// The JSON view of `senderauth providers`.
struct ProvidersListing: Encodable {
  struct ProfileView: Encodable {
    var id: String
    var title: String
    var summary: String
    var rules: [String]
    var notCheckable: [String]

    init(_ profile: Profile, language: Language) {
      id = profile.id
      title = profile.title.text(language)
      summary = profile.summary.text(language)
      rules = profile.ruleIDs
      notCheckable = profile.requirements.compactMap {
        if case .notCheckable(let item) = $0 { item.id } else { nil }
      }
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
            let legacy = setup.legacy ? " (legacy)" : ""
            switch record.kind {
            case .cname(let patterns):
              return "\(record.selector)._domainkey CNAME "
                + patterns.map(\.text).joined(separator: " | ") + legacy
            case .txt:
              return "\(record.selector)._domainkey TXT (key from the ESP account)" + legacy
            }
          }
        } + esp.tokenDKIMTargets.map { "{token}._domainkey CNAME \($0.text)" }
      spfIncludes = esp.requiredIncludes
      unneededIncludes = esp.unneededIncludes
      switch esp.returnPath {
      case .ownDomain: returnPath = "your own domain"
      case .sendingDomain(let include): returnPath = "the sending domain, SPF include:\(include)"
      case .cname(let label, let targets):
        returnPath =
          "\(label ?? "<subdomain>") CNAME " + targets.map(\.text).joined(separator: " | ")
      case .mailFrom(let mx, let include):
        returnPath = "<subdomain> MX 10 \(mx.text), TXT \"v=spf1 include:\(include) ~all\""
      case .espDomain: returnPath = "the ESP's own domain (SPF never aligns)"
      case .delegated: returnPath = "a subdomain delegated to the ESP (NS)"
      case .unknown: returnPath = "not documented"
      }
      alignment = esp.alignment.text(language)
      whereToFind = esp.whereToFind.text(language)
      references = esp.references.map(\.url)
    }
  }

  var profiles: [ProfileView]
  var esps: [ESPView]
}

/// `text` padded with spaces to `width` characters.
private func pad(_ text: String, _ width: Int) -> String {
  text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}
