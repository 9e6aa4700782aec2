/// Rewrites an SPF record's text term by term, keeping every other term as written.
enum SPFRecordEdit {
  /// `text` with `include:<domain>` in front of the first `all` term or `redirect=` modifier
  /// (or at the end when there is neither): every mechanism kept, the policy unchanged.
  static func adding(include domain: String, to text: String) -> String {
    adding(term: "include:" + domain, to: text)
  }

  /// `text` with `term` in front of the first `all` term or `redirect=` modifier.
  static func adding(term: String, to text: String) -> String {
    var terms = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    let position =
      terms.firstIndex { item in
        let lower = item.lowercased()
        return ["all", "+all", "-all", "~all", "?all"].contains(lower)
          || lower.hasPrefix("redirect=")
      } ?? terms.endIndex
    terms.insert(term, at: max(1, position))
    return terms.joined(separator: " ")
  }

  /// `text` without the terms in `remove` (compared case-insensitively).
  static func removing(_ remove: [String], from text: String) -> String {
    let lowered = Set(remove.map { $0.lowercased() })
    return text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
      .filter { !lowered.contains($0.lowercased()) }.joined(separator: " ")
  }
}
