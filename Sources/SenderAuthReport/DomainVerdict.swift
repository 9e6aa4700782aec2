import SenderAuthCore

/// How many findings a report holds, by severity, and how many were suppressed.
public struct SeverityCounts: Hashable, Sendable, Codable {
  public var errors = 0
  public var warnings = 0
  public var notes = 0
  public var suppressed = 0

  public init(findings: [Finding], suppressed: Int = 0) {
    for finding in findings {
      switch finding.severity {
      case .error: errors += 1
      case .warning: warnings += 1
      case .note: notes += 1
      }
    }
    self.suppressed = suppressed
  }

  /// The count of `severity`.
  public subscript(_ severity: Severity) -> Int {
    switch severity {
    case .error: errors
    case .warning: warnings
    case .note: notes
    }
  }
}

extension DomainReport {
  /// The headline, from the same facts as the profiles so the two never disagree: not ready
  /// when a profile has a failed requirement or an error was found; else incomplete when a
  /// requirement could not be judged or a lookup failed; else ready.
  public var verdict: ReadinessState {
    if findings.contains(where: { $0.severity == .error })
      || profiles.contains(where: { $0.state == .notReady })
    {
      return .notReady
    }
    if lookupFailed || profiles.contains(where: { $0.state == .incomplete }) {
      return .incomplete
    }
    return .ready
  }

  /// The counts of this domain's findings.
  public var counts: SeverityCounts {
    SeverityCounts(findings: findings, suppressed: suppressed.count)
  }
}

extension Report {
  /// The counts over every domain.
  public var counts: SeverityCounts {
    SeverityCounts(
      findings: domains.flatMap(\.findings),
      suppressed: domains.map(\.suppressed.count).reduce(0, +))
  }
}
