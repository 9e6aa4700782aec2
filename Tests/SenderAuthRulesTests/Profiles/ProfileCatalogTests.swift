import DNSLookup
import SenderAuthCore
import SenderAuthRules
import Testing

@Suite struct ProfileCatalogTests {
  /// A finding folded into a cause that was folded itself links to the reported one at the
  /// end of the chain, which lists it as broken (a provider's alignment requirement, through
  /// the message's DMARC failure, to the signature's missing key).
  @Test func aChainOfCausesEndsAtTheReportedFinding() throws {
    func finding(_ id: String, _ severity: Severity, causes: [String] = []) -> Finding {
      Finding(
        id: id, severity: severity, message: LocalizedText(en: id, de: id), causes: causes)
    }
    let folded = RootCauses.fold([
      finding("gmail.bulk.dmarc-alignment", .error, causes: ["message.dmarc-fail"]),
      finding("message.dmarc-fail", .error, causes: ["message.dkim-key-missing"]),
      finding("message.dkim-key-missing", .warning),
    ])
    #expect(folded.findings.map(\.id) == ["message.dkim-key-missing"])
    #expect(folded.links["gmail.bulk.dmarc-alignment"] == ["message.dkim-key-missing"])
    #expect(folded.links["message.dmarc-fail"] == ["message.dkim-key-missing"])
    let root = try #require(folded.findings.first)
    #expect(root.severity == .error)
    #expect(
      Set(root.breaks) == ["gmail.bulk.dmarc-alignment", "message.dmarc-fail"], "\(root.breaks)")
  }

  @Test func offersEveryProfileOfTheIssue() {
    #expect(
      ProfileCatalog.ids == [
        "rfc", "gmail", "gmail-bulk", "yahoo", "yahoo-bulk", "microsoft-bulk", "bulk", "apple",
        "laposte", "gmx-webde", "t-online", "centrum", "parked",
      ])
  }

  @Test func everyRequirementNamesAKnownRule() {
    for profile in ProfileCatalog.all {
      for id in profile.ruleIDs {
        #expect(RuleCatalog.rule(id: id) != nil, "\(profile.id): unknown rule '\(id)'")
      }
    }
  }

  @Test func bulkIsTheUnionOfTheThreeBulkProfiles() throws {
    let bulk = try #require(ProfileCatalog.profile(id: "bulk"))
    let parts = ["gmail-bulk", "yahoo-bulk", "microsoft-bulk"].compactMap(
      ProfileCatalog.profile(id:))
    let expected = Set(parts.flatMap { $0.requirements.map(\.id) })
    #expect(Set(bulk.requirements.map(\.id)) == expected)
    #expect(bulk.requirements.count == expected.count)
  }

  @Test func rfcIsAlwaysJudgedAndBulkIsTheDefault() {
    #expect(ProfileCatalog.selected(CheckOptions()).map(\.id) == ["rfc", "bulk"])
    #expect(
      ProfileCatalog.selected(CheckOptions(profiles: ["gmail", "yahoo"])).map(\.id)
        == ["rfc", "gmail", "yahoo"])
  }

  @Test func providerRulesRunOnlyWhenAJudgedProfileHoldsThem() {
    func active(_ options: CheckOptions) -> Set<String> {
      Set(DomainEvaluator().activeRules(for: ProfileCatalog.selected(options)).map(\.id))
    }
    let byDefault = active(CheckOptions())
    #expect(byDefault.contains("gmail.bulk.dmarc-required"))
    #expect(!byDefault.contains("gmail.spf-or-dkim"))
    #expect(!byDefault.contains("laposte.spf-required"))
    #expect(byDefault.contains("spf.lookup-limit"))
    #expect(active(CheckOptions(profiles: ["laposte"])).contains("laposte.spf-required"))
    // Commands that judge no profile (spf, dmarc, dkim) run no provider rule.
    let none = Set(DomainEvaluator().activeRules(for: []).map(\.id))
    #expect(none.isDisjoint(with: ProviderRules.ids))
  }

  static func report(_ zone: String, options: CheckOptions) async throws -> DomainReport {
    let file = try ZoneFile.parse("$ORIGIN example.com.\n$TTL 3600\n" + zone, file: "test")
    return try await TestSession.report(ZoneResolver(zones: [file]), options: options)
  }

  @Test func notCheckableIsNeverPassedAndReadyNeedsEveryCheckableRequirement() async throws {
    let report = try await Self.report(
      """
      @ SOA ns1 hostmaster 1 3600 600 86400 300
      @ MX 10 mx1
      mx1 A 192.0.2.25
      @ TXT "v=spf1 mx -all"
      """, options: CheckOptions(profiles: ["gmail-bulk"]))
    let verdict = try #require(report.profiles.first { $0.id == "gmail-bulk" })
    #expect(!verdict.ready)
    let byID = Dictionary(uniqueKeysWithValues: verdict.requirements.map { ($0.id, $0) })
    #expect(byID["gmail.one-click-unsubscribe"]?.status == .notCheckable)
    #expect(byID["gmail.tls"]?.status == .notCheckable)
    #expect(byID["gmail.ptr-required"]?.status == .notCheckable)
    #expect(byID["gmail.bulk.dmarc-required"]?.status == .failed)
    // The requirement fails because no DMARC record exists: it points at that finding, which
    // is reported once (raised to the provider's severity) instead of a second finding.
    #expect(byID["gmail.bulk.dmarc-required"]?.findings == ["dmarc.missing"])
    #expect(byID["gmail.bulk.spf-and-dkim"]?.status == .failed)
    #expect(!report.findings.contains { $0.id == "gmail.bulk.dmarc-required" })
    let missing = try #require(report.findings.first { $0.id == "dmarc.missing" })
    #expect(missing.severity == .error)
    #expect(missing.breaks.contains("gmail.bulk.dmarc-required"))
    #expect(!report.findings.contains { $0.id.hasPrefix("yahoo.") })
    let rfc = try #require(report.profiles.first { $0.id == "rfc" })
    #expect(rfc.requirements.allSatisfy { !$0.id.hasPrefix("gmail.") })
  }

  @Test func keysFoundButUnusableAreTheCauseOfTheDKIMRequirements() async throws {
    // A revoked key: the bulk DKIM requirements point at dkim.key-revoked, reported once.
    let report = try await Self.report(
      """
      @ SOA ns1 hostmaster 1 3600 600 86400 300
      @ MX 10 mx1
      mx1 A 192.0.2.25
      @ TXT "v=spf1 mx -all"
      _dmarc TXT "v=DMARC1; p=reject; rua=mailto:d@example.com"
      google._domainkey TXT "v=DKIM1; k=rsa; p="
      """, options: CheckOptions(profiles: ["bulk"]))
    let bulk = try #require(report.profiles.first { $0.id == "bulk" })
    let failed = bulk.requirements.filter { $0.status == .failed }
    #expect(!failed.isEmpty)
    #expect(failed.allSatisfy { $0.findings == ["dkim.key-revoked"] }, "\(failed)")
    #expect(!report.findings.contains { $0.id.hasPrefix("gmail.") || $0.id.hasPrefix("yahoo.") })
    let revoked = try #require(report.findings.first { $0.id == "dkim.key-revoked" })
    #expect(revoked.severity == .error)
    #expect(revoked.breaks.contains("gmail.bulk.spf-and-dkim"))
  }

  @Test func ptrRequirementIsJudgedWithIPs() async throws {
    let report = try await Self.report(
      """
      @ SOA ns1 hostmaster 1 3600 600 86400 300
      @ TXT "v=spf1 ip4:192.0.2.10 -all"
      """,
      options: CheckOptions(ips: ["192.0.2.10"].compactMap(IPAddress.init), profiles: ["gmail"]))
    let verdict = try #require(report.profiles.first { $0.id == "gmail" })
    let ptr = try #require(verdict.requirements.first { $0.id == "gmail.ptr-required" })
    #expect(ptr.status == .failed)
    #expect(report.findings.contains { $0.id == "ptr.missing" })
  }

  /// Profiles ask `Rule.isCheckable` without a cast: every conditional rule's own answer must
  /// be the one the protocol dispatches to, not the default "yes". On a domain checked without
  /// `--ip`, `--authoritative`, a message, an HTTPS client for its MTA-STS policy and BIMI logo,
  /// or a validating resolver, the rules that need them say no.
  @Test func conditionalRulesAnswerThroughTheRuleProtocol() async throws {
    let zone = """
      $ORIGIN example.com.
      @ 3600 SOA ns1 hostmaster 1 3600 600 86400 300
      @ 3600 MX 10 mx1
      mx1 3600 A 192.0.2.25
      _mta-sts 3600 TXT "v=STSv1; id=20240101"
      default._bimi 3600 TXT "v=BIMI1; l=https://example.com/l.svg; a=https://example.com/a.pem"
      """
    let context = try await TestSession.result(
      ZoneResolver(zones: [try ZoneFile.parse(zone + "\n", file: "test")])
    ).context
    var notCheckable: [String] = []
    for rule in RuleCatalog.all {
      let dispatched = rule.isCheckable(context)
      if let conditional = rule as? any ConditionalRequirement {
        let own = conditional.isCheckable(context)
        #expect(dispatched == own, "\(rule.id): Rule.isCheckable is not the rule's own")
        if !own { notCheckable.append(rule.id) }
      } else {
        #expect(dispatched, "\(rule.id): not conditional, yet not checkable")
      }
    }
    for id in [
      "spf.ip-not-authorized", "ptr.missing", "dns.authoritative-mismatch", "message.dmarc-fail",
      "mta-sts.policy-unavailable", "bimi.logo-unavailable", "dnssec.bogus",
    ] {
      #expect(notCheckable.contains(id), "\(id) is checkable without its input")
    }
    // Each says what it waits for through the protocol (a group falling back to the default
    // would make its rules "not checked in this run" instead); what a record names waits for
    // nothing the user gives.
    let waits: [String: OnRequestInput?] = [
      "spf.ip-not-authorized": .ip, "ptr.missing": .ip, "ptr.mismatch": .ip,
      "esp.sending-ip": .ip, "dkim.selector-missing": .selector,
      "dns.authoritative-mismatch": .authoritative,
      "dns.authoritative-unreachable": .authoritative, "message.dmarc-fail": .message,
      "message.spf-fail": .message, "dnssec.bogus": .validatingResolver,
      "dnssec.unsigned": .validatingResolver, "mta-sts.policy-unavailable": nil,
      "mta-sts.not-enforced": nil, "bimi.logo-unavailable": nil, "bimi.evidence-invalid": nil,
      "spf.missing": nil,
    ]
    for (id, input) in waits {
      let rule = try #require(RuleCatalog.all.first { $0.id == id }, "\(id)")
      #expect(rule.waitsFor == input, "\(id) waits for \(String(describing: rule.waitsFor))")
    }
    // Every rule not checkable here waits for an option, or rests on what a record names.
    for id in notCheckable {
      let rule = try #require(RuleCatalog.all.first { $0.id == id })
      #expect(
        rule.waitsFor != nil || id.hasPrefix("mta-sts.") || id.hasPrefix("bimi."),
        "\(id): not checkable, and waits for nothing")
    }
  }
}

