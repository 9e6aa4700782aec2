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

  /// The Levenshtein distance between `a` and `b`.
  public static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
      var current = [i + 1]
      for (j, y) in b.enumerated() {
        current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
      }
      previous = current
    }
    return previous[b.count]
  }
}
