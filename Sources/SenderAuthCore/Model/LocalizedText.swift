/// A language senderauth speaks.
public enum Language: String, Hashable, Sendable, Codable, CaseIterable {
  case en
  case de
}

/// A text in every language senderauth speaks; rules write both where they write the text.
public struct LocalizedText: Hashable, Sendable, Codable {
  public var en: String
  public var de: String

  public init(en: String, de: String) {
    self.en = en
    self.de = de
  }

  /// The text in `language`.
  public func text(_ language: Language) -> String {
    switch language {
    case .en: en
    case .de: de
    }
  }

  /// True when every language has a non-empty text.
  public var isComplete: Bool {
    !en.allSatisfy(\.isWhitespace) && !de.allSatisfy(\.isWhitespace)
  }
}
