import DNSTestSupport
import Foundation
import Testing

/// The five defect classes of issue 15, each written from the RFC text as zones under
/// `Fixtures/correctness/` (examples of our own), run through the CLI twice: against Knot on
/// loopback (`--nameserver`) and through `--offline --zone`. Both runs must report the same
/// findings (ids, severities, messages in both languages, the names they point at), the same
/// exit status and the same check_host result, and those must be what the RFC text says.
/// (`KnotEquivalenceTests` serves the same files too, so owners Knot only takes escaped, such
/// as `user\@octets`, are read alike by both zone readers.)
@Suite(.serialized) struct CorrectnessClassTests {
  static let zones = "Fixtures/correctness/"

  /// A finding the RFC text demands: its id and a fragment of its English message.
  struct Expected: Sendable {
    var id: String
    var fragment: String
    init(_ id: String, _ fragment: String) {
      self.id = id
      self.fragment = fragment
    }
  }

  /// One command and what it must report.
  struct Case: Sendable {
    var arguments: [String]
    var status: Int32
    /// check_host's result, for `spf --ip`.
    var result: String? = nil
    /// Every finding whose id is in the class's scope, in any order.
    var findings: [Expected]
  }

  /// One defect class: the finding ids it is about and its cases.
  struct DefectClass: CustomTestStringConvertible, Sendable {
    var name: String
    var scope: Set<String>
    var cases: [Case]
    var testDescription: String { name }
  }

  /// `spf OWNER.family.example --ip IP` for a client of the family that gets more than two
  /// void lookups: permerror (RFC 7208 §4.6.4), and the record's limit finding.
  static func overLimit(_ owner: String, ip: String, _ reason: String, _ family: String) -> Case {
    Case(
      arguments: ["spf", "\(owner).family.example", "--ip", ip], status: 1, result: "permerror",
      findings: [
        Expected("spf.ip-not-authorized", reason),
        Expected("spf.void-lookup-limit", "for \(family) clients"),
      ])
  }

  static let voidLookups = DefectClass(
    name: "void lookups per address family",
    scope: ["spf.void-lookup-limit", "spf.ip-not-authorized"],
    cases: [
      Case(
        arguments: ["spf", "six.family.example"], status: 1,
        findings: [Expected("spf.void-lookup-limit", "3 void lookups for IPv4 clients")]),
      Case(
        arguments: ["spf", "four.family.example"], status: 1,
        findings: [Expected("spf.void-lookup-limit", "3 void lookups for IPv6 clients")]),
      Case(
        arguments: ["spf", "mx-six.family.example"], status: 1,
        findings: [Expected("spf.void-lookup-limit", "3 void lookups for IPv4 clients")]),
      Case(arguments: ["spf", "two.family.example"], status: 0, findings: []),
      Case(arguments: ["spf", "mixed.family.example"], status: 0, findings: []),
      overLimit("six", ip: "192.0.2.99", "'h6c.family.example' has no A record", "IPv4"),
      // The same record passes an IPv6 client it lists; the IPv4 limit is still an error.
      Case(
        arguments: ["spf", "six.family.example", "--ip", "2001:db8:6::b"], status: 1,
        result: "pass", findings: [Expected("spf.void-lookup-limit", "for IPv4 clients")]),
      overLimit("four", ip: "2001:db8::99", "'h4c.family.example' has no AAAA record", "IPv6"),
      overLimit("mx-six", ip: "192.0.2.99", "more than 2 void lookups", "IPv4"),
      Case(
        arguments: ["spf", "mx-six.family.example", "--ip", "2001:db8:6::c"], status: 1,
        result: "pass", findings: [Expected("spf.void-lookup-limit", "for IPv4 clients")]),
      // Two void lookups are within the limit: the client is refused by '-all', no permerror.
      Case(
        arguments: ["spf", "two.family.example", "--ip", "192.0.2.99"], status: 1,
        result: "fail", findings: [Expected("spf.ip-not-authorized", "gets fail")]),
      Case(
        arguments: ["spf", "mixed.family.example", "--ip", "192.0.2.10"], status: 0,
        result: "pass", findings: []),
      Case(
        arguments: ["check", "six.family.example", "--profile", "rfc"], status: 1,
        findings: [Expected("spf.void-lookup-limit", "3 void lookups for IPv4 clients")]),
    ])

