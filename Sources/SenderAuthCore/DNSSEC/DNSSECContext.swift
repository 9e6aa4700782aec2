import DNSLookup
import Foundation

/// The resolvers the DNSSEC checks ask: both send the DO bit (RFC 3225) and keep the AD bit;
/// `unchecked` also sets CD (RFC 4035 §3.2.2), so a validating resolver hands out data that
/// fails validation instead of SERVFAIL, which is how "bogus" is told from "broken server".
public struct DNSSECResolvers: Sendable {
  public var validating: any DNSResolver
  public var unchecked: any DNSResolver

  public init(validating: any DNSResolver, unchecked: any DNSResolver) {
    self.validating = validating
    self.unchecked = unchecked
  }
}

/// Whether the domain's answers validate (RFC 4033–4035): asked through a validating
/// resolver, read from the AD bit, with the zone's DNSKEY, the parent's DS and the signatures
/// for the diagnosis.
public struct DNSSECContext: Sendable {
  /// Why no DNSSEC verdict could be reached.
  public enum NotChecked: Hashable, Sendable {
    /// No validating resolver was given (offline, replayed or zone-file runs).
    case noResolver
    /// The answers came from zone files, which nobody validated.
    case zoneData
    /// The resolver sets the AD bit on nothing, not even the top-level domain or the root:
    /// it does not validate.
    case resolverDoesNotValidate
    /// The lookups failed (see `failures`).
    case lookupFailed
  }

  /// Why an answer is not secure although the resolver validates.
  public enum Insecurity: Hashable, Sendable {
    /// The zone publishes no DNSKEY: not signed.
    case unsigned
    /// The zone is signed but the parent has no DS record: no chain of trust reaches it.
    case dsMissing
    /// The parent has DS records, but the parent zone itself is not validated (an unsigned
    /// parent or top-level domain).
    case parentInsecure
  }

  public enum Status: Hashable, Sendable {
    case notChecked(NotChecked)
    case secure
    case insecure(Insecurity)
    /// The answers fail validation: validating resolvers answer SERVFAIL for every name in
    /// the zone.
    case bogus
  }

  public var domain: DomainName
  /// The apex of the zone the domain is in (found by asking SOA up the tree).
  public var apex: DomainName?
  /// SOA at the apex through the validating resolver.
  public var soa: LookupResult?
  /// SOA at the apex with CD, asked when the validating lookup failed.
  public var soaUnchecked: LookupResult?
  /// DNSKEY at the apex with CD (keys and their signatures).
  public var dnskey: LookupResult?
  /// DS at the apex (answered by the parent) through the validating resolver.
  public var ds: LookupResult?
  /// DS with CD, asked when the validating lookup failed.
  public var dsUnchecked: LookupResult?
  /// SOA of the top-level domain and of the root, asked until one is authenticated: whether
  /// the resolver validates at all.
  public var probes: [LookupResult] = []
  /// Failures of the apex search.
  public var searchFailures: [LookupFailure] = []
  /// Seconds since 1970 when the data was fetched (for signature expiry).
  public var fetchedAt: Double = 0

  public init(domain: DomainName = .root) {
    self.domain = domain
  }

