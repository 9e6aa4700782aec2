/// What changed between two reports of the same domain: findings new, resolved, changed and
/// unchanged, and profile verdicts that changed. Drives `senderauth diff`.
public struct ReportDiff: Hashable, Sendable, Codable {
  /// A finding present on both sides whose message or severity changed.
  public struct Changed: Hashable, Sendable, Codable {
    public var before: Finding
    public var after: Finding
  }

  /// A profile whose verdict differs between the sides.
  public struct VerdictChange: Hashable, Sendable, Codable {
    public var id: String
    public var title: LocalizedText
    public var before: Bool
    public var after: Bool
  }

  public var domain: String
  public var new: [Finding]
  public var resolved: [Finding]
  public var changed: [Changed]
  public var unchanged: [Finding]
  public var verdicts: [VerdictChange]

  /// Pairs findings by rule id and record (owner and type); several findings of one rule at one
  /// record pair up by message first, then in order.
  public init(before: DomainReport, after: DomainReport) {
    domain = after.domain
    var remaining = before.findings
    var new: [Finding] = []
    var changed: [Changed] = []
    var unchanged: [Finding] = []
    var unmatched: [Finding] = []
    for finding in after.findings {
      if let index = remaining.firstIndex(where: {
        Self.key($0) == Self.key(finding) && $0.message == finding.message
          && $0.severity == finding.severity
      }) {
        remaining.remove(at: index)
        unchanged.append(finding)
      } else {
        unmatched.append(finding)
      }
    }
    for finding in unmatched {
      if let index = remaining.firstIndex(where: { Self.key($0) == Self.key(finding) }) {
        changed.append(Changed(before: remaining.remove(at: index), after: finding))
      } else {
        new.append(finding)
      }
    }
    self.new = new
    self.resolved = remaining
    self.changed = changed
    self.unchanged = unchanged
    // A profile the run could judge none of on either side has no verdict to compare.
    verdicts = after.profiles.compactMap { profile in
      guard let old = before.profiles.first(where: { $0.id == profile.id }),
        old.ready != profile.ready, old.state != .notJudged, profile.state != .notJudged
      else { return nil }
      return VerdictChange(
        id: profile.id, title: profile.title, before: old.ready, after: profile.ready)
    }
  }

  static func key(_ finding: Finding) -> String {
    "\(finding.id)|\(finding.location?.name ?? "")|\(finding.location?.type ?? "")"
  }

  /// True when something got worse: a new finding (or one whose severity rose) at or above
  /// `failOn`, or a profile going from ready to not ready. Failed lookups do not count here.
  public func gotWorse(failOn: Severity, ignoring ignoredIDs: Set<String> = []) -> Bool {
    let newFailing = new.contains { $0.severity >= failOn && !ignoredIDs.contains($0.id) }
    let rose = changed.contains {
      $0.after.severity >= failOn && $0.after.severity > $0.before.severity
        && !ignoredIDs.contains($0.after.id)
    }
    let lostReady = verdicts.contains { $0.before && !$0.after }
    return newFailing || rose || lostReady
  }
}