  /// `spf NAME.whole.example --ip 192.0.2.1`: every broken term is a permerror.
  static func wholeTerm(_ owner: String, _ term: String) -> [Case] {
    [
      Case(
        arguments: ["spf", "\(owner).whole.example", "--ip", "192.0.2.1"], status: 1,
        result: "permerror",
        findings: [
          Expected("spf.ip-not-authorized", "gets permerror: syntax error"),
          Expected("spf.syntax", "SPF term '\(term)' of '\(owner).whole.example' is invalid"),
        ]),
      Case(
        arguments: ["spf", "\(owner).whole.example"], status: 1,
        findings: [Expected("spf.syntax", "'\(term)'")]),
    ]
  }

  static let wholeTerms = DefectClass(
    name: "terms consumed whole",
    scope: ["spf.syntax", "spf.ip-not-authorized"],
    cases: [
      Case(
        arguments: ["spf", "ok.whole.example", "--ip", "192.0.2.1"], status: 0, result: "pass",
        findings: [])
    ]
      + wholeTerm("nul", "ip4:192.0.2.1\u{0}garbage") + wholeTerm("tail", "ip4:192.0.2.1x")
      + wholeTerm("cidr", "ip4:192.0.2.0/24x") + wholeTerm("zero-cidr", "ip4:192.0.2.0/024")
      + wholeTerm("long-cidr", "ip4:192.0.2.0/33") + wholeTerm("six", "ip6:2001:db8::1garbage")
      + wholeTerm("six-tab", "ip6:2001:db8::/32\tx")
      + wholeTerm("name-tab", "a:mail.whole.example\tx")
      + wholeTerm("dual", "a:mail.whole.example/24//64\u{7f}")
      + [
        Case(
          arguments: ["check", "nul.whole.example", "--profile", "rfc"], status: 1,
          findings: [Expected("spf.syntax", "'ip4:192.0.2.1\u{0}garbage'")])
      ])

  /// `spf NAME.octets.example --ip IP --sender SENDER` with the result the octets give.
  static func octets(
    _ owner: String, ip: String = "192.0.2.1", sender: String, _ result: String
  ) -> Case {
    Case(
      arguments: ["spf", "\(owner).octets.example", "--ip", ip, "--sender", sender],
      status: result == "pass" ? 0 : 1, result: result,
      findings: result == "pass" ? [] : [Expected("spf.ip-not-authorized", "gets \(result)")])
  }

  static let octetNames = DefectClass(
    name: "names as octets",
    scope: ["spf.ip-not-authorized", "dns.lookup-failed"],
    cases: [
      octets("sender", sender: "user@octets.example", "pass"),
      // ASCII letters match whatever their case (RFC 4343 §3) …
      octets("sender", sender: "USER@Octets.Example", "pass"),
      octets("sender", sender: "other@octets.example", "fail"),
      octets("local", sender: "o'k+x@octets.example", "pass"),
      octets("local", sender: "hash#tag=1!@octets.example", "pass"),
      octets("local", sender: "jürgen@octets.example", "pass"),
      octets("local", sender: "JüRGEN@octets.example", "pass"),
      // … other octets only themselves: 'Ü' (0xC3 0x9C) is not 'ü' (0xC3 0xBC).
      octets("local", sender: "JÜRGEN@octets.example", "fail"),
      octets("inc", ip: "192.0.2.77", sender: "tilde~@octets.example", "pass"),
      octets("addr", ip: "192.0.2.78", sender: "a'b@octets.example", "pass"),
      octets("addr", ip: "192.0.2.78", sender: "a'c@octets.example", "fail"),
    ])

  /// `dkim hashes.example --selector S` for a key whose `h=` leaves no usable hash.
  static func unusableHash(_ selector: String, _ tag: String) -> Case {
    Case(
      arguments: ["dkim", "hashes.example", "--selector", selector], status: 1,
      findings: [
        Expected(
          "dkim.hash-unusable",
          "'\(selector)._domainkey.hashes.example' is found but allows only '\(tag)'")
      ])
  }

