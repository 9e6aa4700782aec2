/// Makes text safe inside Markdown (CommonMark/GitHub): prose with Markdown's special
/// characters escaped, code spans and fenced blocks whose fences the content cannot close.
/// Control characters are escaped first, as for the terminal, so no content spans lines.
public enum MarkdownText {
  private static let special: Set<Character> = [
    "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "#", "!",
  ]

  /// Prose: control characters escaped, Markdown punctuation backslash-escaped, and a
  /// leading list or heading marker neutralised.
  public static func inline(_ text: String) -> String {
    var out = ""
    for character in TerminalText.escape(text) {
      if special.contains(character) { out.append("\\") }
      out.append(character)
    }
    if let first = out.first, "-+=".contains(first) { out = "\\" + out }
    // `1. text` or `1) text` at the start would begin an ordered list.
    let digits = out.prefix { $0.isASCII && $0.isNumber }
    if !digits.isEmpty, let next = out.dropFirst(digits.count).first, next == "." || next == ")" {
      out = digits + "\\" + out.dropFirst(digits.count)
    }
    return out
  }

  /// A code span that no backtick in `text` can end.
  public static func code(_ text: String) -> String {
    let escaped = TerminalText.escape(text)
    let fence = String(repeating: "`", count: longestRun(of: "`", in: escaped) + 1)
    let padded =
      escaped.hasPrefix("`") || escaped.hasSuffix("`") || escaped.hasPrefix(" ")
      ? " \(escaped) " : escaped
    return fence + padded + fence
  }

  /// A fenced code block of `lines`, each escaped, with a fence longer than any backtick run
  /// inside.
  public static func block(_ lines: [String], info: String = "") -> String {
    let escaped = lines.map(TerminalText.escape)
    let run = escaped.map { longestRun(of: "`", in: $0) }.max() ?? 0
    let fence = String(repeating: "`", count: max(3, run + 1))
    return ([fence + info] + escaped + [fence]).joined(separator: "\n")
  }

  static func longestRun(of character: Character, in text: String) -> Int {
    var longest = 0
    var current = 0
    for c in text {
      current = c == character ? current + 1 : 0
      longest = max(longest, current)
    }
    return longest
  }
}
