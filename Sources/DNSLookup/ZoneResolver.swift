/// Answers questions from loaded zone files, as an authoritative server and a resolver would
/// together: names inside a loaded zone are answered from it (NXDOMAIN and NODATA included,
/// CNAMEs followed, RFC 4592 wildcards expanded); other names go to `fallback`, or get
/// NXDOMAIN when there is none (`--offline`).
public struct ZoneResolver: DNSResolver {
  /// One loaded zone. A class: every question looks through the zones, and a reference is one
  /// retain where a struct of names, sets and dictionaries was five.
  final class Zone: Sendable {
    let apex: DomainName
    let file: String
    let records: [DomainName: [ResourceRecord]]
    /// Every name that exists: owners and the empty non-terminals above them.
    let existing: Set<DomainName>
    let negativeTTL: UInt32?
    /// Owners of NS records below the apex: the zone is not authoritative at or below them.
    let delegations: Set<DomainName>

    /// The zone of `file`, every RRset as a server holds it.
    init(_ file: ZoneFile) {
      var records: [DomainName: [ResourceRecord]] = [:]
      var existing: Set<DomainName> = []
      var delegations: Set<DomainName> = []
      var negativeTTL: UInt32?
      for record in ZoneFile.collapsingRRSets(file.records, apex: file.origin).records {
        records[record.name, default: []].append(record)
        var name: DomainName? = record.name
        while let current = name, current.isSubdomain(of: file.origin) {
          if !existing.insert(current).inserted { break }
          name = current.parent
        }
        if record.type == .ns, record.name != file.origin {
          delegations.insert(record.name)
        }
        if case .soa(_, _, _, _, _, _, let minimum) = record.data, record.name == file.origin {
          negativeTTL = min(record.ttl, minimum)
        }
      }
      self.apex = file.origin
      self.file = file.file
      self.records = records
      self.existing = existing
      self.negativeTTL = negativeTTL
      self.delegations = delegations
    }

    /// True when `name` (inside the zone) lies at or below a delegation point.
    func isDelegated(_ name: DomainName) -> Bool {
      !delegations.isEmpty && ZoneFile.isDelegated(name, apex: apex, cuts: delegations)
    }
  }

  private let zones: [Zone]
  private let fallback: (any DNSResolver)?

  /// The `server` of the NXDOMAIN a name outside every zone gets without a fallback
  /// (`--offline`): made up, not a zone's answer.
  public static let outsideTheZones = "offline"

  /// CNAME hops followed before giving up (a loop or an absurd chain).
  public static let maximumChain = 16

  /// Answers from `zones`, each zone from its one file, every RRset as a server holds it
  /// (no duplicate records, one TTL: `ZoneFile.collapsingRRSets`).
  public init(zones: ZoneSet, fallback: (any DNSResolver)? = nil) {
    self.fallback = fallback
    let loaded = zones.zones.map(Zone.init)
    // Longest apex first, so the closest enclosing zone is found first.
    self.zones = loaded.sorted {
      $0.apex.labelCount > $1.apex.labelCount
    }
  }

  /// Answers from `zones`; two files with the same apex are an error naming both.
  public init(zones: [ZoneFile], fallback: (any DNSResolver)? = nil) throws(ZoneSetError) {
    self.init(zones: try ZoneSet(zones), fallback: fallback)
  }

  /// The apexes of the loaded zones.
  public var apexes: [DomainName] { zones.map(\.apex) }

  /// True when `name` lies inside a loaded zone (and is answered from it).
  public func covers(_ name: DomainName) -> Bool { zone(for: name) != nil }

  /// The closest enclosing zone that is authoritative for `name`; a name at or below a
  /// delegation the loaded zones do not include is left to the fallback, as a resolver would
  /// follow the referral.
  private func zone(for name: DomainName) -> Zone? {
    guard let zone = zones.first(where: { name.isSubdomain(of: $0.apex) }) else { return nil }
    return zone.isDelegated(name) ? nil : zone
  }

