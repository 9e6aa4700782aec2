import Foundation
import Testing

@testable import DNSLookup

/// A zone file read as Knot loads it: names as octets, Knot's TTL rules, RRsets without
/// duplicates, records outside the zone dropped, the quirks of its scanner, each with the
/// warning that says what a server makes of the line.
@Suite struct ZoneFileServerViewTests {
  static func zone(_ body: String, ttl: String? = "300") throws -> ZoneFile {
    let head = "$ORIGIN example.com.\n" + (ttl.map { "$TTL \($0)\n" } ?? "")
    return try ZoneFile.parse(head + "@ SOA ns hostmaster 1 3600 600 86400 60\n" + body)
  }

  static func records(_ zone: ZoneFile, _ name: String, _ type: RRType) throws -> [ResourceRecord] {
    let owner = try DomainName(name)
    return zone.records.filter { $0.name == owner && $0.type == type }
  }

  @Test func escapesInNamesAreDecodedIntoOctets() throws {
    let zone = try Self.zone(
      #"""
      foo\058bar TXT "colon"
      a\.b TXT "dot in a label"
      \000x TXT "NUL"
      \065BC TXT "upper case A"
      x\ y TXT "blank"
      m MX 10 m\058x
      """#)
    let names = zone.records.filter { $0.type == .txt }.map(\.name)
    #expect(
      names.map(\.absolute) == [
        "foo:bar.example.com.", #"a\.b.example.com."#, #"\000x.example.com."#, "abc.example.com.",
        #"x\032y.example.com."#,
      ])
    #expect(names[0].labelOctets[0] == Array("foo:bar".utf8))
    #expect(names[1].labelOctets[0] == Array("a.b".utf8))
    #expect(names[1].labels.count == 3)
    #expect(names[2].labelOctets[0] == [0, 0x78])
    #expect(names[0] == (try DomainName("foo:bar.example.com")))
    let mx = try Self.records(zone, "m.example.com", .mx)
    #expect(mx.first?.data == .mx(preference: 10, exchange: try DomainName("m:x.example.com")))
  }

  @Test func aBackslashBeforeALineEndInANameIsTheOctet10AsInKnot() throws {
    let zone = try Self.zone("a\\\nb TXT \"x\"\nc TXT \"line 6\"")
    #expect(zone.records[1].name.labelOctets[0] == [0x61, 0x0A, 0x62])
    #expect(zone.records[2].origin?.line == 6)
    #expect(throws: ZoneFileError.self) { try Self.zone("a TXT x\\\ny") }
  }

  @Test func recordWithoutTTLTakesTheTTLDirectiveElseKnotsDefault() throws {
    let zone = try Self.zone(
      """
      a TXT "default"
      $TTL 100
      b TXT "directive"
      c 200 TXT "own"
      d TXT "directive again"
      """, ttl: nil)
    #expect(zone.records.map(\.ttl) == [3600, 3600, 100, 200, 100])
  }

  @Test func identicalRecordsAreOneRRSet() throws {
    let zone = try Self.zone(
      ##"""
      @ TXT "v=spf1 -all"
      @ TXT "v=spf1 -all"
      @ TXT "v=spf1" " -all"
      m MX 10 Mail.Example.NET.
      m MX 10 mail.example.net.
      g TXT \# 4 03616263
      g TXT "abc"
      """##)
    #expect(try Self.records(zone, "example.com", .txt).count == 2)
    #expect(try Self.records(zone, "m.example.com", .mx).count == 1)
    #expect(try Self.records(zone, "g.example.com", .txt).count == 1)
    let duplicates = zone.warnings.filter { $0.kind == .duplicate }
    #expect(duplicates.map(\.line) == [5, 8, 10])
    #expect(duplicates[0].description.contains("the same TXT record as line 4"))
    #expect(duplicates[0].description.contains("RFC 2181 §5"))
  }

  @Test func anRRSetHasTheLastTTLWritten() throws {
    let zone = try Self.zone(
      """
      @ 100 TXT "a"
      @ 200 TXT "b"
      @ 200 TXT "a"
      """)
    #expect(try Self.records(zone, "example.com", .txt).map(\.ttl) == [200, 200])
    let warning = try #require(zone.warnings.first { $0.kind == .ttlMismatch })
    #expect(warning.line == 5)
    #expect(warning.message.contains("TTL 200 differs from TTL 100"))
    #expect(warning.message.contains("(line 4)"))
  }

  @Test func recordsOutsideTheZoneAreDropped() throws {
    let zone = try Self.zone("outside.example.net. TXT \"x\"\n$ORIGIN example.org.\nb A 192.0.2.1")
    #expect(zone.records.allSatisfy { $0.name.isSubdomain(of: zone.origin) })
    #expect(zone.warnings.filter { $0.kind == .outOfZone }.map(\.line) == [4, 6])
  }

  @Test func aSecondSOAIsNotServed() throws {
    let zone = try Self.zone("@ SOA ns hostmaster 2 3600 600 86400 60")
    let soa = try Self.records(zone, "example.com", .soa)
    #expect(soa.count == 1)
    guard case .soa(_, _, let serial, _, _, _, _) = soa.first?.data else {
      Issue.record("no SOA")
      return
    }
    #expect(serial == 1)
    #expect(zone.warnings.contains { $0.kind == .extraSOA && $0.line == 4 })
  }

  @Test func longStringsAreSplitAt255Octets() throws {
    let zone = try Self.zone("@ TXT \"\(String(repeating: "x", count: 300))\"")
    guard case .txt(let strings) = try Self.records(zone, "example.com", .txt).first?.data else {
      Issue.record("no TXT")
      return
    }
    #expect(strings.map(\.count) == [255, 45])
  }

  @Test func aParenthesisAfterABareWordStaysInTheString() throws {
    let zone = try Self.zone("@ TXT (a b)\nx TXT a(b\n  c)")
    #expect(try Self.records(zone, "example.com", .txt).first?.data.presentation == #""a" "b)""#)
    #expect(
      try Self.records(zone, "x.example.com", .txt).first?.data.presentation
        == #""a(" "b" "c)""#)
  }

  @Test func typesKnotReadsButSenderauthDoesNotAreNoted() throws {
    let zone = try Self.zone(
      "c CNAME x.\nc RRSIG A 8 2 300 20300101000000 20200101000000 1 c. AA==")
    #expect(try Self.records(zone, "c.example.com", .cname).count == 1)
    #expect(zone.warnings.contains { $0.kind == .notRead && $0.line == 5 })
  }

  @Test func aDirectiveOnALastLineWithoutLineEndIsIgnoredAsKnotDoes() throws {
    let zone = try Self.zone("a TXT \"x\"\n$ORIGIN sub")
    #expect(zone.records.count == 2)
    let warning = try #require(zone.warnings.first { $0.kind == .ignoredDirective })
    #expect(warning.line == 5)
    // A record there is read.
    #expect(try Self.zone("a TXT \"last\"").records.count == 2)
  }

  @Test func bytesThatAreNotUTF8AreFineInComments() throws {
    let path = NSTemporaryDirectory() + "latin1-\(UUID().uuidString).zone"
    defer { try? FileManager.default.removeItem(atPath: path) }
    var bytes = Array("$ORIGIN example.com.\n$TTL 300\n; M".utf8) + [0xFC]
    bytes += Array("ller\n@ TXT \"x\"\n".utf8)
    #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    #expect(try ZoneFile.load(path: path).records.count == 1)
  }

  @Test func theApexIsTheSOAOwnerElseTheFirstOrigin() throws {
    #expect(try ZoneFile.parse("$ORIGIN a.test.\n$TTL 1\nx TXT \"x\"\n").origin.text == "a.test")
    let named = try ZoneFile.parse("$TTL 1\nx TXT \"x\"\n", origin: try DomainName("b.test"))
    #expect(named.origin.text == "b.test")
    let soa = try ZoneFile.parse(
      "$ORIGIN c.test.\n$TTL 1\nsub SOA ns h 1 1 1 1 1\nx.sub TXT \"x\"\n")
    #expect(soa.origin.text == "sub.c.test")
  }

  @Test func containsIsTheNamesTheZoneAnswersFor() throws {
    let zone = try Self.zone("sub NS ns.elsewhere.net.\nwww A 192.0.2.1")
    #expect(zone.contains(try DomainName("example.com")))
    #expect(zone.contains(try DomainName("www.example.com")))
    #expect(zone.contains(try DomainName("nothing.example.com")))
    #expect(!zone.contains(try DomainName("sub.example.com")))
    #expect(!zone.contains(try DomainName("a.sub.example.com")))
    #expect(!zone.contains(try DomainName("example.net")))
  }
}
