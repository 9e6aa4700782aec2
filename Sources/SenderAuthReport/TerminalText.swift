/// Makes hostile text safe to print to a terminal: control characters and escape sequences
/// become visible escapes (`\x1b`), so a DNS record cannot rewrite the screen.
///
/// Escaped: C0 controls (tab and newline too: a record is one line), DEL and C1 controls
/// (`\x9b` is CSI on terminals that take 8-bit controls) as `\xNN`; U+FFFD (where invalid
/// UTF-8 was replaced), the line and paragraph separators and the bidirectional marks,
/// embeddings, overrides and isolates (which can make text read in another order than it is
/// stored, CVE-2021-42574) as `\u{NNNN}`. Backslashes are left as they are.
public enum TerminalText {
  /// `text` with every character a terminal would act on written as a visible escape.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      let value = scalar.value
      if value < 0x20 || value == 0x7f || (0x80...0x9f).contains(value) {
        let hex = String(value, radix: 16)
        out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
      } else if isInvisibleFormatting(value) {
        out += "\\u{" + String(value, radix: 16) + "}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// True when `text` has nothing `escape` would change.
  public static func isSafe(_ text: String) -> Bool {
    !text.unicodeScalars.contains {
      $0.value < 0x20 || $0.value == 0x7f || (0x80...0x9f).contains($0.value)
        || isInvisibleFormatting($0.value)
    }
  }

  /// U+FFFD, U+2028/U+2029, and the bidi controls: ALM, LRM, RLM, LRE…RLO, LRI…PDI.
  static func isInvisibleFormatting(_ value: UInt32) -> Bool {
    value == 0xfffd || value == 0x061c || value == 0x200e || value == 0x200f
      || (0x2028...0x202e).contains(value) || (0x2066...0x2069).contains(value)
  }
}
