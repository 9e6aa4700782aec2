import DNSLookup
import SenderAuthCore

/// Which sending service publishes an address in its SPF, from the checks the engine made
/// (each `--ip`, and the message's sending IP against every service's SPF domain).
enum ESPAddresses {
  /// The service that publishes an address, and the evaluation that says so.
  struct Owner {
    var esp: ESP
    var evaluation: SPFEvaluation

    /// `'ip4:149.72.0.0/16' in sendgrid.net`: the deepest term that matched.
    var term: String {
      evaluation.deepestMatch.map { "'\($0.term)' in \($0.domain)" } ?? evaluation.domain
    }
  }

  /// The service check of `ip`: from `--ip`, or the message's.
  static func check(_ ip: IPAddress, in context: DomainContext) -> ServiceAddressCheck? {
    if let check = context.sendingIPs.check(for: ip)?.services { return check }
    if let services = context.message?.services, services.ip == ip { return services }
    return nil
  }

  /// The first service (catalog order) whose SPF authorizes `ip`; else, for the message's
  /// sending IP, the service whose own domain its envelope is at (or its envelope's CNAME leads
  /// to) when SPF passed there (HubSpot publishes no SPF domain of its own: each account has its
  /// include).
  static func owner(of ip: IPAddress, in context: DomainContext) -> Owner? {
    if let check = check(ip, in: context) {
      for esp in ESPCatalog.all {
        guard let domain = esp.spfDomain,
          let evaluation = check.matches.first(where: { $0.domain == domain.text })
        else { continue }
        return Owner(esp: esp, evaluation: evaluation)
      }
    }
    guard let message = context.message, let evaluation = message.passedSPF(from: ip),
      let envelope = message.headers.envelopeDomain
    else { return nil }
    // The envelope's record is the service's too when a CNAME in the customer's zone leads to it.
    let record = evaluation.canonicalName(ofRecordAt: evaluation.domain) ?? envelope
    guard let esp = ESPCatalog.all.first(where: { $0.owns(envelope) || $0.owns(record) })
    else { return nil }
    return Owner(esp: esp, evaluation: evaluation)
  }

  /// The service SPF domains whose evaluation for `ip` failed (membership unknown).
  static func undecided(_ ip: IPAddress, in context: DomainContext) -> [String] {
    check(ip, in: context)?.undecided.map(\.domain) ?? []
  }

  /// True when `ip` may be pinned with `ip4:`/`ip6:`: no service publishes it, and every
  /// service check finished.
  static func mayPin(_ ip: IPAddress, in context: DomainContext) -> Bool {
    owner(of: ip, in: context) == nil && undecided(ip, in: context).isEmpty
  }
}
