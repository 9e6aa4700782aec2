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

  static func profile(_ statuses: [RequirementStatus], ready: Bool = true) -> ProfileVerdict {
    ProfileVerdict(
      id: "p", title: LocalizedText(en: "P", de: "P"), ready: ready,
      requirements: statuses.enumerated().map { index, status in
        RequirementResult(id: "r\(index)", title: LocalizedText(en: "", de: ""), status: status)
      })
  }

  /// A profile none of whose requirements could be judged is not judged, whatever else it
  /// holds; a failure or an unknown still decides; a profile with no requirements is ready.
  @Test func aProfileWithNothingJudgedIsNotJudged() {
    #expect(Self.profile([]).state == .ready)
    #expect(Self.profile([.notCheckable]).state == .notJudged)
    #expect(Self.profile([.notChecked, .notCheckable]).state == .notJudged)
    #expect(Self.profile([.notCheckable, .passed]).state == .ready)
    #expect(Self.profile([.notCheckable, .failed], ready: false).state == .notReady)
    #expect(Self.profile([.unknown, .notChecked], ready: false).state == .incomplete)
    #expect(Self.profile([.passed, .failed, .unknown], ready: false).state == .notReady)
    // It adds nothing to the headline.
    #expect(DomainReport(domain: "a", profiles: [Self.profile([.notCheckable])]).verdict == .ready)
  }

  /// `diff` compares the verdicts of profiles judged on both sides: ready to not ready is a
  /// change that makes the run worse; a profile the run could judge none of on either side
  /// has no verdict to compare.
  @Test func diffComparesOnlyJudgedProfiles() {
    func report(_ profile: ProfileVerdict) -> DomainReport {
      DomainReport(domain: "a", profiles: [profile])
    }
    let ready = Self.profile([.passed, .notCheckable])
    let failed = Self.profile([.failed, .notCheckable], ready: false)
    let notJudged = Self.profile([.notCheckable], ready: false)
    let worse = ReportDiff(before: report(ready), after: report(failed))
    #expect(worse.verdicts.map(\.after) == [false])
    #expect(worse.gotWorse(failOn: .error))
    #expect(
      ReportDiff(before: report(failed), after: report(ready)).verdicts.map(\.after) == [true])
    for (before, after) in [(ready, notJudged), (notJudged, ready), (notJudged, failed)] {
      let diff = ReportDiff(before: report(before), after: report(after))
      #expect(diff.verdicts.isEmpty)
      #expect(!diff.gotWorse(failOn: .error))
    }
  }
}
