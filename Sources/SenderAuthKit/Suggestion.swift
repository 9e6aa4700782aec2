import SenderAuthCore

/// "Did you mean …?" for a mistyped id.
public enum Suggestion {
  /// `; did you mean 'sendgrid'?` (German: `; meinten Sie 'sendgrid'?`) when one of `known` is
  /// within two edits of `input`, else empty texts.
  public static func localized(_ input: String, among known: [String]) -> LocalizedText {
    guard let closest = closest(input, among: known) else { return LocalizedText(en: "", de: "") }
    return LocalizedText(
      en: "; did you mean '\(closest)'?", de: "; meinten Sie '\(closest)'?")
  }

  /// The one of `known` within two edits of `input`, the closest.
  public static func closest(_ input: String, among known: [String]) -> String? {
    let typed = input.lowercased()
    guard let closest = known.min(by: { distance($0, typed) < distance($1, typed) }),
      distance(closest, typed) <= 2
    else { return nil }
    return closest
  }

  /// `; did you mean 'sendgrid'?` when one of `known` is within two edits of `input`, else "".
  public static func didYouMean(_ input: String, among known: [String]) -> String {
    localized(input, among: known).en
  }

  static func distance(_ a: String, _ b: String) -> Int { EditDistance.between(a, b) }
}
