import DNSLookup
import Foundation
import SenderAuthCore
import SenderAuthKit
import SenderAuthRules

/// Runs a rule's example: its zone through `ZoneResolver` (offline) and the `Engine`.
enum RuleExampleRunner {
  /// Fails every query for the given names with SERVFAIL; asks `zones` for the rest.
  struct Failing: DNSResolver {
    var names: Set<DomainName>
    var zones: ZoneResolver
    var all = false
    func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
      if all || names.contains(name) { throw .serverFailure(server: "injected") }
      return try await zones.query(name, type)
    }
  }

  /// Fails every query for the given names as the per-domain deadline does
  /// (`DNSError.deadlineExceeded`); asks `wrapped` for the rest.
  struct Expired: DNSResolver {
    var names: Set<DomainName>
    var wrapped: any DNSResolver
    func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
      if names.contains(name) { throw DNSError.deadlineExceeded }
      return try await wrapped.query(name, type)
    }
  }

  /// A validating resolver over the example's zones: names in a `bogus` zone fail with
  /// SERVFAIL unless checking is disabled, answers in `secure` zones (and the top-level
  /// domain and the root) carry the AD bit.
  struct Validating: DNSResolver {
    var zones: any DNSResolver
    var states: [(DomainName, ExampleValidation)]
    var checkingDisabled: Bool
    func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
      let state =
        name.labels.count <= 1
        ? .secure
        : states.filter { name.isSubdomain(of: $0.0) }.max {
          $0.0.labels.count < $1.0.labels.count
        }?.1
      if state == .bogus, !checkingDisabled { throw .serverFailure(server: "validator") }
      var answer = try await zones.query(name, type)
      answer.server = "validator"
      answer.authenticated = state == .secure && !checkingDisabled
      return answer
    }
  }

  /// `fix` with every placeholder (`<your-inbound-mail-server>`) filled in as the owner would.
  static func filled(_ fix: Fix) -> Fix {
    func fill(_ changes: [DNSChange]) -> [DNSChange] {
      changes.map { change in
        var change = change
        change.value = change.value.replacingOccurrences(
          of: "<[^>]*>", with: "filled-in", options: .regularExpression)
        return change
      }
    }
    return Fix(explanation: fix.explanation, add: fill(fix.add), remove: fill(fix.remove))
  }

  /// The example's zone text as a complete zone file (origin and TTL added when missing).
  static func zone(_ example: RuleExample) throws -> ZoneFile {
    var text = example.zone
    if !text.contains("$TTL") { text = "$TTL 3600\n" + text }
    if !text.contains("$ORIGIN") { text = "$ORIGIN \(example.domain).\n" + text }
    return try ZoneFile.parse(text, file: "example")
  }

  /// The findings `rule` reports for `example` with `zone` in place of the example's own.
  static func findings(
    of rule: any Rule, example: RuleExample, zone: ZoneFile? = nil
  ) async throws -> [Finding] {
    let context = try await result(for: example, zone: zone).context
    return rule.check(context).filter { $0.id == rule.description.id }
  }

  /// The session's result for `example` (with `zone` in place of its own): its zone, the
  /// failures it injects, and with `authoritative` its servers.
  static func result(for example: RuleExample, zone: ZoneFile? = nil) async throws
    -> DomainResult
  {
    let zoneFile = try zone ?? self.zone(example)
    let others = try example.otherZones.map {
      try ZoneFile.parse("$TTL 3600\n" + $0, file: "other")
    }
    let zones = try ZoneResolver(zones: [zoneFile] + others)
    let failing = Set(
      try example.failing.filter { IPAddress($0) == nil }.map { try DomainName($0) })
    let answering: any DNSResolver =
      failing.isEmpty ? zones : Failing(names: failing, zones: zones)
    let expired = Set(try example.expired.map { try DomainName($0) })
    let resolver: any DNSResolver =
      expired.isEmpty ? answering : Expired(names: expired, wrapped: answering)
    var servers: (@Sendable (IPAddress) -> any DNSResolver)?
    var records = RecordSources()
    if !example.web.isEmpty { records.https = StaticHTTPSClient(example.web) }
    if !example.validation.isEmpty {
      let states = try example.validation.map { (try DomainName($0.key), $0.value) }
      records.dnssec = DNSSECResolvers(
        validating: Validating(zones: resolver, states: states, checkingDisabled: false),
        unchecked: Validating(zones: resolver, states: states, checkingDisabled: true))
    }
    if example.options.authoritative {
      var byAddress: [String: any DNSResolver] = [:]
      for (address, text) in example.serverZones {
        var server = example
        server.zone = text
        byAddress[address] = try ZoneResolver(zones: [try self.zone(server)])
      }
      let failingServers = Set(example.failing)
      let known = byAddress
      servers = { address in
        let key = address.description
        if failingServers.contains(key) {
          return Failing(names: [], zones: zones, all: true)
        }
        return known[key] ?? zones
      }
    }
    var options = example.options
    if let message = example.message {
      options.message = try MessageHeaders.parse(Array(message.utf8))
    }
    return try await TestSession.result(
      resolver, domain: example.domain, options: options, servers: servers,
      records: records)
  }
}

/// One example of one rule, as a test argument that names itself.
struct RuleExampleCase: Sendable, CustomStringConvertible {
  enum Kind: String, Sendable {
    case triggering
    case nonTriggering = "non-triggering"
  }

  var ruleID: String
  var kind: Kind
  var index: Int
  var example: RuleExample

  var description: String { "\(ruleID) \(kind.rawValue) #\(index + 1)" }

  var rule: (any Rule)? { RuleCatalog.rule(id: ruleID) }

  static var all: [RuleExampleCase] {
    RuleCatalog.all.flatMap { rule in
      let description = rule.description
      return description.triggering.enumerated().map {
        RuleExampleCase(ruleID: description.id, kind: .triggering, index: $0, example: $1)
      }
        + description.nonTriggering.enumerated().map {
          RuleExampleCase(ruleID: description.id, kind: .nonTriggering, index: $0, example: $1)
        }
    }
  }
}
