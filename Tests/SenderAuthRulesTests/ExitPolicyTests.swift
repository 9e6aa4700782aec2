import SenderAuthCore
import SenderAuthKit
import Testing

/// The exit status of a run, from its reports or from the facts folded out of them one by one
/// (what a streamed run keeps), against the rule of DESIGN.md written out directly.
@Suite struct ExitPolicyTests {
  static func report(_ severities: [(String, Severity)], lookupFailed: Bool = false)
    -> DomainReport
  {
    DomainReport(
      domain: "example.test",
      findings: severities.map {
        Finding(id: $0.0, severity: $0.1, message: LocalizedText(en: "", de: ""))
      },
      lookupFailed: lookupFailed)
  }

  /// 1 when a finding that is not a failed lookup reaches `failOn`; else 3 when lookups
  /// failed; else 0.
  static func expected(_ reports: [DomainReport], failOn: Severity) -> SenderAuthKit.ExitStatus {
    let failing = reports.contains { report in
      report.findings.contains {
        $0.severity >= failOn && $0.id != "dns.lookup-failed" && $0.id != "dns.deadline-exceeded"
      }
    }
    if failing { return .findings }
    return reports.contains(where: \.lookupFailed) ? .dnsFailure : .ok
  }

  static let runs: [[DomainReport]] = [
    [],
    [report([])],
    [report([("spf.missing", .note)])],
    [report([("spf.missing", .warning)]), report([])],
    [report([("dmarc.missing", .error)])],
    [report([], lookupFailed: true)],
    [report([("dns.lookup-failed", .error)], lookupFailed: true)],
    [report([("dns.deadline-exceeded", .error)], lookupFailed: true), report([("x", .note)])],
    [report([("dns.lookup-failed", .error)], lookupFailed: true), report([("x", .error)])],
    [report([("x", .warning), ("y", .note)]), report([], lookupFailed: true)],
  ]

  @Test(arguments: [Severity.note, .warning, .error])
  func foldedFactsGiveTheStatusOfTheRule(failOn: Severity) {
    let policy = ExitPolicy(failOn: failOn)
    for reports in Self.runs {
      var facts = ExitFacts()
      for report in reports { facts.add(report) }
      let expected = Self.expected(reports, failOn: failOn)
      #expect(policy.status(for: facts) == expected, "\(reports.map(\.findings))")
      #expect(policy.status(for: reports) == expected)
    }
  }
}
