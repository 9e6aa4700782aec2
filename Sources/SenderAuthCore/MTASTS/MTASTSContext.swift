import DNSLookup

/// What was fetched for MTA-STS (RFC 8461): the TXT records at `_mta-sts.<domain>` and, when
/// one of them is an MTA-STS record, the policy file over HTTPS.
public struct MTASTSContext: Sendable {
  /// RFC 8461 §3.3: senders should cap the policy body ("e.g., 64 KB").
  public static let maximumPolicySize = 64 * 1024

  public var domain: DomainName
  /// The answer at `_mta-sts.<domain>`; nil when not fetched.
  public var txt: LookupResult?
  /// Where the policy lives: `https://mta-sts.<domain>/.well-known/mta-sts.txt`.
  public var policyURL: HTTPSURL?
  /// The policy fetch; nil when none was made (no MTA-STS record).
  public var policyFetch: HTTPSFetch?

  public init(
    domain: DomainName = .root, txt: LookupResult? = nil, policyURL: HTTPSURL? = nil,
    policyFetch: HTTPSFetch? = nil
  ) {
    self.domain = domain
    self.txt = txt
    self.policyURL = policyURL
    self.policyFetch = policyFetch
  }

  /// The owner of the TXT record: `_mta-sts.<domain>`.
  public var recordName: DomainName? { try? domain.prepending("_mta-sts") }

  /// Fetches the TXT records and, when there is an MTA-STS record, the policy with `https`
  /// (without a client the fetch is `.notAttempted`).
  public static func fetch(
    domain: DomainName, resolver: any DNSResolver, https: (any HTTPSClient)?
  ) async -> MTASTSContext {
    var context = MTASTSContext(domain: domain)
    guard let name = context.recordName else { return context }
    context.txt = await LookupResult.fetch(name, .txt, from: resolver, purpose: "MTA-STS record")
    guard !context.records.isEmpty, let host = try? domain.prepending("mta-sts") else {
      return context
    }
    let url = HTTPSURL(host: host, path: "/.well-known/mta-sts.txt")
    context.policyURL = url
    guard let https else {
      context.policyFetch = .failed(.notAttempted(.noHTTPSInRun))
      return context
    }
    context.policyFetch = await https.fetch(
      HTTPSRequest(url: url, maximumSize: maximumPolicySize))
    return context
  }

  /// The TXT records that are meant as MTA-STS records (they begin with `v=STSv1`).
  public var records: [MTASTSRecord] {
    TagValueRecord.candidates(in: txt, version: "v=STSv1").map(MTASTSRecord.init)
  }

  /// The one record senders use: exactly one candidate, and valid.
  public var activeRecord: MTASTSRecord? {
    let records = self.records
    guard records.count == 1, records[0].isValid else { return nil }
    return records[0]
  }

  /// Why the policy is not usable, or nil when it was fetched (200, `text/plain`) or no fetch
  /// was made or attempted.
  public var policyProblem: HTTPSProblem? {
    guard let policyFetch else { return nil }
    return HTTPSProblem(policyFetch, expecting: ["text/plain"])
  }

  /// The policy as served, when the fetch got a 200 response (whatever its media type, so
  /// its content can still be judged).
  public var policy: MTASTSPolicy? {
    guard case .response(let response)? = policyFetch, response.status == 200 else { return nil }
    return MTASTSPolicy(text: response.text)
  }

  /// Lookups that failed: the TXT record, and the policy host's address.
  public var failures: [LookupFailure] {
    var failures = [txt?.failure].compactMap { $0 }
    if case .failed(let failure)? = policyFetch, let lookup = failure.lookupFailure {
      failures.append(lookup)
    }
    return failures
  }
}
