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
    let failing = reports.flatMap(\.findings).contains {
      !RootCauses.lookupFailureIDs.contains($0.id) && $0.severity >= failOn
    }
    if failing { return .findings }
    if reports.contains(where: \.lookupFailed) { return .dnsFailure }
    return .ok
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
