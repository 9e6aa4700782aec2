import DNSLookup

/// What was fetched for ESP checks: the names ESP setups put below the domain (DKIM selectors,
/// return-path hosts) and the return-path domain of `--return-path`, each with the types asked.
///
/// A TXT answer carries the CNAME chain in front of it, so a CNAME's target is known even when
/// the target itself does not exist.
public struct ESPContext: Sendable {
  /// One answer: the type asked at a name, and the next answer at the same name.
  public struct Entry: Sendable {
    public let name: DomainName
    public let type: RRType
    public let result: LookupResult
    /// The index in `entries` of the next answer at `name`; nil for the last.
    fileprivate var next: Int?
  }

  /// Every answer, in the order asked.
  public private(set) var entries: [Entry] = []
  /// Each name's first answer in `entries`; the rest follow through `next`. A domain's ESP
  /// probes ask about twenty names, most with two or three types: one table and one array,
  /// not a table per name (22 tables a domain, each made and grown for one or two answers).
  private var first: [DomainName: Int] = [:]

  public init() {}

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
    entries.reserveCapacity(lookups.count)
    first.reserveCapacity(lookups.count)
    for (lookup, result) in zip(lookups, results) {
      add(lookup.name, lookup.type, result)
    }
  }

  /// Adds the answer for `name`/`type` (replacing an earlier one for the same question).
  mutating func add(_ name: DomainName, _ type: RRType, _ result: LookupResult) {
    let added = entries.count
    guard var index = Self.claim(&first[name], added) else {
      entries.append(Entry(name: name, type: type, result: result, next: nil))
      return
    }
    while true {
      if entries[index].type == type {
        entries[index] = Entry(name: name, type: type, result: result, next: entries[index].next)
        return
      }
      guard let next = entries[index].next else { break }
      index = next
    }
    entries[index].next = added
    entries.append(Entry(name: name, type: type, result: result, next: nil))
  }

  /// The index held in `slot`; nil when it held none, after storing `added` in it (one hash of
  /// the name finds its answers or makes their entry).
  private static func claim(_ slot: inout Int?, _ added: Int) -> Int? {
    if let held = slot { return held }
    slot = added
    return nil
  }

  /// The answer for `name`/`type`, when it was asked.
  public func result(_ name: DomainName, _ type: RRType) -> LookupResult? {
    result(from: first[name], type)
  }

  /// The answer for `type` among the answers at one name, the first at `start`.
  private func result(from start: Int?, _ type: RRType) -> LookupResult? {
    var index = start
    while let current = index {
      if entries[current].type == type { return entries[current].result }
      index = entries[current].next
    }
    return nil
  }

  /// The CNAME record at `name` itself, from any answer fetched for it.
  public func cname(at name: DomainName) -> ResourceRecord? {
    let start = first[name]
    for type in [RRType.cname, .txt, .mx] {
      guard let answer = result(from: start, type)?.answer else { continue }
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

  /// Every failed lookup, by name and then by type.
  public var failures: [LookupFailure] {
    // Mostly none: then nothing is sorted.
    guard entries.contains(where: { $0.result.failure != nil }) else { return [] }
    return entries.filter { $0.result.failure != nil }
      .sorted { ($0.name, $0.type.rawValue) < ($1.name, $1.type.rawValue) }
      .compactMap(\.result.failure)
  }
}
