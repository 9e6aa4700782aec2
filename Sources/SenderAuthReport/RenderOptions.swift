import SenderAuthCore

/// What every renderer may vary by: language, colour, line width, and the rule descriptions
/// that formats with help text (markdown, junit, sarif) read titles and rationales from.
public struct RenderOptions: Sendable {
  public var language: Language
  public var color: Bool
  /// The column width prose is wrapped at (a terminal's); nil never wraps or cuts anything,
  /// for output that goes to a file or a pipe.
  public var width: Int?
  /// The rules the report was checked against, as the caller (the command line: the catalog)
  /// gives them.
  public var rules: [RuleDescription]

  public init(
    language: Language = .en, color: Bool = false, width: Int? = nil,
    rules: [RuleDescription] = []
  ) {
    self.language = language
    self.color = color
    self.width = width
    self.rules = rules
  }

  /// The description of the rule with `id`, if the options know it.
  public func rule(_ id: String) -> RuleDescription? {
    rules.first { $0.id == id }
  }
}
