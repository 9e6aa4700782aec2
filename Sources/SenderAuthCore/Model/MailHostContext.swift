import DNSLookup

/// The domain's MX and address records (RFC 5321 §5.1), fetched together.
public struct MailHostContext: Sendable {
  public var mx: LookupResult
  public var a: LookupResult
  public var aaaa: LookupResult

  public init(mx: LookupResult, a: LookupResult, aaaa: LookupResult) {
    self.mx = mx
    self.a = a
    self.aaaa = aaaa
  }

  public static func fetch(domain: DomainName, resolver: any DNSResolver) async -> MailHostContext {
    async let mx = LookupResult.fetch(domain, .mx, from: resolver, purpose: "MX records")
    async let a = LookupResult.fetch(domain, .a, from: resolver, purpose: "address records")
    async let aaaa = LookupResult.fetch(domain, .aaaa, from: resolver, purpose: "address records")
    return await MailHostContext(mx: mx, a: a, aaaa: aaaa)
  }

  public var failures: [LookupFailure] { [mx, a, aaaa].compactMap(\.failure) }

  /// True for a null MX (RFC 7505: one MX `0 .`): the domain accepts no mail.
  public var isNullMX: Bool {
    guard let hosts = mx.answer?.mxHosts, hosts.count == 1 else { return false }
    return hosts[0].exchange.isRoot
  }
}
