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
  public var espProbes: [ESPProbe] = []
  /// Fetches MTA-STS policies, BIMI logos and certificates; nil: not fetched (offline).
  public var https: (any HTTPSClient)?
  /// The resolvers the DNSSEC checks ask; nil: DNSSEC not checked (offline, replay).
  public var dnssec: DNSSECResolvers?
  /// DKIM selectors that other records name (from the ESP catalog: HubSpot's `hs1-<hub-id>`
  /// from its SPF include), probed with source `.esp` once the SPF record is fetched.
  public var selectorsFromSPF: (@Sendable (SPFContext) -> [String])?
  /// SPF domains of sending services (from the ESP catalog), each sending IP is checked
  /// against: whether a service publishes the address.
  public var serviceSPFDomains: [DomainName] = []

  public init(resolver: any DNSResolver) {
    self.resolver = resolver
  }

  /// Fetches everything the rules need for `domain`. Never throws: failures are in the context.
  public func context(for domain: DomainName, options: CheckOptions) async -> DomainContext {
    async let spfAndDKIM = spfAndDKIM(for: domain, options: options)
    async let dmarc = DMARCContext.fetch(domain: domain, resolver: resolver, options: options)
    async let mail = MailHostContext.fetch(domain: domain, resolver: resolver)
    async let ips = SendingIPContext.fetch(
      domain: domain, resolver: resolver, options: options, serviceDomains: serviceSPFDomains)
    async let esp = ESPContext.fetch(
      domain: domain, resolver: resolver, options: options, probes: espProbes)
    async let mtaSTS = MTASTSContext.fetch(domain: domain, resolver: resolver, https: https)
    async let tlsRPT = TLSRPTContext.fetch(domain: domain, resolver: resolver)
    async let dnssec = DNSSECContext.fetch(domain: domain, resolvers: dnssec)
    async let message = messageContext(options.message)
    let (spf, dkim) = await spfAndDKIM
    var context = await DomainContext(
      domain: domain, options: options, spf: spf, dmarc: dmarc, dkim: dkim, mail: mail,
      sendingIPs: ips, esp: esp)
    (context.mtaSTS, context.tlsRPT, context.dnssec) = await (mtaSTS, tlsRPT, dnssec)
    context.message = await message
    context.bimi = await BIMIContext.fetch(
      domain: domain, organizationalDomain: context.dmarc.discovery.organizationalDomain,
      resolver: resolver, https: https)
    if options.authoritative, let serverResolver {
      context.authoritative = await AuthoritativeContext.fetch(
        domain: domain, questions: context.dependedOnQuestions, resolver: resolver,
        serverResolver: serverResolver, askedAt: now())
    }
    return context
  }

  /// What the message of `check --message` needs, when there is one.
  private func messageContext(_ headers: MessageHeaders?) async -> MessageContext? {
    guard let headers else { return nil }
    return await MessageContext.fetch(
      headers, resolver: resolver, serviceDomains: serviceSPFDomains)
  }

  /// Runs `rules` over `context`, findings sorted by severity (worst first), then id.
  public static func run(_ rules: [any Rule], on context: DomainContext) -> [Finding] {
    rules.flatMap { $0.check(context) }.sorted {
      ($0.severity, $1.id) > ($1.severity, $0.id)
    }
  }
}
