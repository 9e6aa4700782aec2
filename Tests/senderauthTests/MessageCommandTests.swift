import DNSLookup
import DNSTestSupport
import Foundation
import SenderAuthRules
import Testing

/// `check --message` end to end: every message fixture against Knot serving the fixture zones
/// and read with `--offline --zone` (both must agree), the five support cases of issue 14 with
/// their verdict and fix, and bad messages as one line with exit status 2.
@Suite(.serialized) struct MessageCommandTests {
  static let zoneArguments = [
    "--offline", "--zone", "Fixtures/messages/zones", "--zone", "Fixtures/esp/providers",
  ]

  static let messages: [String] = {
    ["Fixtures/messages", "Fixtures/messages/cases"].flatMap { directory in
      let names =
        (try? FileManager.default.contentsOfDirectory(
          atPath: SenderAuthCLI.root + "/" + directory)) ?? []
      return names.filter { $0.hasSuffix(".eml") }.sorted().map { directory + "/" + $0 }
    }
  }()

  /// Knot with every fixture zone and empty top-level zones above them, so that the DMARC
  /// walks end in NXDOMAIN as on the Internet (a name no zone holds would be REFUSED).
  static func knot() async throws -> KnotServer {
    let files = ["Fixtures/messages/zones", "Fixtures/esp/providers"].flatMap {
      KnotServer.zoneFilePaths(in: SenderAuthCLI.root + "/" + $0, recursive: false)
    }
    let parents = ["example", "net", "com", "info", "microsoft"].map { name in
      KnotServer.Zone(
        origin: name,
        text: "$ORIGIN \(name).\n$TTL 3600\n@ SOA ns hostmaster 1 3600 900 1209600 300\n")
    }
    return try await KnotServer.start(zones: parents, zoneFiles: files)
  }

  /// `check --message FILE` over the fixture zone files, with `extra` arguments.
  static func checkMessage(_ file: String, _ extra: [String] = []) throws -> SenderAuthCLI.Run {
    try SenderAuthCLI.run(["check", "--message", file] + extra + zoneArguments)
  }

  static func json(_ run: SenderAuthCLI.Run) throws -> [String: Any] {
    try VerdictTests.domain(run)
  }

  static func adds(_ domain: [String: Any]) -> [String] {
    ((domain["findings"] as? [[String: Any]]) ?? []).flatMap {
      (($0["fix"] as? [String: Any])?["add"] as? [String]) ?? []
    }
  }

