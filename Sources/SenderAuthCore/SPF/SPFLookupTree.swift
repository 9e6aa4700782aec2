import DNSLookup

/// The static, worst-case walk of a domain's SPF include/redirect tree, without an IP.
///
/// Counts what receivers count (RFC 7208 §4.6.4): every `include a mx ptr exists` term and
/// `redirect` toward the limit of 10, duplicate includes every time they occur, nothing for
/// `all ip4 ip6 exp`; terms after `all` and a `redirect` beside `all` are never evaluated
/// (§5.1, §6.1), so they count zero and are marked. Void lookups are terms whose query gives
/// NXDOMAIN or no records, and they depend on the client's address family (§4.6.4, §5.3,
/// §5.4): an `a` term asks A for an IPv4 client and AAAA for an IPv6 client, so a name with
/// only AAAA records is void for every IPv4 client; an `mx` term is void when the MX query is,
/// or when none of its hosts has an address of the client's family. The tree counts both
/// families and reports the worse as `voidLookups`, the count `check_host` reaches. Terms whose
/// target holds a macro count one lookup; their target cannot be known without a message.
/// The walk is bounded (depth and node count), so hostile trees terminate.
public struct SPFLookupTree: Hashable, Sendable, Codable {
  /// How far the walk goes.
  public struct Limits: Hashable, Sendable, Codable {
    /// Include/redirect levels below the domain.
    public var depth: Int
    /// Domains walked in total (duplicates included).
    public var nodes: Int
    public init(depth: Int = 12, nodes: Int = 120) {
      self.depth = depth
      self.nodes = nodes
    }
    public static let standard = Limits()
  }

  /// Something notable about one term.
  public enum Note: String, Hashable, Sendable, Codable {
    /// The target holds a macro: counted as one lookup, the target is unknowable.
    case macro
    /// The target is a domain already on the way here: evaluation never ends (permerror).
    case loop
    /// The same target is included elsewhere too; receivers count it again.
    case duplicate
    /// The target has no SPF record: `include` and `redirect` give permerror.
    case missingTarget = "missing-target"
    /// More than 10 MX hosts: the `mx` term gives permerror.
    case mxTooMany = "mx-too-many"
    /// A mechanism after `all`: never evaluated.
    case afterAll = "after-all"
    /// `redirect` beside `all`: ignored (RFC 7208 §6.1).
    case redirectIgnored = "redirect-ignored"
    /// `ptr`: deprecated (RFC 7208 §5.5).
    case ptr
    /// The term's DNS query failed (timeout, SERVFAIL …).
    case lookupFailed = "lookup-failed"
    /// The walk stopped here (depth or size limit).
    case notWalked = "not-walked"
  }

  /// One domain of the tree and its record.
  public struct Node: Hashable, Sendable, Codable {
    public enum Status: String, Hashable, Sendable, Codable {
      case record
      case multipleRecords = "multiple-records"
      case noRecord = "no-record"
      case nxdomain
      case lookupFailed = "lookup-failed"
      case notWalked = "not-walked"
    }

    // One reference: nodes are copied with every (node, term) pair rules filter
    // (`CopyOnWrite`).
    private struct Fields: Hashable, Sendable, Codable {
      var domain: String
      var status: Status = .record
      var detail: String? = nil
      var record: String? = nil
      var location: Location? = nil
      var octets: Int? = nil
      var issues: [SPFIssue] = []
      var terms: [Term] = []
      var lookups: Int = 0
      var voidLookups: Int = 0
      var voidLookupsIPv4: Int = 0
      var voidLookupsIPv6: Int = 0
    }

    private var fields: CopyOnWrite<Fields>

