/// The outcome of a query that got an answer: records, NXDOMAIN or NODATA.
///
/// NXDOMAIN and NODATA are answers, not failures; failures are thrown as `DNSError`.
public struct DNSAnswer: Hashable, Sendable {
  public enum Status: String, Hashable, Sendable, Codable {
    case answer
    case nxdomain
    case nodata
  }

  // One reference: answers are copied through every walk, cache and context (`CopyOnWrite`).
  private struct Fields: Hashable, Sendable {
    var name: DomainName
    var type: RRType
    var status: Status
    var records: [ResourceRecord]
    var negativeTTL: UInt32?
    var server: String?
    var authenticated: Bool
  }

  private var fields: CopyOnWrite<Fields>

  public var name: DomainName {
    get { fields.value.name }
    _modify { yield &fields.value.name }
  }
  public var type: RRType {
    get { fields.value.type }
    _modify { yield &fields.value.type }
  }
  public var status: Status {
    get { fields.value.status }
    _modify { yield &fields.value.status }
  }
  /// The answer section in order: a CNAME chain first, then the records of the asked type.
  public var records: [ResourceRecord] {
    get { fields.value.records }
    _modify { yield &fields.value.records }
  }
  /// The negative-caching TTL (RFC 2308: min of the SOA TTL and its minimum) when known.
  public var negativeTTL: UInt32? {
    get { fields.value.negativeTTL }
    _modify { yield &fields.value.negativeTTL }
  }
  /// Which server answered (`127.0.0.1:5300`), or `zone FILE` when a zone file did.
  public var server: String? {
    get { fields.value.server }
    _modify { yield &fields.value.server }
  }
  /// The AD bit (RFC 4035 §3.2.3): a validating resolver vouches that the answer passed DNSSEC
  /// validation. Read only when `ResolverConfiguration.dnssecOK` is set (glibc clears it
  /// otherwise); false for zone files and replays, which nobody validated.
  public var authenticated: Bool {
    get { fields.value.authenticated }
    _modify { yield &fields.value.authenticated }
  }

  public init(
    name: DomainName, type: RRType, status: Status, records: [ResourceRecord] = [],
    negativeTTL: UInt32? = nil, server: String? = nil, authenticated: Bool = false
  ) {
    fields = CopyOnWrite(
      Fields(
        name: name, type: type, status: status, records: records, negativeTTL: negativeTTL,
        server: server, authenticated: authenticated))
  }

  /// The records of the asked type (CNAMEs leading to them left out).
  public var matching: [ResourceRecord] {
    // Most answers hold records of the asked type only: those are the records themselves,
    // not a copy of them.
    let records = records
    if !records.contains(where: { $0.type != type }) { return records }
    return records.filter { $0.type == type }
  }

  /// The CNAME records of the answer, in chain order.
  public var cnameChain: [ResourceRecord] {
    type == .cname ? [] : records.filter { $0.type == .cname }
  }

  /// The name the records of the asked type are owned by (the end of the CNAME chain).
  public var canonicalName: DomainName {
    var current = name
    for record in records where record.type == .cname && record.name == current {
      if case .cname(let target) = record.data { current = target }
    }
    return current
  }

  /// TXT answers: each record's character-strings.
  public var txtStrings: [[[UInt8]]] {
    matching.compactMap { if case .txt(let strings) = $0.data { strings } else { nil } }
  }

  /// TXT answers: each record joined with no separator, decoded as UTF-8.
  public var txtJoined: [String] { matching.compactMap(\.data.joinedText) }

  /// A and AAAA answers as addresses.
  public var addresses: [IPAddress] {
    matching.compactMap {
      switch $0.data {
      case .a(let address), .aaaa(let address): address
      default: nil
      }
    }
  }

  /// Names from CNAME/PTR/NS answers.
  public var targetNames: [DomainName] {
    matching.compactMap {
      switch $0.data {
      case .cname(let name), .ptr(let name), .ns(let name): name
      default: nil
      }
    }
  }

  /// MX answers as (preference, exchange), sorted by preference.
  public var mxHosts: [(preference: UInt16, exchange: DomainName)] {
    var hosts: [(preference: UInt16, exchange: DomainName)] = matching.compactMap {
      if case .mx(let preference, let exchange) = $0.data { (preference, exchange) } else { nil }
    }
    // Sorted in place: most domains have one host, and the rules read this ten times a
    // domain (a sorted copy was a second array each time).
    if hosts.count > 1 { hosts.sort { $0.preference < $1.preference } }
    return hosts
  }

  /// The smallest TTL among the answer's records, or the negative TTL.
  public var minimumTTL: UInt32? {
    records.map(\.ttl).min() ?? negativeTTL
  }
}

/// A query that failed: no answer could be had, so nothing can be said about the records.
public enum DNSError: Error, Hashable, Sendable, CustomStringConvertible {
  /// No answer within the timeout and tries.
  case timeout(server: String?)
  /// The server answered SERVFAIL.
  case serverFailure(server: String?)
  /// The server answered REFUSED.
  case refused(server: String?)
  /// The network failed: connection refused, unreachable, no server configured.
  case network(String)
  /// The answer could not be parsed, or another rcode (FORMERR, NOTIMP …) came back.
  case malformed(String)
  /// The per-domain deadline (`--deadline`) passed before an answer came.
  case deadlineExceeded

  /// `timeout`, `serverFailure`, `refused`, `network`, `malformed` or `deadlineExceeded`: the
  /// kind as a stable word.
  public var kind: String {
    switch self {
    case .timeout: "timeout"
    case .serverFailure: "serverFailure"
    case .refused: "refused"
    case .network: "network"
    case .malformed: "malformed"
    case .deadlineExceeded: "deadlineExceeded"
    }
  }

  public var description: String {
    func at(_ server: String?) -> String { server.map { " from \($0)" } ?? "" }
    switch self {
    case .timeout(let server): return "no answer\(at(server)) (timeout)"
    case .serverFailure(let server): return "SERVFAIL\(at(server))"
    case .refused(let server): return "REFUSED\(at(server))"
    case .network(let message): return "network error: \(message)"
    case .malformed(let message): return "malformed answer: \(message)"
    case .deadlineExceeded: return "no answer before the deadline"
    }
  }
}

/// Anything that answers DNS questions: libresolv, zone files, a cache, a replay.
public protocol DNSResolver: Sendable {
  /// Asks for `type` records at `name`. NXDOMAIN and NODATA are answers; failures throw.
  func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer

  /// Starts asking `question` without a task of its own: `receiver` gets the outcome exactly
  /// once, on any thread, possibly before `start` returns. The handle stops the query early
  /// (nil: nothing left to stop). The default runs `query` in a task; the resolvers of a run
  /// implement it directly (see `DNSQueryHandle`). The question comes made, with its hash:
  /// the layers of a run (the domain's deadline and failures, the cache) each key by it.
  func start(_ question: DNSQuestion, for receiver: any DNSQueryReceiver)
    -> (any DNSQueryHandle)?
}
