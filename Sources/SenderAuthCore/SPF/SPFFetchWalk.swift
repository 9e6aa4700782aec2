import DNSLookup

/// One SPF tree fetch from one task: the domain's TXT record, the records of the include and
/// redirect targets it names, the answers its terms' lookups need (`a`, `mx`, `exists`) and
/// the addresses of an `mx` term's hosts. Every question goes out through one queue the moment
/// the answer it depends on is in (a target's TXT when the record naming it is parsed, the
/// hosts when the MX answer is), so the fetch waits as long as its deepest chain, with no task
/// per target or term.
struct SPFFetchWalk {
  /// What a question asked through the queue is for, by its tag.
  private enum Asked {
    /// The TXT record of a domain of the tree, `depth` targets below the root.
    case record(DomainName, depth: Int)
    /// One question of a group (`slot` in its results).
    case member(group: Int, slot: Int, name: DomainName, type: RRType)
  }

  /// The questions whose results are kept together: a term's (A and AAAA of `a`), or an `mx`
  /// term host's A and AAAA.
  private struct Group {
    enum Kind {
      case term(of: DomainName, index: Int)
      case host(of: DomainName, DomainName)
    }
    let kind: Kind
    var results: [LookupResult?]
    var missing: Int
  }

  private let queue: DNSQueryQueue
  private var budget: SPFFetchBudget
  private let limits: SPFLookupTree.Limits
  private var asked: [Asked] = []
  private var groups: [Group] = []
  /// The domains fetched so far.
  private var fetched: [DomainName: SPFFetchedDomain] = [:]

  /// Fetches the tree below `root`: at most `limits.nodes` domains (`root` first) and eight
  /// queries for each, at most `limits.depth` targets deep.
  static func fetch(
    _ root: DomainName, resolver: any DNSResolver, limits: SPFLookupTree.Limits
  ) async -> [DomainName: SPFFetchedDomain] {
    var walk = SPFFetchWalk(
      queue: DNSQueryQueue(resolver),
      budget: SPFFetchBudget(domains: limits.nodes, queries: limits.nodes * 8), limits: limits)
    _ = walk.budget.claim(root)
    walk.ask(root, .txt, for: .record(root, depth: 0))
    while let arrival = await walk.queue.next() { walk.receive(arrival) }
    return walk.fetched
  }

  private init(queue: DNSQueryQueue, budget: SPFFetchBudget, limits: SPFLookupTree.Limits) {
    self.queue = queue
    self.budget = budget
    self.limits = limits
  }

  private mutating func ask(_ name: DomainName, _ type: RRType, for purpose: Asked) {
    asked.append(purpose)
    queue.ask(DNSQuestion(name: name, type: type), tag: asked.count - 1)
  }

  private mutating func receive(_ arrival: DNSQueryQueue.Arrival) {
    switch asked[arrival.tag] {
    case .record(let domain, let depth):
      let purpose = depth == 0 ? "SPF record" : "SPF record of an include/redirect target"
      parsed(
        SPFFetchedDomain(
          domain: domain,
          txt: LookupResult(arrival.outcome, name: domain, type: .txt, purpose: purpose)),
        depth: depth)
    case .member(let group, let slot, let name, let type):
      let purpose =
        switch groups[group].kind {
        case .term: "SPF term lookup (\(type.mnemonic))"
        case .host: "SPF mx host lookup (\(type.mnemonic))"
        }
      groups[group].results[slot] = LookupResult(
        arrival.outcome, name: name, type: type, purpose: purpose)
      groups[group].missing -= 1
      if groups[group].missing == 0 { complete(group) }
    }
  }

  /// A domain's record is in: its targets are claimed and asked for (those the budget and the
  /// depth allow), and its terms' lookups (those the budget allows).
  private mutating func parsed(_ current: SPFFetchedDomain, depth: Int) {
    let domain = current.domain
    fetched[domain] = current
    var claimed: [DomainName] = []
    if depth < limits.depth {
      for child in current.childTargets where !claimed.contains(child) {
        if budget.claim(child) { claimed.append(child) }
      }
    }
    for (index, name, types) in current.termQueries(currentDomain: domain)
    where budget.spend(types.count) {
      group(.term(of: domain, index: index), name, types)
    }
    for child in claimed { ask(child, .txt, for: .record(child, depth: depth + 1)) }
  }

  /// Asks `types` of `name` as one group of results.
  private mutating func group(_ kind: Group.Kind, _ name: DomainName, _ types: [RRType]) {
    groups.append(
      Group(kind: kind, results: Array(repeating: nil, count: types.count), missing: types.count))
    let group = groups.count - 1
    guard !types.isEmpty else {
      complete(group)
      return
    }
    for (slot, type) in types.enumerated() {
      ask(name, type, for: .member(group: group, slot: slot, name: name, type: type))
    }
  }

  /// Every result of `group` is in: kept with its domain; an `mx` term's hosts are asked for
  /// (none when the answer has more hosts than the term may look up).
  private mutating func complete(_ group: Int) {
    let results = groups[group].results.compactMap { $0 }
    groups[group].results = []
    switch groups[group].kind {
    case .term(let domain, let index):
      fetched[domain]?.termLookups[index] = results
      guard let answer = results.first?.answer, answer.type == .mx else { return }
      let hosts = answer.mxHosts.map(\.exchange).filter { !$0.isRoot }
      guard hosts.count <= SPFLimits.rfc.mxHosts else { return }
      for host in Set(hosts).sorted() where budget.spend(2) {
        self.group(.host(of: domain, host), host, [.a, .aaaa])
      }
    case .host(let domain, let host):
      // A host two `mx` terms name keeps the first pair in.
      if fetched[domain]?.hostLookups[host] == nil {
        fetched[domain]?.hostLookups[host] = results
      }
    }
  }
}
