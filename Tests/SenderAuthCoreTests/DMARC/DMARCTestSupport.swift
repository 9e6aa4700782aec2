import DNSLookup
import Foundation
import SenderAuthCore

/// Resolvers over inline zones and `Fixtures/dmarc/` for the DMARC tests.
enum DMARCTestSupport {
  /// The repository root, found from this file's path.
  static var root: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
  }

  /// A resolver over zone texts, each with its origin (`$TTL` added).
  static func resolver(_ zones: [(origin: String, text: String)]) throws -> ZoneResolver {
    try ZoneResolver(
      zones: try zones.map {
        try ZoneFile.parse("$ORIGIN \($0.origin).\n$TTL 3600\n" + $0.text, file: $0.origin)
      })
  }

  /// A resolver over one zone text.
  static func resolver(_ text: String, origin: String = "example.com") throws -> ZoneResolver {
    try resolver([(origin, text)])
  }

  /// A resolver over `Fixtures/dmarc/<name>`.
  static func fixture(_ name: String) throws -> ZoneResolver {
    let path = root.appendingPathComponent("Fixtures/dmarc/\(name)").path
    return try ZoneResolver(zones: [try ZoneFile.load(path: path)])
  }

  /// Fails every query for the names given with SERVFAIL, others go to `inner`.
  struct Failing: DNSResolver {
    var names: Set<DomainName>
    var inner: any DNSResolver
    func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
      if names.contains(name) { throw .serverFailure(server: "injected") }
      return try await inner.query(name, type)
    }
  }

  /// Records every name asked, then asks `inner`.
  final class Recording: DNSResolver, @unchecked Sendable {
    let inner: any DNSResolver
    private let lock = NSLock()
    private var asked: [(DomainName, RRType)] = []
    init(_ inner: any DNSResolver) { self.inner = inner }
    func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
      lock.withLock { asked.append((name, type)) }
      return try await inner.query(name, type)
    }
    var names: [DomainName] {
      lock.withLock { asked.map(\.0) }
    }
  }

  /// The discovery for `domain` over `resolver`, as `DMARCContext` fetches it.
  static func discover(_ domain: String, _ resolver: any DNSResolver) async throws
    -> DMARCDiscovery
  {
    try await DMARCContext.fetch(
      domain: DomainName(domain), resolver: resolver, options: CheckOptions()
    ).discovery
  }

  static func name(_ text: String) -> DomainName {
    (try? DomainName(text)) ?? .root
  }
}
