import Testing

@testable import DNSLookup

/// Each zone from exactly one file: a second file with the same apex is an error naming both;
/// `replacing` puts a file in place of the zone with its apex (what `diff --before/--after`
/// does); `contains` says whether a zone of the set answers for a name.
@Suite struct ZoneSetTests {
  static func zone(_ origin: String, file: String, _ body: String = "") throws -> ZoneFile {
    try ZoneFile.parse(
      "$ORIGIN \(origin).\n$TTL 300\n@ SOA ns hostmaster 1 3600 600 86400 60\n" + body,
      file: file)
  }

  @Test func twoFilesForOneApexAreAnErrorNamingBoth() throws {
    let first = try Self.zone("example.com", file: "a.zone", "@ TXT \"one\"\n")
    let second = try Self.zone("example.com", file: "b.zone", "@ TXT \"two\"\n")
    #expect(
      throws: ZoneSetError(
        apex: try DomainName("example.com"), firstFile: "a.zone", secondFile: "b.zone")
    ) { try ZoneSet([first, second]) }
    #expect(throws: ZoneSetError.self) { try ZoneResolver(zones: [first, second]) }
    do {
      _ = try ZoneSet([first, second])
    } catch {
      #expect(
        error.description
          == "a.zone and b.zone both hold the zone 'example.com.'; a zone is read from one file "
          + "(remove one, or merge them into one file)")
    }
  }

  @Test func theSameFileTwiceIsOneZone() throws {
    let zone = try Self.zone("example.com", file: "a.zone")
    #expect(try ZoneSet([zone, zone]).zones.count == 1)
  }

  @Test func aFileReplacesTheZoneWithItsApex() async throws {
    let deployed = try Self.zone("example.com", file: "zones/example.com.zone", "@ TXT \"old\"\n")
    let provider = try Self.zone("mailer.example", file: "zones/mailer.zone")
    let proposed = try Self.zone("example.com", file: "proposed.zone", "@ TXT \"new\"\n")
    let set = try ZoneSet([deployed, provider]).replacing(proposed)
    #expect(set.zones.map(\.file) == ["proposed.zone", "zones/mailer.zone"])
    let answer = try await ZoneResolver(zones: set).query(try DomainName("example.com"), .txt)
    #expect(answer.txtJoined == ["new"])
    let added = try ZoneSet([provider]).replacing(proposed)
    #expect(added.zones.map(\.file) == ["zones/mailer.zone", "proposed.zone"])
  }

  @Test func containsFollowsTheClosestZoneAndItsDelegations() throws {
    let parent = try Self.zone(
      "example.com", file: "p.zone", "sub NS ns.elsewhere.\nout NS ns.x.\n")
    let child = try Self.zone("sub.example.com", file: "c.zone")
    let set = try ZoneSet([parent, child])
    #expect(set.contains(try DomainName("www.example.com")))
    #expect(set.zone(containing: try DomainName("a.sub.example.com"))?.file == "c.zone")
    #expect(!set.contains(try DomainName("a.out.example.com")))
    #expect(!set.contains(try DomainName("example.org")))
    #expect(set.zone(at: try DomainName("sub.example.com"))?.file == "c.zone")
  }

  @Test func theResolverServesEachRRSetOnce() async throws {
    // Records appended after parsing (a fix applied to the zone) are collapsed as well.
    var zone = try Self.zone("example.com", file: "a.zone", "@ 100 TXT \"v=spf1 -all\"\n")
    zone.records.append(
      ResourceRecord(
        name: try DomainName("example.com"), type: .txt, ttl: 300,
        data: .txt([Array("v=spf1 -all".utf8)])))
    let answer = try await ZoneResolver(zones: [zone]).query(try DomainName("example.com"), .txt)
    #expect(answer.records.count == 1)
    #expect(answer.records.first?.ttl == 300)
  }
}
