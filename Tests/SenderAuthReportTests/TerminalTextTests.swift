import SenderAuthReport
import Testing

/// `TerminalText.escape` turns everything a terminal acts on into visible text.
@Suite struct TerminalTextTests {
  @Test(arguments: [
    ("\u{1b}]0;pwned\u{07}\u{1b}[2J", #"\x1b]0;pwned\x07\x1b[2J"#),
    ("a\u{0}b", #"a\x00b"#),
    ("line\r\noverwrite", #"line\x0d\x0aoverwrite"#),
    ("tab\there", #"tab\x09here"#),
    ("del\u{7f}", #"del\x7f"#),
    ("c1 csi \u{9b}2J", #"c1 csi \x9b2J"#),
    ("bidi \u{202e}txt.exe", #"bidi \u{202e}txt.exe"#),
    ("isolate \u{2067}x\u{2069}", #"isolate \u{2067}x\u{2069}"#),
    ("separator \u{2028}", #"separator \u{2028}"#),
    ("invalid \u{fffd}", #"invalid \u{fffd}"#),
  ])
  func escapes(raw: String, shown: String) {
    #expect(TerminalText.escape(raw) == shown)
    #expect(!TerminalText.isSafe(raw))
    #expect(TerminalText.isSafe(shown))
  }

  @Test(arguments: [
    "v=spf1 include:_spf.google.com ~all", "bücher.example", "例え.テスト", #"back\slash"#,
    "emoji 📫", "",
  ])
  func leavesPrintableTextAlone(text: String) {
    #expect(TerminalText.escape(text) == text)
    #expect(TerminalText.isSafe(text))
  }

  @Test func everyControlOctetIsEscaped() {
    for value in Array(0..<0x20) + [0x7f] + Array(0x80..<0xa0) {
      guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
      let escaped = TerminalText.escape(String(Character(scalar)))
      #expect(escaped.hasPrefix(#"\x"#) && escaped.count == 4, "\(value)")
    }
  }
}