    public var domain: String {
      get { fields.value.domain }
      _modify { yield &fields.value.domain }
    }
    public var status: Status {
      get { fields.value.status }
      _modify { yield &fields.value.status }
    }
    /// The failure, for `lookup-failed`.
    public var detail: String? {
      get { fields.value.detail }
      _modify { yield &fields.value.detail }
    }
    /// The record walked (the first, when there are several).
    public var record: String? {
      get { fields.value.record }
      _modify { yield &fields.value.record }
    }
    /// Where the record is (owner, TXT, zone file line), without a span.
    public var location: Location? {
      get { fields.value.location }
      _modify { yield &fields.value.location }
    }
    /// The record's length in octets (RFC 7208 §3.4 advises under 450 with the name).
    public var octets: Int? {
      get { fields.value.octets }
      _modify { yield &fields.value.octets }
    }
    public var issues: [SPFIssue] {
      get { fields.value.issues }
      _modify { yield &fields.value.issues }
    }
    public var terms: [Term] {
      get { fields.value.terms }
      _modify { yield &fields.value.terms }
    }
    /// Worst-case DNS-querying terms of this record and everything below it.
    public var lookups: Int {
      get { fields.value.lookups }
      _modify { yield &fields.value.lookups }
    }
    /// Void lookups below, for the worse family: `max(voidLookupsIPv4, voidLookupsIPv6)`.
    public var voidLookups: Int {
      get { fields.value.voidLookups }
      _modify { yield &fields.value.voidLookups }
    }
    public var voidLookupsIPv4: Int {
      get { fields.value.voidLookupsIPv4 }
      _modify { yield &fields.value.voidLookupsIPv4 }
    }
    public var voidLookupsIPv6: Int {
      get { fields.value.voidLookupsIPv6 }
      _modify { yield &fields.value.voidLookupsIPv6 }
    }

    /// A node for `domain` with nothing walked yet.
    init(domain: String) { fields = CopyOnWrite(Fields(domain: domain)) }

    public init(from decoder: any Decoder) throws { fields = try CopyOnWrite(from: decoder) }

    public func encode(to encoder: any Encoder) throws { try fields.encode(to: encoder) }
  }

  /// One term of a record, with what it costs.
  public struct Term: Hashable, Sendable, Codable {
    // One reference: terms are copied with every (node, term) pair rules filter
    // (`CopyOnWrite`).
    private struct Fields: Hashable, Sendable, Codable {
      var text: String
      var name: String
      var modifier: Bool
      var offset: Int
      var length: Int
      var lookups: Int = 0
      var totalLookups: Int = 0
      var void: Bool = false
      var voidIPv4: Bool = false
      var voidIPv6: Bool = false
      var voidLookups: Int = 0
      var voidLookupsIPv4: Int = 0
      var voidLookupsIPv6: Int = 0
      var target: String? = nil
      var mxHosts: Int? = nil
      var notes: [Note] = []
      var child: Node? = nil
    }

    private var fields: CopyOnWrite<Fields>

    public var text: String {
      get { fields.value.text }
      _modify { yield &fields.value.text }
    }
    /// `include`, `a`, `redirect`, `exp`, `ra` …
    public var name: String {
      get { fields.value.name }
      _modify { yield &fields.value.name }
    }
    /// True for modifiers (`redirect=`, `exp=`, unknown ones), false for mechanisms.
    public var modifier: Bool {
      get { fields.value.modifier }
      _modify { yield &fields.value.modifier }
    }
    public var offset: Int {
      get { fields.value.offset }
      _modify { yield &fields.value.offset }
    }
    public var length: Int {
      get { fields.value.length }
      _modify { yield &fields.value.length }
    }
    /// 1 when the term itself counts toward the limit (and is evaluated), else 0.
    public var lookups: Int {
      get { fields.value.lookups }
      _modify { yield &fields.value.lookups }
    }
    /// This term's lookups plus everything below it.
    public var totalLookups: Int {
      get { fields.value.totalLookups }
      _modify { yield &fields.value.totalLookups }
    }
    /// True when this term's query gives NXDOMAIN or no records for every client.
    public var void: Bool {
      get { fields.value.void }
      _modify { yield &fields.value.void }
    }
    /// True when the term is a void lookup for IPv4 clients (A queries).
    public var voidIPv4: Bool {
      get { fields.value.voidIPv4 }
      _modify { yield &fields.value.voidIPv4 }
    }
    /// True when the term is a void lookup for IPv6 clients (AAAA queries).
    public var voidIPv6: Bool {
      get { fields.value.voidIPv6 }
      _modify { yield &fields.value.voidIPv6 }
    }
    /// Void lookups of this term and everything below it, for the worse family.
    public var voidLookups: Int {
      get { fields.value.voidLookups }
      _modify { yield &fields.value.voidLookups }
    }
    public var voidLookupsIPv4: Int {
      get { fields.value.voidLookupsIPv4 }
      _modify { yield &fields.value.voidLookupsIPv4 }
    }
    public var voidLookupsIPv6: Int {
      get { fields.value.voidLookupsIPv6 }
      _modify { yield &fields.value.voidLookupsIPv6 }
    }
    /// The domain queried, when it is known without a message.
    public var target: String? {
      get { fields.value.target }
      _modify { yield &fields.value.target }
    }
    /// For `mx`: how many MX hosts the target has.
    public var mxHosts: Int? {
      get { fields.value.mxHosts }
      _modify { yield &fields.value.mxHosts }
    }
    public var notes: [Note] {
      get { fields.value.notes }
      _modify { yield &fields.value.notes }
    }
    /// For `include` and `redirect`: the walked target.
    public var child: Node? {
      get { fields.value.child }
      _modify { yield &fields.value.child }
    }

