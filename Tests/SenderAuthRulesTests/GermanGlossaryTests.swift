import Foundation
import SenderAuthCore
import SenderAuthRules
import Testing

/// Every German text the rules produce keeps to the project's glossary (`GermanGlossary`,
/// `docs/glossary.de.md`): the catalog's descriptions and every finding, fix, profile verdict
/// and sending-service note of every rule example, run through the real session in German.
/// The texts are collected from the encoded values (every `LocalizedText`), so new rules and
/// new tables are checked without being listed here.
@Suite struct GermanGlossaryTests {
  /// German texts, split by owner: the mailbox-provider rules' (whose texts the provider
  /// table of issue 18 rewrites) and everyone else's.
  struct Texts {
    var own: [String] = []
    var provider: [String] = []

    static func + (lhs: Texts, rhs: Texts) -> Texts {
      Texts(own: lhs.own + rhs.own, provider: lhs.provider + rhs.provider)
    }
  }

  /// The ids of the rules outside `Providers/`.
  static let ownIDs = Set(
    (DNSRules.all + SPFRules.all + DMARCRules.all + DKIMRules.all + ESPRules.all + IPRules.all)
      .map(\.description.id))

  /// Every German text in `value`: the `de` of each encoded `LocalizedText`, attributed to a
  /// provider rule when it sits under an object whose `id` is a rule id of none of our groups.
  static func germanTexts(_ value: some Encodable) throws -> Texts {
    let data = try JSONEncoder().encode(value)
    var texts = Texts()
    func walk(_ node: Any, provider: Bool) {
      if let object = node as? [String: Any] {
        if object.count == 2, object["en"] is String, let german = object["de"] as? String {
          if provider { texts.provider.append(german) } else { texts.own.append(german) }
          return
        }
        var provider = provider
        if let id = object["id"] as? String, id.contains("."), !ownIDs.contains(id) {
          provider = true
        }
        for child in object.values { walk(child, provider: provider) }
      } else if let array = node as? [Any] {
        for child in array { walk(child, provider: provider) }
      }
    }
    walk(try JSONSerialization.jsonObject(with: data), provider: false)
    return texts
  }

  /// Every German text keeps to the glossary: ours and the provider table's.
  static func check(_ texts: Texts, sourceLocation: SourceLocation = #_sourceLocation) {
    expectNoViolations(texts.own + texts.provider, sourceLocation: sourceLocation)
  }

  static func expectNoViolations(_ texts: [String], sourceLocation: SourceLocation) {
    let violations = Set(texts.flatMap(GermanGlossary.violations(in:)))
    let lines = violations.map(\.description).sorted()
    let report =
      "\(lines.count) German texts use discouraged terms:\n"
      + lines.joined(separator: "\n")
    #expect(lines.isEmpty, Comment(rawValue: report), sourceLocation: sourceLocation)
  }

  @Test func catalogDescriptionsKeepToTheGlossary() throws {
    Self.check(try Self.germanTexts(RuleCatalog.all.map(\.description)))
  }

  @Test func everyExampleReportKeepsToTheGlossary() async throws {
    var texts = Texts()
    for rule in RuleCatalog.all {
      let description = rule.description
      for example in description.triggering + description.nonTriggering {
        let result = try await RuleExampleRunner.result(for: example)
        texts = texts + (try Self.germanTexts(result.report))
      }
    }
    #expect(texts.own.count > 500, "the examples produced \(texts.own.count) German texts")
    Self.check(texts)
  }

  @Test func matchesWholeWordsOnly() {
    #expect(GermanGlossary.violations(in: "Empfänger lehnen ab").count == 1)
    #expect(GermanGlossary.violations(in: "Empfängerpostfach, Versanddienste").isEmpty)
    // People are Empfänger.
    #expect(
      GermanGlossary.violations(in: "Senden Sie nur an Empfänger, die zugestimmt haben").isEmpty)
    #expect(GermanGlossary.violations(in: "DNS-Abfrage ohne Ergebnis (Void-Lookup)").isEmpty)
    #expect(GermanGlossary.violations(in: "spart 1 DNS-Abfrage(n)").map(\.term) == ["(n)"])
  }
}
