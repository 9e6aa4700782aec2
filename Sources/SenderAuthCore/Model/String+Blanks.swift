extension StringProtocol {
  /// The text without the spaces and tabs (RFC 5234 WSP) at its ends, as DMARC tags and report
  /// addresses are read.
  package func trimmingBlanks() -> String {
    String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
  }
}