  /// Asks everything the DNSSEC verdict needs; without resolvers the status is
  /// `.notChecked(.noResolver)`.
  public static func fetch(domain: DomainName, resolvers: DNSSECResolvers?) async -> DNSSECContext {
    var context = DNSSECContext(domain: domain)
    guard let resolvers else { return context }
    context.fetchedAt = Date().timeIntervalSince1970
    // The apex: the closest name at or above the domain that owns an SOA. Asked through the
    // validating resolver, so that the apex's answer is also its validated SOA; where that
    // fails (a bogus zone answers SERVFAIL) the name is asked again with CD. One question per
    // name in the common case: the same SOA asked with and without CD went out twice.
    var candidate: DomainName? = domain
    var apexSOA: (validated: LookupResult, unchecked: LookupResult?)?
    while let name = candidate, !name.isRoot {
      let validated = await LookupResult.fetch(
        name, .soa, from: resolvers.validating, purpose: "DNSSEC zone apex")
      var unchecked: LookupResult?
      if validated.failure != nil {
        unchecked = await LookupResult.fetch(
          name, .soa, from: resolvers.unchecked, purpose: "DNSSEC zone without validation")
      }
      let result = unchecked ?? validated
      if let failure = result.failure {
        context.searchFailures.append(failure)
        return context
      }
      if let answer = result.answer, answer.server.map(isZoneData) ?? false {
        // Zone files answer here: nothing to validate, nothing more to ask.
        context.apex = name
        context.soa = result
        return context
      }
      if let answer = result.answer, answer.matching.contains(where: { $0.name == name }) {
        context.apex = name
        apexSOA = (validated, unchecked)
        break
      }
      candidate = name.parent
    }
    guard let apex = context.apex, let apexSOA else { return context }
    (context.soa, context.soaUnchecked) = apexSOA
    let results = await LookupResult.fetch(
      [
        SingleLookup(
          name: apex, type: .dnskey, purpose: "DNSSEC keys of the zone",
          resolver: resolvers.unchecked),
        SingleLookup(name: apex, type: .ds, purpose: "DS records at the parent"),
      ], from: resolvers.validating)
    if results.count == 2 {
      (context.dnskey, context.ds) = (results[0], results[1])
    }
    if context.ds?.failure != nil {
      context.dsUnchecked = await LookupResult.fetch(
        apex, .ds, from: resolvers.unchecked, purpose: "DS records without validation")
    }
    if context.soa?.answer?.authenticated != true, context.ds?.answer?.authenticated != true {
      let topLevel = apex.labels.last.map { DomainName(validatedLabels: [$0]) }
      for name in [topLevel, .root].compactMap({ $0 }) where name != apex || name.isRoot {
        let result = await LookupResult.fetch(
          name, .soa, from: resolvers.validating, purpose: "DNSSEC validation probe")
        context.probes.append(result)
        if result.answer?.authenticated == true { break }
      }
    }
    return context
  }

  /// The verdict.
  public var status: Status {
    guard apex != nil, let soa else {
      return searchFailures.isEmpty ? .notChecked(.noResolver) : .notChecked(.lookupFailed)
    }
    let servers = [soa.answer?.server, dnskey?.answer?.server, soaUnchecked?.answer?.server]
    if servers.contains(where: { $0.map(Self.isZoneData) ?? false }) {
      return .notChecked(.zoneData)
    }
    switch soa {
    case .failed(let failure):
      if case .serverFailure = failure.error, soaUnchecked?.answer != nil { return .bogus }
      return .notChecked(.lookupFailed)
    case .answer(let answer):
      if answer.authenticated { return .secure }
      guard resolverValidates else { return .notChecked(.resolverDoesNotValidate) }
      guard let keys = dnskey?.answer else { return .notChecked(.lookupFailed) }
      if keys.dnskeyRecords.isEmpty { return .insecure(.unsigned) }
      guard let dsAnswer = (ds?.answer ?? dsUnchecked?.answer) else {
        return .notChecked(.lookupFailed)
      }
      return dsAnswer.dsRecords.isEmpty ? .insecure(.dsMissing) : .insecure(.parentInsecure)
    }
  }

  /// True when any answer carried the AD bit: the resolver validates.
  public var resolverValidates: Bool {
    soa?.answer?.authenticated == true || ds?.answer?.authenticated == true
      || probes.contains { $0.answer?.authenticated == true }
  }

  /// Zone files and replays name themselves as `zone FILE` / `offline` / `replay`.
  static func isZoneData(_ server: String) -> Bool {
    server.hasPrefix("zone ") || server == "offline" || server.hasPrefix("replay")
  }

  /// The zone's keys (from the lookup without validation).
  public var keys: [DNSKEYRecord] { dnskey?.answer?.dnskeyRecords ?? [] }

  /// The parent's DS records (validated when possible).
  public var dsRecords: [DSRecord] { (ds?.answer ?? dsUnchecked?.answer)?.dsRecords ?? [] }

  /// The keys a parent DS should point at: secure entry points, else every zone key.
  public var entryKeys: [DNSKEYRecord] {
    let zoneKeys = keys.filter(\.isZoneKey)
    let entry = zoneKeys.filter(\.isSecureEntryPoint)
    return entry.isEmpty ? zoneKeys : entry
  }

  /// The signatures over the zone's keys.
  public var signatures: [RRSIGRecord] { dnskey?.answer?.rrsigRecords ?? [] }

  /// Lookups that failed so that no verdict could be reached.
  public var failures: [LookupFailure] {
    guard case .notChecked(.lookupFailed) = status else { return [] }
    return searchFailures
      + [soa, soaUnchecked, dnskey, ds, dsUnchecked].compactMap { $0?.failure }
  }
}
