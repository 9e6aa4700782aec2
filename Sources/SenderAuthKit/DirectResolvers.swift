import DNSLookup
import Synchronization

/// One resolver per name-server address for `--authoritative`, made once and shared by every
/// domain of the run (each asks that server alone, with the run's timeout and tries).
final class DirectResolvers: Sendable {
  private let port: UInt16
  private let resolvers = Mutex<[IPAddress: LibresolvResolver]>([:])

  init(port: UInt16) {
    self.port = port
  }

  /// The resolver that asks `address` alone, with `configuration`'s timeout and tries.
  func resolver(for address: IPAddress, configuration: ResolverConfiguration) -> any DNSResolver {
    resolvers.withLock { resolvers in
      if let existing = resolvers[address] { return existing }
      var configuration = configuration
      configuration.nameservers = [
        ResolverConfiguration.Nameserver(host: address.description, port: port)
      ].compactMap { $0 }
      let resolver = LibresolvResolver(configuration: configuration)
      resolvers[address] = resolver
      return resolver
    }
  }
}
