/// How bad a finding is: `error` (mail will fail or be rejected), `warning` (works now, fragile
/// or against advice), `note`.
public enum Severity: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
  case note
  case warning
  case error

  private var rank: Int {
    switch self {
    case .note: 0
    case .warning: 1
    case .error: 2
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