  static let keyHashes = DefectClass(
    name: "DKIM h=",
    scope: ["dkim.hash-unusable", "dkim.sha1-only", "dkim.no-key-found", "dkim.selector-missing"],
    cases: [
      unusableHash("sha512", "h=sha512"), unusableHash("typo", "h=sha-256"),
      unusableHash("rsa", "h=sha512"),
      Case(
        arguments: ["dkim", "hashes.example", "--selector", "sha1"], status: 1,
        findings: [Expected("dkim.sha1-only", "allows only 'h=sha1'")]),
      Case(arguments: ["dkim", "hashes.example", "--selector", "upper"], status: 0, findings: []),
      Case(arguments: ["dkim", "hashes.example", "--selector", "fws"], status: 0, findings: []),
      Case(
        arguments: ["dkim", "hashes.example", "--selector", "future"], status: 0, findings: []),
      // `check` names the key that cannot verify, not "no DKIM key was found".
      Case(
        arguments: ["check", "hashes.example", "--selector", "sha512", "--profile", "rfc"],
        status: 1,
        findings: [Expected("dkim.hash-unusable", "'sha512._domainkey.hashes.example'")]),
      Case(
        arguments: [
          "check", "hashes.example", "--selector", "sha512", "--selector", "upper", "--profile",
          "rfc",
        ], status: 1,
        findings: [Expected("dkim.hash-unusable", "'sha512._domainkey.hashes.example'")]),
    ])

  /// `dmarc NAME.policy.example` and the unauthorized destinations it must report.
  static func reports(_ owner: String, _ findings: [Expected]) -> Case {
    Case(
      arguments: ["dmarc", "\(owner).policy.example", "--fail-on", "warning"],
      status: 1, findings: findings)
  }

  static func unauthorized(_ owner: String, tag: String = "rua", host: String) -> Expected {
    Expected(
      "dmarc.rua-unauthorized",
      "in '\(tag)=' is outside '\(owner).policy.example' and "
        + "'\(owner).policy.example._report._dmarc.\(host)' has no 'v=DMARC1' record")
  }

  static let reportAuthorization = DefectClass(
    name: "external report authorization",
    scope: ["dmarc.rua-unauthorized", "dmarc.rua-no-mx", "dns.lookup-failed"],
    cases: [
      reports("exact", []),
      reports("none", [unauthorized("none", host: "reports.vendor.example")]),
      reports("wild", []),
      reports("wild-ruf", []),
      reports("ent", [unauthorized("ent", host: "ent.vendor.example")]),
      reports(
        "override",
        [
          Expected(
            "dmarc.rua-unauthorized",
            "redirects its reports to 'mailto:x@elsewhere.example' at another host")
        ]),
      reports("samehost", []),
      reports("inside", []),
      reports("split", [unauthorized("split", host: "r.own.split.policy.example")]),
      reports("sibling", [unauthorized("sibling", host: "reports.inside.policy.example")]),
      reports("parent", []),
      reports("news.parent", []),
      reports("none-ruf", [unauthorized("none-ruf", tag: "ruf", host: "reports.vendor.example")]),
      Case(
        arguments: ["check", "ent.policy.example", "--profile", "rfc"], status: 1,
        findings: [unauthorized("ent", host: "ent.vendor.example")]),
    ])

  /// `dkim sizes.example --selector S` for a key of an odd or even size near a boundary.
  static func keySize(_ selector: String, _ bits: Int) -> Case {
    let arguments = ["dkim", "sizes.example", "--selector", selector, "--fail-on", "warning"]
    if bits < 1024 {
      return Case(
        arguments: arguments, status: 1,
        findings: [Expected("dkim.key-too-short", "is a \(bits)-bit RSA key")])
    }
    if bits < 2048 {
      return Case(
        arguments: arguments, status: 1,
        findings: [Expected("dkim.key-weak", "is a \(bits)-bit RSA key")])
    }
    return Case(arguments: arguments, status: 0, findings: [])
  }

