import SenderAuthCore
import SenderAuthReport
import Testing

/// The overall verdict: errors and unready profiles make a domain not ready; failed lookups
/// make an otherwise clean one incomplete, never ready.
@Suite struct DomainVerdictTests {
  static func finding(_ severity: Severity) -> Finding {
    Finding(id: "x.y", severity: severity, message: LocalizedText(en: "m", de: "m"))
  }

  static let unready = ProfileVerdict(
    id: "p", title: LocalizedText(en: "P", de: "P"), ready: false, requirements: [])

  @Test func warningsAloneLeaveTheDomainReady() {
    #expect(DomainReport(domain: "a", findings: [Self.finding(.warning)]).verdict == .ready)
  }

  @Test func anErrorOrAnUnreadyProfileMeansNotReady() {
    #expect(DomainReport(domain: "a", findings: [Self.finding(.error)]).verdict == .notReady)
    #expect(DomainReport(domain: "a", profiles: [Self.unready]).verdict == .notReady)
    #expect(
      DomainReport(domain: "a", findings: [Self.finding(.error)], lookupFailed: true).verdict
        == .notReady)
  }

  @Test func failedLookupsMakeACleanDomainIncomplete() {
    #expect(DomainReport(domain: "a", lookupFailed: true).verdict == .incomplete)
  }
}
