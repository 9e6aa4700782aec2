import DNSLookup
import SenderAuthCore

/// `diff`: the same request run twice, once per side, each side either live DNS or a zone
/// file that replaces the zone with its apex (from `--zone` and the configuration).
public struct DiffRun: Sendable {
  /// One side of the comparison.
  public enum Side: Sendable, Equatable {
    case live
    case zone(String)

    /// `live`, or the path.
    public var label: String {
      switch self {
      case .live: "live"
      case .zone(let path): path
      }
    }
  }

  public var request: CheckRequest
  public var before: Side
  public var after: Side

  /// A diff of the request's single domain; a side that is a zone file must contain it.
  public init(request: CheckRequest, before: Side, after: Side) throws(RequestError) {
    guard request.domains.count == 1 else {
      throw RequestError(en: "diff takes one DOMAIN", de: "diff braucht genau eine DOMAIN")
    }
    if request.resolver.offline, before == .live || after == .live {
      throw RequestError(
        en: "'live' cannot be used with --offline",
        de: "'live' lässt sich nicht mit --offline verwenden")
    }
    self.request = request
    self.before = before
    self.after = after
  }

  /// Both sides' reports and what changed between them.
  public func run() async throws(RequestError) -> (
    before: DomainReport, after: DomainReport, diff: ReportDiff
  ) {
    let before = try await report(self.before)
    let after = try await report(self.after)
    return (before, after, ReportDiff(before: before, after: after))
  }

  private func report(_ side: Side) async throws(RequestError) -> DomainReport {
    var request = self.request
    let domain = request.domains[0].domain
    if case .zone(let path) = side {
      request.resolver.replacements = [path]
      let zone = try ZoneSources.parse(path)
      let holds =
        (try? ZoneSet([zone]).contains(domain)) == true
        && (zone.origin != .root || zone.records.contains { $0.name.isSubdomain(of: domain) })
      guard holds else {
        throw RequestError(
          en: "\(path) holds the zone '\(zone.origin.text)', which does not contain "
            + "'\(domain.text)'",
          de: "\(path) enthält die Zone '\(zone.origin.text)', zu der '\(domain.text)' nicht "
            + "gehört")
      }
    }
    let session = try Session(request)
    let result = await session.check(request.domains[0])
    try session.finish()
    return result.report
  }
}
