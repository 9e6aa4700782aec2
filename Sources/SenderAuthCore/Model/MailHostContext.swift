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

  /// Asks MX, A and AAAA at `domain` together (from the calling task).
  public static func fetch(domain: DomainName, resolver: any DNSResolver) async -> MailHostContext {
    MailHostContext(results: await LookupResult.fetch(lookups(domain: domain), from: resolver))
  }

  /// The lookups `fetch` makes: MX, A and AAAA.
  static func lookups(domain: DomainName) -> [SingleLookup] {
    [
      SingleLookup(name: domain, type: .mx, purpose: "MX records"),
      SingleLookup(name: domain, type: .a, purpose: "address records"),
      SingleLookup(name: domain, type: .aaaa, purpose: "address records"),
    ]
  }

  /// The context from the results of `lookups(domain:)`, in their order (a missing one reads
  /// as a lookup not made).
  init(results: [LookupResult]) {
    func result(_ index: Int, _ type: RRType) -> LookupResult {
      guard index < results.count else {
        return .failed(
          LookupFailure(name: .root, type: type, error: .cancelled, purpose: "lookup not made"))
      }
      return results[index]
    }
    self.init(mx: result(0, .mx), a: result(1, .a), aaaa: result(2, .aaaa))
  }

  public var failures: [LookupFailure] { [mx, a, aaaa].compactMap(\.failure) }

  /// True for a null MX (RFC 7505: one MX `0 .`): the domain accepts no mail.
  public var isNullMX: Bool {
    guard let hosts = mx.answer?.mxHosts, hosts.count == 1 else { return false }
    return hosts[0].exchange.isRoot
  }
}
