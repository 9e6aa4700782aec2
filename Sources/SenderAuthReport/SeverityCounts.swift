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

  /// Adds `other`'s counts to these.
  public mutating func add(_ other: SeverityCounts) {
    errors += other.errors
    warnings += other.warnings
    notes += other.notes
    suppressed += other.suppressed
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
