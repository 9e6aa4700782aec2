/// Merges SPF records into the one record a domain may publish: the published records (one,
/// or several that must become one) and the records fixes propose, each proposal read as an
/// edit of what is published.
///
/// The result keeps every mechanism no proposal removes, adds every mechanism a proposal
/// adds, and ends in exactly one `all`: the strictest among the published and proposed
/// records (`-all` over `~all` over `?all` over `+all`), so no edit can weaken the policy or
/// drop the `all` (a proposal that removes an include never turns `-all` into nothing). A
/// `redirect=` is kept only when no `all` is written (beside an `all` it is ignored, RFC 7208
/// §6.1); several published records are joined with each `redirect=` turned into an
/// `include:` of the same domain, which keeps what it authorizes.
public enum SPFMerge {
  /// One term as written, and the key it is compared by (lower case, `+` dropped).
  struct Term: Equatable {
    var text: String
    var key: String
    var isAll: Bool
    var isModifier: Bool
    var name: String

    init(_ text: String) {
      self.text = text
      var lower = Substring(text.lowercased())
      if lower.first == "+" { lower = lower.dropFirst() }
      key = String(lower)
      var bare = lower
      if let first = bare.first, "-~?".contains(first) { bare = bare.dropFirst() }
      isAll = bare == "all"
      let equals = bare.firstIndex(of: "=")
      let colon = bare.firstIndex(of: ":")
      isModifier = equals != nil && (colon == nil || equals! < colon!)
      name = String(
        bare.prefix { $0 != ":" && $0 != "=" && $0 != "/" })
    }

    /// The strictness of an `all` term: `-` 3, `~` 2, `?` 1, `+` 0.
    var strictness: Int {
      switch text.first {
      case "-": 3
      case "~": 2
      case "?": 1
      default: 0
      }
    }
  }

  /// The terms of a record after `v=spf1`.
  static func terms(_ record: String) -> [Term] {
    record.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().map {
      Term(String($0))
    }
  }

  /// The published records joined into one list of terms (in order, each once).
  static func joined(_ records: [String]) -> [Term] {
    guard records.count > 1 else { return records.first.map(terms) ?? [] }
    var out: [Term] = []
    for record in records {
      for term in terms(record) {
        var term = term
        if term.name == "redirect", let equals = term.text.firstIndex(of: "=") {
          term = Term("include:" + term.text[term.text.index(after: equals)...])
        }
        if !out.contains(where: { $0.key == term.key }) { out.append(term) }
      }
    }
    return out
  }

  /// The one record: `published` (zero, one or several) with every proposal's edits.
  public static func merge(published: [String], proposals: [String]) -> String {
    let base = joined(published)
    var removed: Set<String> = []
    var added: [Term] = []
    for proposal in proposals {
      let terms = terms(proposal)
      let keys = Set(terms.map(\.key))
      for term in base where !keys.contains(term.key) { removed.insert(term.key) }
      for term in terms where !base.contains(where: { $0.key == term.key }) {
        if !added.contains(where: { $0.key == term.key }) { added.append(term) }
      }
    }
    // A term one proposal adds is kept even when another one (built without it) drops it.
    let addedKeys = Set(added.map(\.key))
    let kept = base.filter { !removed.contains($0.key) || addedKeys.contains($0.key) }
    let all = (base + added).filter(\.isAll).max { $0.strictness < $1.strictness }
    var mechanisms = (kept + added).filter { !$0.isAll && !$0.isModifier }
    var modifiers = (kept + added).filter { $0.isModifier }
    if all != nil { modifiers.removeAll { $0.name == "redirect" } }
    // Each term once.
    var seen: Set<String> = []
    mechanisms = mechanisms.filter { seen.insert($0.key).inserted }
    modifiers = modifiers.filter { seen.insert($0.key).inserted }
    let words =
      ["v=spf1"] + mechanisms.map(\.text) + (all.map { [$0.text] } ?? [])
      + modifiers.map(\.text)
    return words.joined(separator: " ")
  }

  /// The strictness of a record's `all` (`-all` 3 … `+all` 0), nil when it has none.
  public static func allStrictness(_ record: String) -> Int? {
    terms(record).filter(\.isAll).map(\.strictness).max()
  }
}
