import DNSTestSupport
import Foundation

/// The real servers the MTA-STS, TLS-RPT, BIMI, DNSSEC and null-MX tests run against: Knot
/// serving (and signing) the test zones, unbound validating them from a trust anchor for
/// `test.`, and an HTTPS server on port 443 of a loopback address serving policies, logos
/// and certificates by host name from a test CA. Started once per test process.
struct RecordChecksEnvironment: Sendable {
  let dns: DNSSECTestServers
  let https: HTTPSTestServer
  /// A loopback address nothing listens on (connection refused).
  let closedAddress: String

  static let shared = Task { () async throws -> RecordChecksEnvironment in
    try await OffPool.run { () throws(KnotServerError) -> RecordChecksEnvironment in
      try make()
    }
  }

  /// The policy every good MTA-STS domain serves for its MX host.
  static func policy(
    _ domain: String, mode: String = "enforce", mx: [String]? = nil, maxAge: Int = 604_800
  ) -> String {
    (["version: STSv1", "mode: \(mode)"] + (mx ?? ["mx1.\(domain).test"]).map { "mx: \($0)" }
      + ["max_age: \(maxAge)"]).joined(separator: "\r\n") + "\r\n"
  }

  static let svg = """
    <svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps" \
    viewBox="0 0 64 64"><title>Test brand</title><circle cx="32" cy="32" r="30" \
    fill="#0a4"/></svg>
    """

  static let badSVG = """
    <?xml version="1.0"?>
    <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" \
    version="1.1" x="0" y="0" viewBox="0 0 64 32"><script>alert(1)</script>\
    <image xlink:href="https://cdn.example.net/logo.png" width="64" height="32"/></svg>
    """

  /// A self-signed certificate made with openssl: `names` in subjectAltName, the BIMI key
  /// usage and a logotype extension when `mark`.
  static func certificate(
    names: [String], mark: Bool, directory: String
  ) throws(KnotServerError) -> String {
    let base = directory + "/" + (names.first ?? "cert") + (mark ? "-mark" : "-tls")
    var arguments = [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
      "-keyout", base + ".key", "-out", base + ".pem", "-days", "30", "-subj", "/CN=test mark",
      "-addext", "subjectAltName=" + names.map { "DNS:\($0)" }.joined(separator: ","),
    ]
    if mark {
      arguments += [
        "-addext", "extendedKeyUsage=1.3.6.1.5.5.7.3.31", "-addext",
        "1.3.6.1.5.5.7.1.12=DER:3000",
      ]
    }
    _ = try ChildProcess.output(of: "/usr/bin/openssl", arguments: arguments)
    guard let pem = try? String(contentsOfFile: base + ".pem", encoding: .utf8) else {
      throw KnotServerError("openssl made no certificate for \(names)")
    }
    return pem
  }

  static func make() throws(KnotServerError) -> RecordChecksEnvironment {
    let work = TestDirectories.path("record-checks")
    try? FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    let mark = try certificate(names: ["bimi-good.test"], mark: true, directory: work)
    let tls = try certificate(names: ["other.example"], mark: false, directory: work)
    typealias Route = HTTPSTestServer.Route
    let path = "/.well-known/mta-sts.txt"
    func sts(_ domain: String, _ route: Route) -> (String, HTTPSTestServer.Host) {
      ("mta-sts.\(domain).test", HTTPSTestServer.Host(routes: [path: route]))
    }
    var hosts: [String: HTTPSTestServer.Host] = Dictionary(
      uniqueKeysWithValues: [
        sts("sts-good", Route(body: policy("sts-good"))),
        sts("sts-html", Route(type: "text/html", body: policy("sts-html"))),
        sts(
          "sts-redirect",
          Route(status: 301, body: "", location: "https://www.sts-redirect.test/policy.txt")),
        sts("sts-large", Route(body: "mx: padding.sts-large.test\r\n", repeat: 2600)),
        sts("sts-syntax", Route(body: "Version: STSv1\nmode: enforce\nmx: mx1.sts-syntax.test\n")),
        sts(
          "sts-uncovered",
          Route(body: policy("sts-uncovered", mx: ["mx1.sts-uncovered.test"]))),
        sts("sts-testing", Route(body: policy("sts-testing", mode: "testing"))),
        sts("sts-shortage", Route(body: policy("sts-shortage", maxAge: 3600))),
      ])
    hosts["mta-sts.sts-404.test"] = HTTPSTestServer.Host(routes: [:])
    hosts["mta-sts.sts-wrongname.test"] = HTTPSTestServer.Host(
      certificate: .wrongName, routes: [path: Route(body: policy("sts-wrongname"))])
    hosts["mta-sts.sts-untrusted.test"] = HTTPSTestServer.Host(
      certificate: .untrusted, routes: [path: Route(body: policy("sts-untrusted"))])
    hosts["assets.test"] = HTTPSTestServer.Host(routes: [
      "/bimi-good.svg": Route(type: "image/svg+xml", body: svg),
      "/bimi-good.pem": Route(type: "application/x-pem-file", body: mark),
      "/bad.svg": Route(type: "image/svg+xml", body: badSVG),
      "/tls.pem": Route(type: "application/x-pem-file", body: tls),
    ])
    let https = try HTTPSTestServer.start(hosts: hosts)
    let closed = https.address.split(separator: ".").dropLast().joined(separator: ".") + ".3"
    let dns = try DNSSECTestServers.start(
      parentRecords: records(https: https, closed: closed))
    return RecordChecksEnvironment(dns: dns, https: https, closedAddress: closed)
  }