/// Over every rule example: the headline and the profiles never contradict each other, a
/// requirement never passes when the lookups it rests on failed, and every failed
/// requirement points at a reported finding.
@Suite struct VerdictConsistencyTests {
  @Test(arguments: RuleExampleCase.all)
  func headlineAndProfilesAgree(_ item: RuleExampleCase) async throws {
    let report = try await RuleExampleRunner.result(for: item.example).report
    let states = report.profiles.map(\.state)
    if states.allSatisfy({ $0 == .ready }) && !report.lookupFailed {
      #expect(report.verdict == .ready, "\(item): \(report.findings.map(\.id))")
    }
    if report.verdict == .ready {
      #expect(states.allSatisfy { $0 == .ready }, "\(item)")
    }
    let reported = Set(report.findings.map(\.id))
    for requirement in report.profiles.flatMap(\.requirements) {
      switch requirement.status {
      case .failed:
        #expect(!requirement.findings.isEmpty, "\(item): \(requirement.id)")
        #expect(requirement.findings.allSatisfy(reported.contains), "\(item): \(requirement.id)")
      case .unknown:
        #expect(report.lookupFailed, "\(item): \(requirement.id)")
      case .passed:
        #expect(!report.unknown.contains(requirement.id), "\(item): \(requirement.id)")
      case .notCheckable, .notChecked:
        #expect(requirement.findings.isEmpty, "\(item): \(requirement.id)")
      }
    }
  }
}
