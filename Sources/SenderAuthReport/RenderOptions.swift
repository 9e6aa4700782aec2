import SenderAuthCore

/// What every renderer may vary by: language and colour.
public struct RenderOptions: Sendable {
  public var language: Language
  public var color: Bool

  public init(language: Language = .en, color: Bool = false) {
    self.language = language
    self.color = color
  }
}
