/// Reads a list of domains: one per line, `#` starts a comment, `-` is stdin.
enum DomainList {
  /// One entry of the list: the text and the line it is on.
  struct Entry {
    var text: String
    var line: Int
  }

  static func read(_ path: String) throws(InputError) -> [Entry] {
    var entries: [Entry] = []
    for (index, line) in try System.readLines(path).enumerated() {
      var text = Substring(line)
      if let hash = text.firstIndex(of: "#") { text = text[..<hash] }
      // The whole line is the entry: a second word is not dropped unseen (`a.example
      // b.example` is reported as not a domain, not checked as `a.example` alone).
      let trimmed = text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace)
      if !trimmed.isEmpty {
        entries.append(Entry(text: String(trimmed.reversed()), line: index + 1))
      }
    }
    return entries
  }
}
