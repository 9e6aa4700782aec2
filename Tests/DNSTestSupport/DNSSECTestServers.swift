import Foundation

/// Knot signing a test TLD and unbound validating it: `test.` (signed, the trust anchor)
/// delegates `secure.test` (signed, with its DS), `bogus.test` (signed, but the parent holds
/// the DS of another key), `island.test` (signed, no DS) and `unsigned.test`. Each child has
/// MX, SPF and DMARC records; `parentRecords` adds names to `test.` itself.
public struct DNSSECTestServers: Sendable {
  public let knot: KnotServer
  public let unbound: UnboundServer
  public let signing: KnotSigning

  /// The child zones and how each validates.
  public static let children = ["secure", "bogus", "island", "unsigned"]

  public static func start(parentRecords: String = "") throws(KnotServerError)
    -> DNSSECTestServers
  {
    let signing = try KnotSigning.make(
      zones: ["test", "secure.test", "bogus.test", "island.test"], extraKeys: ["stale.test"])
    // A DS for a key bogus.test does not have: the delegation a registrar keeps after a key
    // change.
    let stale = (signing.ds["stale.test."] ?? []).map {
      $0.replacingOccurrences(of: "stale.test.", with: "bogus.test.")
    }
    let ds: [String: [String]] = [
      "secure": signing.ds["secure.test."] ?? [], "bogus": stale, "island": [], "unsigned": [],
    ]
    let delegations = children.map { child in
      (["\(child) NS ns.\(child)", "ns.\(child) A 127.0.0.1"] + (ds[child] ?? []))
        .joined(separator: "\n")
    }
    let parent = """
      $ORIGIN test.
      $TTL 300
      @ SOA ns hostmaster 1 3600 600 86400 300
      @ NS ns
      ns A 127.0.0.1
      \(delegations.joined(separator: "\n"))
      \(parentRecords)

      """
    let zones = [KnotServer.Zone(origin: "test", text: parent)] + children.map(child)
    let knot = try KnotServer.start(zones: zones, signing: signing)
    let unbound = try UnboundServer.start(
      knot: knot, stubZones: ["test"], trustAnchors: signing.ds["test."] ?? [])
    return DNSSECTestServers(knot: knot, unbound: unbound, signing: signing)
  }

  static func child(_ name: String) -> KnotServer.Zone {
    KnotServer.Zone(
      origin: "\(name).test",
      text: """
        $ORIGIN \(name).test.
        $TTL 300
        @ SOA ns hostmaster 1 3600 600 86400 300
        @ NS ns
        ns A 127.0.0.1
        @ MX 10 mx1
        mx1 A 192.0.2.25
        @ TXT "v=spf1 mx -all"
        _dmarc TXT "v=DMARC1; p=reject; rua=mailto:d@\(name).test"

        """)
  }
}