    /// The term `text` (a `name` mechanism or modifier at `offset`), with nothing counted yet.
    init(text: String, name: String, modifier: Bool, offset: Int, length: Int) {
      fields = CopyOnWrite(
        Fields(text: text, name: name, modifier: modifier, offset: offset, length: length))
    }

    public init(from decoder: any Decoder) throws { fields = try CopyOnWrite(from: decoder) }

    public func encode(to encoder: any Encoder) throws { try fields.encode(to: encoder) }
  }

  public let domain: String
  public let root: Node
  /// Worst-case DNS-querying terms of the whole tree (the RFC 7208 §4.6.4 count).
  public let lookups: Int
  /// Void lookups of the whole tree for the worse address family: what `check_host` counts
  /// for a client of that family when no term matches.
  public let voidLookups: Int
  /// Void lookups for IPv4 clients.
  public let voidLookupsIPv4: Int
  /// Void lookups for IPv6 clients.
  public let voidLookupsIPv6: Int
  /// True when a limit stopped the walk somewhere (`not-walked` notes).
  public let truncated: Bool
  /// Every node of the tree, depth first, the root first (made with the tree: many rules
  /// read it).
  public let nodes: [Node]
  /// Every (node, term) pair of the tree, depth first (made with the tree).
  public let terms: [(node: Node, term: Term)]
  /// Every note some term of the tree has (made with the tree).
  public let notes: Set<Note>

  public init(domain: String, root: Node, truncated: Bool) {
    self.domain = domain
    self.root = root
    self.lookups = root.lookups
    self.voidLookups = root.voidLookups
    self.voidLookupsIPv4 = root.voidLookupsIPv4
    self.voidLookupsIPv6 = root.voidLookupsIPv6
    self.truncated = truncated
    var nodes: [Node] = []
    func visit(_ node: Node) {
      nodes.append(node)
      for term in node.terms { if let child = term.child { visit(child) } }
    }
    visit(root)
    self.nodes = nodes
    terms = nodes.flatMap { node in node.terms.map { (node, $0) } }
    notes = Set(nodes.lazy.flatMap(\.terms).flatMap(\.notes))
  }

  /// The (node, term) pairs whose term has `note`, depth first. Most trees have none with a
  /// given note: then no pair is looked at (filtering `terms` copies each pair, two
  /// references, and a rule asking for a note did so for every term of the tree).
  public func terms(with note: Note) -> [(node: Node, term: Term)] {
    guard notes.contains(note) else { return [] }
    return terms.filter { $0.term.notes.contains(note) }
  }

