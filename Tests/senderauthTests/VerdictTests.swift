import DNSTestSupport
import Foundation
import Testing

/// Verdicts never claim what was not checked: every lookup failing, a domain that does not
/// exist, a parked domain, the headline beside the profiles, and text that is never cut when
/// piped. Each case runs against Knot on loopback and through `--offline --zone` (or a replay
/// of the live run), and both must agree.
@Suite(.serialized) struct VerdictTests {
  static let parked = "Fixtures/verdicts/parked.example.zone"
  static let long = "Fixtures/verdicts/long.example.zone"
  static let documents = "Fixtures/verdicts/documents.example.zone"

  /// The JSON report's first domain.
  static func domain(_ run: SenderAuthCLI.Run) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    return try #require((object?["domains"] as? [[String: Any]])?.first, "\(run.stdout)")
  }

  static func findingIDs(_ domain: [String: Any]) -> [String] {
    ((domain["findings"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
  }

  static func requirements(_ domain: [String: Any]) -> [[String: Any]] {
    ((domain["profiles"] as? [[String: Any]]) ?? []).flatMap {
      ($0["requirements"] as? [[String: Any]]) ?? []
    }
  }

  /// Knot serving `files` (each `NAME.zone` with its `$ORIGIN`) and the empty parent zone
  /// `example`, so that the DMARC tree walk above them gets NXDOMAIN, not REFUSED.
  static func knot(_ files: [String]) async throws -> KnotServer {
    let zones = try files.map { path in
      let text = try String(contentsOfFile: SenderAuthCLI.root + "/" + path, encoding: .utf8)
      let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
      return KnotServer.Zone(origin: name, text: text)
    }
    return try await KnotServer.start(zones: zones + [AuthoritativeTests.parent])
  }

  @Test func everyLookupFailingIsOneFindingAndNoRequirementPasses() async throws {
    // Nothing listens on port 1: every query is refused at once.
    let live = ["check", "example.com", "--nameserver", "127.0.0.1:1", "--tries", "1"]
    let text = try await SenderAuthCLI.run(live)
    #expect(text.status == 3, "\(text.stdout)\n\(text.stderr)")
    let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count <= 15, "\(text.stdout)")
    #expect(text.stdout.contains("incomplete"))
    #expect(!text.stdout.contains("requirements met"), "\(text.stdout)")
    #expect(!text.stdout.contains(": ready"))
    let json = try await SenderAuthCLI.run(live + ["--format", "json"])
    #expect(json.status == 3)
    let domain = try Self.domain(json)
    #expect(Self.findingIDs(domain) == ["dns.lookup-failed"])
    #expect(domain["verdict"] as? String == "incomplete")
    let statuses = Set(Self.requirements(domain).compactMap { $0["status"] as? String })
    #expect(statuses == ["unknown", "notCheckable"], "\(statuses)")
    for requirement in Self.requirements(domain) where requirement["status"] as? String == "unknown"
    {
      #expect(requirement["findings"] as? [String] == ["dns.lookup-failed"])
    }
    #expect(((domain["unknown"] as? [String]) ?? []).contains("gmail.bulk.dmarc-required"))
  }

  @Test func aReplayOfTheFailedRunGivesTheSameVerdict() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "senderauth-verdicts-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let saved = directory.appendingPathComponent("failed.json").path
    let live = try await SenderAuthCLI.run([
      "check", "example.com", "--nameserver", "127.0.0.1:1", "--tries", "1", "--format", "json",
      "--save-dns", saved,
    ])
    let replay = try await SenderAuthCLI.run([
      "check", "example.com", "--replay", saved, "--format", "json",
    ])
    #expect(replay.status == live.status)
    #expect(try Self.domain(replay)["verdict"] as? String == "incomplete")
    #expect(Self.findingIDs(try Self.domain(replay)) == Self.findingIDs(try Self.domain(live)))
  }

  @Test func aDomainThatDoesNotExistIsOneErrorWithoutFixes() async throws {
    let knot = try await Self.knot([Self.parked])
    defer { knot.stop() }
    let offline = ["--offline", "--zone", Self.parked]
    let live = ["--nameserver", knot.nameserver, "--tries", "1"]
    for source in [offline, live] {
      let run = try await SenderAuthCLI.run(["check", "typo.parked.example"] + source)
      #expect(run.status == 1, "\(source): \(run.stdout)\n\(run.stderr)")
      #expect(!run.stdout.contains("Fix:"), "\(run.stdout)")
      #expect(!run.stdout.contains("IN TXT"), "\(run.stdout)")
      #expect(run.stdout.split(separator: "\n").count <= 20, "\(run.stdout)")
      let json = try await SenderAuthCLI.run(
        ["check", "typo.parked.example", "--format", "json"] + source)
      let domain = try Self.domain(json)
      #expect(Self.findingIDs(domain) == ["dns.domain-not-found"], "\(source)")
      let failed = Self.requirements(domain).filter { $0["status"] as? String == "failed" }
      #expect(!failed.isEmpty)
      for requirement in failed {
        #expect(requirement["findings"] as? [String] == ["dns.domain-not-found"])
      }
    }
  }

  @Test func aLockedDownParkedDomainIsReady() async throws {
    let knot = try await Self.knot([Self.parked])
    defer { knot.stop() }
    let offline = ["--offline", "--zone", Self.parked]
    let live = ["--nameserver", knot.nameserver, "--tries", "1"]
    for source in [offline, live] {
      let run = try await SenderAuthCLI.run(
        ["check", "parked.example", "--parked", "--format", "json"] + source)
      #expect(run.status == 0, "\(source): \(run.stdout)\n\(run.stderr)")
      let domain = try Self.domain(run)
      #expect(domain["verdict"] as? String == "ready")
      let profiles = ((domain["profiles"] as? [[String: Any]]) ?? []).compactMap {
        $0["id"] as? String
      }
      #expect(profiles == ["rfc", "parked"])
      #expect(!Self.findingIDs(domain).contains { $0.hasPrefix("gmail.") || $0 == "dkim" })
    }
    // The same domain not locked down fails the parked profile.
    let open = try await SenderAuthCLI.run([
      "check", "example.com", "--parked", "--offline", "--zone", Self.parked,
      "--format", "json",
    ])
    #expect(open.status == 1)
  }

  @Test func theHeadlineNeverContradictsTheProfiles() async throws {
    for (domain, extra) in [
      ("hubspot-ok.example", ["--esp", "hubspot"]),
      ("hubspot-broken.example", ["--esp", "hubspot"]),
      ("sendgrid-broken.example", []), ("mailjet-broken.example", ["--esp", "mailjet"]),
    ] {
      let run = try await SenderAuthCLI.run(
        [
          "check", domain, "--offline", "--zone", "Fixtures/esp/", "--zone",
          "Fixtures/esp/providers",
          "--format", "json",
        ] + extra)
      let report = try Self.domain(run)
      let states = ((report["profiles"] as? [[String: Any]]) ?? []).compactMap {
        $0["verdict"] as? String
      }
      let verdict = report["verdict"] as? String
      if states.allSatisfy({ $0 == "ready" }) {
        #expect(verdict == "ready", "\(domain): \(states)")
        #expect(run.status == 0, "\(domain)")
      } else {
        #expect(verdict != "ready", "\(domain): \(states)")
      }
    }
  }

  @Test func pipedTextIsNeverCut() async throws {
    let run = try await SenderAuthCLI.run([
      "check", "long.example", "--offline", "--zone", Self.long, "--selector", "s1",
    ])
    let target =
      "s1.domainkey.selector-target-with-a-rather-long-label-aaaaaaaaaaaa."
      + "keys-hosted-by-a-provider-with-a-long-name-bbbbbbbbbbbbbbb.example.net"
    #expect(run.stdout.contains(target), "\(run.stdout)")
    #expect(!run.stdout.split(separator: "\n").contains { $0.hasSuffix("…") })
    for command in [["dkim", "long.example", "--selector", "s1"], ["spf", "long.example"]] {
      let view = try await SenderAuthCLI.run(command + ["--offline", "--zone", Self.long])
      #expect(!view.stdout.contains("…"), "\(command): \(view.stdout)")
    }
    let spf = try await SenderAuthCLI.run(["spf", "long.example", "--offline", "--zone", Self.long])
    #expect(spf.stdout.contains("ip6:2001:db8:3::/48 ~all\""), "\(spf.stdout)")
  }

  /// The statuses of the `rfc` profile's requirements, by id.
  static func rfcStatuses(_ domain: [String: Any]) throws -> [String: String] {
    let profiles = (domain["profiles"] as? [[String: Any]]) ?? []
    let rfc = try #require(profiles.first { $0["id"] as? String == "rfc" })
    var statuses: [String: String] = [:]
    for requirement in (rfc["requirements"] as? [[String: Any]]) ?? [] {
      if let id = requirement["id"] as? String { statuses[id] = requirement["status"] as? String }
    }
    return statuses
  }

  /// An MTA-STS and a BIMI record name documents on web servers, which an offline run does
  /// not fetch: the `rfc` profile shows what rests on them as not checked in this run (never
  /// passed, and never left out in silence) and names it in every format. What the run did
  /// not ask for stays out of that profile until it is asked (`--ip`); a domain without such
  /// records has nothing unchecked.
  @Test func whatARecordNamesAndTheRunDidNotFetchIsNotPassedOver() async throws {
    let source = ["--offline", "--zone", Self.documents]
    let json = try await SenderAuthCLI.run(
      ["check", "documents.example", "--format", "json"] + source)
    let domain = try Self.domain(json)
    let statuses = try Self.rfcStatuses(domain)
    let documents = [
      "mta-sts.policy-unavailable", "mta-sts.policy-syntax", "mta-sts.mx-not-covered",
      "bimi.logo-unavailable", "bimi.logo-invalid", "bimi.evidence-invalid",
    ]
    for id in documents {
      #expect(statuses[id] == "notChecked", "\(id): \(statuses[id] ?? "left out")")
    }
    #expect(statuses.values.filter { $0 != "passed" }.count == documents.count, "\(statuses)")
    #expect(statuses["spf.ip-not-authorized"] == nil, "\(statuses)")
    #expect(statuses["mta-sts.record-syntax"] == "passed")
    let rfc = (domain["profiles"] as? [[String: Any]])?.first
    #expect(rfc?["verdict"] as? String == "ready")
    // The report lists the rules this run did not check: the documents' and the policy's
    // other rules. What waits for an option not given is not among them, and the rfc profile
    // leaves it out (`--ip`, `--selector`).
    let notChecked = (domain["notChecked"] as? [String]) ?? []
    let policyRules = ["mta-sts.not-enforced", "mta-sts.max-age-short"]
    #expect(Set(notChecked) == Set(documents + policyRules), "\(notChecked)")
    #expect(statuses["dkim.selector-missing"] == nil, "\(statuses)")

    for (language, heading) in [
      ("en", "Not checked in this run: "), ("de", "In diesem Lauf nicht geprüft: "),
    ] {
      let text = try await SenderAuthCLI.run(
        ["check", "documents.example", "--lang", language] + source)
      let lines = text.stdout.split(separator: "\n")
      let rfcLine = try #require(lines.firstIndex { $0.hasPrefix("  RFCs: ") }, "\(text.stdout)")
      #expect(
        lines[rfcLine + 1] == "    - " + heading + documents.joined(separator: ", "),
        "\(text.stdout)")
      let markdown = try await SenderAuthCLI.run(
        ["check", "documents.example", "--lang", language, "--format", "markdown"] + source)
      #expect(
        markdown.stdout.contains(
          "- ❔ " + heading + documents.map { "`\($0)`" }.joined(separator: ", ")),
        "\(markdown.stdout)")
    }
    let junit = try await SenderAuthCLI.run(
      ["check", "documents.example", "--format", "junit"] + source)
    for id in documents + policyRules {
      #expect(
        junit.stdout.contains(
          "name=\"\(id)\">\n      <skipped message=\"not checked in this run\"/>"),
        "\(id): \(junit.stdout)")
    }
    // A provider rule of a profile not chosen did not run: it is no test case at all.
    #expect(!junit.stdout.contains("name=\"laposte."), "\(junit.stdout)")
    let chosen = try await SenderAuthCLI.run(
      ["check", "documents.example", "--format", "junit", "--profile", "laposte"] + source)
    #expect(chosen.stdout.contains("name=\"laposte."), "\(chosen.stdout)")
    // What waits for an option is skipped, naming what would make it checkable, as the
    // profiles do; no rule without its input passes.
    for (id, reason) in [
      ("spf.ip-not-authorized", "checkable with --ip"), ("ptr.missing", "checkable with --ip"),
      ("esp.sending-ip", "checkable with --ip"),
      ("dkim.selector-missing", "checkable with --selector"),
      ("message.spf-fail", "checkable with --message"),
      ("message.receiver-differs", "checkable with --message"),
      ("dnssec.unsigned", "checkable online through a validating resolver (--nameserver)"),
    ] {
      #expect(
        junit.stdout.contains("name=\"\(id)\">\n      <skipped message=\"\(reason)\"/>"),
        "\(id): \(junit.stdout)")
    }

    // The demo domain publishes neither record: nothing of it is left unchecked.
    let plain = try await SenderAuthCLI.run([
      "check", "shop.example", "--offline", "--zone", "Fixtures/demo", "--format", "json",
    ])
    let plainDomain = try Self.domain(plain)
    let plainStatuses = try Self.rfcStatuses(plainDomain)
    #expect((plainDomain["notChecked"] as? [String]) == [], "\(plainDomain)")
    #expect(!plainStatuses.isEmpty)
    #expect(!plainStatuses.values.contains("notChecked"), "\(plainStatuses)")
    #expect(!plainStatuses.values.contains("notCheckable"), "\(plainStatuses)")

    let withIP = try await SenderAuthCLI.run(
      [
        "check", "documents.example", "--format", "json", "--ip", "192.0.2.25", "--selector",
        "s1",
      ] + source)
    let asked = try Self.rfcStatuses(Self.domain(withIP))
    #expect(asked["spf.ip-not-authorized"] == "passed", "\(asked)")
    #expect(asked["dkim.selector-missing"] == "failed", "\(asked)")

    // The profile's listing holds every one of them, with the rule's own title (a provider
    // row may reuse the id with its own) and what a run must be given to judge it.
    let listing = try await SenderAuthCLI.run(["providers", "rfc"])
    for id in documents + ["spf.ip-not-authorized", "spf.missing"] {
      #expect(listing.stdout.contains("      \(id) "), "\(id): \(listing.stdout)")
    }
    let authorized = try #require(
      listing.stdout.split(separator: "\n").first { $0.contains("spf.ip-not-authorized") })
    #expect(
      authorized.hasSuffix(" Sending address not authorized by SPF (checkable with --ip)"),
      "\(authorized)")
  }

  /// A requirement an option would make checkable (reverse DNS with `--ip`) is not filed
  /// under what DNS cannot decide: every format names the option, and given it, the
  /// requirement is judged.
  @Test func whatAnOptionWouldMakeCheckableNamesTheOption() async throws {
    let demo = ["check", "shop.example", "--offline", "--zone", "Fixtures/demo"]
    let reverseDNS = ["gmail.ptr-required", "yahoo.ptr-required", "ptr.missing"]
    for (language, lines) in [
      (
        "en",
        [
          "    - Checkable with --ip: " + reverseDNS.joined(separator: ", "),
          // What DNS cannot decide stays a count: the 12 of before, less the three.
          "    - Not checkable from DNS: 9 requirements ('senderauth providers bulk' lists them)",
        ]
      ),
      (
        "de",
        [
          "    - Mit --ip prüfbar: " + reverseDNS.joined(separator: ", "),
          "    - Nicht per DNS prüfbar: 9 Anforderungen ('senderauth providers bulk' listet sie)",
        ]
      ),
    ] {
      let text = try await SenderAuthCLI.run(demo + ["--lang", language])
      #expect(text.stdout.contains(lines.joined(separator: "\n") + "\n"), "\(text.stdout)")
    }
    for (language, line) in [
      ("en", "- ❔ Checkable with --ip: "), ("de", "- ❔ Mit --ip prüfbar: "),
    ] {
      let markdown = try await SenderAuthCLI.run(
        demo + ["--format", "markdown", "--lang", language])
      #expect(
        markdown.stdout.contains(line + reverseDNS.map { "`\($0)`" }.joined(separator: ", ")),
        "\(markdown.stdout)")
    }
    let junit = try await SenderAuthCLI.run(demo + ["--format", "junit", "--lang", "de"])
    for (id, reason) in [
      ("ptr.missing", "mit --ip prüfbar"),
      ("dns.authoritative-mismatch", "online mit --authoritative prüfbar"),
      ("dkim.selector-missing", "mit --selector prüfbar"),
    ] {
      #expect(
        junit.stdout.contains("name=\"\(id)\">\n      <skipped message=\"\(reason)\"/>"),
        "\(id): \(junit.stdout)")
    }

    // JSON: the profile's requirements say what they wait for, and the domain lists every
    // rule that waits (the rfc profile leaves them out), in both writers alike.
    let json = try await SenderAuthCLI.run(demo + ["--format", "json"])
    let domain = try Self.domain(json)
    let bulk = try #require(
      (domain["profiles"] as? [[String: Any]])?.first { $0["id"] as? String == "bulk" })
    let requirements = try #require(bulk["requirements"] as? [[String: Any]])
    let waiting = requirements.filter { $0["needs"] != nil }
    #expect(waiting.compactMap { $0["id"] as? String } == reverseDNS, "\(requirements)")
    #expect(
      waiting.allSatisfy {
        $0["needs"] as? String == "ip" && $0["status"] as? String == "notCheckable"
      })
    let listed = try #require(domain["waiting"] as? [[String: String]])
    var needs: [String: String] = [:]
    for item in listed { needs[item["id"] ?? ""] = item["needs"] }
    #expect(needs.count == listed.count, "each once: \(listed)")
    for (id, input) in [
      ("spf.ip-not-authorized", "ip"), ("ptr.missing", "ip"), ("gmail.ptr-required", "ip"),
      ("dkim.selector-missing", "selector"), ("dns.authoritative-mismatch", "authoritative"),
      ("message.dmarc-fail", "message"), ("dnssec.unsigned", "validatingResolver"),
    ] {
      #expect(needs[id] == input, "\(id): \(listed)")
    }
    let jsonl = try await SenderAuthCLI.run(demo + ["--format", "jsonl"])
    let line = try #require(
      try JSONSerialization.jsonObject(with: Data(jsonl.stdout.utf8)) as? [String: Any])
    #expect((line["waiting"] as? [[String: String]]) == listed)

    // Given the address, the three are judged: none waits, and the line is gone.
    // Offline without the reverse zone of the address it is not checked, and the plan, checked
    // again with the same zones, proposes nothing for it.
    let unanswered = try Self.domain(
      try await SenderAuthCLI.run(demo + ["--ip", "192.0.2.10", "--format", "json"]))
    #expect(
      Set(reverseDNS).isSubset(of: unanswered["notChecked"] as? [String] ?? []),
      "\(String(describing: unanswered["notChecked"]))")
    let plan = unanswered["fixPlan"] as? [String: Any]
    #expect(
      !((plan?["add"] as? [String]) ?? []).contains { $0.contains("in-addr.arpa") },
      "\(String(describing: plan))")
    // An IPv4-mapped address is its IPv4 one: the same PTR and A records to publish.
    let mapped = try Self.domain(
      try await SenderAuthCLI.run(
        demo + [
          "--ip", "::ffff:192.0.2.10", "--zone", "Fixtures/verdicts/2.0.192.in-addr.arpa.zone",
          "--format", "json",
        ]))
    let mappedAdds = (mapped["fixPlan"] as? [String: Any])?["add"] as? [String] ?? []
    #expect(
      mappedAdds.contains { $0.hasPrefix("10.2.0.192.in-addr.arpa.") && $0.contains(" PTR ") }
        && mappedAdds.contains {
          $0.hasPrefix("mail.shop.example.") && $0.hasSuffix(" A 192.0.2.10")
        },
      "\(mappedAdds)")
    // (With the reverse zone of the address it is judged.)
    let given = try await SenderAuthCLI.run(
      demo + [
        "--ip", "192.0.2.10", "--zone", "Fixtures/verdicts/2.0.192.in-addr.arpa.zone", "--format",
        "json",
      ])
    #expect(!given.stdout.contains("\"needs\" : \"ip\""), "\(given.stdout)")
    let judged = try #require(
      (Self.domain(given)["profiles"] as? [[String: Any]])?.first { $0["id"] as? String == "bulk" })
    let statuses = ((judged["requirements"] as? [[String: Any]]) ?? []).filter {
      reverseDNS.contains($0["id"] as? String ?? "")
    }.compactMap { $0["status"] as? String }
    #expect(statuses == ["failed", "failed", "failed"], "\(statuses)")

    // What a record names and the run did not fetch waits for nothing the user gives.
    let documents = try await SenderAuthCLI.run([
      "check", "documents.example", "--offline", "--zone", Self.documents, "--format", "json",
    ])
    let notChecked = Self.requirements(try Self.domain(documents)).filter {
      $0["status"] as? String == "notChecked"
    }
    #expect(!notChecked.isEmpty && notChecked.allSatisfy { $0["needs"] == nil }, "\(notChecked)")

    // The providers listing says it too.
    let listing = try await SenderAuthCLI.run(["providers", "gmail", "--format", "json"])
    #expect(listing.stdout.contains("\"needs\" : \"ip\""), "\(listing.stdout)")
  }

  /// A profile the run could judge none of is "not checked", never ready: T-Online's only DNS
  /// rule waits for `--ip`, and the rest is not checkable from DNS.
  @Test func aProfileWithNothingJudgedIsNotReady() async throws {
    let demo = [
      "check", "shop.example", "--offline", "--zone", "Fixtures/demo", "--profile", "t-online",
    ]
    for (language, line) in [
      (
        "en",
        "  T-Online (Telekom): not checked\n    - Checkable with --ip: t-online.ptr-required\n"
      ),
      (
        "de", "  T-Online (Telekom): nicht geprüft\n    - Mit --ip prüfbar: t-online.ptr-required\n"
      ),
    ] {
      let text = try await SenderAuthCLI.run(demo + ["--lang", language])
      #expect(text.stdout.contains(line), "\(text.stdout)")
      // The plan's outcome leaves it out: the fix cannot make it ready.
      let after = try #require(
        text.stdout.split(separator: "\n").first {
          $0.contains("After these changes:") || $0.contains("Nach diesen Änderungen:")
        }, "\(text.stdout)")
      #expect(!after.contains("T-Online"), "\(after)")
    }
    let json = try await SenderAuthCLI.run(demo + ["--format", "json"])
    let profile = try #require(
      (Self.domain(json)["profiles"] as? [[String: Any]])?.first {
        $0["id"] as? String == "t-online"
      })
    #expect(profile["verdict"] as? String == "notJudged", "\(profile)")
    #expect(profile["ready"] as? Bool == false, "\(profile)")
    let jsonl = try await SenderAuthCLI.run(demo + ["--format", "jsonl"])
    #expect(jsonl.stdout.contains("\"verdict\":\"notJudged\""), "\(jsonl.stdout)")
    for (language, line) in [
      ("en", "**T-Online (Telekom): not checked**"),
      ("de", "**T-Online (Telekom): nicht geprüft**"),
    ] {
      let markdown = try await SenderAuthCLI.run(
        demo + ["--format", "markdown", "--lang", language])
      #expect(markdown.stdout.contains(line), "\(markdown.stdout)")
    }
    // The domain's headline is the other profiles': the demo's SPF error, not "not checked".
    #expect(try Self.domain(json)["verdict"] as? String == "notReady")
    // Given the address, it is judged.
    let given = try await SenderAuthCLI.run(
      demo + ["--ip", "192.0.2.10", "--zone", "Fixtures/verdicts/2.0.192.in-addr.arpa.zone"])
    #expect(given.stdout.contains("  T-Online (Telekom): not ready\n"), "\(given.stdout)")

    // The parked profile asks what --parked asks: a domain that sends mail is not ready
    // against it, never passed because the rule was not asked, and every rule judges it as
    // parked (the same findings as with --parked, and the reason is the option, not a claim
    // that the domain has no MX).
    let shop = ["check", "shop.example", "--offline", "--zone", "Fixtures/demo"]
    let parked = try await SenderAuthCLI.run(shop + ["--profile", "parked"])
    #expect(
      parked.stdout.contains(
        "  Domain that sends no mail: not ready\n"
          + "    ✗ A domain that sends no mail is not locked down [parked.not-locked-down]\n"),
      "\(parked.stdout)")
    #expect(parked.stdout.contains("'shop.example' is marked as sending no mail but lacks"))
    for domain in ["shop.example", "parked.example"] {
      let zone = domain == "shop.example" ? "Fixtures/demo" : Self.parked
      let base = ["check", domain, "--offline", "--zone", zone, "--format", "json"]
      let byProfile = try await SenderAuthCLI.run(base + ["--profile", "Parked"])
      let byOption = try await SenderAuthCLI.run(base + ["--parked"])
      #expect(
        VerdictTests.findingIDs(try Self.domain(byProfile))
          == VerdictTests.findingIDs(try Self.domain(byOption)), "\(domain)")
    }
  }

  @Test func twoFilesForOneZoneAreABadInput() async throws {
    let run = try await SenderAuthCLI.run([
      "check", "corp.example", "--offline", "--zone", "Fixtures/ci/zones",
      "--zone", "Fixtures/verdicts/duplicate-apex.zone",
    ])
    #expect(run.status == 2)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("Fixtures/ci/zones/corp.example.zone"), "\(run.stderr)")
    #expect(run.stderr.contains("Fixtures/verdicts/duplicate-apex.zone"))
    #expect(run.stderr.split(separator: "\n").count == 1)
  }

  @Test func ruaMustBeAReportAddress() async throws {
    for bad in ["not an address", "mailto:", "ftp://reports.example.com", "a@b@c.example"] {
      let run = try await SenderAuthCLI.run([
        "check", "parked.example", "--offline", "--zone", Self.parked, "--rua", bad,
      ])
      #expect(run.status == 2, "\(bad)")
      #expect(run.stderr.contains("--rua"), "\(run.stderr)")
    }
    let good = try await SenderAuthCLI.run([
      "check", "parked.example", "--offline", "--zone", Self.parked, "--rua",
      "reports@parked.example", "--parked",
    ])
    #expect(good.status == 0, "\(good.stderr)")
  }
}
