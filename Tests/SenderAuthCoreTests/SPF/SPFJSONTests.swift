import DNSLookup
import Foundation
import SenderAuthCore
import Testing

/// The JSON field names of the tree and the evaluation are public API (`--format json`).
@Suite("SPF JSON")
struct SPFJSONTests {
  static func object(_ value: some Encodable) throws -> [String: Any] {
    let data = try JSONEncoder().encode(value)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  @Test("the lookup tree encodes counts, notes and children with stable names")
  func tree() async throws {
    let tree = try await spfTree(try spfFixture("include-missing"))
    let json = try Self.object(tree)
    #expect(
      Set(json.keys) == [
        "domain", "root", "lookups", "voidLookups", "voidLookupsIPv4", "voidLookupsIPv6",
        "truncated",
      ])
    #expect(json["lookups"] as? Int == 3)
    let root = try #require(json["root"] as? [String: Any])
    #expect(root["status"] as? String == "record")
    let terms = try #require(root["terms"] as? [[String: Any]])
    #expect(terms[0]["text"] as? String == "include:_nospf.example.com")
    #expect(terms[0]["totalLookups"] as? Int == 1)
    #expect(terms[0]["notes"] as? [String] == ["missing-target"])
    #expect(terms[1]["void"] as? Bool == true)
    let child = try #require(terms[2]["child"] as? [String: Any])
    #expect(child["domain"] as? String == "_ok.example.com")
    let decoded = try JSONDecoder().decode(SPFLookupTree.self, from: JSONEncoder().encode(tree))
    #expect(decoded == tree)
  }

  @Test("an evaluation encodes 'result' as the result string")
  func evaluation() async throws {
    let zone = try spfZone("$TTL 300\n@ IN TXT \"v=spf1 ip4:192.0.2.0/24 -all\"\n")
    let evaluation = await SPFEvaluator(resolver: zone).evaluate(
      ip: try #require(IPAddress("192.0.2.9")), sender: "a@example.com", helo: "mx.example.com")
    let json = try Self.object(evaluation)
    #expect(json["result"] as? String == "pass")
    #expect(json["matchedTerm"] as? String == "ip4:192.0.2.0/24")
    #expect((json["trace"] as? [[String: Any]])?.count == 2)
  }

  @Test("terms encode their text, position, kind and target, and decode again")
  func terms() throws {
    let record = SPFParser.parse("v=spf1 -include:_spf.example.com ra=abuse").record
    let data = try JSONEncoder().encode(record)
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let terms = try #require(json["terms"] as? [[String: Any]])
    #expect(terms[0]["qualifier"] as? String == "-")
    #expect(terms[0]["target"] as? String == "_spf.example.com")
    #expect(terms[0]["offset"] as? Int == 7)
    #expect(terms[1]["type"] as? String == "modifier")
    #expect(try JSONDecoder().decode(SPFRecord.self, from: data) == record)
  }
}
