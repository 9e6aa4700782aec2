import DNSLookup
import SenderAuthCore
import SenderAuthRules

extension Engine {
  /// An engine that probes what the ESP catalog knows: the names ESP setups put below a
  /// domain, the DKIM selectors SPF includes name, and the services' SPF domains.
  static func withCatalog(resolver: any DNSResolver) -> Engine {
    var engine = Engine(resolver: resolver)
    engine.espProbes = ESPCatalog.probePlan
    engine.selectorsFromSPF = ESPCatalog.selectorsFromSPF
    engine.selectorsBeside = ESPCatalog.selectorsBeside
    engine.serviceSPFDomains = ESPCatalog.serviceSPFDomains
    return engine
  }
}