  /// The names of `test.` for every case but the DNSSEC ones (which are its child zones).
  static func records(https: HTTPSTestServer, closed: String) -> String {
    func mail(_ domain: String) -> String {
      "\(domain) MX 10 mx1.\(domain)\nmx1.\(domain) A 192.0.2.25"
    }
    func sts(_ domain: String, address: String? = nil, record: String = "v=STSv1; id=1") -> String {
      mail(domain) + "\n_mta-sts.\(domain) TXT \"\(record)\""
        + "\n_smtp._tls.\(domain) TXT \"v=TLSRPTv1; rua=mailto:tls@\(domain).test\""
        + (address.map { "\nmta-sts.\(domain) A \($0)" } ?? "")
    }
    func bimi(_ domain: String, dmarc: String = "v=DMARC1; p=reject", record: String) -> String {
      "_dmarc.\(domain) TXT \"\(dmarc)\"\ndefault._bimi.\(domain) TXT \"v=BIMI1; \(record)\""
    }
    let logo = "l=https://assets.test/bimi-good.svg"
    let server = https.address
    return """
      assets A \(server)
      \(sts("sts-good", address: server))
      sts-good TXT "v=spf1 mx -all"
      _dmarc.sts-good TXT "v=DMARC1; p=reject; rua=mailto:d@sts-good.test"
      \(sts("sts-badrecord", record: "v=STSv1; id=2026-01-01"))
      \(sts("sts-two", address: server))
      _mta-sts.sts-two TXT "v=STSv1; id=2"
      \(sts("sts-404", address: server))
      \(sts("sts-html", address: server))
      \(sts("sts-redirect", address: server))
      \(sts("sts-large", address: server))
      \(sts("sts-wrongname", address: server))
      \(sts("sts-untrusted", address: server))
      \(sts("sts-hang", address: https.silentAddress))
      \(sts("sts-refused", address: closed))
      \(sts("sts-noaddr"))
      \(sts("sts-syntax", address: server))
      \(sts("sts-uncovered", address: server))
      sts-uncovered MX 20 backup.other.test.
      \(mail("sts-testing"))
      _mta-sts.sts-testing TXT "v=STSv1; id=1"
      mta-sts.sts-testing A \(server)
      \(sts("sts-shortage", address: server))
      \(mail("sts-missing"))
      \(mail("rpt-bad"))
      _smtp._tls.rpt-bad TXT "v=TLSRPTv1; rua=tls@rpt-bad.test"
      \(mail("rpt-two"))
      _smtp._tls.rpt-two TXT "v=TLSRPTv1; rua=mailto:a@rpt-two.test"
      _smtp._tls.rpt-two TXT "v=TLSRPTv1; rua=https://reports.rpt-two.test/tlsrpt"
      \(bimi("bimi-good", record: logo + "; a=https://assets.test/bimi-good.pem"))
      \(bimi("bimi-logo404", record: "l=https://assets.test/missing.svg"))
      \(bimi("bimi-badsvg", dmarc: "v=DMARC1; p=quarantine", record: "l=https://assets.test/bad.svg"))
      \(bimi("bimi-noevidence", record: logo))
      \(bimi("bimi-weakdmarc", dmarc: "v=DMARC1; p=none; rua=mailto:d@x.test", record: logo))
      \(bimi("bimi-badvmc", record: logo + "; a=https://assets.test/tls.pem"))
      nullmx-ok MX 0 .
      nullmx-ok TXT "v=spf1 -all"
      _dmarc.nullmx-ok TXT "v=DMARC1; p=reject"
      nullmx-mixed MX 0 .
      \(mail("nullmx-mixed"))
      nullmx-pref MX 10 .
      nullmx-spf MX 0 .
      nullmx-spf TXT "v=spf1 include:_spf.nullmx-spf.test -all"

      """
  }
}