  @Test func knotAndZoneFilesGiveTheSamePrediction() async throws {
    let knot = try await Self.knot()
    defer { knot.stop() }
    #expect(Self.messages.count >= 17)
    for message in Self.messages {
      let offline = try await SenderAuthCLI.run(
        ["check", "--message", message, "--format", "json"] + Self.zoneArguments)
      let live = try await SenderAuthCLI.run([
        "check", "--message", message, "--format", "json", "--nameserver", knot.nameserver,
        "--tries", "1",
      ])
      #expect(offline.status == live.status, "\(message): \(live.stderr)")
      let a = try Self.json(offline)
      let b = try Self.json(live)
      #expect(
        NSDictionary(dictionary: a["message"] as? [String: Any] ?? [:])
          == NSDictionary(dictionary: b["message"] as? [String: Any] ?? [:]), "\(message)")
      #expect(
        VerdictTests.findingIDs(a) == VerdictTests.findingIDs(b),
        "\(message): \(VerdictTests.findingIDs(a)) vs \(VerdictTests.findingIDs(b))")
      #expect(a["verdict"] as? String == b["verdict"] as? String, "\(message)")
      #expect(b["lookupFailed"] as? Bool == false, "\(message)")
    }
  }

  /// "Or send From the domain it is signed for" is advice only where the customer can send
  /// From that domain: never a sending service's own (`amazonses.com`, `mcsv.net` …), over
  /// every fixture message.
  @Test func noFixAsksToSendFromAServicesOwnDomain() async throws {
    var offered: [String] = []
    for message in Self.messages {
      let text = try Self.checkMessage(message).stdout
      for line in text.split(separator: "\n") {
        guard let range = line.range(of: "Or send From '") else { continue }
        let domain = line[range.upperBound...].prefix { $0 != "'" }
        offered.append(String(domain))
        let name = try DomainName(String(domain))
        #expect(!ESPCatalog.all.contains { $0.owns(name) }, "\(message): \(line)")
      }
    }
    #expect(offered.contains("brandmail.example"), "\(offered)")
  }

  /// A provider judges the mail it gets: a message that passes neither SPF nor DKIM aligned
  /// fails the providers' alignment requirements, with the message's finding as the cause,
  /// and one whose signatures have no usable key fails Outlook.com's DKIM requirement; a
  /// message that passes leaves them passed.
  @Test func theProvidersJudgeTheMessageNotOnlyTheSetup() async throws {
    func statuses(_ message: String) throws -> [String: (String?, [String])] {
      let domain = try Self.json(try Self.checkMessage(message, ["--format", "json"]))
      var out: [String: (String?, [String])] = [:]
      for requirement in VerdictTests.requirements(domain) {
        guard let id = requirement["id"] as? String else { continue }
        out[id] = (requirement["status"] as? String, requirement["findings"] as? [String] ?? [])
      }
      return out
    }
    let hubSpot = try statuses("Fixtures/messages/hubspot-misaligned.eml")
    for id in ["gmail.bulk.dmarc-alignment", "yahoo.bulk.dmarc-alignment"] {
      #expect(hubSpot[id]?.0 == "failed", "\(id): \(String(describing: hubSpot[id]))")
      #expect(hubSpot[id]?.1 == ["message.dmarc-fail"], "\(id)")
    }
    let enalyzer = try statuses("Fixtures/messages/cases/enalyzer-customer-e.eml")
    #expect(enalyzer["microsoft.bulk.dkim-required"]?.0 == "failed")
    #expect(enalyzer["microsoft.bulk.dkim-required"]?.1 == ["message.dkim-key-missing"])
    #expect(enalyzer["gmail.bulk.dmarc-alignment"]?.1 == ["message.dkim-key-missing"])
    // A copy that never left the sender's network may be signed on the way out: unsigned, it
    // fails no DKIM requirement.
    let inside = try await SenderAuthCLI.run(
      ["check", "--message", "-", "--format", "json"] + Self.zoneArguments,
      input: "Received: from pc1 (pc1 [10.20.30.40]) by relay\nFrom: a@m365-brand.example\n")
    let insideStatus =
      VerdictTests.requirements(try Self.json(inside)).first {
        $0["id"] as? String == "microsoft.bulk.dkim-required"
      }?["status"] as? String
    #expect(insideStatus == "passed", "\(String(describing: insideStatus))")
    let aligned = try statuses("Fixtures/messages/amazon-ses-aligned.eml")
    for id in ["gmail.bulk.dmarc-alignment", "microsoft.bulk.dkim-required"] {
      #expect(aligned[id]?.0 == "passed", "\(id)")
    }
  }

  /// HubSpot signs with selectors named after the account (`hs1-<hub-id>`, `hs2-<hub-id>`):
  /// with a message it signed for another domain, both are probed under the From domain, so
  /// the records it expects are checked, not assumed missing, and the plan that publishes them
  /// is seen to fix them. Once they are published but HubSpot has not set up the domain yet, the
  /// fix keeps the CNAMEs and says where to finish; it never deletes them.
  @Test func aServicesAccountSelectorsAreProbedUnderTheFromDomain() async throws {
    let domain = try Self.json(
      try Self.checkMessage("Fixtures/messages/hubspot-misaligned.eml", ["--format", "json"]))
    let noKey = try #require(
      (domain["findings"] as? [[String: Any]])?.first { $0["id"] as? String == "dkim.no-key-found" }
    )
    let message = try #require(noKey["message"] as? String)
    #expect(message.contains("'hs1-24681357', 'hs2-24681357'"), "\(message)")
    let plan = try #require(domain["fixPlan"] as? [String: Any])
    let unresolved = (plan["unresolved"] as? [[String: Any]] ?? []).compactMap {
      $0["id"] as? String
    }
    #expect(!unresolved.contains("esp.dkim-missing"), "\(unresolved)")
    let published = try Self.editedZones(append: [
      "brand.example.zone": [
        "hs1-24681357._domainkey IN CNAME brand-example.hs04a.dkim.hubspotemail.net.",
        "hs2-24681357._domainkey IN CNAME brand-example.hs04b.dkim.hubspotemail.net.",
      ]
    ])
    defer { try? FileManager.default.removeItem(at: published) }
    let waiting = try Self.json(
      try Self.checkMessage(
        "Fixtures/messages/hubspot-misaligned.eml", zones: published, ["--format", "json"]))
    let dangling = (waiting["findings"] as? [[String: Any]] ?? []).filter {
      $0["id"] as? String == "dkim.cname-dangling"
    }
    #expect(dangling.count == 2)
    for finding in dangling {
      let fix = try #require(finding["fix"] as? [String: Any])
      #expect(
        (fix["explanation"] as? String)?.hasPrefix(
          "Keep the CNAME; finish the domain's setup at HubSpot") == true, "\(fix)")
      #expect((fix["remove"] as? [String] ?? []).isEmpty, "\(fix)")
    }
    #expect(!VerdictTests.findingIDs(waiting).contains("esp.dkim-missing"))
    let removed = (waiting["fixPlan"] as? [String: Any])?["remove"] as? [String] ?? []
    #expect(!removed.contains { $0.contains("_domainkey") }, "\(removed)")
  }

  /// Amazon SES signs with Easy DKIM tokens (the selector is the token, CNAME'd into
  /// `dkim.amazonses.com`): such a signature is SES's, so the service line agrees with the
  /// message section; a message SES signed only as d=amazonses.com leaves the SES setup not
  /// ready instead of passing what was not found.
  @Test func amazonSESTokenSignaturesAreSESs() async throws {
    let aligned = try Self.checkMessage("Fixtures/messages/amazon-ses-aligned.eml").stdout
    #expect(
      aligned.contains(
        "Sending services: Amazon SES — DKIM passes and aligns for this message: signed as "
          + "d=ses-brand.example"), "\(aligned)")
    #expect(aligned.contains("DKIM-Signature: d=ses-brand.example s=sesbrand1 → "))
    let misaligned = try Self.json(
      try Self.checkMessage("Fixtures/messages/amazon-ses-misaligned.eml", ["--format", "json"]))
    let esp = try #require(
      (misaligned["profiles"] as? [[String: Any]])?.first { $0["id"] as? String == "esp" })
    #expect(esp["ready"] as? Bool == false, "\(esp)")
    #expect(esp["verdict"] as? String == "notReady", "\(esp)")
    #expect(VerdictTests.findingIDs(misaligned).contains("esp.dkim-missing"))
  }

  /// One missing key, one finding: the domain's "no key at the selectors tried" folds into the
  /// message's finding that names the signature's key; with no signature for the domain it
  /// says so instead of asking for a message's 's=' tag.
  @Test func aMissingKeyTheMessageNamesIsOneFinding() async throws {
    let mailjet = try Self.checkMessage("Fixtures/messages/mailjet-misaligned.eml").stdout
    #expect(mailjet.contains("error message.dkim-key-missing:"), "\(mailjet)")
    #expect(!mailjet.contains("dkim.no-key-found:"), "\(mailjet)")
    let hubSpot = try Self.checkMessage("Fixtures/messages/hubspot-misaligned.eml").stdout
    #expect(
      hubSpot.contains("; the message given is not signed for 'brand.example' either"),
      "\(hubSpot)")
    #expect(!hubSpot.contains("of the DKIM-Signature header of a message it sent"))
    #expect(!hubSpot.contains("read its 's=' tag"), "\(hubSpot)")
    #expect(hubSpot.contains("Turn on DKIM signing for 'brand.example' at the service that sent"))
  }

  /// The reverse-DNS requirements judge the address the message came from: every fixture
  /// message's sending IP has a PTR name that resolves back to it (the reverse zones in
  /// `Fixtures/messages/zones`), so they pass instead of waiting for `--ip`.
  @Test func theMessagesSendingIPGetsItsReverseDNSChecked() async throws {
    let reverseDNS: Set = [
      "ptr.missing", "ptr.mismatch", "gmail.ptr-required", "yahoo.ptr-required",
    ]
    for message in Self.messages {
      let run = try Self.checkMessage(message, ["--format", "json"])
      let domain = try Self.json(run)
      let statuses = VerdictTests.requirements(domain).filter {
        reverseDNS.contains($0["id"] as? String ?? "")
      }.map { $0["status"] as? String }
      #expect(statuses.count == 5 && statuses.allSatisfy { $0 == "passed" }, "\(message)")
      let waiting = ((domain["waiting"] as? [[String: Any]]) ?? []).compactMap {
        $0["id"] as? String
      }
      #expect(waiting.allSatisfy { !reverseDNS.contains($0) }, "\(message): \(waiting)")
      #expect(!VerdictTests.findingIDs(domain).contains { $0.hasPrefix("ptr.") }, "\(message)")
      let text = try Self.checkMessage(message)
      #expect(!text.stdout.contains("Checkable with --ip"), "\(message)")
    }
  }

  /// A message from an address without a PTR record (in HubSpot's range, its Return-Path at
  /// HubSpot's own domain): `ptr.missing` for that address, HubSpot's to fix, nothing to paste
  /// into a reverse zone. The same address given with `--ip` too is checked once; another one
  /// beside it is checked as well.
  @Test func aMessageFromAnAddressWithoutPTRIsTheServicesToFix() async throws {
    let noPTR = ("3.93.157.21", "3.93.157.99")
    let file = try Self.editedMessage([noPTR])
    defer { try? FileManager.default.removeItem(at: file) }
    let run = try Self.checkMessage(file.path, ["--format", "json"])
    #expect(run.status == 1, "\(run.stdout)")
    let domain = try Self.json(run)
    let findings = try #require(domain["findings"] as? [[String: Any]])
    let missing = findings.filter { $0["id"] as? String == "ptr.missing" }
    #expect(missing.count == 1)
    #expect(
      (missing.first?["message"] as? String)?.contains(
        "Sending IP '3.93.157.99' has no PTR record") == true, "\(missing)")
    let fix = try #require(missing.first?["fix"] as? [String: Any])
    #expect(
      (fix["explanation"] as? String)?.contains(
        "'3.93.157.99' is an address of HubSpot: only HubSpot sets its PTR") == true, "\(fix)")
    #expect(!Self.adds(domain).contains { $0.contains("in-addr.arpa") }, "\(Self.adds(domain))")
    let failed = VerdictTests.requirements(domain).filter {
      $0["status"] as? String == "failed"
    }.compactMap { $0["id"] as? String }
    #expect(Set(["gmail.ptr-required", "yahoo.ptr-required", "ptr.missing"]).isSubset(of: failed))
    let german = try Self.checkMessage(file.path, ["--lang", "de"])
    #expect(german.stdout.contains("Versand-IP '3.93.157.99' hat keinen PTR-Eintrag"))
    #expect(german.stdout.contains("nur HubSpot setzt ihren PTR"))
    // The Return-Path in the brand's zone, pointed at HubSpot's with a CNAME: still HubSpot's.
    let aliased = try Self.editedMessage([
      noPTR, ("@bf03x.hubspotemail.net", "@bounce.brand.example"),
    ])
    defer { try? FileManager.default.removeItem(at: aliased) }
    let zones = try Self.editedZones(
      append: ["brand.example.zone": ["bounce IN CNAME bf03x.hubspotemail.net."]])
    defer { try? FileManager.default.removeItem(at: zones) }
    let viaAlias = try Self.json(
      try Self.checkMessage(aliased.path, zones: zones, ["--format", "json"]))
    let aliasFix = try #require(
      (viaAlias["findings"] as? [[String: Any]])?.first { $0["id"] as? String == "ptr.missing" }?[
        "fix"] as? [String: Any])
    #expect(
      (aliasFix["explanation"] as? String)?.contains(
        "'3.93.157.99' is an address of HubSpot: only HubSpot sets its PTR") == true,
      "\(aliasFix)")
    #expect(!Self.adds(viaAlias).contains { $0.contains("3.93.157.99") }, "\(Self.adds(viaAlias))")
    // Given with --ip as well: one check, one finding.
    let both = try Self.json(
      try Self.checkMessage(file.path, ["--ip", "3.93.157.99", "--format", "json"]))
    #expect(VerdictTests.findingIDs(both).filter { $0 == "ptr.missing" }.count == 1)
    // Another address beside it: both are checked (the SendGrid one has its PTR).
    let two = try Self.checkMessage(file.path, ["--ip", "149.72.126.143", "--format", "json"])
    let twoFindings = try #require(try Self.json(two)["findings"] as? [[String: Any]])
    let messages = twoFindings.filter { ($0["id"] as? String)?.hasPrefix("ptr.") == true }
      .compactMap { $0["message"] as? String }
    #expect(messages.count == 1 && messages[0].contains("'3.93.157.99'"), "\(messages)")
    // The message section's row, beside the receiver's iprev when it gives one.
    let text = try Self.checkMessage(file.path)
    #expect(
      text.stdout.contains(
        "    Reverse DNS: permerror, 3.93.157.99 has no PTR record — receiver: —\n"),
      "\(text.stdout)")
    let withIprev = try Self.editedMessage([noPTR, Self.iprev("pass", "3.93.157.99")])
    defer { try? FileManager.default.removeItem(at: withIprev) }
    let iprev = try Self.json(try Self.checkMessage(withIprev.path, ["--format", "json"]))
    let prediction = try #require(iprev["message"] as? [String: Any])
    #expect((prediction["receiver"] as? [String: Any])?["iprev"] as? String == "pass")
    #expect(
      (prediction["differences"] as? [String] ?? []).contains(
        "The receiver's reverse-DNS result 'pass' differs from today's 'permerror': the PTR "
          + "record or its name's address changed after the message arrived"),
      "\(prediction)")
    let germanRow = try Self.checkMessage(withIprev.path, ["--lang", "de"])
    #expect(
      germanRow.stdout.contains(
        "    Reverse-DNS: permerror, 3.93.157.99 hat keinen PTR-Eintrag — Server: pass\n"),
      "\(germanRow.stdout)")
  }

  /// The HubSpot fixture message with each `(text, replacement)` applied, in a temporary file.
  static func editedMessage(
    _ replacements: [(String, String)], of fixture: String = "hubspot-misaligned.eml"
  ) throws -> URL {
    var text = try String(
      contentsOfFile: SenderAuthCLI.root + "/Fixtures/messages/" + fixture, encoding: .utf8)
    for (old, new) in replacements { text = text.replacingOccurrences(of: old, with: new) }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "senderauth-message-\(UUID().uuidString).eml")
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file
  }

  /// An `iprev` result for `address` in the fixture's Authentication-Results.
  static func iprev(_ result: String, _ address: String) -> (String, String) {
    (
      "       dmarc=fail (p=QUARANTINE",
      "       iprev=\(result) policy.iprev=\(address);\n       dmarc=fail (p=QUARANTINE"
    )
  }

  /// The message fixture zones copied into a temporary directory: the files `keep` accepts,
  /// each line `drop` accepts left out, the lines of `append` added to their files.
  static func editedZones(
    keep: (String) -> Bool = { _ in true }, drop: (String) -> Bool = { _ in false },
    append: [String: [String]] = [:]
  ) throws -> URL {
    let source = SenderAuthCLI.root + "/Fixtures/messages/zones"
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "senderauth-zones-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for name in try FileManager.default.contentsOfDirectory(atPath: source) where keep(name) {
      let text = try String(contentsOfFile: source + "/" + name, encoding: .utf8)
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      let kept = lines.filter { !drop(String($0)) }.map(String.init)
      try (kept + (append[name] ?? [])).joined(separator: "\n").write(
        to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return directory
  }

  /// `check --message FILE` over `zones` and the providers, offline.
  static func checkMessage(_ file: String, zones: URL, _ extra: [String] = []) throws
    -> SenderAuthCLI.Run
  {
    try SenderAuthCLI.run(
      ["check", "--message", file] + extra
        + ["--offline", "--zone", zones.path, "--zone", "Fixtures/esp/providers"])
  }

  /// Offline, only the zones answer: without the zone of the message address's reverse name the
  /// reverse DNS is not checked in this run (not "no PTR", not "checkable with --ip"); an
  /// internal hop's address is not the sender's, and the rules wait for `--ip`.
  @Test func aMessagesReverseDNSNeedsItsReverseZoneOffline() async throws {
    let zones = try Self.editedZones(keep: { !$0.hasSuffix(".arpa.zone") })
    defer { try? FileManager.default.removeItem(at: zones) }
    let message = "Fixtures/messages/microsoft-365-aligned.eml"
    let run = try Self.checkMessage(message, zones: zones, ["--format", "json"])
    #expect(run.status == 0, "\(run.stdout)")
    let domain = try Self.json(run)
    #expect(!VerdictTests.findingIDs(domain).contains { $0.hasPrefix("ptr.") })
    let notChecked = domain["notChecked"] as? [String] ?? []
    #expect(Set(["ptr.missing", "ptr.mismatch"]).isSubset(of: notChecked), "\(notChecked)")
    let waiting = ((domain["waiting"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
    #expect(!waiting.contains("ptr.missing"), "\(waiting)")
    let reverse = (domain["message"] as? [String: Any])?["reverseDNS"] as? [String: Any]
    #expect(reverse?["result"] as? String == "notChecked", "\(String(describing: reverse))")
    #expect(reverse?["unchecked"] as? String == "notAnswered")
    let text = try Self.checkMessage(message, zones: zones)
    #expect(
      text.stdout.contains(
        "- Not checked in this run: gmail.ptr-required, yahoo.ptr-required, ptr.missing"),
      "\(text.stdout)")
    #expect(!text.stdout.contains("Checkable with --ip"))
    #expect(
      text.stdout.contains(
        "    Reverse DNS: not checked, no zone (--zone) or recording (--replay) holds "
          + "'58.22.107.40.in-addr.arpa' — receiver: —\n"), "\(text.stdout)")
    // A private client-ip: an internal relay, not the sender.
    let file = try Self.editedMessage([("3.93.157.21", "10.1.2.3")])
    defer { try? FileManager.default.removeItem(at: file) }
    let relayed = try Self.checkMessage(file.path)
    #expect(
      relayed.stdout.contains(
        "- Checkable with --ip: gmail.ptr-required, yahoo.ptr-required, ptr.missing"),
      "\(relayed.stdout)")
    #expect(!relayed.stdout.contains("ptr.missing:"))
    #expect(
      relayed.stdout.contains(
        "    Reverse DNS: not checked, 10.1.2.3 is an internal relay's address, not the "
          + "sender's — receiver: —\n"), "\(relayed.stdout)")
    // The same address given with --ip too: not checked either, not "no PTR".
    let both = try Self.checkMessage(message, zones: zones, ["--ip", "40.107.22.58"])
    #expect(both.status == 0, "\(both.stdout)")
    #expect(!both.stdout.contains("ptr.missing:"), "\(both.stdout)")
    #expect(
      both.stdout.contains(
        "- Not checked in this run: gmail.ptr-required, yahoo.ptr-required, ptr.missing"),
      "\(both.stdout)")
    #expect(!both.stdout.contains(" IN PTR "), "nothing to paste: \(both.stdout)")
    // A recording of that run replays the same: the PTR it never asked is not checked.
    let recording = FileManager.default.temporaryDirectory.appendingPathComponent(
      "senderauth-recording-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: recording) }
    let recorded = try Self.checkMessage(
      message, zones: zones, ["--format", "json", "--save-dns", recording.path])
    let replayed = try await SenderAuthCLI.run([
      "check", "--message", message, "--format", "json", "--replay", recording.path,
    ])
    #expect(replayed.status == recorded.status, "\(replayed.stdout)\n\(replayed.stderr)")
    #expect(
      (try Self.json(replayed)["notChecked"] as? [String]) == notChecked, "\(replayed.stdout)")
    // Recorded with the reverse zones, the replay alone judges the address as the run did.
    let full = FileManager.default.temporaryDirectory.appendingPathComponent(
      "senderauth-recording-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: full) }
    _ = try Self.checkMessage(message, ["--format", "json", "--save-dns", full.path])
    let judged = try await SenderAuthCLI.run([
      "check", "--message", message, "--format", "json", "--replay", full.path,
    ])
    let judgedDomain = try Self.json(judged)
    let row = (judgedDomain["message"] as? [String: Any])?["reverseDNS"] as? [String: Any]
    #expect(row?["result"] as? String == "pass", "\(String(describing: row))")
    #expect(!(judgedDomain["notChecked"] as? [String] ?? []).contains("ptr.missing"))
  }

  /// A reverse name that a CNAME leads out of the zones (RFC 2317's classless delegation), and a
  /// PTR name whose zone is not given: not checked, and the row names what was not answered.
  @Test func whatTheZonesDoNotAnswerIsNamed() async throws {
    let delegated = try Self.editedZones(drop: { $0.hasPrefix("58.22 IN PTR") })
    defer { try? FileManager.default.removeItem(at: delegated) }
    let reverse = delegated.appendingPathComponent("107.40.in-addr.arpa.zone")
    try
      (try String(contentsOf: reverse, encoding: .utf8)
      + "\n58.22 IN CNAME 58.0-63.22.107.40.in-addr.arpa.\n0-63.22 IN NS ns1.outlook.com.\n")
      .write(to: reverse, atomically: true, encoding: .utf8)
    let message = "Fixtures/messages/microsoft-365-aligned.eml"
    let run = try Self.checkMessage(message, zones: delegated)
    #expect(run.status == 0, "\(run.stdout)")
    #expect(!run.stdout.contains("ptr.missing:"), "\(run.stdout)")
    #expect(
      run.stdout.contains(
        "    Reverse DNS: not checked, no zone (--zone) or recording (--replay) holds "
          + "'58.0-63.22.107.40.in-addr.arpa' — receiver: —\n"), "\(run.stdout)")
    // With the child zone the CNAME leads to, it is checked, and a recording replays it alone.
    try """
    $ORIGIN 0-63.22.107.40.in-addr.arpa.
    $TTL 3600
    @ IN SOA ns1.outlook.com. hostmaster.outlook.com. 1 7200 3600 1209600 300
    @ IN NS ns1.outlook.com.
    58 IN PTR mail-am6eur05on2058.outbound.protection.outlook.com.
    """.write(
      to: delegated.appendingPathComponent("0-63.22.107.40.in-addr.arpa.zone"), atomically: true,
      encoding: .utf8)
    let recording = FileManager.default.temporaryDirectory.appendingPathComponent(
      "senderauth-recording-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: recording) }
    let child = try Self.checkMessage(message, zones: delegated, ["--save-dns", recording.path])
    let passRow =
      "    Reverse DNS: pass, 'mail-am6eur05on2058.outbound.protection.outlook.com' resolves back "
      + "to 40.107.22.58"
    #expect(child.stdout.contains(passRow), "\(child.stdout)")
    let replayed = try await SenderAuthCLI.run([
      "check", "--message", message, "--replay", recording.path,
    ])
    #expect(replayed.stdout.contains(passRow), "\(replayed.stdout)")
    // The receiver's iprev for another address beside an address not checked here.
    let other = try Self.editedMessage([Self.iprev("pass", "3.93.157.99")])
    defer { try? FileManager.default.removeItem(at: other) }
    let noReverse = try Self.editedZones(keep: { !$0.hasSuffix(".arpa.zone") })
    defer { try? FileManager.default.removeItem(at: noReverse) }
    let unchecked = try Self.checkMessage(other.path, zones: noReverse, ["--lang", "de"])
    #expect(
      unchecked.stdout.contains(
        "diese Vorhersage gilt '3.93.157.21', deren Reverse-DNS in diesem Lauf nicht geprüft "
          + "wurde"), "\(unchecked.stdout)")
    let noVendorZone = try Self.editedZones(keep: { $0 != "crm-vendor.example.zone" })
    defer { try? FileManager.default.removeItem(at: noVendorZone) }
    let vendor = try Self.checkMessage(
      "Fixtures/messages/cases/teamleader-customer-c.eml", zones: noVendorZone)
    #expect(
      vendor.stdout.contains(
        "    Reverse DNS: not checked, no zone (--zone) or recording (--replay) holds "
          + "'out-12.mta.crm-vendor.example' — receiver: —\n"), "\(vendor.stdout)")
    #expect(!vendor.stdout.contains("ptr.mismatch:"), "\(vendor.stdout)")
  }

  /// SendGrid's dedicated IP points its PTR at a name in the customer's zone: when that name's
  /// A record is missing, the fix is that record, in the customer's zone (the address is
  /// SendGrid's, but the name is not); `--ip` and the message alike.
  @Test func aPTRNameInTheDomainsOwnZoneTakesItsAddressRecord() async throws {
    let zones = try Self.editedZones(drop: { $0.hasPrefix("o1.ptr7654 IN A") })
    defer { try? FileManager.default.removeItem(at: zones) }
    let record = "o1.ptr7654.sg-brand.example. 3600 IN A 149.72.14.5"
    for arguments in [
      ["check", "sg-brand.example", "--ip", "149.72.14.5"],
      ["check", "--message", "Fixtures/messages/sendgrid-aligned.eml"],
    ] {
      let run = try await SenderAuthCLI.run(
        arguments + [
          "--format", "json", "--offline", "--zone", zones.path, "--zone", "Fixtures/esp/providers",
        ])
      let domain = try Self.json(run)
      #expect(VerdictTests.findingIDs(domain).contains("ptr.mismatch"), "\(arguments)")
      #expect(Self.adds(domain).contains(record), "\(arguments): \(Self.adds(domain))")
    }
    let text = try Self.checkMessage("Fixtures/messages/sendgrid-aligned.eml", zones: zones)
    #expect(
      text.stdout.contains(
        "    Reverse DNS: fail, the PTR name 'o1.ptr7654.sg-brand.example' does not resolve back "
          + "to 149.72.14.5 — receiver: —"), "\(text.stdout)")
  }

  /// An address a vendor outside the catalog runs (its SPF record lists it; the message's
  /// Return-Path is there): its PTR is the vendor's to set, and nothing is proposed for the
  /// customer's zone or a reverse zone.
  @Test func aVendorsAddressWithoutPTRIsTheVendorsToFix() async throws {
    let zones = try Self.editedZones(drop: { $0.hasPrefix("76 IN PTR") })
    defer { try? FileManager.default.removeItem(at: zones) }
    let run = try Self.checkMessage(
      "Fixtures/messages/cases/teamleader-customer-c.eml", zones: zones, ["--format", "json"])
    let domain = try Self.json(run)
    let findings = try #require(domain["findings"] as? [[String: Any]])
    let missing = try #require(findings.first { $0["id"] as? String == "ptr.missing" })
    let fix = try #require(missing["fix"] as? [String: Any])
    #expect(
      fix["explanation"] as? String
        == "'198.51.100.76' is listed in the SPF record of 'bounces.crm-vendor.example': its "
        + "reverse DNS is set by whoever runs 'bounces.crm-vendor.example'; ask them.", "\(fix)")
    #expect((fix["add"] as? [String] ?? []).isEmpty)
    #expect(!Self.adds(domain).contains { $0.contains("198.51.100.76") }, "\(Self.adds(domain))")
    #expect(!VerdictTests.findingIDs(domain).contains("ptr.generic"))
    // Its PTR name without the address record: the vendor's zone, nothing to paste either.
    let noAddress = try Self.editedZones(drop: { $0.hasPrefix("out-12.mta IN A") })
    defer { try? FileManager.default.removeItem(at: noAddress) }
    let mismatch = try Self.json(
      try Self.checkMessage(
        "Fixtures/messages/cases/teamleader-customer-c.eml", zones: noAddress,
        ["--format", "json"]))
    #expect(VerdictTests.findingIDs(mismatch).contains("ptr.mismatch"))
    #expect(
      !Self.adds(mismatch).contains { $0.contains("198.51.100.76") }, "\(Self.adds(mismatch))")
    // The Return-Path in the customer's zone, pointed at the vendor with a CNAME: the record
    // that lists the address is still the vendor's.
    let aliased = try Self.editedZones(
      drop: { $0.hasPrefix("76 IN PTR") },
      append: ["customer-c.example.zone": ["bounces IN CNAME bounces.crm-vendor.example."]])
    defer { try? FileManager.default.removeItem(at: aliased) }
    let message = try Self.editedMessage(
      [("@bounces.crm-vendor.example", "@bounces.customer-c.example")],
      of: "cases/teamleader-customer-c.eml")
    defer { try? FileManager.default.removeItem(at: message) }
    for language in ["en", "de"] {
      let run = try Self.json(
        try Self.checkMessage(
          message.path, zones: aliased, ["--format", "json", "--lang", language]))
      let findings = try #require(run["findings"] as? [[String: Any]])
      let fix = try #require(
        findings.first { $0["id"] as? String == "ptr.missing" }?["fix"] as? [String: Any])
      #expect(
        fix["explanation"] as? String
          == (language == "en"
            ? "'198.51.100.76' is listed in the SPF record of 'bounces.crm-vendor.example' (where "
              + "the CNAME at 'bounces.customer-c.example' points): its reverse DNS is set by "
              + "whoever runs 'bounces.crm-vendor.example'; ask them."
            : "'198.51.100.76' steht im SPF-Eintrag von 'bounces.crm-vendor.example' (wohin der "
              + "CNAME von 'bounces.customer-c.example' zeigt): ihr Reverse-DNS richtet ein, wer "
              + "'bounces.crm-vendor.example' betreibt; fragen Sie dort nach."),
        "\(fix)")
      #expect((fix["add"] as? [String] ?? []).isEmpty)
      #expect(!Self.adds(run).contains { $0.contains("198.51.100.76") }, "\(Self.adds(run))")
    }
  }

  /// The receiver's iprev for another address than the one read from the headers is not a
  /// change in DNS: the difference says which addresses were judged.
  @Test func aReceiversIprevForAnotherAddressIsNamed() async throws {
    let file = try Self.editedMessage([Self.iprev("fail", "192.0.2.99")])
    defer { try? FileManager.default.removeItem(at: file) }
    let run = try Self.checkMessage(file.path)
    #expect(
      run.stdout.contains(
        "    Reverse DNS: pass, 'bf03x.hubspotemail.net' resolves back to 3.93.157.21 — "
          + "receiver: fail ('192.0.2.99')\n"), "\(run.stdout)")
    #expect(
      run.stdout.contains(
        "≠ The receiver checked the reverse DNS of '192.0.2.99' ('fail'), this prediction that "
          + "of '3.93.157.21' ('pass'): the sending IP read from the headers differs from the one "
          + "the receiver saw"), "\(run.stdout)")
    #expect(!run.stdout.contains("reverse-DNS result"))
    // Headers that name only an internal relay: the receiver's address is the one to check,
    // and once it is given with --ip, the difference says so.
    let relayed = try Self.editedMessage([
      ("3.93.157.21", "10.1.2.3"), Self.iprev("pass", "3.93.157.21"),
    ])
    defer { try? FileManager.default.removeItem(at: relayed) }
    let relay = try Self.checkMessage(relayed.path)
    #expect(
      relay.stdout.contains(
        "≠ The receiver checked the reverse DNS of '3.93.157.21' ('pass'); the headers name "
          + "'10.1.2.3', an internal relay: check '3.93.157.21' with --ip"), "\(relay.stdout)")
    let relayGiven = try Self.checkMessage(relayed.path, ["--ip", "3.93.157.21"])
    #expect(
      relayGiven.stdout.contains("an internal relay: '3.93.157.21' is checked with --ip"),
      "\(relayGiven.stdout)")
    // Exim names the address as smtp.remote-ip; brackets are read as the address.
    let exim = try Self.editedMessage([
      (
        "       dmarc=fail (p=QUARANTINE",
        "       iprev=fail (host) smtp.remote-ip=[192.0.2.99];\n       dmarc=fail (p=QUARANTINE"
      )
    ])
    defer { try? FileManager.default.removeItem(at: exim) }
    let eximRun = try Self.json(try Self.checkMessage(exim.path, ["--format", "json"]))
    let receiver = (eximRun["message"] as? [String: Any])?["receiver"] as? [String: Any]
    #expect(receiver?["iprevAddress"] as? String == "192.0.2.99", "\(String(describing: receiver))")
    // With --ip naming the message's HubSpot address, esp.sending-ip names it as HubSpot's.
    let hubspot = try Self.checkMessage(
      "Fixtures/messages/hubspot-misaligned.eml", ["--ip", "3.93.157.21"])
    #expect(
      hubspot.stdout.contains("note esp.sending-ip: '3.93.157.21' is a HubSpot address"),
      "\(hubspot.stdout)")
    #expect(!hubspot.stdout.contains("spf.ip-not-authorized:"))
  }

  @Test func theJSONMessageHasExactlyTheDocumentedFields() async throws {
    let run = try await SenderAuthCLI.run(
      ["check", "--message", "Fixtures/messages/amazon-ses-aligned.eml", "--format", "json"]
        + Self.zoneArguments)
    let message = try #require(try Self.json(run)["message"] as? [String: Any])
    #expect(
      Set(message.keys)
        == ["from", "subject", "spf", "dkim", "dmarc", "reverseDNS", "receiver", "differences"])
    let receiver = try #require(message["receiver"] as? [String: Any])
    #expect(
      Set(receiver.keys)
        == ["server", "spf", "spfDomain", "dkim", "dmarc", "iprev", "iprevAddress"])
    let reverse = try #require(message["reverseDNS"] as? [String: Any])
    #expect(Set(reverse.keys) == ["ip", "result", "name", "unchecked"])
    #expect(reverse["unchecked"] is NSNull)
    #expect(reverse["result"] as? String == "pass")
    #expect(reverse["name"] as? String == "a4-5.smtp-out.eu-west-1.amazonses.com")
    let spf = try #require(message["spf"] as? [String: Any])
    #expect(Set(spf.keys) == ["domain", "ip", "result", "aligned"])
    let dkim = try #require(message["dkim"] as? [[String: Any]])
    #expect(dkim.count == 2)
    for signature in dkim {
      #expect(Set(signature.keys) == ["domain", "selector", "keyFound", "aligned"])
    }
    let dmarc = try #require(message["dmarc"] as? [String: Any])
    #expect(Set(dmarc.keys) == ["result", "policy"])
    #expect(dmarc["result"] as? String == "pass")
    #expect(message["from"] as? String == "ses-brand.example")
    // A value that cannot be told is null, not left out.
    let none = try await SenderAuthCLI.run(
      ["check", "--message", "-", "--format", "json"] + Self.zoneArguments,
      input: "From: a@sg-plain.example\n")
    let bare = try #require(try Self.json(none)["message"] as? [String: Any])
    let bareSPF = try #require(bare["spf"] as? [String: Any])
    #expect(bareSPF["ip"] is NSNull)
    #expect(bareSPF["result"] as? String == "unknown")
    // Without a sending IP SPF is not evaluated, and without a signature DKIM cannot pass:
    // DMARC is unknown, not fail.
    #expect((bare["dmarc"] as? [String: Any])?["result"] as? String == "unknown")
    #expect(bare["receiver"] is NSNull)
    #expect(bare["reverseDNS"] is NSNull)
    #expect((bare["differences"] as? [Any])?.isEmpty == true)
  }

  // MARK: - The support cases of issue 14

  @Test func hubSpotDeliveredButDMARCFailsForLackOfAlignment() async throws {
    let base = ["check", "--message", "Fixtures/messages/hubspot-misaligned.eml"]
    let text = try await SenderAuthCLI.run(base + Self.zoneArguments)
    #expect(text.status == 1, "\(text.stdout)\n\(text.stderr)")
    #expect(text.stdout.hasPrefix("brand.example: not ready"))
    #expect(text.stdout.contains("error message.dmarc-fail: This message fails DMARC"))
    #expect(text.stdout.contains("DKIM is signed as d=brandmail.example, which does not align"))
    #expect(text.stdout.contains("Connect 'brand.example' as sending domain in HubSpot"))
    #expect(text.stdout.contains("Or send From 'brandmail.example'"))
    #expect(
      text.stdout.contains(
        "\n    hs1-24681357._domainkey.brand.example. 3600 IN CNAME "
          + "brand-example.hs04a.dkim.hubspotemail.net.\n"))
    #expect(text.stdout.contains("DMARC: fail, policy 'quarantine' — receiver: fail"))
    let json = try await Self.json(
      try SenderAuthCLI.run(base + ["--format", "json"] + Self.zoneArguments))
    #expect(json["verdict"] as? String == "notReady")
    let dmarc = (json["message"] as? [String: Any])?["dmarc"] as? [String: Any]
    #expect(dmarc?["result"] as? String == "fail")
    let german = try await SenderAuthCLI.run(base + ["--lang", "de"] + Self.zoneArguments)
    #expect(german.stdout.contains("Diese Nachricht besteht DMARC nicht"))
    #expect(german.stdout.contains("Verbinden Sie 'brand.example' in HubSpot"))
  }

  @Test func sendGridFromADedicatedIPIsNeverPinned() async throws {
    let run = try await SenderAuthCLI.run(
      ["check", "buildsoft.example", "--ip", "167.89.50.10", "--format", "json"]
        + Self.zoneArguments)
    #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
    let domain = try Self.json(run)
    #expect(domain["verdict"] as? String == "ready")
    #expect(!Self.adds(domain).contains { $0.contains("ip4:") }, "\(Self.adds(domain))")
    #expect(!VerdictTests.findingIDs(domain).contains("spf.ip-not-authorized"))
    #expect(VerdictTests.findingIDs(domain).contains("esp.sending-ip"))
    // With Procore's message the em<n> return path is found: SPF aligns through it.
    let message = try Self.checkMessage("Fixtures/messages/cases/procore-buildsoft.eml")
    #expect(message.status == 0, "\(message.stdout)")
    #expect(message.stdout.contains("em2468.buildsoft.example. CNAME u2468013.wl117.sendgrid.net."))
    #expect(message.stdout.contains("DMARC: pass, policy 'quarantine' — receiver: pass"))
  }

  @Test func aSendingServicesAddressWithoutPTRIsTheServicesToFix() async throws {
    let run = try await SenderAuthCLI.run(
      ["check", "buildsoft.example", "--ip", "167.89.50.99", "--format", "json"]
        + Self.zoneArguments)
    let domain = try Self.json(run)
    let findings = try #require(domain["findings"] as? [[String: Any]])
    let missing = try #require(findings.first { $0["id"] as? String == "ptr.missing" })
    let fix = try #require(missing["fix"] as? [String: Any])
    #expect(
      (fix["explanation"] as? String)?.contains("only Twilio SendGrid sets its PTR") == true)
    #expect((fix["add"] as? [String] ?? []).isEmpty)
    // Nothing to paste into a reverse zone the customer does not own.
    #expect(!Self.adds(domain).contains { $0.contains("in-addr.arpa") }, "\(Self.adds(domain))")
  }

  @Test func kenjoSendsFromSendGridSharedAddresses() async throws {
    let spf = try await SenderAuthCLI.run(
      ["spf", "customer-b.example", "--ip", "149.72.190.99"] + Self.zoneArguments)
    #expect(spf.status == 0, "\(spf.stdout)\n\(spf.stderr)")
    #expect(spf.stdout.contains("Result: softfail (matched '~all')"))
    #expect(
      spf.stdout.contains(
        "Why: '149.72.190.99' gets softfail: no mechanism of 'customer-b.example' lists it, so "
          + "'~all' decided; it is a Twilio SendGrid address ('ip4:149.72.0.0/16' in "
          + "sendgrid.net), which 'include:sendgrid.net' would authorize"), "\(spf.stdout)")
    let json = try await SenderAuthCLI.run(
      ["spf", "customer-b.example", "--ip", "149.72.190.99", "--format", "json"]
        + Self.zoneArguments)
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect((object?["why"] as? String)?.contains("include:sendgrid.net") == true)
    let check = try await SenderAuthCLI.run(
      [
        "check", "customer-b.example", "--ip", "149.72.190.99", "--ip", "149.72.246.141",
        "--format", "json",
      ] + Self.zoneArguments)
    let domain = try Self.json(check)
    let adds = Self.adds(domain)
    #expect(!adds.contains { $0.contains("ip4:") }, "\(adds)")
    // The CNAMEs Kenjo asks the customer's IT for: SendGrid's two DKIM records and em<n>.
    #expect(
      adds.contains(
        "s1._domainkey.customer-b.example. 3600 IN CNAME s1.domainkey.u<user>.wl<wl>.sendgrid.net.")
    )
    #expect(adds.contains("em<n>.customer-b.example. 3600 IN CNAME u<user>.wl<wl>.sendgrid.net."))
    #expect(domain["verdict"] as? String == "notReady")
    #expect(check.status == 0, "warnings only: \(VerdictTests.findingIDs(domain))")
  }

  @Test func teamleaderAddsASecondDMARCRecord() async throws {
    let run = try Self.checkMessage("Fixtures/messages/cases/teamleader-customer-c.eml")
    #expect(run.status == 1, "\(run.stdout)")
    #expect(run.stdout.contains("error dmarc.multiple-records: '_dmarc.customer-c.example' has 2"))
    #expect(
      run.stdout.contains(
        "; Remove these records\n    ; _dmarc.customer-c.example. 3600 IN TXT \"v=DMARC1; p=none;\""
      ))
    // Two records at one name are discarded: no DMARC applies today, while the receiver
    // (before the second record) passed the message.
    #expect(run.stdout.contains("DMARC: none (no DMARC record applies) — receiver: pass"))
    #expect(
      run.stdout.contains(
        "≠ The receiver's DMARC result 'pass' differs from today's 'none': "
          + "'_dmarc.customer-c.example' has several DMARC records today, which receivers are to "
          + "ignore (RFC 9989): one was added after the message arrived, or this receiver used "
          + "one of them"), "\(run.stdout)")
    #expect(!run.stdout.contains("gmail.bulk.dmarc-required"), "folded into multiple-records")
  }

  @Test func enalyzerSendsThroughMailjetWhileSetUpForSendGrid() async throws {
    let run = try Self.checkMessage("Fixtures/messages/cases/enalyzer-customer-e.eml")
    #expect(run.status == 1, "\(run.stdout)")
    #expect(run.stdout.contains("error message.dkim-key-missing"))
    // The Mailjet key the message needs is one finding, not also an ESP warning.
    #expect(!run.stdout.contains("esp.dkim-missing:"), "\(run.stdout)")
    #expect(
      run.stdout.contains(
        "the message came through Mailjet (Sinch), while 'customer-e.example' is set up for "
          + "Twilio SendGrid"))
    #expect(run.stdout.contains("DMARC: fail, policy 'quarantine' — receiver: fail"))
    #expect(
      run.stdout.contains(
        "\n    customer-e.example. 3600 IN TXT \"v=spf1 mx include:spf.mailjet.com -all\"\n"))
  }

  // MARK: - Bad input

  @Test(arguments: [
    (["--message", "Fixtures/messages/no-such.eml"], "cannot read"),
    (["--message", "-"], "the message is empty"),
    (["--message", "Fixtures/messages/zones/brand.example.zone"], "is not a header field"),
    (
      ["--message", "Fixtures/messages/hubspot-misaligned.eml", "other.example"],
      "not 'other.example'"
    ),
    (["--message", "Fixtures/messages/hubspot-misaligned.eml", "-f", "x.txt"], "cannot go with"),
  ])
  func aBadMessageIsOneLineAndStatus2(_ arguments: [String], _ expected: String) async throws {
    let run = try await SenderAuthCLI.run(["check"] + arguments + Self.zoneArguments, input: "")
    #expect(run.status == 2, "\(run.stdout)\n\(run.stderr)")
    #expect(run.stdout.isEmpty)
    let lines = run.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(run.stderr)")
    #expect(run.stderr.contains(expected), "\(run.stderr)")
  }

  @Test func oddMessagesAreNotesOnStderr() async throws {
    let run = try await SenderAuthCLI.run(
      ["check", "--message", "-"] + Self.zoneArguments,
      input: "From: a@sg-plain.example\r\nfrom: b@sg-plain.example\r\n\r\nbody\r\n")
    #expect(run.stderr.contains("note: --message: From holds 2 addresses"), "\(run.stderr)")
    #expect(run.stderr.contains("note: --message: no Return-Path"))
    #expect(run.stdout.hasPrefix("sg-plain.example:"))
  }
}