  /// Not one of the five classes: the key sizes the openssl differential test checks, at the
  /// boundaries of RFC 8301 §3.2, through the whole path (TXT strings, folding whitespace).
  static let keySizes = DefectClass(
    name: "key sizes at the RFC 8301 boundaries",
    scope: ["dkim.key-too-short", "dkim.key-weak", "dkim.key-syntax", "dkim.selector-missing"],
    cases: [
      keySize("bits1023", 1023), keySize("bits1023-pkcs1", 1023), keySize("bits1024", 1024),
      keySize("bits1025", 1025), keySize("bits2047", 2047), keySize("bits2047-pkcs1", 2047),
      keySize("bits2048", 2048),
      Case(
        arguments: ["check", "sizes.example", "--selector", "bits1023", "--profile", "rfc"],
        status: 1, findings: [Expected("dkim.key-too-short", "is a 1023-bit RSA key")]),
    ])

  static let classes = [
    voidLookups, wholeTerms, octetNames, keyHashes, reportAuthorization, keySizes,
  ]

  /// What a run reported, in a form two runs can be compared in.
  struct Outcome: Equatable, CustomStringConvertible {
    var status: Int32
    var result: String?
    var reason: String?
    /// `id severity | message | location`, sorted; messages in every language given.
    var findings: [String]
    /// (id, English message) of each finding.
    var messages: [(id: String, text: String)]

    static func == (left: Outcome, right: Outcome) -> Bool {
      left.status == right.status && left.result == right.result && left.reason == right.reason
        && left.findings == right.findings
    }

    var description: String {
      "exit \(status), result \(result ?? "-"), \(reason ?? "-")\n  "
        + findings.joined(separator: "\n  ")
    }

    init(_ run: SenderAuthCLI.Run) throws {
      status = run.status
      let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
      let top = try #require(object as? [String: Any], "\(run.stdout)\n\(run.stderr)")
      result = top["result"] as? String
      reason = top["reason"] as? String
      let reports = (top["domains"] as? [[String: Any]]) ?? [top]
      let all = reports.flatMap { ($0["findings"] as? [[String: Any]]) ?? [] }
      messages = all.map { finding in
        let message = finding["message"]
        let english = (message as? [String: String])?["en"] ?? message as? String ?? ""
        return (finding["id"] as? String ?? "", english)
      }
      findings = all.map { finding in
        let message = finding["message"]
        let text =
          (message as? [String: String]).map { $0.sorted { $0.key < $1.key }.map(\.value) }
          ?? [message as? String ?? ""]
        var location = finding["location"] as? [String: Any] ?? [:]
        // Only the zone file run knows the file and line.
        location["file"] = nil
        location["line"] = nil
        let place = (try? JSONSerialization.data(withJSONObject: location, options: .sortedKeys))
          .map { String(decoding: $0, as: UTF8.self) }
        return "\(finding["id"] ?? "") \(finding["severity"] ?? "") | "
          + text.joined(separator: " | ") + " | " + (place ?? "")
      }.sorted()
    }
  }

  @Test(arguments: classes)
  func knotAndOfflineAgreeWithTheRFC(defect: DefectClass) async throws {
    // The sending services' zones on both sides: an `--ip` check asks whether a service
    // publishes the address.
    let providers = "Fixtures/esp/providers"
    let knot = try await KnotServer.start(
      zones: [AuthoritativeTests.parent], zoneDirectory: SenderAuthCLI.root + "/" + Self.zones,
      zoneFiles: KnotServer.zoneFilePaths(
        in: SenderAuthCLI.root + "/" + providers, recursive: false))
    defer { knot.stop() }
    for item in defect.cases {
      let command = item.arguments.joined(separator: " ")
      let offline = try await Outcome(
        SenderAuthCLI.run(
          item.arguments + [
            "--offline", "--zone", Self.zones, "--zone", providers, "--format", "json",
          ]))
      let live = try await Outcome(
        SenderAuthCLI.run(
          item.arguments + ["--nameserver", knot.nameserver, "--format", "json"]))
      #expect(offline == live, "\(command): offline\n\(offline)\nKnot\n\(live)")
      #expect(offline.status == item.status, "\(command): \(offline)")
      #expect(offline.result == item.result, "\(command): \(offline)")
      let found = offline.messages.filter { defect.scope.contains($0.id) }
      #expect(
        found.map(\.id).sorted() == item.findings.map(\.id).sorted(), "\(command): \(offline)")
      for expected in item.findings {
        #expect(
          found.contains { $0.id == expected.id && $0.text.contains(expected.fragment) },
          "\(command): no \(expected.id) saying \(expected.fragment.debugDescription)\n\(offline)")
      }
    }
  }
}
