import DNSLookup
import SenderAuthCore
import Testing

/// Headers as support tickets bring them: a fold that lost its leading space in copying, a
/// body pasted without the empty line, a copy that never left the sender's network.
@Suite struct HeaderCopyTests {
  static let folded = """
    Received: from mail.example.net (mail.example.net [192.0.2.25])
     by mx.example.org; Mon, 2 Mar 2026 14:21:30 +0000
    Authentication-Results: mx.example.org; spf=pass
    smtp.mailfrom=example.com; dkim=pass header.d=example.com
    Return-Path: <bounce@example.com>
    From: Sales <sales@example.com>
    Subject: Offer

    Body text: not a header.
    """

  @Test func aFoldThatLostItsSpaceIsReadAsPartOfTheFieldAbove() throws {
    let headers = try MessageHeaders.parse(Array(Self.folded.utf8))
    #expect(headers.fromDomain.text == "example.com")
    #expect(headers.envelopeDomain?.text == "example.com")
    #expect(headers.subject == "Offer")
    #expect(
      headers.notes.contains {
        $0.hasPrefix("line 4 is not a header field")
          && $0.contains("read as part of the field above")
      },
      "\(headers.notes)")
  }

  /// A line that is not a field, after the From field and not followed by a continuation line,
  /// ends the header section, as before: a body pasted without the empty line, also one that
  /// quotes header-like lines ('Bye: …', a forwarded 'From: …').
  @Test func aBodyPastedWithoutTheEmptyLineStillEndsTheHeader() throws {
    let text =
      "From: Sales <sales@example.com>\nSubject: Offer\nHello, this is the body.\nBye: now? no.\n"
      + "-----Original Message-----\nFrom: Other <o@other.example>\n"
    let headers = try MessageHeaders.parse(Array(text.utf8))
    #expect(headers.subject == "Offer")
    #expect(
      headers.notes.contains {
        $0.hasPrefix("line 3 is not a header field") && $0.contains("taken to end before it")
      },
      "\(headers.notes)")
  }

  /// A body with an indented line, pasted without the empty line, is not read as header; and
  /// a long run of lines that are not fields costs one pass, not a scan per line.
  @Test func anIndentedBodyAndALongRunStayOutsideTheHeader() throws {
    let indented =
      "Subject: Offer\nFrom: Anna <anna@example.com>\nHallo Jonas,\n    anbei das Angebot.\n"
      + "Gruss Anna\n"
    let headers = try MessageHeaders.parse(Array(indented.utf8))
    #expect(headers.fromDomain.text == "example.com")
    #expect(
      headers.notes.contains {
        $0.hasPrefix("line 3 is not a header field") && $0.hasSuffix("to end before it")
      }, "\(headers.notes)")
    let long = "Subject: a\n" + String(repeating: "x\n", count: 40_000) + "From: b@example.com\n"
    #expect(throws: (any Error).self) { try MessageHeaders.parse(Array(long.utf8)) }
  }

  /// A header cut short before its From field says where it was cut, not only that From is
  /// missing.
  @Test func aHeaderCutBeforeFromSaysWhere() throws {
    let text = "Received: from a by b\nSubject: Offer\nthis line is broken\nTo: x@example.org\n"
    #expect {
      try MessageHeaders.parse(Array(text.utf8))
    } throws: { error in
      "\(error)".contains("no From field in its header section: line 3 is not a header field")
    }
  }

  @Test func aCopyFromInsideTheNetworkSaysSo() throws {
    let text = """
      Received: from pc17.corp.example (pc17.corp.example [10.20.30.40])
       by relay.corp.example; Mon, 2 Mar 2026 14:21:30 +0000
      Received: from relay.corp.example ([192.168.1.17]) by gw.corp.example
      From: Sales <sales@example.com>

      """
    let headers = try MessageHeaders.parse(Array(text.utf8))
    #expect(headers.sendingIP == nil || headers.publicSendingIP == nil)
    #expect(
      headers.notes.contains {
        $0.contains("name only internal addresses (10.20.30.40, 192.168.1.17)")
          && $0.contains("did not leave the sender's network")
      }, "\(headers.notes)")
  }
}
