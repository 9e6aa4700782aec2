import DNSLookup
import DNSTestSupport
import Testing

/// Names with odd octets, wildcards and empty non-terminals, asked of a real Knot through
/// libresolv and of `ZoneResolver` on the same zone text: both must give the same answers.
/// An owner such as `user@x` comes back from libresolv as `user\@x`; it must still match the
/// question (RFC 2181 §11: any octet is legal in a label). A wildcard applies only where no
/// name exists between it and the question (RFC 4592 §2.2.2).
@Suite struct OctetNameKnotTests {
  /// The longest name whose every octet is written as an escape: 250 octets of 0x80 in four
  /// labels (255 on the wire), 1,003 characters in presentation form.
  static let longestEscaped =
    [63, 63, 63, 61].map { String(repeating: "\\200", count: $0) }.joined(separator: ".") + "."

  static let zone = """
    $ORIGIN octets.test.
    $TTL 300
    @ IN SOA ns hostmaster 1 7200 3600 1209600 300
    @ IN NS ns
    ns IN A 127.0.0.1
    user\\@mail IN TXT "at sign"
    a\\032b\\;c IN TXT "space and semicolon"
    \\000nul IN TXT "nul octet"
    UPPER\\200 IN TXT "high octet"
    alias IN CNAME user\\@mail
    *._report._dmarc.r IN TXT "v=DMARC1"
    x.example.com._report._dmarc.r IN TXT "v=DMARC1"
    *.w IN TXT "wild"
    deep.ent.w IN TXT "below an empty non-terminal"
    long IN MX 10 \(longestEscaped)
    """

  /// (question in raw octets or presentation, type): asked of both.
  static let questions: [(String, RRType)] = [
    ("user\\@mail.octets.test", .txt),
    ("USER\\064MAIL.octets.test", .txt),
    ("a\\032b\\;c.octets.test", .txt),
    ("\\000nul.octets.test", .txt),
    ("upper\\200.octets.test", .txt),
    ("UPPER\\200.octets.test", .txt),
    ("upper\\232.octets.test", .txt),
    ("alias.octets.test", .txt),
    ("example.com._report._dmarc.r.octets.test", .txt),
    ("example.com._report._dmarc.r.octets.test", .a),
    ("x.example.com._report._dmarc.r.octets.test", .txt),
    ("y.example.com._report._dmarc.r.octets.test", .txt),
    ("anything.w.octets.test", .txt),
    ("a.b.w.octets.test", .txt),
    ("ent.w.octets.test", .txt),
    ("other.ent.w.octets.test", .txt),
    ("\\*.w.octets.test", .txt),
    ("long.octets.test", .mx),
  ]

  @Test func knotAndZoneResolverAgreeOnOctetsWildcardsAndEmptyNonTerminals() async throws {
    let knot = try await KnotServer.start(zones: [
      KnotServer.Zone(origin: "octets.test.", text: Self.zone)
    ])
    defer { knot.stop() }
    let live = LibresolvResolver(configuration: knot.configuration(timeout: 2, tries: 2))
    let offline = try ZoneResolver(
      zones: [try ZoneFile.parse(Self.zone, origin: DomainName("octets.test"))])
    for (text, type) in Self.questions {
      let name = try DomainName(text)
      let server = try await live.query(name, type)
      let ours = try await offline.query(name, type)
      #expect(server.status == ours.status, "\(text) \(type.mnemonic)")
      #expect(
        Set(server.records.map(\.presentation)) == Set(ours.records.map(\.presentation)),
        "\(text) \(type.mnemonic)")
    }
    // The expected answers, from RFC 4592 and the octets above.
    let byName = { (text: String) async throws -> DNSAnswer in
      try await live.query(DomainName(text), .txt)
    }
    #expect(try await byName("USER\\064MAIL.octets.test").txtJoined == ["at sign"])
    #expect(
      try await byName("x.example.com._report._dmarc.r.octets.test").txtJoined == ["v=DMARC1"])
    #expect(try await byName("ent.w.octets.test").status == .nodata)
    #expect(try await byName("other.ent.w.octets.test").status == .nxdomain)
    #expect(try await byName("a.b.w.octets.test").txtJoined == ["wild"])
    #expect(try await byName("upper\\232.octets.test").status == .nxdomain)
    // The longest presentation form of a name in an answer is read whole.
    let long = try await live.query(DomainName("long.octets.test"), .mx)
    #expect(long.mxHosts.map(\.exchange) == [try DomainName(Self.longestEscaped)])
    #expect(long.mxHosts.first?.exchange.text.utf8.count == 1_003)
  }
}
