import DNSTestSupport
import Testing

@testable import SenderAuthCore

@Suite struct DKIMParserTests {
  @Test func readsEveryKeyTagWithPositions() throws {
    let record = DKIMParser.parse("v=DKIM1; k=rsa; h=sha256; s=email; t=s; n=hi; p=Zm9v")
    #expect(record.issues.isEmpty)
    #expect(record.version == "DKIM1")
    #expect(record.keyType == .rsa)
    #expect(record.hashAlgorithms == ["sha256"])
    #expect(record.serviceTypes == ["email"])
    #expect(record.flags == ["s"])
    #expect(record.notes == "hi")
    #expect(record.publicKey == "Zm9v")
    let p = try #require(record.tag("p"))
    #expect(p.offset == 46 && p.valueOffset == 48 && p.valueLength == 4)
    #expect(record.isStrict && !record.isTesting && !record.isRevoked)
  }

  @Test func defaultsApplyWhenTagsAreAbsent() {
    let record = DKIMParser.parse("p=Zm9v")
    #expect(record.keyType == .rsa)
    #expect(record.hashAlgorithms == nil && record.allowsSHA256)
    #expect(record.serviceTypes == ["*"] && record.allowsEmail)
    #expect(record.flags.isEmpty)
    #expect(!record.isDiscarded)
  }

  /// ASCII text without CR is read octet by octet; from a fixed seed, records of the
  /// characters that matter to the grammar read the same as Character by Character.
  @Test func octetsReadLikeCharacters() {
    var generator = SeededRandom(seed: 6376)
    let alphabet = Array("v=DKIM1;k=rsaph:s*email ty\t\n\u{0B}\u{0C}_9+/Zm9v\u{01}\u{7F}~")
    for _ in 0..<3000 {
      let length = Int.random(in: 0...40, using: &generator)
      let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "=" })
      let record = DKIMParser.parse(text)
      #expect(record == DKIMParser.parseCharacters(text), "\(text.debugDescription)")
      #expect(record.isRevoked == (record.publicKey?.isEmpty == true))
    }
  }

  @Test func emptyPublicKeyMeansRevoked() {
    #expect(DKIMParser.parse("v=DKIM1; p=").isRevoked)
    #expect(DKIMParser.parse("v=DKIM1; p= ;").isRevoked)
    #expect(!DKIMParser.parse("v=DKIM1; p=Zm9v").isRevoked)
  }

  @Test func foldingWhitespaceInsideTheKeyIsKept() {
    let record = DKIMParser.parse("v=DKIM1;\r\n\tp = Zm9v YmFy ;")
    #expect(record.issues.isEmpty)
    #expect(record.tag("p")?.value == "Zm9v YmFy")
    #expect(record.publicKey == "Zm9vYmFy")
  }

  @Test func versionMustBeFirst() throws {
    let record = DKIMParser.parse("k=rsa; v=DKIM1; p=Zm9v")
    let issue = try #require(record.issues.first)
    #expect(issue.kind == .versionNotFirst)
    #expect(issue.offset == 7 && issue.length == 7 && issue.term == "v=DKIM1")
    #expect(record.isDiscarded)
  }

  @Test func otherVersionsAreDiscarded() {
    #expect(DKIMParser.parse("v=DKIM2; p=Zm9v").issues.map(\.kind) == [.badVersion])
  }

  @Test func duplicateTagsInvalidateTheRecord() throws {
    let record = DKIMParser.parse("v=DKIM1; p=Zm9v; p=YmFy")
    let issue = try #require(record.issues.first)
    #expect(issue.kind == .duplicateTag && issue.offset == 17 && issue.term == "p=YmFy")
    #expect(record.publicKey == "Zm9v")
  }

  @Test func missingPublicKeyIsReported() {
    let record = DKIMParser.parse("v=DKIM1; k=rsa")
    #expect(record.issues.map(\.kind) == [.missingPublicKey])
    #expect(record.isDiscarded)
  }

  @Test func unknownKeyTypeIsNotedAndFatal() throws {
    let record = DKIMParser.parse("v=DKIM1; k=dsa; p=Zm9v")
    #expect(record.keyType == .unknown("dsa"))
    #expect(record.issues.map(\.kind) == [.unknownKeyType])
    #expect(record.isDiscarded)
    #expect(DKIMParser.parse("v=DKIM1; k=ed25519; p=Zm9v").keyType == .ed25519)
  }

  @Test func unknownHashFlagAndServiceAreNotesOnly() {
    let record = DKIMParser.parse("v=DKIM1; h=sha256:sha512; t=y:x; s=email:fax; p=Zm9v")
    #expect(
      record.issues.map(\.kind) == [.unknownHashAlgorithm, .unknownFlag, .unknownServiceType])
    #expect(!record.isDiscarded)
    #expect(record.isTesting)
  }

  @Test func sha1OnlyIsRecognised() {
    #expect(DKIMParser.parse("h=sha1; p=Zm9v").isSHA1Only)
    #expect(!DKIMParser.parse("h=sha1:sha256; p=Zm9v").isSHA1Only)
    #expect(!DKIMParser.parse("h=sha256; p=Zm9v").isSHA1Only)
    #expect(!DKIMParser.parse("p=Zm9v").isSHA1Only)
  }

  @Test func malformedTermsHavePositions() {
    let record = DKIMParser.parse("v=DKIM1; garbage; 1x=2; ;p=Zm9v")
    #expect(record.issues.map(\.kind) == [.malformedTag, .badTagName, .emptyTag])
    #expect(record.issues.map(\.offset) == [9, 18, 23])
    #expect(record.publicKey == "Zm9v")
  }

  @Test func badValueCharactersAreNoted() {
    let record = DKIMParser.parse("v=DKIM1; n=caf\u{e9}; p=Zm9v")
    #expect(record.issues.map(\.kind) == [.badValueCharacter])
    #expect(record.issues.first?.offset == 14)
  }

  @Test func trailingSemicolonIsAllowed() {
    #expect(DKIMParser.parse("v=DKIM1; p=Zm9v;").issues.isEmpty)
    #expect(DKIMParser.parse("v=DKIM1; p=Zm9v;  ").issues.isEmpty)
  }

  @Test func neverTrapsOnHostileText() {
    let pieces = ["v=", "DKIM1", ";", "=", " ", "p", "\u{0}", "é", "k=", "rsa", ";;", "\t", "h=:"]
    var state: UInt64 = 42
    for _ in 0..<3000 {
      var text = ""
      for _ in 0..<12 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        text += pieces[Int(state >> 33) % pieces.count]
      }
      let record = DKIMParser.parse(text)
      for issue in record.issues {
        #expect(issue.offset >= 0 && issue.offset + issue.length <= text.count)
      }
    }
  }
}
