import DNSLookup
import SenderAuthCore

/// Reports each problem once: findings that follow from another reported finding are folded
/// into it, so that one cause gives one finding (and one fix) with the requirements it breaks
/// listed under it, instead of one finding per provider with the same fix.
public enum RootCauses {
  /// Findings that are the cause of every other finding about the domain.
  public static let domainWide: Set<String> = ["dns.domain-not-found"]
  /// The findings that stand for failed lookups: they lead to exit status 3, never 1.
  public static let lookupFailureIDs: Set<String> = ["dns.lookup-failed", "dns.deadline-exceeded"]

  /// The findings as reported, and for every rule id that failed the ids of the reported
  /// findings that stand for it (its own, or the causes it was folded into).
  public struct Folded: Sendable {
    public var findings: [Finding]
    public var links: [String: [String]]
  }

  /// Folds every finding whose causes are all reported (and, when the domain does not exist,
  /// every finding but the lookup failures) into those causes. A cause takes the highest
  /// severity of what was folded into it and lists the folded rule ids in `breaks`.
  public static func fold(_ findings: [Finding]) -> Folded {
    let present = Set(findings.map(\.id))
    let root = findings.first { domainWide.contains($0.id) }?.id
    var shown: [Finding] = []
    var folded: [(finding: Finding, causes: [String])] = []
    for finding in findings {
      var causes = finding.causes
      if let root, finding.id != root, !lookupFailureIDs.contains(finding.id) {
        causes = [root]
      }
      if !causes.isEmpty, !causes.contains(finding.id), causes.allSatisfy(present.contains) {
        folded.append((finding, causes))
      } else {
        shown.append(finding)
      }
    }
    // A cause that was folded itself stands for its own causes, down to reported findings
    // (a provider's requirement that follows from the message's DMARC failure, which follows
    // from a signature's missing key, links to the key's finding).
    let shownIDs = Set(shown.map(\.id))
    var causesOf: [String: [String]] = [:]
    for (finding, causes) in folded { causesOf[finding.id, default: []] += causes }
    func reported(_ id: String, _ visited: Set<String> = []) -> [String] {
      if shownIDs.contains(id) { return [id] }
      guard let causes = causesOf[id], !visited.contains(id) else { return [] }
      var out: [String] = []
      for cause in causes {
        for root in reported(cause, visited.union([id])) where !out.contains(root) {
          out.append(root)
        }
      }
      return out
    }
    var links: [String: [String]] = [:]
    for finding in shown where !(links[finding.id]?.contains(finding.id) ?? false) {
      links[finding.id, default: []].append(finding.id)
    }
    for (finding, direct) in folded {
      let causes = direct.flatMap { reported($0) }
      for cause in causes where !(links[finding.id]?.contains(cause) ?? false) {
        links[finding.id, default: []].append(cause)
      }
      for index in shown.indices where causes.contains(shown[index].id) {
        shown[index].severity = max(shown[index].severity, finding.severity)
        if !shown[index].breaks.contains(finding.id) { shown[index].breaks.append(finding.id) }
      }
    }
    return Folded(findings: shown, links: links)
  }

  /// The ids of the findings that report `failures`: `dns.deadline-exceeded` for lookups the
  /// deadline cut off, `dns.lookup-failed` for the others.
  public static func failureFindingIDs(_ failures: [LookupFailure]) -> [String] {
    var ids: [String] = []
    if failures.contains(where: { $0.error != .deadlineExceeded }) {
      ids.append("dns.lookup-failed")
    }
    if failures.contains(where: { $0.error == .deadlineExceeded }) {
      ids.append("dns.deadline-exceeded")
    }
    return ids
  }
}
