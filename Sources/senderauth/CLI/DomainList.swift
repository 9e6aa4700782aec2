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
      if let first = text.split(whereSeparator: \.isWhitespace).first {
        entries.append(Entry(text: String(first), line: index + 1))
      }
    }
    return entries
  }
}