  public func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
    switch local(name, type) {
    case .done(let outcome):
      return try outcome.get()
    case .fallback(let resolver, let current, let chain):
      let answer = try await resolver.query(current, type)
      return Self.joined(answer, name: name, chain: chain)
    }
  }

  /// Answers from the zones at once; a name outside them goes to the fallback's `start`.
  public func start(_ question: DNSQuestion, for receiver: any DNSQueryReceiver)
    -> (any DNSQueryHandle)?
  {
    let (name, type) = (question.name, question.type)
    switch local(name, type) {
    case .done(let outcome):
      receiver.receive(outcome)
      return nil
    case .fallback(let resolver, let current, let chain):
      guard !chain.isEmpty else { return resolver.start(current, type, for: receiver) }
      return resolver.start(
        current, type,
        for: DNSCompletion { outcome in
          receiver.receive(outcome.map { Self.joined($0, name: name, chain: chain) })
        })
    }
  }

  /// What the zones say about a question: an outcome, or the name (at the end of the CNAME
  /// chain followed so far) that the fallback must answer.
  private enum Local {
    case done(DNSOutcome)
    case fallback(any DNSResolver, current: DomainName, chain: [ResourceRecord])
  }

  /// The fallback's `answer` for the end of `chain`, as the answer for `name`.
  private static func joined(_ answer: DNSAnswer, name: DomainName, chain: [ResourceRecord])
    -> DNSAnswer
  {
    var answer = answer
    answer.name = name
    answer.records = chain + answer.records
    return answer
  }

  private func local(_ name: DomainName, _ type: RRType) -> Local {
    var chain: [ResourceRecord] = []
    var current = name
    var seen: Set<DomainName> = [name]
    while true {
      guard let zone = zone(for: current) else {
        guard let fallback else {
          return .done(
            .success(
              DNSAnswer(
                name: name, type: type, status: .nxdomain, records: chain,
                server: Self.outsideTheZones)))
        }
        return .fallback(fallback, current: current, chain: chain)
      }
      let server = "zone \(zone.file)"
      let found = lookup(current, in: zone)
      guard let records = found else {
        return .done(
          .success(
            DNSAnswer(
              name: name, type: type, status: .nxdomain, records: chain,
              negativeTTL: zone.negativeTTL, server: server)))
      }
      let matching = records.filter { $0.type == type }
      if !matching.isEmpty {
        return .done(
          .success(
            DNSAnswer(
              name: name, type: type, status: .answer, records: chain + matching,
              server: server)))
      }
      guard type != .cname, let cname = records.first(where: { $0.type == .cname }),
        case .cname(let target) = cname.data
      else {
        return .done(
          .success(
            DNSAnswer(
              name: name, type: type, status: .nodata, records: chain,
              negativeTTL: zone.negativeTTL, server: server)))
      }
      chain.append(cname)
      guard seen.insert(target).inserted, chain.count < Self.maximumChain else {
        return .done(
          .failure(.serverFailure(server: server + " (CNAME loop at '\(target.text)')")))
      }
      current = target
    }
  }

  /// The records at `name` (wildcard-synthesised where RFC 4592 says so), or nil for NXDOMAIN.
  private func lookup(_ name: DomainName, in zone: Zone) -> [ResourceRecord]? {
    if let records = zone.records[name] { return records }
    if zone.existing.contains(name) { return [] }
    // RFC 4592 §3.3.1: the closest encloser's wildcard, unless the name exists.
    var encloser = name.parent
    while let candidate = encloser, candidate.isSubdomain(of: zone.apex) {
      if zone.existing.contains(candidate) {
        guard let wildcard = try? candidate.prepending("*"), let records = zone.records[wildcard]
        else { return nil }
        return records.map { record in
          var synthesised = record
          synthesised.name = name
          return synthesised
        }
      }
      encloser = candidate.parent
    }
    return nil
  }
}
