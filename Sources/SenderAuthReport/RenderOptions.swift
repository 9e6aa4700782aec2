import SenderAuthCore

/// What every renderer may vary by: language, colour, line width, the rule descriptions that
/// formats with help text (markdown, junit, sarif) read titles and rationales from, and what
/// the CI formats need to know about the run (`--fail-on`, the project configuration, where
/// the rule pages are published).
public struct RenderOptions: Sendable {
  public var language: Language
  public var color: Bool
  /// The column width prose is wrapped at (a terminal's); nil never wraps or cuts anything,
  /// for output that goes to a file or a pipe.
  public var width: Int?
  /// The rules the report was checked against, as the caller (the command line: the catalog)
  /// gives them.
  public var rules: [RuleDescription]
  /// The severity at which the run fails (`--fail-on`): JUnit fails only these findings and
  /// reports the ones below without failing.
  public var failOn: Severity
  /// The project configuration the run read (`senderauth.json`), which SARIF results from live
  /// DNS point at.
  public var configuration: ConfigurationFile?
  /// The absolute URL of the `docs/` folder the rule pages are published under
  /// (`…/docs/`); SARIF's `helpUri` is `<base>rules/<id>.md` (`rules/de/<id>.md` in German).
  public var documentationBase: String?

  public init(
    language: Language = .en, color: Bool = false, width: Int? = nil,
    rules: [RuleDescription] = [], failOn: Severity = .error,
    configuration: ConfigurationFile? = nil, documentationBase: String? = nil
  ) {
    self.language = language
    self.color = color
    self.width = width
    self.rules = rules
    self.failOn = failOn
    self.configuration = configuration
    self.documentationBase = documentationBase
  }

  /// The description of the rule with `id`, if the options know it.
  public func rule(_ id: String) -> RuleDescription? {
    rules.first { $0.id == id }
  }
}

/// A project configuration file as output points at it: its path and the line each configured
/// domain is named on.
public struct ConfigurationFile: Hashable, Sendable {
  /// The path as given (relative paths stay relative, so they match the repository's files).
  public var path: String
  /// Domain (A-label, lower case) → the 1-based line its entry names it on.
  public var lines: [String: Int]

  public init(path: String, lines: [String: Int] = [:]) {
    self.path = path
    self.lines = lines
  }

  /// The lines of `text` (a `senderauth.json`) that name each of `domains` as a quoted JSON
  /// string: the first such line per domain.
  public init(path: String, text: String, domains: [String]) {
    var lines: [String: Int] = [:]
    let rows = text.split(separator: "\n", omittingEmptySubsequences: false)
    for domain in domains {
      let quoted = "\"\(domain.lowercased())\""
      if let index = rows.firstIndex(where: { $0.lowercased().contains(quoted) }) {
        lines[domain.lowercased()] = index + 1
      }
    }
    self.init(path: path, lines: lines)
  }
}
