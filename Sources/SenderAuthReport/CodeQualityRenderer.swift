import SenderAuthCore

/// The `codequality` format: GitLab's code quality report (a subset of Code Climate's JSON), one
/// issue per finding, for `artifacts:reports:codequality`. Each issue has the rule id as
/// `check_name`, the message as `description`, a severity (error → critical, warning → major,
/// note → info), a stable `fingerprint`, and the file and line it points at (`FindingPlace`;
/// line 1 when there is none, as GitLab requires one). Suppressed findings are left out: the
/// report lists what needs work.
public enum CodeQualityRenderer {
  public static func render(_ report: Report, options: RenderOptions) -> String {
    var issues: [Issue] = []
    for domain in report.domains {
      for finding in domain.findings {
        let place = FindingPlace(finding, domain: domain.domain, options: options)
        issues.append(
          Issue(
            description: TerminalText.escape(finding.message.text(options.language)),
            checkName: finding.id,
            fingerprint: FindingPlace.fingerprint(finding, domain: domain.domain),
            severity: severity(finding.severity),
            location: .init(path: place.path, lines: .init(begin: place.line ?? 1))))
      }
    }
    return JSONText.pretty(issues)
  }

  static func severity(_ severity: Severity) -> String {
    switch severity {
    case .error: "critical"
    case .warning: "major"
    case .note: "info"
    }
  }

  /// One code quality issue; the keys are GitLab's.
  struct Issue: Encodable {
    var description: String
    var checkName: String
    var fingerprint: String
    var severity: String
    var location: Location

    enum CodingKeys: String, CodingKey {
      case description
      case checkName = "check_name"
      case fingerprint
      case severity
      case location
    }

    struct Location: Encodable {
      var path: String
      var lines: Lines
    }

    struct Lines: Encodable {
      var begin: Int
    }
  }
}
