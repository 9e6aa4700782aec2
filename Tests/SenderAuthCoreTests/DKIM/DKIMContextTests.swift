import DNSLookup
import Foundation
import SenderAuthCore
import Testing

@Suite struct DKIMContextTests {
  func fetch(
    _ resolver: any DNSResolver, domain: String = "keys.example", selectors: [String]
  ) async throws -> DKIMContext {
    await DKIMContext.fetch(
      domain: try DomainName(domain), resolver: resolver,
      candidates: DKIMSelectors.candidates(given: selectors, includeCommon: false))
  }

  @Test(arguments: [512, 768, 1024, 2048, 4096])
  func fixtureZoneKeysHaveTheirSizesInBothForms(bits: Int) async throws {
    let context = try await fetch(
      try DKIMFixtures.keysZone(), selectors: ["rsa\(bits)-spki", "rsa\(bits)-pkcs1"])
    for result in context.selectors {
      #expect(result.status == .key)
      #expect(result.bits == bits)
      #expect(result.keyType == "rsa")
      #expect(result.records.first?.stringCount == (bits >= 2048 ? (bits == 4096 ? 3 : 2) : 1))
    }
  }

  /// A key's name is `<selector>._domainkey.<domain>`, for the common selectors (made once)
  /// as for any other; none for an invalid selector or under the root.
  @Test func keyNamesAreTheSelectorUnderDomainkey() throws {
    let domain = try DomainName("Example.COM")
    for selector in ["s1", "google", "hs1-12345", "a.b", "sel_ector"] {
      #expect(
        DKIMSelectors.keyName(selector: selector, domain: domain)
          == (try DomainName(selector + "._domainkey.example.com")))
    }
    // The common selectors' labels come from the table made once.
    for selector in DKIMSelectors.common.map({ DKIMSelectors.normalized($0) }) {
      #expect(
        DKIMSelectors.keyName(selector: selector, domain: domain)
          == (try DomainName(selector + "._domainkey.example.com")), "\(selector)")
    }
    #expect(DKIMSelectors.keyName(selector: "bad selector", domain: domain) == nil)
    #expect(DKIMSelectors.keyName(selector: "-s1", domain: domain) == nil)
    #expect(DKIMSelectors.keyName(selector: "s1", domain: .root) == nil)
  }

  @Test func ed25519KeysAreReadAndWrappedOnesRejected() async throws {
    let context = try await fetch(
      try DKIMFixtures.keysZone(), selectors: ["ed25519", "ed25519-spki"])
    #expect(context.selectors.map(\.status) == [.key, .invalid])
    #expect(context.selectors[0].bits == 256)
    #expect(context.selectors[1].records.first?.keyError == .ed25519Wrapped)
  }

  @Test func classifiesBrokenAndSpecialKeys() async throws {
    let names = ["revoked", "testing", "sha1", "notbase64", "notakey", "truncated", "twice"]
    let context = try await fetch(try DKIMFixtures.keysZone(), selectors: names)
    #expect(
      context.selectors.map(\.status) == [
        .revoked, .key, .key, .invalid, .invalid, .invalid, .multipleRecords,
      ])
    #expect(context.selectors[1].flags == ["testing"])
    #expect(context.selectors[2].flags == ["sha1-only"])
    #expect(context.selectors[6].records.count == 2)
    let notBase64 = try #require(context.selectors[3].records.first)
    #expect(notBase64.keyErrorSpan == Location.Span(offset: 22, length: 1))
    #expect(notBase64.line != nil && notBase64.file != nil)
  }

  @Test func followsCNAMEChainsHopByHop() async throws {
    let context = try await fetch(try DKIMFixtures.keysZone(), selectors: ["s1"])
    let result = try #require(context.selectors.first)
    #expect(result.status == .key && result.bits == 2048)
    #expect(
      result.cnameChain.map { "\($0.name.text) → \($0.target.text)" } == [
        "s1._domainkey.keys.example → s1.hop1.keys.example",
        "s1.hop1.keys.example → s1.hop2.keys.example",
      ])
    #expect(result.cnameChain.allSatisfy { $0.line != nil })
    #expect(context.signingDomains == [try DomainName("keys.example")])
  }

  @Test func rebuildsTheChainWhenTheAnswerDoesNotCarryIt() async throws {
    let resolver = DKIMFixtures.ChainDropping(inner: try DKIMFixtures.keysZone())
    let result = try #require(try await fetch(resolver, selectors: ["s1"]).selectors.first)
    #expect(result.status == .key)
    #expect(result.cnameChain.count == 2)
  }

  @Test func followsChainsTheResolverDidNotFollow() async throws {
    let resolver = DKIMFixtures.NotFollowing(inner: try DKIMFixtures.keysZone())
    let result = try #require(try await fetch(resolver, selectors: ["s1"]).selectors.first)
    #expect(result.status == .key)
    #expect(result.cnameChain.count == 2)
  }

  @Test func danglingCNAMEsAreFoundBothWays() async throws {
    let context = try await fetch(
      try DKIMFixtures.keysZone(), selectors: ["selector1", "selector2", "s2"])
    #expect(context.selectors.map(\.status) == [.danglingCNAME, .danglingCNAME, .danglingCNAME])
    #expect(context.selectors.map(\.targetStatus) == [.nxdomain, .nxdomain, .nodata])
    #expect(context.selectors[0].microsoft365Target?.tenant == "contoso")
    #expect(context.selectors[1].microsoft365Target?.selector == "selector2")
    #expect(context.signingDomains.isEmpty)
  }

  @Test func cnameLoopIsFoundThroughSERVFAIL() async throws {
    let resolver = try DKIMFixtures.resolver(
      "loop._domainkey IN CNAME loop.hop\nloop.hop IN CNAME loop._domainkey\n")
    let result = try #require(
      try await fetch(resolver, domain: "example.com", selectors: ["loop"]).selectors.first)
    #expect(result.status == .cnameLoop)
    #expect(result.cnameChain.count == 2)
    #expect(result.failure == nil)
  }

  @Test func cnameLoopIsFoundInAnAuthoritativeAnswer() async throws {
    // Knot answers a loop inside its zone with the looping chain and NODATA.
    let name = try DomainName("loop._domainkey.example.com")
    let hop = try DomainName("loop.hop.example.com")
    let answer = DNSAnswer(
      name: name, type: .txt, status: .nodata,
      records: [
        ResourceRecord(name: name, type: .cname, ttl: 60, data: .cname(hop)),
        ResourceRecord(name: hop, type: .cname, ttl: 60, data: .cname(name)),
      ])
    let result = try #require(
      try await fetch(Canned(answer: answer), domain: "example.com", selectors: ["loop"])
        .selectors.first)
    #expect(result.status == .cnameLoop)
    #expect(result.cnameChain.count == 2)
  }

  /// Gives one answer to every question.
  struct Canned: DNSResolver {
    var answer: DNSAnswer
    func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer { answer }
  }

  @Test func longChainsStopAfterEightHops() async throws {
    var lines = ["s1._domainkey IN CNAME h1"]
    for hop in 1...12 { lines.append("h\(hop) IN CNAME h\(hop + 1)") }
    lines.append("h13 IN TXT \"v=DKIM1; p=\"")
    let resolver = try DKIMFixtures.resolver(lines.joined(separator: "\n"))
    let result = try #require(
      try await fetch(resolver, domain: "example.com", selectors: ["s1"]).selectors.first)
    #expect(result.status == .cnameTooLong)
    #expect(result.cnameChain.count == DKIMContext.maxCNAMEHops + 1)
  }

  /// Answers every question with a CNAME to a new name, and counts the questions.
  final class EndlessChain: DNSResolver, @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var queries: Int { lock.withLock { count } }

    func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
      let next = lock.withLock {
        count += 1
        return count
      }
      let target = DomainName(validatedLabels: ["n\(next)", "example", "net"])
      return DNSAnswer(
        name: name, type: type, status: .answer,
        records: [ResourceRecord(name: name, type: .cname, ttl: 60, data: .cname(target))])
    }
  }

  @Test func hostileEndlessChainsAreBounded() async throws {
    let resolver = EndlessChain()
    let result = try #require(
      try await fetch(resolver, domain: "example.com", selectors: ["s1"]).selectors.first)
    #expect(result.status == .cnameTooLong)
    #expect(result.cnameChain.count == DKIMContext.maxCNAMEHops + 1)
    // One question per hop, plus the wildcard probe's own walk.
    #expect(resolver.queries <= 2 * (DKIMContext.maxCNAMEHops + 2))
  }

  @Test func missingSelectorsAreNXDOMAINOrNODATA() async throws {
    let resolver = try DKIMFixtures.resolver("a._domainkey IN A 192.0.2.1\n")
    let context = try await fetch(resolver, domain: "example.com", selectors: ["a", "b"])
    #expect(context.selectors.map(\.status) == [.nodata, .nxdomain])
    #expect(context.failures.isEmpty)
    #expect(context.signingDomains.isEmpty)
  }

  @Test func failuresAreKeptAsValues() async throws {
    let zone = try DKIMFixtures.keysZone()
    let resolver = DKIMFixtures.Failing(
      names: [try DomainName("rsa2048-spki._domainkey.keys.example")], inner: zone)
    let context = try await fetch(resolver, selectors: ["rsa2048-spki", "rsa1024-spki"])
    #expect(context.selectors.map(\.status) == [.lookupFailed, .key])
    #expect(context.failures.count == 1)
    #expect(context.selectors[0].error?.contains("SERVFAIL") == true)
  }

  @Test func wildcardAnswersAreNotTakenForSelectors() async throws {
    let resolver = try DKIMFixtures.resolver(
      "*._domainkey IN TXT \"v=DKIM1; p=\"\nmx._domainkey IN TXT \"v=DKIM1; p=\"\n")
    let context = await DKIMContext.fetch(
      domain: try DomainName("example.com"), resolver: resolver,
      candidates: DKIMSelectors.candidates(given: ["google"]))
    #expect(context.hasWildcard)
    #expect(context.selectors.first?.status == .revoked)
    #expect(context.selectors.dropFirst().allSatisfy { $0.status == .wildcard })
  }

  @Test func aWildcardKeyIsASigningKey() async throws {
    let resolver = try DKIMFixtures.resolver(
      "*._domainkey IN TXT \"v=DKIM1; k=ed25519; p=XCI0RI7PDeE7maClhvN4m2ZmDxHD4Ol5grqE1f7GRww=\"\n"
    )
    let context = await DKIMContext.fetch(
      domain: try DomainName("example.com"), resolver: resolver, options: CheckOptions())
    #expect(context.wildcard?.selector == "*")
    #expect(context.wildcard?.records.first?.owner == (try DomainName("*._domainkey.example.com")))
    #expect(context.signingDomains == [try DomainName("example.com")])
    #expect(context.found.isEmpty)
  }

  @Test func keyRecordsThatStringHoldsEqualButWhoseOctetsDifferAreReadApart() throws {
    // Parsed records are kept for the run: the Kelvin sign is not base64, the ASCII K is.
    let owner = try DomainName("s1._domainkey.example.com")
    func read(_ text: String) -> DKIMKeyRecordResult {
      DKIMKeyRecordResult(owner: owner, ttl: 60, strings: [Array(text.utf8)], file: nil, line: nil)
    }
    let ascii = read("v=DKIM1; p=Kw==")
    let kelvin = read("v=DKIM1; p=\u{212A}w==")
    if case .notBase64 = ascii.keyError { Issue.record("the ASCII key is base64") }
    guard case .notBase64 = kelvin.keyError else {
      Issue.record("the Kelvin sign was read as base64: \(String(describing: kelvin.keyError))")
      return
    }
  }

  @Test func aKeyRecordKeepsItsOwnStringsWhenAnotherHadTheSameText() throws {
    // The run keeps a parsed text with the presentation of the first record seen with it; a
    // record that splits the same text into other strings still shows its own.
    let owner = try DomainName("s1._domainkey.example.com")
    func read(_ strings: [String]) -> DKIMKeyRecordResult {
      DKIMKeyRecordResult(
        owner: owner, ttl: 60, strings: strings.map { Array($0.utf8) }, file: nil, line: nil)
    }
    let split = read(["v=DKIM1; p=Zm9v", "YmFy"])
    let whole = read(["v=DKIM1; p=Zm9vYmFy"])
    let again = read(["v=DKIM1; p=Zm9v", "YmFy"])
    let other = read(["v=DKIM1; p=Zm9vY", "mFy"])
    #expect(split.presentation == "\"v=DKIM1; p=Zm9v\" \"YmFy\"")
    #expect(whole.presentation == "\"v=DKIM1; p=Zm9vYmFy\"")
    #expect(again.presentation == split.presentation)
    #expect(other.presentation == "\"v=DKIM1; p=Zm9vY\" \"mFy\"")
    #expect([split, whole, again, other].allSatisfy { $0.text == "v=DKIM1; p=Zm9vYmFy" })
    // Octets that are not UTF-8 are one U+FFFD in the text, each its own in the presentation.
    func raw(_ octet: UInt8) -> DKIMKeyRecordResult {
      DKIMKeyRecordResult(
        owner: owner, ttl: 60, strings: [Array("v=DKIM1; p=".utf8) + [octet]], file: nil,
        line: nil)
    }
    let ff = raw(0xFF)
    let fe = raw(0xFE)
    #expect(ff.text == fe.text)
    #expect(ff.presentation == "\"v=DKIM1; p=\\255\"")
    #expect(fe.presentation == "\"v=DKIM1; p=\\254\"")
  }

  @Test func keyErrorSpansCountCharactersNotOctets() throws {
    let strings: [[UInt8]] = [Array("v=DKIM1; p=Zm9v\r\nYm!y".utf8)]
    let record = DKIMKeyRecordResult(
      owner: try DomainName("s1._domainkey.example.com"), ttl: 60, strings: strings, file: nil,
      line: nil)
    // "\r\n" is one Character: '!' is Character 18 of the record text (octet 19).
    #expect(record.keyErrorSpan == Location.Span(offset: 18, length: 1))
    #expect(Array(record.text)[18] == "!")
  }

  @Test func invalidSelectorsAreNotQueried() async throws {
    let resolver = try DKIMFixtures.resolver("")
    let context = try await fetch(resolver, domain: "example.com", selectors: ["bad name"])
    #expect(context.selectors.map(\.status) == [.invalidSelector])
    #expect(context.selectors.first?.name == nil)
  }

  @Test func defaultFetchProbesGivenThenCommonSelectors() async throws {
    let resolver = try DKIMFixtures.resolver(
      """
      google._domainkey IN TXT \"v=DKIM1; k=ed25519; \
      p=XCI0RI7PDeE7maClhvN4m2ZmDxHD4Ol5grqE1f7GRww=\"\n
      """
    )
    let context = await DKIMContext.fetch(
      domain: try DomainName("example.com"), resolver: resolver,
      options: CheckOptions(selectors: ["mx2024"]))
    #expect(context.selectors.count == 1 + DKIMSelectors.common.count)
    #expect(context.selectors.first?.source == .given)
    #expect(context.found.map(\.selector) == ["google"])
    #expect(context.signingDomains == [try DomainName("example.com")])
  }

  @Test func keyRecordResultsEncodeWithStableFieldNamesAndRoundTrip() throws {
    // Its fields sit behind one reference (`CopyOnWrite`): encoded as they were as stored
    // properties, each under its own name.
    let record = DKIMKeyRecordResult(
      owner: try DomainName("s1._domainkey.example.com"), ttl: 60,
      strings: [Array("v=DKIM1; k=rsa; p=Zm9v".utf8), Array("YmFy".utf8)], file: "example.zone",
      line: 7)
    let data = try JSONEncoder().encode(record)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(
      Set(object.keys) == [
        "owner", "ttl", "text", "stringCount", "presentation", "file", "line", "record",
        "keyError", "status",
      ])
    #expect(object["text"] as? String == "v=DKIM1; k=rsa; p=Zm9vYmFy")
    #expect(object["stringCount"] as? Int == 2)
    #expect(object["line"] as? Int == 7)
    let decoded = try JSONDecoder().decode(DKIMKeyRecordResult.self, from: data)
    #expect(decoded == record)
    // A copy written to is its own value; the original keeps its owner.
    var copy = record
    copy.owner = try DomainName("*._domainkey.example.com")
    #expect(record.owner == (try DomainName("s1._domainkey.example.com")))
    #expect(copy != record)
  }

  @Test func selectorResultsEncodeWithStableFieldNames() throws {
    let result = DKIMSelectorResult(
      selector: "s1", source: .common, name: try DomainName("s1._domainkey.example.com"),
      status: .nxdomain)
    let encoder = JSONEncoderForTests.encode(result)
    for key in ["selector", "source", "name", "cnameChain", "status", "records", "flags"] {
      #expect(encoder.contains("\"\(key)\""), "missing \(key)")
    }
  }
}
