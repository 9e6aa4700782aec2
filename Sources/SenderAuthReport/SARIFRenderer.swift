import Foundation
import SenderAuthCore

/// The `sarif` format: SARIF 2.1.0 (OASIS), one run whose driver lists every rule with its
/// title, rationale, help (text and Markdown), references and `helpUri` (the rule's own page
/// under `RenderOptions.documentationBase`, else its first reference), and one result per
/// finding. Every result has a `physicalLocation`, as GitHub code scanning requires: a finding
/// from a zone file points at its file and line; one from live DNS at the project
/// configuration (the line naming the domain) when the run read one, else at the relative URI
/// `dns/<domain>`, which stands for the domain's live DNS and is no file. The record is named
/// as a `logicalLocation` besides. Suppressed findings are results with a `suppressions`
/// entry, as the standard has it.
public enum SARIFRenderer {
  public static let schema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

  public static func render(_ report: Report, options: RenderOptions) -> String {
    JSONText.pretty(log(report, options: options))
  }

  static func log(_ report: Report, options: RenderOptions) -> SARIFLog {
    let language = options.language
    var rules = options.rules
    let ids =
      report.domains.flatMap(\.findings).map(\.id)
      + report.domains.flatMap(\.suppressed).map(\.finding.id)
    for id in ids where !rules.contains(where: { $0.id == id }) {
      let text = LocalizedText(en: id, de: id)
      rules.append(
        RuleDescription(
          id: id, title: text, rationale: text, howToFix: text, references: [],
          severity: .warning, triggering: [], nonTriggering: []))
    }
    let driver = SARIFLog.Driver(
      name: report.tool.name, version: report.tool.version,
      rules: rules.map {
        rule($0, language: language, documentationBase: options.documentationBase)
      })
    var results: [SARIFLog.Result] = []
    for domain in report.domains {
      for finding in domain.findings {
        results.append(result(finding, domain: domain.domain, rules: rules, options: options))
      }
      for suppressed in domain.suppressed {
        var result = result(
          suppressed.finding, domain: domain.domain, rules: rules, options: options)
        result.suppressions = [.init(kind: "external", justification: suppressed.reason)]
        results.append(result)
      }
    }
    return SARIFLog(
      schema: schema, version: "2.1.0",
      runs: [.init(tool: .init(driver: driver), language: language.rawValue, results: results)])
  }

