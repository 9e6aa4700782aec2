import DNSLookup

/// What was fetched for DKIM: each selector probed, its CNAME chain and key record.
/// (Placeholder: the DKIM work fills this in.)
public struct DKIMContext: Sendable {
  public init() {}

  public static func fetch(
    domain: DomainName, resolver: any DNSResolver, options: CheckOptions
  ) async -> DKIMContext {
    DKIMContext()
  }

  public var failures: [LookupFailure] { [] }

  /// The domains (`d=`) that usable keys were found for: what DKIM alignment can rest on.
  public var signingDomains: [DomainName] { [] }
}
