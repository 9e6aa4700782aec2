import DNSLookup

/// Whether an address lies in a sending service's published SPF: RFC 7208 `check_host()` of
/// the address against each service's SPF domain (`sendgrid.net`, `spf.protection.outlook.com`
/// …), as fetched. A pass names the service; the term that matched (the deepest, as the trace
/// shows it) says why.
///
/// The service domains come from the ESP catalog through the engine; the check itself knows no
/// service. Its failures belong to the services' zones, not to the checked domain: they leave
/// the membership undecided and are never reported as the domain's lookup failures.
public struct ServiceAddressCheck: Hashable, Sendable {
  public var ip: IPAddress
  /// One evaluation per service domain, in the order given.
  public var evaluations: [SPFEvaluation]

  public init(ip: IPAddress, evaluations: [SPFEvaluation]) {
    self.ip = ip
    self.evaluations = evaluations
  }

  /// Evaluates `ip` against every domain of `domains` concurrently.
  public static func fetch(
    _ ip: IPAddress, domains: [DomainName], resolver: any DNSResolver
  ) async -> ServiceAddressCheck {
    let evaluator = SPFEvaluator(resolver: resolver)
    let evaluations = await withTaskGroup(of: (Int, SPFEvaluation).self) { group in
      for (index, domain) in domains.enumerated() {
        group.addTask {
          let evaluation = await evaluator.checkHost(
            ip: ip, domain: domain.text, sender: "postmaster@" + domain.text, helo: domain.text)
          return (index, evaluation)
        }
      }
      var out: [(Int, SPFEvaluation)] = []
      for await item in group { out.append(item) }
      return out.sorted { $0.0 < $1.0 }.map(\.1)
    }
    return ServiceAddressCheck(ip: ip, evaluations: evaluations)
  }

  /// The evaluations that passed: the services whose SPF authorizes the address.
  public var matches: [SPFEvaluation] { evaluations.filter { $0.result == .pass } }

  /// The evaluations that could not finish (a lookup failed): membership unknown.
  public var undecided: [SPFEvaluation] { evaluations.filter { $0.result == .temperror } }
}

extension SPFEvaluation {
  /// The deepest term that matched and the domain whose record holds it
  /// (`ip4:149.72.0.0/16` in `sendgrid.net`), from the trace; nil when nothing matched.
  public var deepestMatch: (term: String, domain: String)? {
    guard let step = trace.last(where: { $0.outcome == "match" }) else { return nil }
    return (step.term, step.domain)
  }

  /// Where the record of `domain` that this evaluation read is: the end of the CNAME chain at
  /// `domain` (a return path the customer points at a vendor: `bounces.example.com` CNAME
  /// `bounces.vendor.example`), or nil when there was no CNAME.
  public func canonicalName(ofRecordAt domain: String) -> DomainName? {
    guard
      let text = trace.last(where: { $0.outcome == "record" && $0.domain == domain })?
        .canonicalName
    else { return nil }
    return try? DomainName(text)
  }
}
