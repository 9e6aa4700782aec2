import SenderAuthCore

/// A domain's overall verdict, shown first: ready, not ready, or incomplete because lookups
/// failed (a failure is never a verdict of its own).
public enum DomainVerdict: String, Hashable, Sendable, Codable {
  case ready
  case notReady
  case incomplete
}

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
  /// Not ready on any error or any profile not ready; else incomplete when a lookup failed;
  /// else ready.
  public var verdict: DomainVerdict {
    if findings.contains(where: { $0.severity == .error })
      || profiles.contains(where: { !$0.ready })
    {
      return .notReady
    }
    return lookupFailed ? .incomplete : .ready
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
