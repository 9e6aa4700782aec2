import DNSLookup
import Foundation
import SenderAuthCore

/// Reads the DKIM fixtures (`Fixtures/dkim/`) and builds resolvers over zone text.
enum DKIMFixtures {
  /// The repository root, found from this file's path.
  static var root: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
  }

  /// The base64 text of `Fixtures/dkim/keys/<name>.b64`.
  static func key(_ name: String) throws -> String {
    let url = root.appendingPathComponent("Fixtures/dkim/keys/\(name).b64")
    return try String(contentsOf: url, encoding: .utf8).trimmingCharacters(
      in: .whitespacesAndNewlines)
  }

  /// The resolver over `Fixtures/dkim/keys.example.zone`.
  static func keysZone() throws -> ZoneResolver {
    let path = root.appendingPathComponent("Fixtures/dkim/keys.example.zone").path
    return try ZoneResolver(zones: [try ZoneFile.load(path: path)])
  }

  /// A resolver over zone text for `example.com` (`$ORIGIN` and `$TTL` added).
  static func resolver(_ text: String, origin: String = "example.com") throws -> ZoneResolver {
    let zone = try ZoneFile.parse(
      "$ORIGIN \(origin).\n$TTL 3600\n" + text, file: "test")
    return try ZoneResolver(zones: [zone])
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

  /// Answers TXT with the records only (no CNAMEs in the answer), as some resolvers and
  /// replays do; CNAME questions are answered normally.
  struct ChainDropping: DNSResolver {
    var inner: any DNSResolver
    func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
      var answer = try await inner.query(name, type)
      if type != .cname { answer.records.removeAll { $0.type == .cname } }
      return answer
    }
  }

  /// Answers without following CNAMEs: the CNAME alone, as an authoritative server does for
  /// a target in another zone.
  struct NotFollowing: DNSResolver {
    var inner: any DNSResolver
    func query(_ name: DomainName, _ type: RRType) async throws(DNSError) -> DNSAnswer {
      var answer = try await inner.query(name, type)
      if let first = answer.records.first, first.type == .cname, type != .cname {
        answer.records = [first]
        answer.status = .answer
      }
      return answer
    }
  }
}
