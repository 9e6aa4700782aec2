import DNSLookup
import Foundation
import SenderAuthCore
import SenderAuthRules
import Testing

/// The receiver's own verdicts beside the prediction, and lookups that fail.
@Suite struct MessagePredictionTests {
  /// `name` with `edits` applied to its text, parsed.
  static func edited(_ name: String, _ edits: [(String, String)]) throws -> MessageHeaders {
    var text = String(decoding: try MessageFixtures.messageBytes(name), as: UTF8.self)
    for (from, to) in edits {
      #expect(text.contains(from), "\(from)")
      text = text.replacingOccurrences(of: from, with: to)
    }
    return try MessageHeaders.parse(Array(text.utf8))
  }

  @Test func aSignatureBrokenOnTheWayIsExplainedNotFixed() async throws {
    let headers = try Self.edited(
      "hubspot-aligned.eml",
      [
        (
          "dkim=pass header.i=@hs-brand.example",
          "dkim=fail (body hash did not verify) header.i=@hs-brand.example"
        ),
        ("dmarc=pass (p=REJECT", "dmarc=fail (p=REJECT"),
      ])
    let report = try await TestSession.report(
      MessageFixtures.resolver, domain: "hs-brand.example",
      options: CheckOptions(message: headers))
    let prediction = try #require(report.message)
    #expect(prediction.dmarc.result == .pass)
    #expect(prediction.differences.count == 2, "\(prediction.differences.map(\.en))")
    #expect(prediction.differences[0].en.contains("was changed on the way"))
    #expect(prediction.differences[0].en.contains("body hash did not verify"))
    #expect(prediction.differences[1].en.contains("follows from the difference above"))
    let notes = report.findings.filter { $0.id == "message.receiver-differs" }
    #expect(notes.count == 2)
    #expect(notes.allSatisfy { $0.fix == nil && $0.severity == .note })
  }

  @Test func aKeyRemovedSinceIsExplained() async throws {
    // The receiver verified d=mj-nokey.example; today its key is gone.
    let headers = try Self.edited(
      "mailjet-misaligned.eml",
      [
        ("dkim=permerror (no key for signature)", "dkim=pass"),
        ("dmarc=fail (p=quarantine dis=quarantine)", "dmarc=pass"),
      ])
    let report = try await TestSession.report(
      MessageFixtures.resolver, domain: "mj-nokey.example",
      options: CheckOptions(message: headers))
    let differences = try #require(report.message?.differences)
    #expect(differences.first?.en.contains("its key is not found today") == true)
    #expect(differences.first?.de.contains("heute aber nicht zu finden") == true)
  }

  @Test func aFailedKeyLookupMakesThePredictionUnknown() async throws {
    let headers = try MessageFixtures.message("hubspot-aligned.eml")
    let failing = RuleExampleRunner.Failing(
      names: [try DomainName("hs1-24681357._domainkey.hs-brand.example")],
      zones: try MessageFixtures.resolver)
    let result = try await TestSession.result(
      failing, domain: "hs-brand.example", options: CheckOptions(message: headers))
    let prediction = try #require(result.report.message)
    #expect(prediction.dkim.first?.keyFound == nil)
    #expect(prediction.dmarc.result == .unknown)
    #expect(!result.report.findings.contains { $0.id == "message.dmarc-fail" })
    #expect(result.report.unknown.contains("message.dmarc-fail"), "\(result.report.unknown)")
    #expect(result.report.verdict == .incomplete || result.report.verdict == .notReady)
  }
}
