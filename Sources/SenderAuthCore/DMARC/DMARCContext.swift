import DNSLookup

/// What was fetched for DMARC: the record at `_dmarc.<domain>`, the tree walk, report
/// destinations. (Placeholder: the DMARC work fills this in.)
public struct DMARCContext: Sendable {
  public var txt: LookupResult

  public init(txt: LookupResult) {
    self.txt = txt
  }

  public static func fetch(
    domain: DomainName, resolver: any DNSResolver, options: CheckOptions
  ) async -> DMARCContext {
    let name = (try? domain.prepending("_dmarc")) ?? domain
    return DMARCContext(
      txt: await LookupResult.fetch(name, .txt, from: resolver, purpose: "DMARC record"))
  }

  public var failures: [LookupFailure] { [txt].compactMap(\.failure) }
}
