extension Array where Element == LocalizedText {
  /// The texts joined language by language (`"a; b"` in English, `"a; b"` in German).
  public func joined(separator: String) -> LocalizedText {
    LocalizedText(
      en: map(\.en).joined(separator: separator), de: map(\.de).joined(separator: separator))
  }
}
