import DNSLookup

/// What was fetched for SPF: the TXT answer at the domain and the walked include/redirect tree.
/// (Placeholder: the SPF work fills this in.)
public struct SPFContext: Sendable {
  public var txt: LookupResult

  public init(txt: LookupResult) {
    self.txt = txt
  }

  public static func fetch(
    domain: DomainName, resolver: any DNSResolver, options: CheckOptions
  ) async -> SPFContext {
    SPFContext(txt: await LookupResult.fetch(domain, .txt, from: resolver, purpose: "SPF record"))
  }

  public var failures: [LookupFailure] { [txt].compactMap(\.failure) }
}
