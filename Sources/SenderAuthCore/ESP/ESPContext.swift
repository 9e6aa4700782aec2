import DNSLookup

/// What was fetched for ESP checks: the names ESP setups put below the domain (DKIM selectors,
/// return-path hosts) and the return-path domain of `--return-path`, each with the types asked.
///
/// A TXT answer carries the CNAME chain in front of it, so a CNAME's target is known even when
/// the target itself does not exist.
public struct ESPContext: Sendable {
  /// Every answer, by name and type.
  public var lookups: [DomainName: [RRType: LookupResult]]

  public init(lookups: [DomainName: [RRType: LookupResult]] = [:]) {
    self.lookups = lookups
  }

  /// Queries every probe below `domain`, and TXT, MX and CNAME at `options.returnPath`.
  public static func fetch(
    domain: DomainName, resolver: any DNSResolver, options: CheckOptions, probes: [ESPProbe]
  ) async -> ESPContext {
    var queries: [(DomainName, RRType)] = []
    func add(_ name: DomainName, _ types: [RRType]) {
      for type in types where !queries.contains(where: { $0.0 == name && $0.1 == type }) {
        queries.append((name, type))
      }
    }
    for probe in probes {
      if let name = try? DomainName(probe.label + "." + domain.text) { add(name, probe.types) }
    }
    if let returnPath = options.returnPath {
      add(returnPath, [.txt, .mx, .cname])
    }
    let results = await withTaskGroup(of: (DomainName, RRType, LookupResult).self) { group in
      for (name, type) in queries {
        group.addTask {
          (name, type, await LookupResult.fetch(name, type, from: resolver, purpose: "ESP record"))
        }
      }
      var out: [DomainName: [RRType: LookupResult]] = [:]
      for await (name, type, result) in group { out[name, default: [:]][type] = result }
      return out
    }
    return ESPContext(lookups: results)
  }

  /// The answer for `name`/`type`, when it was asked.
  public func result(_ name: DomainName, _ type: RRType) -> LookupResult? {
    lookups[name]?[type]
  }

  /// The CNAME record at `name` itself, from any answer fetched for it.
  public func cname(at name: DomainName) -> ResourceRecord? {
    for type in [RRType.cname, .txt, .mx] {
      guard let answer = lookups[name]?[type]?.answer else { continue }
      if let record = answer.records.first(where: { $0.type == .cname && $0.name == name }) {
        return record
      }
    }
    return nil
  }

  /// The target of the CNAME at `name`, when there is one.
  public func cnameTarget(at name: DomainName) -> DomainName? {
    if case .cname(let target)? = cname(at: name)?.data { return target }
    return nil
  }

  /// Every failed lookup.
  public var failures: [LookupFailure] {
    // Mostly none: then nothing is sorted.
    guard lookups.values.contains(where: { $0.values.contains { $0.failure != nil } }) else {
      return []
    }
    return lookups.keys.sorted().flatMap { name in
      (lookups[name] ?? [:]).sorted { $0.key.rawValue < $1.key.rawValue }.compactMap {
        $0.value.failure
      }
    }
  }
}
