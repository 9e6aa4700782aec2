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

  /// Queries every probe below `domain`, and TXT, MX and CNAME at `options.returnPath`, all
  /// at once from the calling task.
  public static func fetch(
    domain: DomainName, resolver: any DNSResolver, options: CheckOptions, probes: ESPProbePlan
  ) async -> ESPContext {
    let lookups = probes.lookups(domain: domain, options: options)
    return ESPContext(lookups: lookups, results: await LookupResult.fetch(lookups, from: resolver))
  }

  /// The context from the results of `ESPProbePlan.lookups(domain:options:)`, in their order.
  init(lookups: [SingleLookup], results: [LookupResult]) {
    var answers: [DomainName: [RRType: LookupResult]] = [:]
    answers.reserveCapacity(lookups.count)
    for (lookup, result) in zip(lookups, results) {
      answers[lookup.name, default: [:]][lookup.type] = result
    }
    self.init(lookups: answers)
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
