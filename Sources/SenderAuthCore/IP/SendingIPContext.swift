import DNSLookup

/// What was fetched for one sending IP (`--ip`, or the one a `--message` came from): its PTR
/// names and their forward addresses. (Whether SPF authorizes an address given with `--ip` is
/// evaluated with the SPF context.)
public struct SendingIPCheck: Sendable {
  /// Where the address came from.
  public enum Source: Sendable, Equatable {
    /// `--ip`.
    case given
    /// The message of `--message`: the address its receiver got it from.
    case message
  }

  /// The address as typed (or as the message's header gives it).
  public var text: String
  public var address: IPAddress
  public var source: Source
  /// The PTR answer at the address's reverse name (`in-addr.arpa` / `ip6.arpa`).
  public var ptr: LookupResult
  /// For each PTR name: its A (IPv4) or AAAA (IPv6) answer, for forward confirmation.
  public var forward: [DomainName: LookupResult]
  /// The address against each sending service's SPF (which services publish it); nil when no
  /// service domains were given.
  public var services: ServiceAddressCheck?
  /// The name whose answer the run could not tell, when its reverse DNS was therefore not
  /// checked: the run answers only from zones or a recording, and none holds the reverse name,
  /// a PTR name's address, or where a CNAME of theirs leads (`Engine.answerable`). `ptr` and
  /// `forward` then say nothing, and the reverse-DNS rules pass over it.
  public var unanswered: DomainName?

  /// The address its names' address records hold: an IPv4-mapped one's IPv4 address.
  public var recordAddress: IPAddress { address.mappedIPv4 ?? address }

  /// The name its PTR is asked at: an IPv4-mapped IPv6 address's is its IPv4 one
  /// (`in-addr.arpa`), as its address records are A records.
  public var reverseName: DomainName { recordAddress.reverseName }

  /// The type of its names' address records: A for IPv4 (and IPv4-mapped), else AAAA.
  public var addressType: RRType { recordAddress.isIPv4 ? .a : .aaaa }

  /// False when its reverse DNS was not checked (`unanswered`).
  public var reverseDNSChecked: Bool { unanswered == nil }

  public init(
    text: String, address: IPAddress, ptr: LookupResult, forward: [DomainName: LookupResult],
    services: ServiceAddressCheck? = nil, source: Source = .given
  ) {
    self.text = text
    self.address = address
    self.source = source
    self.ptr = ptr
    self.forward = forward
    self.services = services
  }

  /// The PTR names (RFC 1035 §3.3.12), in answer order.
  public var ptrNames: [DomainName] {
    (ptr.answer?.matching ?? []).compactMap {
      if case .ptr(let name) = $0.data { name } else { nil }
    }
  }

  /// The PTR names whose forward lookup contains the address again (FCrDNS).
  public var confirmedNames: [DomainName] {
    ptrNames.filter { name in
      let addresses = forward[name]?.answer?.addresses ?? []
      return addresses.contains { ($0.mappedIPv4 ?? $0) == (address.mappedIPv4 ?? address) }
    }
  }

  /// PTR names whose forward lookup failed (timeout, SERVFAIL): confirmation is unknown.
  public var unconfirmableNames: [DomainName] {
    ptrNames.filter { forward[$0]?.failure != nil }
  }

  /// Every failed lookup of this address.
  public var failures: [LookupFailure] {
    guard reverseDNSChecked else { return [] }
    return [ptr.failure].compactMap { $0 }
      + forward.keys.sorted().compactMap { forward[$0]?.failure }
  }
}

/// The sending IPs given with `--ip`, and the one a `--message` came from, each checked for PTR
/// and forward-confirmed reverse DNS. Fetched by the `Engine` beside the other parts.
public struct SendingIPContext: Sendable {
  /// The most PTR names followed per address (a hostile reverse zone cannot fan out).
  public static let maximumPTRNames = 10

  /// Every address, its services included; the reverse-DNS rules read `reverseChecks`.
  public var checks: [SendingIPCheck]

  public init(checks: [SendingIPCheck] = []) {
    self.checks = checks
  }

  /// The addresses whose reverse DNS was checked.
  public var reverseChecks: [SendingIPCheck] { checks.filter(\.reverseDNSChecked) }

  /// The addresses a run checks: each of `options.ips`, then the message's sending IP when it is
  /// public (an internal relay's says nothing of what receivers see) and not among them (its
  /// services are fetched with the message: `MessageContext`).
  public static func addresses(_ options: CheckOptions) -> [(IPAddress, SendingIPCheck.Source)] {
    var out = options.ips.map { ($0, SendingIPCheck.Source.given) }
    if let ip = options.message?.publicSendingIP, !options.ips.contains(ip) {
      out.append((ip, .message))
    }
    return out
  }

