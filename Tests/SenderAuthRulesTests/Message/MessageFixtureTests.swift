import DNSLookup
import Foundation
import SenderAuthCore
import SenderAuthRules
import Testing

/// Each ESP's message fixture, aligned and misaligned, hand-written from the headers the
/// service documents (and delivered messages show): what a receiver concludes, predicted from
/// the fixture zones, and the findings that say what to change.
@Suite struct MessageFixtureTests {
  struct Case: Sendable, CustomStringConvertible {
    var file: String
    var dmarc: MessagePrediction.DMARC.Result
    var policy: String?
    var spf: String
    var spfAligned: Bool?
    /// (d=, key found, aligned) per signature.
    var dkim: [(String, Bool?, Bool?)]
    var sender: String
    var findings: [String] = []
    var description: String { file }
  }

  static let cases: [Case] = [
    Case(
      file: "sendgrid-aligned.eml", dmarc: .pass, policy: "quarantine", spf: "pass",
      spfAligned: true,
      dkim: [("sg-brand.example", true, true), ("sendgrid.info", true, false)],
      sender: "sendgrid"),
    Case(
      file: "sendgrid-misaligned.eml", dmarc: .fail, policy: "quarantine", spf: "pass",
      spfAligned: false, dkim: [("sendgrid.info", true, false)], sender: "sendgrid",
      findings: ["message.dmarc-fail", "esp.dkim-missing", "esp.return-path-missing"]),
    Case(
      file: "mailjet-aligned.eml", dmarc: .pass, policy: "none", spf: "pass", spfAligned: false,
      dkim: [("mj-brand.example", true, true)], sender: "mailjet"),
    Case(
      file: "mailjet-misaligned.eml", dmarc: .fail, policy: "quarantine", spf: "pass",
      spfAligned: false, dkim: [("mj-nokey.example", false, true)], sender: "mailjet",
      findings: ["message.dkim-key-missing"]),
    Case(
      file: "hubspot-aligned.eml", dmarc: .pass, policy: "reject", spf: "pass",
      spfAligned: false, dkim: [("hs-brand.example", true, true)], sender: "hubspot"),
    Case(
      file: "hubspot-misaligned.eml", dmarc: .fail, policy: "quarantine", spf: "pass",
      spfAligned: false, dkim: [("brandmail.example", true, false)], sender: "hubspot",
      findings: ["message.dmarc-fail", "esp.dkim-missing"]),
    Case(
      file: "microsoft-365-aligned.eml", dmarc: .pass, policy: "reject", spf: "pass",
      spfAligned: true, dkim: [("m365-brand.example", true, true)], sender: "microsoft-365"),
    Case(
      file: "microsoft-365-misaligned.eml", dmarc: .fail, policy: "quarantine", spf: "fail",
      spfAligned: true, dkim: [("m365new.onmicrosoft.com", true, false)],
      sender: "microsoft-365",
      findings: ["message.dmarc-fail", "message.spf-fail", "esp.spf-include-missing"]),
    Case(
      file: "google-workspace-aligned.eml", dmarc: .pass, policy: "none", spf: "pass",
      spfAligned: true, dkim: [("gw-brand.example", true, true)], sender: "google-workspace"),
    Case(
      file: "google-workspace-misaligned.eml", dmarc: .fail, policy: "quarantine",
      spf: "softfail", spfAligned: true,
      dkim: [("gw-default-example.20230601.gappssmtp.com", true, false)],
      sender: "google-workspace",
      findings: ["message.dmarc-fail", "message.spf-fail", "esp.spf-include-missing"]),
    Case(
      file: "amazon-ses-aligned.eml", dmarc: .pass, policy: "quarantine", spf: "pass",
      spfAligned: true,
      dkim: [("ses-brand.example", true, true), ("amazonses.com", true, false)],
      sender: "amazon-ses"),
    Case(
      file: "amazon-ses-misaligned.eml", dmarc: .fail, policy: "reject", spf: "pass",
      spfAligned: false, dkim: [("amazonses.com", true, false)], sender: "amazon-ses",
      findings: ["message.dmarc-fail"]),
    Case(
      file: "mailchimp-aligned.eml", dmarc: .pass, policy: "none", spf: "pass",
      spfAligned: false, dkim: [("mc-brand.example", true, true), ("mcsv.net", true, false)],
      sender: "mailchimp"),
    Case(
      file: "mailchimp-misaligned.eml", dmarc: .fail, policy: "quarantine", spf: "pass",
      spfAligned: false, dkim: [("mcsv.net", true, false)], sender: "mailchimp",
      findings: ["message.dmarc-fail", "esp.dkim-missing"]),
  ]

  @Test(arguments: cases)
  func predictsWhatTheReceiverConcluded(_ example: Case) async throws {
    let result = try await MessageFixtures.result(example.file)
    let prediction = try #require(result.report.message)
    #expect(prediction.dmarc.result == example.dmarc)
    #expect(prediction.dmarc.policy == example.policy)
    #expect(prediction.spf.result == example.spf)
    #expect(prediction.spf.aligned == example.spfAligned)
    #expect(prediction.dkim.count == example.dkim.count)
    for (signature, expected) in zip(prediction.dkim, example.dkim) {
      #expect(signature.domain == expected.0)
      #expect(signature.keyFound == expected.1, "\(signature)")
      #expect(signature.aligned == expected.2, "\(signature)")
    }
    // The receiver's own verdict in the fixture agrees with the prediction.
    #expect(prediction.receiver?.dmarc == example.dmarc.rawValue)
    #expect(prediction.differences.isEmpty, "\(prediction.differences.map(\.en))")
    let ids = Set(result.report.findings.map(\.id))
    for id in example.findings { #expect(ids.contains(id), "\(id) missing: \(ids.sorted())") }
    if example.dmarc == .pass {
      #expect(!ids.contains { $0.hasPrefix("message.") }, "\(ids.sorted())")
    }
    // The service that sent it is named, from the message.
    let sender = result.report.esps.first { $0.id == example.sender }
    #expect(sender != nil, "\(result.report.esps.map(\.id))")
  }

  @Test(arguments: cases.filter { $0.dmarc == .fail })
  func aFailingMessageSaysWhatToChangeInBothLanguages(_ example: Case) async throws {
    let result = try await MessageFixtures.result(example.file)
    let findings = result.report.findings.filter { $0.id.hasPrefix("message.") }
    #expect(!findings.isEmpty)
    for finding in findings {
      #expect(finding.message.isComplete)
      #expect(finding.message.en != finding.message.de)
      if let fix = finding.fix {
        #expect(fix.explanation.isComplete)
        #expect(fix.explanation.en != fix.explanation.de)
      }
    }
    // The failure is stated at error severity where the policy quarantines or rejects.
    let headline =
      findings.first { $0.breaks.contains("message.dmarc-fail") }
      ?? findings.first { $0.id == "message.dmarc-fail" }
    #expect(headline?.severity == .error, "\(findings.map(\.id))")
  }
}
