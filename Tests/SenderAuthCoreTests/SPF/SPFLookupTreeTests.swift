import DNSLookup
import Foundation
import SenderAuthCore
import Testing

/// Loads `Fixtures/spf/<name>.zone` from the repository (derived from this file's path).
func spfFixture(_ name: String) throws -> ZoneResolver {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  let path = root.appendingPathComponent("Fixtures/spf/\(name).zone").path
  return try ZoneResolver(zones: [try ZoneFile.load(path: path)])
}

/// A resolver for inline zone text (`$ORIGIN example.com.` unless the text sets one).
func spfZone(_ text: String, origin: String = "example.com") throws -> ZoneResolver {
  try ZoneResolver(zones: [try ZoneFile.parse(text, origin: try DomainName(origin))])
}

func spfTree(_ resolver: any DNSResolver, _ domain: String = "example.com") async throws
  -> SPFLookupTree
{
  let context = await SPFContext.fetch(domain: try DomainName(domain), resolver: resolver)
  return try #require(context.tree, "no SPF tree for \(domain)")
}

/// The worst-case counts of the walk match the hand counts written in each fixture.
@Suite("SPF lookup tree")
struct SPFLookupTreeTests {
  @Test("lookup-limit.zone: 14 lookups, duplicate include counted twice")
  func lookupLimit() async throws {
    let tree = try await spfTree(try spfFixture("lookup-limit"))
    #expect(tree.lookups == 14)
    #expect(tree.voidLookups == 0)
    let counts = tree.root.terms.map { "\($0.text)=\($0.totalLookups)" }
    #expect(
      counts == [
        "include:_a.example.com=6", "include:_b.example.com=6", "mx=1", "a=1", "~all=0",
      ])
    let duplicates = tree.terms.filter { $0.term.notes.contains(.duplicate) }
    #expect(duplicates.map(\.term.text) == ["include:_c.example.com"])
    #expect(tree.terms.contains { $0.term.notes.contains(.ptr) })
    #expect(!tree.truncated)
  }

  @Test("void-lookups.zone: the AAAA-only name is void for IPv4 clients, macro unqueried")
  func voidLookups() async throws {
    let tree = try await spfTree(try spfFixture("void-lookups"))
    #expect(tree.lookups == 5)
    #expect(tree.voidLookupsIPv4 == 4)
    #expect(tree.voidLookupsIPv6 == 3)
    #expect(tree.voidLookups == 4)
    let void = tree.root.terms.filter(\.void).map(\.text)
    #expect(void == ["a:gone1.example.com", "a:gone2.example.com", "mx:nomx.example.com"])
    let ipv4Only = tree.root.terms.filter { $0.voidIPv4 && !$0.voidIPv6 }.map(\.text)
    #expect(ipv4Only == ["a:v6only.example.com"])
    let macro = try #require(tree.root.terms.first { $0.notes.contains(.macro) })
    #expect(macro.text == "exists:%{i}.bl.example.com")
    #expect(macro.lookups == 1)
    #expect(macro.target == nil)
  }

  @Test("include-missing.zone: two targets without SPF, one of them void")
  func includeMissing() async throws {
    let tree = try await spfTree(try spfFixture("include-missing"))
    #expect(tree.lookups == 3)
    #expect(tree.voidLookups == 1)
    let missing = tree.root.terms.filter { $0.notes.contains(.missingTarget) }.map(\.text)
    #expect(missing == ["include:_nospf.example.com", "include:_gone.example.com"])
    #expect(tree.root.terms[1].child?.status == .nxdomain)
    #expect(tree.root.terms[0].child?.status == .noRecord)
  }

  @Test("include-loop.zone: the loop is marked and the walk ends")
  func includeLoop() async throws {
    let tree = try await spfTree(try spfFixture("include-loop"))
    #expect(tree.lookups == 3)
    let loops = tree.terms.filter { $0.term.notes.contains(.loop) }
    #expect(loops.map(\.node.domain) == ["_loop2.example.com"])
  }

  @Test(
    "policies.zone: per-owner counts",
    arguments: [
      ("plus", 0), ("neutral", 1), ("noall", 1), ("redir", 0), ("after", 1), ("ptr", 1),
      ("good", 3),
    ])
  func policies(owner: String, lookups: Int) async throws {
    let tree = try await spfTree(try spfFixture("policies"), "\(owner).example.com")
    #expect(tree.lookups == lookups)
    #expect(tree.voidLookups == 0)
  }

  @Test("policies.zone: redirect beside all is ignored, terms after all are marked")
  func ignoredTerms() async throws {
    let resolver = try spfFixture("policies")
    let redirect = try await spfTree(resolver, "redir.example.com")
    #expect(redirect.root.terms.last?.notes == [.redirectIgnored])
    #expect(redirect.root.terms.last?.child == nil)
    let after = try await spfTree(resolver, "after.example.com")
    #expect(
      after.root.terms.filter { $0.notes.contains(.afterAll) }.map(\.text) == [
        "mx", "include:_spf.example.com",
      ])
  }

  @Test("mx-too-many.zone: 11 MX hosts, one lookup")
  func mxTooMany() async throws {
    let tree = try await spfTree(try spfFixture("mx-too-many"))
    #expect(tree.lookups == 1)
    #expect(tree.root.terms[0].mxHosts == 11)
    #expect(tree.root.terms[0].notes == [.mxTooMany])
  }

  @Test("multiple-records.zone: both records found, the first walked")
  func multipleRecords() async throws {
    let resolver = try spfFixture("multiple-records")
    let context = await SPFContext.fetch(domain: try DomainName("example.com"), resolver: resolver)
    #expect(context.candidates.count == 2)
    #expect(context.tree?.root.status == .multipleRecords)
    #expect(context.tree?.lookups == 1)
  }

  @Test("syntax.zone: the parse issues sit in the tree with their offsets")
  func syntax() async throws {
    let tree = try await spfTree(try spfFixture("syntax"))
    #expect(tree.root.issues.map(\.offset) == [11, 23])
    #expect(tree.root.issues.map(\.term) == ["ip4:192.0.2.300", "inclde:_spf.example.com"])
    #expect(tree.root.issues.map(\.code) == ["invalid-address", "unknown-mechanism"])
    #expect(tree.lookups == 1)
  }

  @Test("too-long.zone: a 612-octet record in three strings, one lookup")
  func tooLong() async throws {
    let tree = try await spfTree(try spfFixture("too-long"))
    #expect(tree.root.record?.utf8.count == 612)
    #expect(tree.lookups == 1)
  }

  @Test("a hostile tree of 300 includes per level terminates within the limits")
  func hostileTree() async throws {
    var zone = "$ORIGIN example.com.\n$TTL 300\n"
    // 60 includes, one character-string each (a string holds at most 255 octets).
    let wide = (0..<60).map { "\"include:n\($0).example.com \"" }.joined(separator: " ")
    zone += "@ IN TXT \"v=spf1 \" \(wide) \"-all\"\n"
    for index in 0..<60 {
      zone +=
        "n\(index) IN TXT \"v=spf1 include:example.com include:n\((index + 1) % 60).example.com\"\n"
    }
    let context = await SPFContext.fetch(
      domain: try DomainName("example.com"), resolver: try spfZone(zone))
    let tree = try #require(context.tree)
    #expect(tree.nodes.count <= SPFLookupTree.Limits.standard.nodes + 1)
    #expect(tree.lookups > 10)
    #expect(tree.terms.contains { $0.term.notes.contains(.loop) })
  }

  /// A record whose terms look up A/AAAA, MX (two hosts, one named by both `mx` terms) and
  /// A, and an include.
  static let lookupsZone = """
    $TTL 300
    @ IN TXT "v=spf1 a mx mx:alt.example.com exists:e.example.com include:inc.example.com -all"
    @ IN A 192.0.2.1
    @ IN MX 10 m1.example.com.
    @ IN MX 20 m2.example.com.
    alt IN MX 10 m2.example.com.
    m1 IN A 192.0.2.11
    m1 IN AAAA 2001:db8::11
    m2 IN A 192.0.2.12
    inc IN TXT "v=spf1 a:missing.example.com -all"
    """

  @Test("the fetch keeps each term's answers in order and each mx host's A and AAAA")
  func fetchedLookups() async throws {
    let root = try DomainName("example.com")
    let context = await SPFContext.fetch(domain: root, resolver: try spfZone(Self.lookupsZone))
    let apex = try #require(context.fetched[root])
    // Terms 0 to 3 query DNS; the include (4) is fetched as a domain of its own.
    #expect(apex.termLookups.keys.sorted() == [0, 1, 2, 3])
    func types(_ results: [LookupResult]?) -> [RRType?] { (results ?? []).map { $0.answer?.type } }
    #expect(types(apex.termLookups[0]) == [.a, .aaaa])
    #expect(types(apex.termLookups[1]) == [.mx])
    #expect(types(apex.termLookups[2]) == [.mx])
    #expect(types(apex.termLookups[3]) == [.a])
    #expect(apex.termLookups[3]?.first?.answer?.status == .nxdomain)
    // m2 is named by both mx terms: asked for each (as before the walk), kept once.
    #expect(apex.hostLookups.keys.map(\.text).sorted() == ["m1.example.com", "m2.example.com"])
    for host in apex.hostLookups.values { #expect(types(host) == [.a, .aaaa]) }
    let m2 = apex.hostLookups[try DomainName("m2.example.com")]
    #expect(m2?.map { $0.answer?.records.count } == [1, 0])
    let include = try #require(context.fetched[try DomainName("inc.example.com")])
    #expect(types(include.termLookups[0]) == [.a, .aaaa])
    #expect(include.hostLookups.isEmpty)
    #expect(context.fetched.count == 2)
    #expect(context.failures.isEmpty)
  }

  @Test("a failed lookup of the fetch says what it was for")
  func fetchedFailurePurposes() async throws {
    let resolver = Failing(
      zones: try spfZone(Self.lookupsZone),
      failing: ["inc.example.com", "e.example.com", "m1.example.com"])
    let context = await SPFContext.fetch(domain: try DomainName("example.com"), resolver: resolver)
    let failures = context.failures.map { "\($0.name.text) \($0.type.mnemonic) \($0.purpose)" }
    #expect(
      failures.sorted() == [
        "e.example.com A SPF term lookup (A)",
        "inc.example.com TXT SPF record of an include/redirect target",
        "m1.example.com A SPF mx host lookup (A)",
        "m1.example.com AAAA SPF mx host lookup (AAAA)",
      ])
  }

  @Test("the fetch keeps to its limits and ends on a record that includes itself")
  func fetchLimits() async throws {
    let root = try DomainName("example.com")
    let resolver = try spfZone(Self.lookupsZone)
    // No level below the domain: the include is not fetched, the terms are.
    let flat = await SPFContext.fetch(
      domain: root, resolver: resolver, limits: .init(depth: 0, nodes: 120))
    #expect(flat.fetched.keys.map(\.text) == ["example.com"])
    #expect(flat.fetched[root]?.termLookups.keys.sorted() == [0, 1, 2, 3])
    // One domain and eight queries: a (2), mx (1), mx (1), exists (1), then three for hosts,
    // which take two each: one host's pair fits.
    let tight = await SPFContext.fetch(
      domain: root, resolver: resolver, limits: .init(depth: 12, nodes: 1))
    #expect(tight.fetched.count == 1)
    #expect(tight.fetched[root]?.termLookups.keys.sorted() == [0, 1, 2, 3])
    #expect(tight.fetched[root]?.hostLookups.count == 1)
    // A record that includes itself (twice) is fetched once.
    let looped = await SPFContext.fetch(
      domain: root,
      resolver: try spfZone(
        "$TTL 300\n@ IN TXT \"v=spf1 include:example.com include:example.com -all\"\n"))
    #expect(looped.fetched.count == 1)
    #expect(looped.failures.isEmpty)
  }

  @Test("children of a record are fetched concurrently")
  func concurrentFetch() async throws {
    let includes = (0..<8).map { "include:i\($0).example.com" }.joined(separator: " ")
    var zone = "$TTL 300\n@ IN TXT \"v=spf1 \(includes) -all\"\n"
    for index in 0..<8 {
      zone += "i\(index) IN TXT \"v=spf1 a -all\"\ni\(index) IN A 192.0.2.\(index)\n"
    }
    let counting = InFlightCounter(wrapping: try spfZone(zone))
    let tree = try await spfTree(counting)
    #expect(tree.lookups == 16)
    #expect(await counting.peak > 1)
  }
}

/// Delays every query a little and records the most queries in flight at once.
final class InFlightCounter: DNSResolver, @unchecked Sendable {
  let wrapped: any DNSResolver
  private let lock = NSLock()
  private var current = 0
  private var maximum = 0

  init(wrapping resolver: any DNSResolver) { wrapped = resolver }

  var peak: Int {
    get async { lock.withLock { maximum } }
  }

  func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
    lock.withLock {
      current += 1
      maximum = max(maximum, current)
    }
    try? await Task.sleep(nanoseconds: 20_000_000)
    defer { lock.withLock { current -= 1 } }
    return try await wrapped.query(name, type)
  }
}
