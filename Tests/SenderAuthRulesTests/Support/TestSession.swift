import DNSLookup
import SenderAuthCore
import SenderAuthKit

/// Checks a domain the way every command does (through the `Session`), over a resolver a test
/// gives: zones, or injected failures.
enum TestSession {
  /// The session's result for `domain` over `resolver`.
  static func result(
    _ resolver: any DNSResolver, domain: String = "example.com",
    options: CheckOptions = CheckOptions(),
    servers: (@Sendable (IPAddress) -> any DNSResolver)? = nil,
    records: RecordSources = RecordSources()
  ) async throws -> DomainResult {
    let request = try CheckRequest(
      domains: [try DomainInput.parse(domain)], options: options, deadline: nil)
    let session = Session(request, resolver: resolver, servers: servers, records: records)
    return await session.check(request.domains[0])
  }

  /// The session's report for `domain` over `resolver`.
  static func report(
    _ resolver: any DNSResolver, domain: String = "example.com",
    options: CheckOptions = CheckOptions()
  ) async throws -> DomainReport {
    try await result(resolver, domain: domain, options: options).report
  }
}
