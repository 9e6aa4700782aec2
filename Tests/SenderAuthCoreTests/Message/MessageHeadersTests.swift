import DNSLookup
import Foundation
import Testing

@testable import SenderAuthCore

/// Header parsing is hostile input: folded fields, encoded words, several From, missing
/// fields, a megabyte of headers, octets that are not UTF-8, CRLF, LF and CR line ends, a whole
/// message or its header lines only. Every case ends in a value or one clear error line.
@Suite struct MessageHeadersTests {
  static func parse(_ text: String) throws -> MessageHeaders {
    try MessageHeaders.parse(Array(text.utf8))
  }

  static func error(_ text: String) -> String? {
    error(Array(text.utf8))
  }

  static func error(_ bytes: [UInt8]) -> String? {
    do {
      _ = try MessageHeaders.parse(bytes)
      return nil
    } catch {
      return error.message
    }
  }

  static let gmail = """
    Return-Path: <bounces+1-a=b.example@em42.brand.example>
    Received: from o1.ptr42.brand.example (o1.ptr42.brand.example. [149.72.1.2])
            by mx.google.com with ESMTPS id x;
            Mon, 02 Mar 2026 07:41:18 -0800 (PST)
    Received-SPF: pass (google.com: domain of bounces+1-a=b.example@em42.brand.example \
    designates 149.72.1.2 as permitted sender) client-ip=149.72.1.2;
    Authentication-Results: mx.google.com;
           dkim=pass header.i=@brand.example header.s=s1 header.b=Yh2f;
           spf=pass (google.com: domain of x designates 149.72.1.2 as permitted sender) \
    smtp.mailfrom="bounces+1-a=b.example@em42.brand.example";
           dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=brand.example
    DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=brand.example;
    \th=content-type:from:mime-version:subject:to;
    \ts=s1; bh=frcC=;
    \tb=Yh2fQk4n
    \t LwAb==
    From: =?utf-8?q?Brand_M=C3=A4rz?= <news@brand.example>
    Subject: =?utf-8?b?TmV1aWdrZWl0ZW4=?= im =?iso-8859-1?q?M=E4rz?=
    """

  @Test func readsAGmailDelivery() throws {
    let headers = try Self.parse(Self.gmail)
    #expect(headers.fromDomain.text == "brand.example")
    #expect(headers.from.displayName == "Brand März")
    #expect(headers.envelopeDomain?.text == "em42.brand.example")
    #expect(headers.envelopeSource == .returnPath)
    #expect(headers.sendingIP?.description == "149.72.1.2")
    #expect(headers.sendingIPSource == .receivedSPF)
    #expect(headers.signatures.count == 1)
    let signature = try #require(headers.signatures.first)
    #expect(signature.domain?.text == "brand.example")
    #expect(signature.selector == "s1")
    #expect(signature.problem == nil)
    #expect(headers.receiver?.authservID == "mx.google.com")
    #expect(headers.receiver?.results(for: "dmarc").first?.result == "pass")
    #expect(headers.receiver?.results(for: "dkim").first?.properties["header.s"] == "s1")
    #expect(headers.subject == "Neuigkeiten im März")
  }

  @Test func lineEndsCRLFLFAndCRReadTheSame() throws {
    let lf = try Self.parse(Self.gmail)
    let crlf = try Self.parse(Self.gmail.replacingOccurrences(of: "\n", with: "\r\n"))
    let cr = try Self.parse(Self.gmail.replacingOccurrences(of: "\n", with: "\r"))
    #expect(crlf == lf)
    #expect(cr == lf)
  }

  @Test func aWholeMessageStopsAtTheBody() throws {
    let message = Self.gmail + "\n\nFrom: someone@evil.example\nDKIM-Signature: d=evil\n"
    let headers = try Self.parse(message)
    #expect(headers.fromDomain.text == "brand.example")
    #expect(headers.signatures.count == 1)
  }

