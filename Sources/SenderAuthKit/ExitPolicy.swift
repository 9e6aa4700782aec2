import SenderAuthCore
import SenderAuthRules

/// The exit statuses of DESIGN.md, for CI.
public enum ExitStatus: Int32, Sendable {
  /// No finding at or above `--fail-on`.
  case ok = 0
  /// At least one finding at or above `--fail-on` (for `diff`: something got worse).
  case findings = 1
  /// Usage error or bad input.
  case usage = 2
  /// DNS lookups failed so that a verdict could not be reached, and nothing else failed.
  case dnsFailure = 3
}

/// The one rule that turns reports into an exit status, for every command.
public struct ExitPolicy: Sendable {
  /// The lowest severity that fails the run.
  public var failOn: Severity

  public init(failOn: Severity = .error) {
    self.failOn = failOn
  }

  /// 1 when a finding reaches `failOn`; else 3 when a verdict could not be reached because
  /// lookups failed; else 0. Findings that stand for failed lookups never count as findings.
  public func status(for reports: [DomainReport]) -> ExitStatus {
    var facts = ExitFacts()
    for report in reports { facts.add(report) }
    return status(for: facts)
  }

  /// The status of the reports `facts` was folded from.
  public func status(for facts: ExitFacts) -> ExitStatus {
    if let worst = facts.worst, worst >= failOn { return .findings }
    return facts.lookupFailed ? .dnsFailure : .ok
  }

  /// 1 when the change made something worse (a new finding at or above `failOn`, a rise in
  /// severity to it, a profile that was ready and is not); else 3 when lookups failed on
  /// either side; else 0.
  public func status(for diff: ReportDiff, before: DomainReport, after: DomainReport)
    -> ExitStatus
  {
    if diff.gotWorse(failOn: failOn, ignoring: RootCauses.lookupFailureIDs) { return .findings }
    return before.lookupFailed || after.lookupFailed ? .dnsFailure : .ok
  }
}

/// What the exit status needs from a run's reports, folded one report at a time, so a run
/// that streams its results keeps this instead of a report per domain.
public struct ExitFacts: Sendable {
  /// The highest severity of a finding that does not stand for failed lookups.
  public private(set) var worst: Severity?
  /// Whether lookups failed for some domain.
  public private(set) var lookupFailed = false

  public init() {}

  public mutating func add(_ report: DomainReport) {
    for finding in report.findings where !RootCauses.lookupFailureIDs.contains(finding.id) {
      if worst.map({ finding.severity > $0 }) ?? true { worst = finding.severity }
    }
    lookupFailed = lookupFailed || report.lookupFailed
  }
}
