import SenderAuthCore

/// "Did you mean …?" for a mistyped id.
public enum Suggestion {
  /// `; did you mean 'sendgrid'?` when one of `known` is within two edits of `input`, else "".
  public static func didYouMean(_ input: String, among known: [String]) -> String {
    let typed = input.lowercased()
    guard let closest = known.min(by: { distance($0, typed) < distance($1, typed) }),
      distance(closest, typed) <= 2
    else { return "" }
    return "; did you mean '\(closest)'?"
  }

  static func distance(_ a: String, _ b: String) -> Int { EditDistance.between(a, b) }
}
