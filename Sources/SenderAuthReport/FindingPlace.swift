import SenderAuthCore

/// The file a finding points at, for formats that need one for every finding (SARIF, GitLab
/// code quality): the zone file and line the record came from; for live DNS the project
/// configuration at the line naming the domain, when the run read one; else `dns/<domain>`,
/// a relative path that stands for the domain's live DNS and is no file.
struct FindingPlace: Hashable, Sendable {
  /// A path as given (relative paths stay relative to the repository's root).
  var path: String
  /// The 1-based line, when known.
  var line: Int?

  init(_ finding: Finding, domain: String, options: RenderOptions) {
    if let file = finding.location?.file {
      path = file
      line = finding.location?.line.flatMap { $0 >= 1 ? $0 : nil }
    } else if let configuration = options.configuration {
      path = configuration.path
      line = configuration.lines[domain.lowercased()]
    } else {
      path = "dns/" + domain
      line = nil
    }
  }

  /// A key that stays the same for the same finding on the same record from run to run,
  /// whatever line it moves to: FNV-1a (64 bit) of domain, id, owner and type, as hex.
  static func fingerprint(_ finding: Finding, domain: String) -> String {
    let parts = [domain, finding.id, finding.location?.name ?? "", finding.location?.type ?? ""]
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in parts.joined(separator: "\u{1f}").utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