  // The derived lists are neither encoded nor compared: they follow from the root.
  private enum CodingKeys: String, CodingKey {
    case domain, root, lookups, voidLookups, voidLookupsIPv4, voidLookupsIPv6, truncated
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      domain: try container.decode(String.self, forKey: .domain),
      root: try container.decode(Node.self, forKey: .root),
      truncated: try container.decode(Bool.self, forKey: .truncated))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(domain, forKey: .domain)
    try container.encode(root, forKey: .root)
    try container.encode(lookups, forKey: .lookups)
    try container.encode(voidLookups, forKey: .voidLookups)
    try container.encode(voidLookupsIPv4, forKey: .voidLookupsIPv4)
    try container.encode(voidLookupsIPv6, forKey: .voidLookupsIPv6)
    try container.encode(truncated, forKey: .truncated)
  }

  public static func == (lhs: SPFLookupTree, rhs: SPFLookupTree) -> Bool {
    lhs.domain == rhs.domain && lhs.root == rhs.root && lhs.truncated == rhs.truncated
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(domain)
    hasher.combine(root)
    hasher.combine(truncated)
  }

  /// The void lookups an `IPv4` (`true`) or IPv6 client meets.
  public func voidLookups(ipv4: Bool) -> Int { ipv4 ? voidLookupsIPv4 : voidLookupsIPv6 }

  // MARK: - Helpers shared with the fetch

  /// The terms receivers can evaluate: directives up to and including the first `all`, and
  /// `redirect` when there is no `all`.
  public static func evaluatedTerms(of record: SPFRecord) -> [SPFTerm] {
    evaluatedIndices(of: record).map { record.terms[$0] }
  }

  /// The positions in `record.terms` of `evaluatedTerms(of:)`, in its order (the redirect
  /// last), found by matching each term's kind in place rather than copying terms.
  public static func evaluatedIndices(of record: SPFRecord) -> EvaluatedIndices {
    EvaluatedIndices(record.terms)
  }

  /// The positions of the terms receivers evaluate (`evaluatedIndices(of:)`), without an array
  /// of them: each walk of a record's tree and of its fetch asks for them (about twenty
  /// records a domain), and the array was one allocation each time.
  public struct EvaluatedIndices: Sequence {
    private let terms: [SPFTerm]
    /// Directives before this position are evaluated: all, or those up to the first `all`.
    private let end: Int
    /// The first `redirect` when there is no `all`: evaluated after the directives.
    private let redirect: Int?

    init(_ terms: [SPFTerm]) {
      self.terms = terms
      var end = terms.count
      var redirect: Int?
      scan: for index in terms.indices {
        switch terms[index].kind {
        case .directive(let directive):
          if case .all = directive.mechanism {
            end = index + 1
            redirect = nil
            break scan
          }
        case .modifier(let modifier):
          if redirect == nil, modifier.kind == .redirect { redirect = index }
        }
      }
      self.end = end
      self.redirect = redirect
    }

    /// Whether the term at `index` is evaluated.
    public func contains(_ index: Int) -> Bool {
      index == redirect || (index < end && terms[index].directive != nil)
    }

    public func makeIterator() -> Iterator { Iterator(of: self) }

    public struct Iterator: IteratorProtocol {
      private let indices: EvaluatedIndices
      private var position = 0

      init(of indices: EvaluatedIndices) { self.indices = indices }

      public mutating func next() -> Int? {
        while position < indices.end {
          let index = position
          position += 1
          if case .directive = indices.terms[index].kind { return index }
        }
        guard position == indices.end, let redirect = indices.redirect else { return nil }
        position += 1
        return redirect
      }
    }
  }

  // MARK: - Building

  /// Builds the tree for `domain` from what was fetched.
  public static func build(
    domain: DomainName, fetched: [DomainName: SPFFetchedDomain], limits: Limits = .standard
  ) -> SPFLookupTree {
    var builder = Builder(fetched: fetched, limits: limits)
    let root = builder.node(domain, depth: 0)
    return SPFLookupTree(domain: domain.text, root: root, truncated: builder.truncated)
  }

  struct Builder {
    let fetched: [DomainName: SPFFetchedDomain]
    let limits: Limits
    var budget: Int
    var seenTargets: Set<DomainName> = []
    var truncated = false

    init(fetched: [DomainName: SPFFetchedDomain], limits: Limits) {
      self.fetched = fetched
      self.limits = limits
      self.budget = limits.nodes
    }

    /// The domains from the root to the node being built (a loop returns to one of them).
    var ancestors: [DomainName] = []

    mutating func node(_ domain: DomainName, depth: Int) -> Node {
      var node = Node(domain: domain.text)
      guard let fetchedDomain = fetched[domain] else {
        node.status = .notWalked
        truncated = true
        return node
      }
      switch fetchedDomain.txt {
      case .failed(let failure):
        node.status = .lookupFailed
        node.detail = failure.error.description
        return node
      case .answer(let answer):
        if fetchedDomain.candidates.isEmpty {
          node.status = answer.status == .nxdomain ? .nxdomain : .noRecord
          return node
        }
      }
      guard let candidate = fetchedDomain.candidates.first,
        let parsed = fetchedDomain.parsed.first
      else { return node }
      if fetchedDomain.candidates.count > 1 { node.status = .multipleRecords }
      node.record = candidate.text
      node.octets = candidate.text.utf8.count
      node.location = Location(record: candidate.record, text: candidate.text)
      node.issues = parsed.issues
      let record = parsed.record
      let evaluated = SPFLookupTree.evaluatedIndices(of: record)
      let hasAll = record.all != nil
      ancestors.append(domain)
      defer { ancestors.removeLast() }
      node.terms.reserveCapacity(record.terms.count)

      for (index, term) in record.terms.enumerated() {
        var item = Term(
          text: term.text, name: term.name, modifier: term.modifier != nil,
          offset: term.span.offset, length: term.span.length)
        if !evaluated.contains(index) {
          if term.directive != nil { item.notes.append(.afterAll) }
          if term.modifier?.kind == .redirect, hasAll { item.notes.append(.redirectIgnored) }
          node.terms.append(item)
          continue
        }
        if term.countsAsLookup { item.lookups = 1 }
        if let spec = term.domainSpec, spec.containsMacros { item.notes.append(.macro) }
        let mechanism = term.directive?.mechanism
        if case .ptr = mechanism { item.notes.append(.ptr) }
        if let mechanism, mechanism.countsAsLookup, mechanism.domainSpec == nil {
          item.target = domain.text
        } else if let spec = term.domainSpec, let fixed = spec.fixedDomain {
          item.target = fixed.text
        }

        let isInclude = if case .include = mechanism { true } else { false }
        if isInclude || term.modifier?.kind == .redirect, let spec = term.domainSpec,
          let target = spec.fixedDomain
        {
          descend(into: target, item: &item, depth: depth)
        }
        if let void = fetchedDomain.voidness(ofTerm: index) {
          if void.failed { item.notes.append(.lookupFailed) }
          item.voidIPv4 = item.voidIPv4 || void.ipv4
          item.voidIPv6 = item.voidIPv6 || void.ipv6
          if let hosts = void.mxHosts {
            item.mxHosts = hosts
            if hosts > 10 { item.notes.append(.mxTooMany) }
          }
        }
        item.void = item.voidIPv4 && item.voidIPv6
        item.totalLookups = item.lookups + (item.child?.lookups ?? 0)
        item.voidLookupsIPv4 = (item.voidIPv4 ? 1 : 0) + (item.child?.voidLookupsIPv4 ?? 0)
        item.voidLookupsIPv6 = (item.voidIPv6 ? 1 : 0) + (item.child?.voidLookupsIPv6 ?? 0)
        item.voidLookups = max(item.voidLookupsIPv4, item.voidLookupsIPv6)
        node.lookups += item.totalLookups
        node.voidLookupsIPv4 += item.voidLookupsIPv4
        node.voidLookupsIPv6 += item.voidLookupsIPv6
        node.voidLookups = max(node.voidLookupsIPv4, node.voidLookupsIPv6)
        node.terms.append(item)
      }
      return node
    }

    mutating func descend(into target: DomainName, item: inout Term, depth: Int) {
      if ancestors.contains(target) {
        item.notes.append(.loop)
        return
      }
      guard budget > 0, depth < limits.depth else {
        item.notes.append(.notWalked)
        truncated = true
        return
      }
      budget -= 1
      if !seenTargets.insert(target).inserted { item.notes.append(.duplicate) }
      let child = node(target, depth: depth + 1)
      switch child.status {
      case .noRecord, .nxdomain:
        item.notes.append(.missingTarget)
        if let answer = fetched[target]?.txt.answer, answer.matching.isEmpty {
          item.voidIPv4 = true
          item.voidIPv6 = true
        }
      case .lookupFailed:
        item.notes.append(.lookupFailed)
      case .notWalked:
        item.notes.append(.notWalked)
      case .record, .multipleRecords:
        break
      }
      item.child = child
    }
  }

}