  @Test func microsoftAuthenticationResultsHaveNoServerName() throws {
    let headers = try Self.parse(
      """
      Authentication-Results: spf=pass (sender IP is 40.107.22.58)
       smtp.mailfrom=contoso.example; dkim=pass (signature was verified)
       header.d=contoso.example;dmarc=pass action=none
       header.from=contoso.example;compauth=pass reason=100
      From: Anna <anna@contoso.example>
      Return-Path: anna@contoso.example
      """)
    let receiver = try #require(headers.receiver)
    #expect(receiver.authservID == nil)
    #expect(receiver.results.map(\.method) == ["spf", "dkim", "dmarc", "compauth"])
    #expect(receiver.results(for: "dmarc").first?.properties["action"] == "none")
    #expect(receiver.results(for: "compauth").first?.reason == "100")
    // No Received-SPF: the address comes from the SPF comment.
    #expect(headers.sendingIP?.description == "40.107.22.58")
    #expect(headers.sendingIPSource == .authenticationResults)
    #expect(headers.envelopeDomain?.text == "contoso.example")
  }

  @Test func theSendingIPFallsBackToTheFirstPublicReceivedHop() throws {
    let headers = try Self.parse(
      """
      Received: from internal (10.1.2.3) by mx with SMTP
      Received: from mail.sender.example (mail.sender.example [IPv6:2001:db8::25]) by mx
      Received: from other (other [192.0.2.9]) by mail.sender.example
      From: a@sender.example
      """)
    #expect(headers.sendingIP?.description == "2001:db8::25")
    #expect(headers.sendingIPSource == .received)
    #expect(headers.helo == "mail.sender.example")
    #expect(headers.notes.contains { $0.contains("Received field at line 2") })
  }

  @Test func missingPartsAreNotesNotErrors() throws {
    let headers = try Self.parse("From: Someone <someone@example.com>\n")
    #expect(headers.envelopeDomain == nil)
    #expect(headers.sendingIP == nil)
    #expect(headers.signatures.isEmpty)
    #expect(headers.notes.count == 3, "\(headers.notes)")
  }

  @Test func theNullSenderChecksTheHELOName() throws {
    let headers = try Self.parse(
      """
      Return-Path: <>
      Received-SPF: pass client-ip=192.0.2.1; helo=mx.sender.example;
      From: MAILER-DAEMON@sender.example
      """)
    #expect(headers.envelopeSender == "")
    #expect(headers.envelopeDomain?.text == "mx.sender.example")
    #expect(headers.envelopeSource == .helo)
  }

  @Test func severalFromDomainsAreAnError() throws {
    let message = Self.error("From: a@one.example\nFrom: b@two.example\n")
    #expect(message?.contains("From names 2 domains ('one.example', 'two.example')") == true)
    let list = Self.error("From: a@one.example, b@two.example\n")
    #expect(list?.contains("2 domains") == true)
  }

  @Test func severalFromAtOneDomainIsANote() throws {
    let headers = try Self.parse("From: a@one.example\nfrom: \"B, C\" <b@one.example>\n")
    #expect(headers.fromDomain.text == "one.example")
    #expect(headers.notes.contains { $0.contains("RFC 5322 allows one From field") })
  }

  @Test(arguments: [
    ("", "the message is empty"),
    ("\n\n  \n", "the message is empty"),
    ("Subject: hi\n", "no From field"),
    ("From: undisclosed-recipients:;\n", "holds no address"),
    ("From: Someone\n", "has no address with a domain"),
    ("From: a@[192.0.2.1]\n", "address literal"),
    ("From: a@exa mple..com\n", "is not valid"),
    ("Hello, here is the mail you asked for\nFrom: a@b.example\n", "line 1 is not a header"),
    ("  folded: first\nFrom: a@b.example\n", "continuation line"),
  ])
  func badInputIsOneLine(_ input: String, _ expected: String) {
    let message = Self.error(input)
    #expect(message?.contains(expected) == true, "\(message ?? "parsed")")
    #expect(message?.contains("\n") == false)
  }

