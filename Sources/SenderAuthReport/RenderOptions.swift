import SenderAuthCore
import SenderAuthRules

/// What every renderer may vary by: language, colour, and the rule descriptions that formats
/// with help text (markdown, junit, sarif) read titles and rationales from.
public struct RenderOptions: Sendable {
  public var language: Language
  public var color: Bool
  /// The rules the report was checked against: the catalog unless a caller (a test) says
  /// otherwise.
  public var rules: [RuleDescription]

  public init(language: Language = .en, color: Bool = false) {
    self.init(language: language, color: color, rules: RuleCatalog.all.map(\.description))
  }

  public init(language: Language, color: Bool, rules: [RuleDescription]) {
    self.language = language
    self.color = color
    self.rules = rules
  }

  /// The description of the rule with `id`, if the options know it.
  public func rule(_ id: String) -> RuleDescription? {
    rules.first { $0.id == id }
  }
}
