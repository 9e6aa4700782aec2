import SenderAuthCore

/// A mailbox provider's rule set (or the RFCs'): the requirements a domain must meet to be
/// "ready" for it.
public struct Profile: Sendable {
  /// A requirement DNS cannot decide (TLS, one-click unsubscribe, spam rate): always shown
  /// as not checkable, never as passed.
  public struct NotCheckable: Sendable {
    /// `gmail.bulk.one-click-unsubscribe`.
    public var id: String
    public var title: LocalizedText
    public var explanation: LocalizedText
    /// The provider's pages that state the requirement.
    public var references: [Reference]

    public init(
      id: String, title: LocalizedText, explanation: LocalizedText, references: [Reference]
    ) {
      self.id = id
      self.title = title
      self.explanation = explanation
      self.references = references
    }
  }

  /// One requirement: a rule whose findings make it fail, or a requirement DNS cannot decide.
  public enum Requirement: Sendable {
    case rule(String)
    case notCheckable(NotCheckable)

    public var id: String {
      switch self {
      case .rule(let id): id
      case .notCheckable(let item): item.id
      }
    }
  }

  /// `gmail-bulk`: what `--profile` takes.
  public var id: String
  public var title: LocalizedText
  /// Who the profile is for, in one line.
  public var summary: LocalizedText
  /// Whose rules these are, in a word (`Gmail`, `RFCs`): what a finding "breaks".
  public var provider: LocalizedText
  public var requirements: [Requirement]
  /// The profiles a union profile (`bulk`) is made of; a requirement's provider is that of the
  /// first part that holds it.
  public var parts: [Profile]

  public init(
    id: String, title: LocalizedText, summary: LocalizedText, provider: LocalizedText,
    requirements: [Requirement], parts: [Profile] = []
  ) {
    self.id = id
    self.title = title
    self.summary = summary
    self.provider = provider
    self.requirements = requirements
    self.parts = parts
  }

  /// The provider whose rule the requirement `id` is.
  public func provider(of id: String) -> LocalizedText {
    providers[id] ?? provider
  }

  /// The provider of each requirement a part holds (that of the first part that holds it);
  /// a requirement of no part is the profile's own.
  var providers: [String: LocalizedText] {
    var out: [String: LocalizedText] = [:]
    for part in parts {
      for requirement in part.requirements where out[requirement.id] == nil {
        out[requirement.id] = part.provider
      }
    }
    return out
  }

  /// The rule ids among the requirements.
  public var ruleIDs: [String] {
    requirements.compactMap { if case .rule(let id) = $0 { id } else { nil } }
  }
}

/// A rule whose requirement can only be judged with more input (a PTR rule needs `--ip`, the
/// MTA-STS policy checks need the policy fetched over HTTPS): without it, the profile shows the
/// requirement as not checkable or not checked instead of passed (`Rule.waitsFor`
/// tells which). Its `isCheckable` (required here, without a default) is also the rule's
/// `Rule.isCheckable`.
public protocol ConditionalRequirement: Rule {
  func isCheckable(_ context: DomainContext) -> Bool
}
