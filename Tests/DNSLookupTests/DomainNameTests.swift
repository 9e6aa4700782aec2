import DNSTestSupport
import Foundation
import Testing

@testable import DNSLookup

/// Names are octets (RFC 1035 §3.1, RFC 2181 §11): equal exactly when their labels hold the
/// same octets, ASCII letters compared without case (RFC 4343), whatever escapes spelled them.
@Suite struct DomainNameTests {
  @Test(arguments: [
    ("user\\@x.example", "user@x.example"),
    ("user\\064x.example", "USER@x.example"),
    ("a\\032b.example", "A b.example"),
    ("semi\\;colon.example", "SEMI;colon.example"),
    ("back\\\\slash.example", "back\\slash.example"),
    ("dot\\.in\\.label.example", "dot.in.label.example"),
  ])
  func escapesAndRawOctetsNameTheSameLabels(presentation: String, raw: String) throws {
    let parsed = try DomainName(presentation)
    let octets = try DomainName(labelOctets: parsed.labelOctets)
    #expect(parsed == octets)
    #expect(parsed.hashValue == octets.hashValue)
    #expect(try DomainName(parsed.text) == parsed, "the canonical text reads back")
    if !raw.hasPrefix("dot") {
      #expect(try DomainName(rawText: raw) == parsed)
    }
  }

  @Test func canonicalFormEscapesLikeLibresolv() throws {
    let name = try DomainName(labelOctets: [Array("User@Host \u{7}".utf8), Array("Example".utf8)])
    #expect(name.text == "user\\@host\\032\\007.example")
    #expect(name.rawText == "user@host \u{7}.example")
  }

  @Test func onlyASCIILettersFoldCase() throws {
    #expect(try DomainName("EXAMPLE.com") == DomainName("example.COM"))
    // Ü (C3 9C) and ü (C3 BC) are different octets.
    #expect(try DomainName("b\\195\\156cher.example") != DomainName("b\\195\\188cher.example"))
    #expect(try DomainName(rawText: "BÜCHER.example") != DomainName(rawText: "bücher.example"))
    #expect(try DomainName(rawText: "İ.example").labelOctets[0] == [0xc4, 0xb0])
  }

  @Test(arguments: ["a\\", "a\\25", "a\\256.example", "a\\2x5.example", "", "a..b", ".a"])
  func refusesBrokenNames(text: String) {
    #expect(throws: DomainNameError.self) { try DomainName(text) }
  }

