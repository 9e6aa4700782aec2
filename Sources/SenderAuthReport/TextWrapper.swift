/// Wraps prose at word boundaries to a column width, with a prefix on the first line and an
/// indent on the others. Words longer than the width stay whole on a line of their own.
public enum TextWrapper {
  public static func wrap(_ text: String, width: Int, first: String, indent: String) -> [String] {
    var lines: [String] = []
    var line = first
    var lineHasWord = false
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      let candidate = lineHasWord ? line + " " + word : line + word
      if lineHasWord, candidate.count > width {
        lines.append(line)
        line = indent + word
      } else {
        line = candidate
      }
      lineHasWord = true
    }
    lines.append(line)
    return lines
  }
}
