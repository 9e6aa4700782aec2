/// Makes hostile text safe to print to a terminal: control characters and escape sequences
/// become visible escapes (`\x1b`), so a DNS record cannot rewrite the screen.
public enum TerminalText {
  /// `text` with C0/C1 controls and DEL as `\xNN` (tab, too), backslashes left as they are.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      let value = scalar.value
      if value < 0x20 || value == 0x7f || (0x80...0x9f).contains(value) {
        let hex = String(value, radix: 16)
        out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
      } else if value == 0xfffd || (0x202a...0x202e).contains(value)
        || (0x2066...0x2069).contains(value)
      {
        // Replacement characters from invalid UTF-8 and bidirectional overrides.
        out += "\\u{" + String(value, radix: 16) + "}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
