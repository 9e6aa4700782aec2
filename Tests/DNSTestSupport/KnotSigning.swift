import Foundation

/// DNSSEC for a `KnotServer`: zones Knot signs (`dnssec-signing: on`) with keys made
/// beforehand by Knot's `keymgr`, so their DS records can go into parent zones and trust
/// anchors before the server starts.
public struct KnotSigning: Sendable {
  public static let keymgr = "/usr/sbin/keymgr"

  /// The origins Knot signs (absolute, lower-case, with trailing dot).
  public var zones: Set<String>
  /// The key database (KASP) the keys are in.
  public var keyDirectory: String
  /// Each origin's DS records (SHA-256), as keymgr prints them (`name. DS tag alg 2 hex`).
  public var ds: [String: [String]]

  /// Makes one ECDSA P-256 key (KSK and ZSK in one) for each of `zones` and for each of
  /// `extraKeys` (zones whose keys exist but are not served: their DS records make stale
  /// delegations).
  public static func make(zones: [String], extraKeys: [String] = []) throws(KnotServerError)
    -> KnotSigning
  {
    guard FileManager.default.isExecutableFile(atPath: keymgr) else {
      throw KnotServerError("keymgr not found at \(keymgr); \(KnotServer.installHint)")
    }
    let directory = TestDirectories.path("knot-keys")
    let configuration = directory + "/keymgr.conf"
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)
      try "database:\n    kasp-db: \"\(directory)\"\n".write(
        toFile: configuration, atomically: false, encoding: .utf8)
    } catch {
      throw KnotServerError("cannot write \(configuration): \(error)")
    }
    var ds: [String: [String]] = [:]
    for zone in (zones + extraKeys).map(KnotServer.normalized) {
      _ = try ChildProcess.output(
        of: keymgr,
        arguments: ["-c", configuration, zone, "generate", "algorithm=13", "ksk=yes", "zsk=yes"])
      let lines = try ChildProcess.output(of: keymgr, arguments: ["-c", configuration, zone, "ds"])
        .split(separator: "\n").map(String.init).filter { line in
          let fields = line.split(separator: " ")
          return fields.count == 6 && fields[1] == "DS" && fields[4] == "2"
        }
      guard !lines.isEmpty else { throw KnotServerError("keymgr made no DS for \(zone)") }
      ds[zone] = lines
    }
    return KnotSigning(
      zones: Set(zones.map(KnotServer.normalized)), keyDirectory: directory, ds: ds)
  }

  /// The policy of the signed zones: manual (use the keys there are, make none).
  var configuration: String {
    "policy:\n  - id: manual\n    manual: on"
  }

  /// The options of a signed zone's entry.
  static let zoneOptions = "\n    dnssec-signing: on\n    dnssec-policy: manual"
}
