import DNSLookup

/// Fetches a `DomainContext` (independent queries together) and runs rules over it.
public struct Engine: Sendable {
  public let resolver: any DNSResolver
  /// With `--authoritative`: a resolver that asks one server directly. When set, every
  /// authoritative server of the domain's zone is asked the questions the checks depend on.
  public var serverResolver: (@Sendable (IPAddress) -> any DNSResolver)?
  /// The clock for "cached until" estimates (seconds since 1970).
  public var now: @Sendable () -> Double = { 0 }
  /// Names below each domain that ESP setups use (from the ESP catalog), fetched into
  /// `DomainContext.esp`.
  public var espProbes = ESPProbePlan([])
  /// Whether the resolver answers a question with what is there (`ResolverStack.answerable`):
  /// nil when every question goes to the network. Offline or from a replay, the reverse DNS of
  /// a sending IP is left not checked where it says no.
  public var answerable: (@Sendable (DNSQuestion) -> Bool)?
  /// Fetches MTA-STS policies, BIMI logos and certificates; nil: not fetched (offline).
  public var https: (any HTTPSClient)?
  /// The resolvers the DNSSEC checks ask; nil: DNSSEC not checked (offline, replay).
  public var dnssec: DNSSECResolvers?
  /// DKIM selectors that other records name (from the ESP catalog: HubSpot's `hs1-<hub-id>`
  /// from its SPF include), probed with source `.esp` once the SPF record is fetched.
  public var selectorsFromSPF: (@Sendable (SPFContext) -> [String])?
  /// The selectors that go with those a message was signed with, under a domain (the ESP
  /// catalog's `selectorsBeside`): probed with source `.esp`.
  public var selectorsBeside: (@Sendable ([String], DomainName) -> [String])?
  /// SPF domains of sending services (from the ESP catalog), each sending IP is checked
  /// against: whether a service publishes the address.
  public var serviceSPFDomains: [DomainName] = []

  public init(resolver: any DNSResolver) {
    self.resolver = resolver
  }

  /// Fetches everything the rules need for `domain`. Never throws: failures are in the context.
  public func context(for domain: DomainName, options: CheckOptions) async -> DomainContext {
    await fetch(domain, options: options).value
  }

  /// Runs `rules` over `context`, findings sorted by severity (worst first), then id.
  public static func run(_ rules: [any Rule], on context: DomainContext) -> [Finding] {
    rules.flatMap { $0.check(context) }.sorted {
      ($0.severity, $1.id) > ($1.severity, $0.id)
    }
  }
}
