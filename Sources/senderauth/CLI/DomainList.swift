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
      // A byte order mark (a "UTF-8 with BOM" file) is not part of the first domain.
      if index == 0, text.first == "\u{FEFF}" { text = text.dropFirst() }
      if let hash = text.firstIndex(of: "#") { text = text[..<hash] }
      // The whole line is the entry: a second word is not dropped unseen (`a.example
      // b.example` is reported as not a domain, not checked as `a.example` alone).
      guard let first = text.firstIndex(where: { !$0.isWhitespace }),
        let last = text.lastIndex(where: { !$0.isWhitespace })
      else { continue }
      entries.append(Entry(text: String(text[first...last]), line: index + 1))
    }
    return entries
  }
}