  @Test func notUTF8IsReadAsLatin1WithANote() throws {
    let bytes =
      Array("From: M".utf8) + [0xfc] + Array("ller <mueller@example.de>\nSubject: ".utf8)
      + [0xe4, 0xff, 0x00] + Array("\n".utf8)
    let headers = try MessageHeaders.parse(bytes)
    #expect(headers.from.displayName == "Müller")
    #expect(headers.notes.contains { $0.contains("read as Latin-1") })
  }

  @Test func controlCharactersInAnErrorAreEscaped() {
    let message = Self.error("\u{1b}]0;pwned\u{07}\nFrom: a@b.example\n")
    #expect(message?.contains("\\x1b]0;pwned\\x07") == true, "\(message ?? "")")
  }

  @Test func aMegabyteOfHeadersIsRead() throws {
    var text = "From: a@big.example\n"
    let line = "X-Filler: " + String(repeating: "y", count: 90) + "\n"
    text += String(repeating: line, count: 11_000)
    let headers = try Self.parse(text)
    #expect(headers.fromDomain.text == "big.example")
    // One field folded over a megabyte.
    let folded = "From: a@big.example\nX-Long: x" + String(repeating: "\n z", count: 400_000)
    _ = try Self.parse(folded)
  }

  @Test func headersOverTheLimitAreRefused() {
    let line = String(repeating: "z", count: 1000)
    let text = "From: a@b.example\n" + String(repeating: "X-Fill: \(line)\n", count: 4300)
    #expect(Self.error(text)?.contains("larger than 4 MiB") == true)
  }

  @Test func manySignaturesAreCappedWithANote() throws {
    let signature = "DKIM-Signature: v=1; d=b.example; s=s1; h=from; b=x; bh=y\n"
    let headers = try Self.parse("From: a@b.example\n" + String(repeating: signature, count: 50))
    #expect(headers.signatures.count == MessageHeaders.maximumSignatures)
    #expect(headers.notes.contains { $0.contains("50 DKIM-Signature fields") })
  }

  @Test func brokenSignatureTagsAreProblemsNotErrors() throws {
    let headers = try Self.parse(
      """
      DKIM-Signature: v=1; a=rsa-sha256; s=s1; h=to:subject; b=x
      DKIM-Signature: v=2; d=not a domain; s=bad selector!; h=from; b=x
      From: a@b.example
      """)
    #expect(
      headers.signatures[0].problem?.en
        == "it has no 'd=' tag; 'h=' does not sign From (RFC 6376 §5.4)")
    let second = try #require(headers.signatures[1].problem)
    #expect(second.en.contains("is not a domain") && second.en.contains("is not a selector"))
    #expect(second.de.contains("ist keine Domain"))
  }

  @Test func encodedWordsDecodeAndBrokenOnesStay() {
    #expect(EncodedWords.decode("=?UTF-8?B?w6TDtsO8?= =?UTF-8?Q?_x?=") == "äöü x")
    #expect(EncodedWords.decode("=?koi8-r?B?8dfE?=") == "=?koi8-r?B?8dfE?=")
    #expect(EncodedWords.decode("=?utf-8?q?=ZZ?=") == "=?utf-8?q?=ZZ?=")
    #expect(EncodedWords.decode("a =?utf-8?q?b?= c") == "a b c")
  }

  @Test func anMboxFromLineIsSkipped() throws {
    let headers = try Self.parse("From MAILER-DAEMON Fri Jul  8 12:08:34 2011\nFrom: a@b.example\n")
    #expect(headers.fromDomain.text == "b.example")
    #expect(headers.notes.contains { $0.contains("mbox") })
  }

  @Test func internationalFromDomainsBecomeALabels() throws {
    let headers = try Self.parse("From: Jörg <joerg@bücher.example>\n")
    #expect(headers.fromDomain.text == "xn--bcher-kva.example")
  }
}
