import Testing

@testable import DNSLookup

/// Every refusal names file, line, column and token in one line. The cases are what Knot 3.2
/// refuses (checked against `knotd` by `ZoneFileDifferentialTests`), plus the two places we
/// are stricter on purpose: `\DDD` over 255 in a name (Knot wraps it modulo 256) and `$INCLUDE`
/// outside the zone file's directory (`ZoneFileIncludeTests`).
@Suite struct ZoneFileRefusalTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var text: String
    var line: Int
    var column: Int
    var says: String
    /// What follows the case: a line end, or nothing (the end of the file).
    var end = "\n"
    var testDescription: String { text.debugDescription }
  }

  /// The case is on line 3, after `$ORIGIN example.com.` and `$TTL 300`.
  static let cases: [Case] = [
    // Quotes.
    Case(text: #"@ TXT "unterminated"#, line: 3, column: 7, says: "quoted string is not closed"),
    Case(text: "@ TXT \"two\nlines\"", line: 3, column: 7, says: "not closed on its line"),
    Case(text: #"@ TXT ( "a" "b"#, line: 3, column: 13, says: "quoted string is never closed"),
    Case(text: #"@ TXT "a"b"#, line: 3, column: 10, says: "must be followed by a blank"),
    Case(text: #"@ TXT a"b""#, line: 3, column: 8, says: "a quote directly after text"),
    // Escapes and characters in text.
    Case(text: #"@ TXT "\256""#, line: 3, column: 7, says: #"escape '\256' is not an octet"#),
    Case(text: #"@ TXT "\12x""#, line: 3, column: 7, says: "needs exactly three digits"),
    Case(text: "@ TXT \"a\\\tb\"", line: 3, column: 7, says: "'\\' before a control character"),
    Case(
      text: "@ TXT \"Grüße\"", line: 3, column: 7,
      says: #"non-ASCII character; write that octet as \195"#),
    Case(text: "@ TXT x\\", line: 3, column: 7, says: "'\\' at the end of the file", end: ""),
    // Owners.
    Case(text: #"foo:bar TXT "x""#, line: 3, column: 1, says: #"holds ':'"#),
    Case(text: #"a@b TXT "x""#, line: 3, column: 1, says: "holds '@'"),
    Case(text: #"a..b TXT "x""#, line: 3, column: 1, says: "empty label"),
    Case(text: "föo TXT \"x\"", line: 3, column: 1, says: "holds a non-ASCII character"),
    Case(
      text: String(repeating: "l", count: 64) + #" TXT "x""#, line: 3, column: 1,
      says: "a label of 64 octets; the limit is 63"),
    Case(text: #""q" TXT "x""#, line: 3, column: 1, says: "owner cannot be quoted"),
    Case(text: #"a\256b TXT "x""#, line: 3, column: 1, says: #"escape '\256' is not an octet"#),
    Case(text: #" TXT "x""#, line: 3, column: 2, says: "continues the previous owner"),
    // Parentheses.
    Case(text: #"@ TXT ( ( "x" ) )"#, line: 3, column: 9, says: "'(' inside parentheses"),
    Case(text: #"@ TXT "x" )"#, line: 3, column: 11, says: "')' without a matching '('"),
    Case(text: #"@ TXT ( "x""#, line: 3, column: 7, says: "'(' is never closed"),
    // TTL, class, type.
    Case(text: #"@ 4294967296 TXT "x""#, line: 3, column: 3, says: "'4294967296' is not a TTL"),
    Case(text: #"@ 1m1 TXT "x""#, line: 3, column: 3, says: "'1m1' is not a TTL"),
    Case(text: #"@ CH TXT "x""#, line: 3, column: 3, says: "class 'CH' is not supported"),
    Case(text: #"@ CLASS1 TXT "x""#, line: 3, column: 3, says: "class 'CLASS1' is not supported"),
    Case(text: "@ BOGUS x", line: 3, column: 3, says: "'BOGUS' is not a record type"),
    Case(
      text: ##"@ TYPE65536 \# 0"##, line: 3, column: 3, says: "'TYPE65536' is not a record type"),
    // Record data.
    Case(text: "@ A 01.2.3.4", line: 3, column: 5, says: "'01.2.3.4' is not an IPv4 address"),
    Case(text: "@ AAAA 1::2::3", line: 3, column: 8, says: "'1::2::3' is not an IPv6 address"),
    Case(
      text: "@ MX 65536 mail", line: 3, column: 6, says: "'65536' is not a number from 0 to 65535"),
    Case(text: "@ MX +1 mail", line: 3, column: 6, says: "'+1' is not a number"),
    Case(text: "@ MX 10", line: 3, column: 6, says: "ends before its mail exchange"),
    Case(
      text: "@ MX 10 mail extra", line: 3, column: 14, says: "unexpected 'extra' after the MX data"),
    Case(text: #"@ CAA 256 issue "x""#, line: 3, column: 7, says: "CAA flags '256'"),
    Case(text: "@ SRV 1 1 65536 t", line: 3, column: 11, says: "SRV port '65536'"),
    Case(
      text: ##"@ TYPE65534 \# 3 abcd"##, line: 3, column: 16,
      says: "has 2 octets, the length says 3"),
    Case(
      text: ##"@ TYPE65534 \# 2 a bcd"##, line: 3, column: 18, says: "is not hexadecimal octets"),
    Case(text: ##"@ TXT \# 0"##, line: 3, column: 10, says: "TXT data cannot be empty"),
    Case(text: ##"@ TYPE65534 \#2 abcd"##, line: 3, column: 13, says: "must stand alone"),
    Case(text: #"@ TYPE65534 "text""#, line: 3, column: 13, says: "must be in RFC 3597 form"),
    Case(text: "@ TXT", line: 3, column: 0, says: "the TXT record has no data"),
    // Directives.
    Case(
      text: "$GENERATE 1-2 a$ A 1.2.3.4", line: 3, column: 1, says: "unknown directive '$GENERATE'"),
    Case(text: "$ORIGIN sub", line: 3, column: 9, says: "$ORIGIN needs an absolute name"),
    Case(text: "$TTL 1x", line: 3, column: 6, says: "$TTL '1x' is not a TTL"),
    Case(text: "$TTL", line: 3, column: 1, says: "$TTL takes one TTL"),
    Case(
      text: "$INCLUDE other.zone", line: 3, column: 10, says: "needs a zone file read from disk"),
    // Line ends.
    Case(text: "@ TXT \"x\"\r", line: 3, column: 10, says: "carriage return"),
    // What Knot checks in every zone.
    Case(
      text: "c CNAME x.\nc TXT \"y\"", line: 4, column: 1,
      says: "has a CNAME (line 3) and a TXT record (line 4)"),
    Case(text: "c CNAME a.\nc CNAME b.", line: 4, column: 1, says: "a second CNAME record"),
    Case(text: "d DNAME x.\nx.d TXT \"y\"", line: 4, column: 1, says: "lies below the DNAME"),
  ]

  @Test(arguments: cases)
  func refusalNamesFileLineColumnAndToken(_ item: Case) {
    let text = "$ORIGIN example.com.\n$TTL 300\n" + item.text + item.end
    do {
      let zone = try ZoneFile.parse(text, file: "bad.zone")
      Issue.record("accepted: \(zone.records.map(\.presentation))")
    } catch {
      #expect(error.file == "bad.zone")
      #expect(error.line == item.line, "\(error)")
      #expect(error.column == item.column, "\(error)")
      #expect(error.description.contains(item.says), "\(error)")
      let position = "bad.zone:\(item.line)" + (item.column > 0 ? ":\(item.column)" : "") + ": "
      #expect(error.description.hasPrefix(position), "\(error)")
      #expect(!error.description.contains("\n") && !error.description.contains("\r"))
      if let token = error.token {
        #expect(error.description.contains(ZoneFileError.oneLine(ZoneFileError.quoted(token))))
      }
    }
  }

  @Test func longTokensAreShortenedInMessages() {
    let long = String(repeating: "x", count: 300)
    #expect(throws: ZoneFileError.self) {
      try ZoneFile.parse("$ORIGIN e.com.\n$TTL 1\n@ BOGUS\(long) x\n")
    }
    do {
      _ = try ZoneFile.parse("$ORIGIN e.com.\n$TTL 1\n@ BOGUS\(long) x\n")
    } catch {
      #expect(error.description.count < 200, "\(error)")
      #expect(error.token?.count == 305)
    }
  }
}
