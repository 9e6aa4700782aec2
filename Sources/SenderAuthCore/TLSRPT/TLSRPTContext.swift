import DNSLookup

/// What was fetched for SMTP TLS Reporting (RFC 8460): the TXT records at
/// `_smtp._tls.<domain>`.
public struct TLSRPTContext: Sendable {
  public var domain: DomainName
  /// The answer at `_smtp._tls.<domain>`; nil when not fetched.
  public var txt: LookupResult?

  public init(domain: DomainName = .root, txt: LookupResult? = nil) {
    self.domain = domain
    self.txt = txt
  }

  /// The owner of the record: `_smtp._tls.<domain>`.
  public var recordName: DomainName? {
    try? domain.prepending("_tls").prepending("_smtp")
  }

  public static func fetch(domain: DomainName, resolver: any DNSResolver) async -> TLSRPTContext {
    var context = TLSRPTContext(domain: domain)
    guard let name = context.recordName else { return context }
    context.txt = await LookupResult.fetch(name, .txt, from: resolver, purpose: purpose)
    return context
  }

  /// What the lookup is for, as a failure names it.
  static let purpose = "TLS-RPT record"

  /// The TXT records meant as TLS-RPT records (they begin with `v=TLSRPTv1`).
  public var records: [TLSRPTRecord] {
    TagValueRecord.candidates(in: txt, version: "v=TLSRPTv1").map(TLSRPTRecord.init)
  }

  public var failures: [LookupFailure] { [txt?.failure].compactMap { $0 } }
}