  /// Names already in (nearly) canonical form take a short path; from a fixed seed, texts of
  /// the characters that matter (dots, escapes, upper case, octets that need escaping, long
  /// labels) read the same as through the full parser: the same name, or the same error.
  @Test func plainNamesReadLikeEscapedOnes() {
    var state: UInt64 = 1035
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    let pieces = [
      "a", "Z", "mail", "-", "_", "*", "0", ".", ".", "\\.", "\\065", "\\\\", "@", " ", "\u{7}",
      "é",
      String(repeating: "x", count: 62), String(repeating: "y", count: 120),
    ]
    for _ in 0..<5000 {
      let text = (0..<next(8)).map { _ in pieces[next(pieces.count)] }.joined()
      let fast = Result { () throws(DomainNameError) in try DomainName(text) }
      let full = Result { () throws(DomainNameError) in try DomainName.parsed(text) }
      #expect(fast == full, "\(text.debugDescription)")
      if case .success(let name) = fast, case .success(let other) = full {
        #expect(name.labels == other.labels && name.text == other.text)
        #expect(
          name.parent?.text == other.labels.dropFirst().joined(separator: ".")
            || (name.labels.count == 1 && name.parent == .root) || name.isRoot)
      }
    }
  }

  /// A name stores only its text; its labels, their count, its parent and `isSubdomain` are
  /// read from the text. From a fixed seed, names built from label octets (dots, backslashes
  /// and digits inside labels, upper case) answer them as the octets say.
  @Test func labelsReadFromTheTextMatchTheOctets() throws {
    var random = SeededRandom(seed: 4343)
    func next(_ bound: Int) -> Int { random.below(bound) }
    let alphabet = Array("a.\\0B9;_-".utf8) + [0x07, 0xc3]
    func randomLabels() -> [[UInt8]] {
      (0..<next(5)).map { _ in (0..<(1 + next(4))).map { _ in alphabet[next(alphabet.count)] } }
    }
    func folded(_ labels: [[UInt8]]) -> [[UInt8]] {
      labels.map { $0.map { DomainName.isUpper($0) ? $0 | 0x20 : $0 } }
    }
    for _ in 0..<3000 {
      let octets = randomLabels()
      let name = try DomainName(labelOctets: octets)
      #expect(name.labels.map(DomainName.octets(ofLabel:)) == folded(octets), "\(name)")
      #expect(name.labelCount == octets.count)
      #expect(name.isRoot == octets.isEmpty)
      #expect(
        name.parent
          == (octets.isEmpty ? nil : try DomainName(labelOctets: Array(octets.dropFirst()))))
      for count in 0...octets.count {
        let tail = try DomainName(labelOctets: Array(octets.suffix(count)))
        #expect(name.isSubdomain(of: tail))
        #expect(name.suffix(labels: count) == tail && name.suffix(labels: count).text == tail.text)
      }
      #expect(name.suffix(labels: octets.count + 1) == name)
      // Another name, or the end of this one's text that is not its tail: the part of a
      // label after a dot in it (`x\.b.c` ends with `b.c` but is not below it).
      var tail = randomLabels()
      if next(2) == 0, octets.count >= 2, let dot = octets[octets.count - 2].lastIndex(of: 0x2e) {
        tail = [Array(octets[octets.count - 2][(dot + 1)...]), octets[octets.count - 1]]
      }
      guard let other = try? DomainName(labelOctets: tail.filter { !$0.isEmpty }) else { continue }
      let below =
        folded(octets).count >= other.labelCount
        && Array(folded(octets).suffix(other.labelCount)) == folded(other.labelOctets)
      #expect(name.isSubdomain(of: other) == below, "\(name) under \(other)")
      // Canonical order: labels from the right, each by its canonical text.
      let ordered = name.labels.reversed().lexicographicallyPrecedes(other.labels.reversed())
      #expect((name < other) == ordered, "\(name) < \(other)")
      #expect(
        (other < name) == other.labels.reversed().lexicographicallyPrecedes(name.labels.reversed()))
      // Raw octets (an SPF macro's expansion) read as the labels between the dots.
      let raw = Array(octets.joined(separator: [0x2e]))
      let fromRaw = Result { () throws(DomainNameError) in try DomainName(rawOctets: raw[...]) }
      let fromLabels = Result { () throws(DomainNameError) in
        try DomainName(
          labelOctets: raw.split(separator: 0x2e, omittingEmptySubsequences: false).map(Array.init))
      }
      #expect(fromRaw == fromLabels, "\(raw)")
    }
    // An escaped dot is inside a label, an escaped backslash before a dot is not.
    #expect(try !DomainName("a\\.b.c").isSubdomain(of: DomainName("b.c")))
    #expect(try DomainName("a\\\\.b.c").isSubdomain(of: DomainName("b.c")))
    #expect(try DomainName("x.a\\.b.c").parent == DomainName("a\\.b.c"))
    #expect(try DomainName("a\\.b.c").parent == DomainName("c"))
    #expect(try DomainName("a\\.b.c").labels == ["a\\.b", "c"])
    #expect(try DomainName("z.a") < DomainName("b.b") && DomainName.root < DomainName("a"))
    #expect(try !(DomainName("a") < DomainName.root) && DomainName("a") < DomainName("x.a"))
    #expect(try DomainName(rawOctets: Array("Mail.Example".utf8)[...]).text == "mail.example")
    #expect(throws: DomainNameError.self) { try DomainName(rawOctets: Array("a.".utf8)[...]) }
  }

  @Test func limitsCountOctetsNotEscapes() throws {
    let label = String(repeating: "\\064", count: 63)
    #expect(try DomainName(label + ".example").labelOctets[0].count == 63)
    #expect(throws: DomainNameError.self) { try DomainName(label + "\\064.example") }
  }

  @Test func codableKeepsTheOctets() throws {
    let name = try DomainName(rawText: "user@x\u{1}.example")
    let data = try JSONEncoder().encode(name)
    #expect(try JSONDecoder().decode(DomainName.self, from: data) == name)
  }

  @Test func zoneLookupsMatchOctetsWhateverTheSpelling() async throws {
    let zone = try ZoneFile.parse(
      """
      $ORIGIN example.
      @ 300 IN SOA ns hostmaster 1 7200 3600 1209600 300
      user\\@x 300 IN TXT "escaped at"
      a\\032b 300 IN CNAME user\\064x
      """, origin: DomainName("example"))
    let resolver = try ZoneResolver(zones: [zone])
    let answer = try await resolver.query(DomainName(rawText: "USER@X.example"), .txt)
    #expect(answer.status == .answer)
    #expect(answer.txtJoined == ["escaped at"])
    let chained = try await resolver.query(DomainName(rawText: "a b.example"), .txt)
    #expect(chained.txtJoined == ["escaped at"])
    #expect(chained.canonicalName == (try DomainName(rawText: "user@x.example")))
  }

  /// A name read from a resolver's text octets without a string (`plain(octets:)`, for names
  /// in answers) is the name parsing that text gives, or nil and left to the parser: from a
  /// fixed seed, texts with upper case, escapes, characters that need one, empty and long
  /// labels, trailing dots, the root and octets that are not UTF-8.
  @Test func aPlainNameReadFromOctetsIsTheParsedName() {
    var random = SeededRandom(seed: 0x0C7E_75A1)
    let plainPieces = ["a", "Z", "0", "-", "_", "*", "xn--bcher-kva", ".", "MAIL"]
    let otherPieces = ["\\.", "\\032", "@", " ", "..", "\u{E9}", "(", "\""]
    var taken = 0
    for _ in 0..<5000 {
      var text = ""
      for _ in 0..<random.number(0...12) {
        text += random.chance(40) ? String(repeating: "ab", count: random.number(1...33)) : ""
        text += random.chance(4) ? random.pick(otherPieces) : random.pick(plainPieces)
      }
      var octets = Array(text.utf8)
      if random.chance(3) {
        octets.insert(random.pick([0x80, 0xFF, 0x00, 0x7F]), at: octets.count / 2)
      }
      let name = octets.withUnsafeBufferPointer { DomainName.plain(octets: $0) }
      guard let name else { continue }
      taken += 1
      let read = String(decoding: octets, as: UTF8.self)
      #expect(name == (try? DomainName(read)), "\(read)")
      #expect(name.text == (try? DomainName(read))?.text, "\(read)")
    }
    #expect(taken > 1000)
  }

  /// A relative name put in front of a name gives what parsing the joined text gives: from a
  /// fixed seed, prefixes and names of every length up to the limits, with escapes, upper case
  /// and the root among them, and prefixes with characters that need an escape but have none,
  /// empty labels and a trailing dot (which `RelativeName` refuses).
  @Test func prependingARelativeNameEqualsParsingTheJoinedText() throws {
    var random = SeededRandom(seed: 0x5E1E_C702)
    let alphabet = Array("abcxyzAZ09-_*".utf8)
    func label(_ length: Int) -> String {
      var text = ""
      for _ in 0..<length {
        if random.chance(3) {
          text += random.pick(["\\.", "\\032", "\\@", "\\\\"])
        } else if random.chance(2) {
          text += random.pick(["@", "(", " ", "é", ";", "\"", "$"])
        } else {
          text += String(UnicodeScalar(random.pick(alphabet)))
        }
      }
      return text
    }
    func labels(_ total: Int) -> String {
      var parts: [String] = []
      var left = total
      while left > 0 {
        let length = min(left, random.chance(5) ? random.number(55...64) : random.number(1...12))
        parts.append(label(length))
        left -= length + 1
      }
      return parts.joined(separator: ".")
    }
    var compared = 0
    for _ in 0..<4000 {
      var prefixText = labels(random.number(1...(random.chance(10) ? 120 : 30)))
      if random.chance(2) { prefixText += random.pick([".", "..a", ".", ""]) }
      if random.chance(1) { prefixText = random.pick(["", ".", "a..b", ".a"]) }
      let nameText =
        random.chance(3) ? "." : labels(random.number(1...(random.chance(20) ? 240 : 40)))
      guard let name = try? DomainName(nameText) else { continue }
      let expected = try? DomainName(name.isRoot ? prefixText : prefixText + "." + name.text)
      #expect((try? name.prepending(prefixText)) == expected, "\(prefixText) + \(name.text)")
      let plain = prefixText.utf8.allSatisfy {
        DomainName.isPlain($0) || DomainName.isUpper($0) || $0 == UInt8(ascii: ".")
      }
      let wellFormed =
        plain
        && !prefixText.split(separator: ".", omittingEmptySubsequences: false).contains {
          $0.isEmpty || $0.utf8.count > 63
        } && prefixText.utf8.count <= 253
      guard let prefix = DomainName.RelativeName(prefixText) else {
        // Refused: a character that needs an escape, an empty label (a trailing dot among
        // them), a label or the whole too long.
        #expect(!wellFormed, "\(prefixText)")
        continue
      }
      #expect(wellFormed, "\(prefixText)")
      #expect(name.prepending(prefix) == expected, "\(prefixText) + \(name.text)")
      compared += 1
    }
    #expect(compared > 1500)
    // Joined lengths around the limit of 253 octets.
    let prefix = try #require(DomainName.RelativeName("s1._domainkey"))
    for total in 245...258 {
      let nameLength = total - prefix.text.utf8.count - 1
      // Labels of up to 60 octets, `nameLength` octets with their dots.
      var parts: [String] = []
      var left = nameLength
      while left > 0 {
        let dot = parts.isEmpty ? 0 : 1
        var length = min(left - dot, 60)
        if left - dot - length == 1 { length -= 1 }
        parts.append(String(repeating: "x", count: length))
        left -= dot + length
      }
      let nameText = parts.joined(separator: ".")
      let name = try DomainName(nameText)
      #expect(name.text.utf8.count == nameLength)
      #expect(name.prepending(prefix) == (try? DomainName(prefix.text + "." + name.text)))
      #expect((name.prepending(prefix) != nil) == (total <= 253), "\(total)")
    }
    #expect(DomainName.RelativeName("s1._domainkey.") == nil)
    #expect(DomainName.RelativeName("S1._DomainKey")?.text == "s1._domainkey")
  }
}