  static func level(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .note: "note"
    }
  }

  /// The address of the page of rule `id` under `base` (a `docs/` folder's URL), in
  /// `language`: `<base>rules/<id>.md` or `<base>rules/de/<id>.md`.
  public static func rulePage(_ id: String, language: Language, base: String) -> String {
    let folder = base.hasSuffix("/") ? base : base + "/"
    let path = language == .en ? "rules/" : "rules/\(language.rawValue)/"
    return folder + path + (id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? id)
      + ".md"
  }

  static func rule(
    _ rule: RuleDescription, language: Language, documentationBase: String?
  ) -> SARIFLog.Rule {
    let words = ReportWords(language)
    var helpText = rule.howToFix.text(language)
    var helpMarkdown = MarkdownText.inline(rule.howToFix.text(language))
    if !rule.references.isEmpty {
      helpText += "\n\n\(words[.references]):\n"
      helpText += rule.references.map { "- \($0.title): \($0.url)" }.joined(separator: "\n")
      helpMarkdown += "\n\n**\(words[.references]):**\n\n"
      helpMarkdown += rule.references.map {
        "- [\(MarkdownText.inline($0.title))](\($0.url))"
      }.joined(separator: "\n")
    }
    let scope = rule.id.split(separator: ".").first.map(String.init) ?? rule.id
    return SARIFLog.Rule(
      id: rule.id, name: rule.id,
      shortDescription: .init(text: rule.title.text(language)),
      fullDescription: .init(text: rule.rationale.text(language)),
      help: .init(text: helpText, markdown: helpMarkdown),
      helpUri: documentationBase.map { rulePage(rule.id, language: language, base: $0) }
        ?? rule.references.first?.url,
      defaultConfiguration: .init(level: level(rule.severity)),
      properties: .init(tags: [scope], references: rule.references.map(\.url)))
  }

  static func result(
    _ finding: Finding, domain: String, rules: [RuleDescription], options: RenderOptions
  ) -> SARIFLog.Result {
    let language = options.language
    var location = SARIFLog.Location(
      physicalLocation: physicalLocation(finding, domain: domain, options: options))
    if let place = finding.location {
      location.logicalLocations = [
        .init(
          name: place.name, fullyQualifiedName: "\(place.name) \(place.type)", kind: "resource")
      ]
    } else {
      location.logicalLocations = [
        .init(name: domain, fullyQualifiedName: domain, kind: "resource")
      ]
    }
    var properties = SARIFLog.ResultProperties(domain: domain)
    if let fix = finding.fix {
      properties.fix = JSONFix(fix, language: language)
    }
    return SARIFLog.Result(
      ruleId: finding.id, ruleIndex: rules.firstIndex { $0.id == finding.id } ?? 0,
      level: level(finding.severity), message: .init(text: finding.message.text(language)),
      locations: [location],
      partialFingerprints: [
        "senderauth/v1": FindingPlace.fingerprint(finding, domain: domain)
      ],
      properties: properties)
  }

  /// The file and line a finding points at (`FindingPlace`), as SARIF has it.
  static func physicalLocation(
    _ finding: Finding, domain: String, options: RenderOptions
  ) -> SARIFLog.PhysicalLocation {
    let place = FindingPlace(finding, domain: domain, options: options)
    return .init(
      artifactLocation: .init(uri: artifactURI(place.path)),
      region: place.line.map { .init(startLine: $0) })
  }

  /// A file path as a URI reference: relative paths stay relative (code scanning reads them
  /// from the repository's root), absolute ones become `file://` URIs.
  static func artifactURI(_ path: String) -> String {
    var allowed = CharacterSet.urlPathAllowed
    allowed.remove(charactersIn: ":")
    let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    return path.hasPrefix("/") ? "file://" + encoded : encoded
  }
}

/// The SARIF 2.1.0 log, as much of it as senderauth fills in.
struct SARIFLog: Encodable {
  var schema: String
  var version: String
  var runs: [Run]

  enum CodingKeys: String, CodingKey {
    case schema = "$schema"
    case version
    case runs
  }

  struct Run: Encodable {
    var tool: Tool
    var language: String
    var results: [Result]
  }

  struct Tool: Encodable {
    var driver: Driver
  }

  struct Driver: Encodable {
    var name: String
    var version: String
    /// The project has no public home page yet: omitted rather than invented.
    var informationUri: String?
    var rules: [Rule]
  }

  struct Message: Encodable {
    var text: String
  }

  struct MultiformatMessage: Encodable {
    var text: String
    var markdown: String
  }

  struct Rule: Encodable {
    var id: String
    var name: String
    var shortDescription: Message
    var fullDescription: Message
    var help: MultiformatMessage
    /// The rule's first reference (an RFC section or the provider's page).
    var helpUri: String?
    var defaultConfiguration: Configuration
    var properties: RuleProperties
  }

  struct Configuration: Encodable {
    var level: String
  }

  struct RuleProperties: Encodable {
    var tags: [String]
    var references: [String]
  }

  struct Result: Encodable {
    var ruleId: String
    var ruleIndex: Int
    var level: String
    var message: Message
    var locations: [Location]
    var partialFingerprints: [String: String]
    var properties: ResultProperties
    var suppressions: [Suppression]?
  }

  struct Suppression: Encodable {
    var kind: String
    var justification: String
  }

  struct ResultProperties: Encodable {
    var domain: String
    var fix: JSONFix?
  }

  struct Location: Encodable {
    var physicalLocation: PhysicalLocation
    var logicalLocations: [LogicalLocation]?
  }

  struct PhysicalLocation: Encodable {
    var artifactLocation: ArtifactLocation
    var region: Region?
  }

  struct ArtifactLocation: Encodable {
    var uri: String
  }

  struct Region: Encodable {
    var startLine: Int
  }

  struct LogicalLocation: Encodable {
    var name: String
    var fullyQualifiedName: String
    var kind: String
  }
}
