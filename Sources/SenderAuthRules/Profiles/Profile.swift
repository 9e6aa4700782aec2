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
    public var reference: Reference

    public init(id: String, title: LocalizedText, explanation: LocalizedText, reference: Reference)
    {
      self.id = id
      self.title = title
      self.explanation = explanation
      self.reference = reference
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
  public var requirements: [Requirement]

  public init(
    id: String, title: LocalizedText, summary: LocalizedText, requirements: [Requirement]
  ) {
    self.id = id
    self.title = title
    self.summary = summary
    self.requirements = requirements
  }

  /// The rule ids among the requirements.
  public var ruleIDs: [String] {
    requirements.compactMap { if case .rule(let id) = $0 { id } else { nil } }
  }
}

/// A rule whose requirement can only be judged with more input (a PTR rule needs `--ip`):
/// without it, the profile shows the requirement as not checkable instead of passed.
public protocol ConditionalRequirement: Rule {
  func isCheckable(_ context: DomainContext) -> Bool
}