  /// Fetches every address of `addresses(options)` concurrently, each given with `--ip` also
  /// checked against the SPF of every domain of `serviceDomains`; the reverse DNS only where
  /// `answerable` (nil: everywhere) says the resolver answers with what is there.
  public static func fetch(
    domain: DomainName, resolver: any DNSResolver, options: CheckOptions,
    serviceDomains: [DomainName] = [], answerable: (@Sendable (DNSQuestion) -> Bool)? = nil
  ) async -> SendingIPContext {
    let inputs = addresses(options)
    let checks = await withTaskGroup(of: (Int, SendingIPCheck).self) { group in
      for (index, (address, source)) in inputs.enumerated() {
        group.addTask {
          var check = await check(
            text: address.description, address: address, resolver: resolver,
            serviceDomains: source == .given ? serviceDomains : [], answerable: answerable)
          check.source = source
          return (index, check)
        }
      }
      var out: [(Int, SendingIPCheck)] = []
      for await item in group { out.append(item) }
      return out.sorted { $0.0 < $1.0 }.map(\.1)
    }
    return SendingIPContext(checks: checks)
  }

  static func check(
    text: String, address: IPAddress, resolver: any DNSResolver, serviceDomains: [DomainName],
    answerable: (@Sendable (DNSQuestion) -> Bool)? = nil
  ) async -> SendingIPCheck {
    async let services =
      serviceDomains.isEmpty
      ? nil : ServiceAddressCheck.fetch(address, domains: serviceDomains, resolver: resolver)
    // As `SendingIPCheck.recordAddress`, `.addressType` and `.reverseName` read them.
    let record = address.mappedIPv4 ?? address
    let (type, reverseName): (RRType, DomainName) = (record.isIPv4 ? .a : .aaaa, record.reverseName)
    let unchecked = { (name: DomainName, services: ServiceAddressCheck?) in
      var check = SendingIPCheck(
        text: text, address: address,
        ptr: .answer(DNSAnswer(name: reverseName, type: .ptr, status: .nodata)),
        forward: [:], services: services)
      check.unanswered = name
      return check
    }
    if answerable?(DNSQuestion(name: reverseName, type: .ptr)) == false {
      return unchecked(reverseName, await services)
    }
    let ptr = await LookupResult.fetch(
      reverseName, .ptr, from: resolver, purpose: "PTR of sending IP \(text)")
    if let end = unansweredEnd(of: ptr) {
      return unchecked(end, await services)
    }
    var names: [DomainName] = []
    for record in ptr.answer?.matching ?? [] {
      if case .ptr(let name) = record.data, !names.contains(name) { names.append(name) }
    }
    if let answerable,
      let name = names.prefix(maximumPTRNames).first(where: {
        !answerable(DNSQuestion(name: $0, type: type))
      })
    {
      return unchecked(name, await services)
    }
    let forward = await withTaskGroup(of: (DomainName, LookupResult).self) { group in
      for name in names.prefix(maximumPTRNames) {
        group.addTask {
          (
            name,
            await LookupResult.fetch(
              name, type, from: resolver, purpose: "forward lookup of PTR name of \(text)")
          )
        }
      }
      var out: [DomainName: LookupResult] = [:]
      for await (name, result) in group { out[name] = result }
      return out
    }
    for name in names {
      if let result = forward[name], let end = unansweredEnd(of: result) {
        return unchecked(end, await services)
      }
    }
    return SendingIPCheck(
      text: text, address: address, ptr: ptr, forward: forward, services: await services)
  }

  /// Where `result` ended after the CNAMEs it followed, when that end was answered by nothing:
  /// offline, a CNAME out of the zones ends in a made-up NXDOMAIN
  /// (`ZoneResolver.outsideTheZones`), which says nothing of the name. (A recording stores each
  /// answer with its whole chain, as it was answered.)
  static func unansweredEnd(of result: LookupResult) -> DomainName? {
    guard let answer = result.answer, answer.server == ZoneResolver.outsideTheZones else {
      return nil
    }
    var end = answer.name
    for record in answer.records where record.name == end {
      if case .cname(let target) = record.data { end = target }
    }
    // The name asked itself is `answerable`'s to judge, before the question is sent.
    return end != answer.name ? end : nil
  }

  /// True when the run checked the reverse DNS of every address it names (`--ip`, a message's)
  /// and there is one: a rule that found nothing passes only then (one found wrong fails
  /// whatever the rest).
  public var isChecked: Bool { !checks.isEmpty && checks.allSatisfy(\.reverseDNSChecked) }

  /// The check of `address`, when it was given.
  public func check(for address: IPAddress) -> SendingIPCheck? {
    checks.first { $0.address == address }
  }

  /// Every failed lookup of every address.
  public var failures: [LookupFailure] { checks.flatMap(\.failures) }
}
