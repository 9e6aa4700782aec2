import DNSLookup
import SenderAuthCore

/// The checks provider rules share: whether SPF can pass, a DKIM key exists, a DMARC policy is
/// published, SPF or DKIM can align, and the sending IPs have valid reverse DNS.
enum ProviderChecks {
  /// Why a provider requirement fails, and the id of the RFC-level finding that reports the
  /// same problem (its cause), when there is one.
  struct Reason {
    var text: LocalizedText
    var cause: String?

    init(_ en: String, _ de: String, cause: String?) {
      text = LocalizedText(en: en, de: de)
      self.cause = cause
    }
  }

  /// Why SPF cannot pass for the domain's mail, or nil when it can (or cannot be known).
  ///
  /// SPF is judged where it is evaluated: the `--return-path` domain when given, else an ESP
  /// return path found under the domain, else the domain itself.
  static func spfFailure(_ context: DomainContext) -> Reason? {
    if let envelope = context.dmarc.envelope {
      if envelope.txt.failure != nil || Alignment.hasSPF(envelope.txt) { return nil }
      return Reason(
        "the return path '\(envelope.domain.text)' has no single SPF record",
        "der Return-Path '\(envelope.domain.text)' hat keinen einzelnen SPF-Eintrag",
        cause: nil)
    }
    if ESPAnalysis.applying(context).contains(where: { analysis in
      guard analysis.returnPathOK else { return false }
      switch analysis.esp.returnPath {
      case .cname, .mailFrom: return true
      default: return false
      }
    }) {
      return nil
    }
    let spf = context.spf
    if spf.txt.failure != nil { return nil }
    let domain = context.domain.text
    if spf.candidates.isEmpty {
      return Reason(
        "'\(domain)' has no SPF record", "'\(domain)' hat keinen SPF-Eintrag",
        cause: "spf.missing")
    }
    if spf.candidates.count > 1 {
      return Reason(
        "'\(domain)' has \(spf.candidates.count) SPF records (permerror)",
        "'\(domain)' hat \(spf.candidates.count) SPF-Einträge (permerror)",
        cause: "spf.multiple-records")
    }
    if let parsed = spf.parsed.first, !parsed.isValid {
      return Reason(
        "the SPF record of '\(domain)' has syntax errors (permerror)",
        "der SPF-Eintrag von '\(domain)' hat Syntaxfehler (permerror)", cause: "spf.syntax")
    }
    if let tree = spf.tree {
      if tree.lookups > 10 {
        return Reason(
          "the SPF record of '\(domain)' needs \(tree.lookups) DNS lookups (limit 10)",
          "der SPF-Eintrag von '\(domain)' braucht \(tree.lookups) DNS-Abfragen (Limit 10)",
          cause: "spf.lookup-limit")
      }
      if tree.voidLookups > 2 {
        return Reason(
          "the SPF record of '\(domain)' has \(tree.voidLookups) void lookups (limit 2)",
          "der SPF-Eintrag von '\(domain)' hat \(tree.voidLookups) leere Abfragen (Limit 2)",
          cause: "spf.void-lookup-limit")
      }
      let broken = tree.terms.first { $0.term.notes.contains(.missingTarget) }
      if let broken {
        return Reason(
          "'\(broken.term.text)' in the SPF tree has no SPF record (permerror)",
          "'\(broken.term.text)' im SPF-Baum hat keinen SPF-Eintrag (permerror)",
          cause: "spf.include-missing")
      }
    }
    return nil
  }

  /// Why no usable DKIM key was found, or nil when one was (or a probe failed): no key at
  /// the selectors tried (the cause `dkim.no-key-found`), or keys that cannot verify mail.
  static func dkimFailure(_ context: DomainContext) -> Reason? {
    guard dkimMissing(context) else { return nil }
    let text = dkimMissingText(context)
    return Reason(
      text.en, text.de, cause: context.dkim.found.isEmpty ? "dkim.no-key-found" : nil)
  }

  /// True when no usable DKIM key was found (and no probe failed).
  static func dkimMissing(_ context: DomainContext) -> Bool {
    context.dkim.signingDomains.isEmpty && context.dkim.failures.isEmpty
  }

  /// Why DKIM cannot pass, for `dkimMissing`: no key was found at the selectors tried, or the
  /// keys found cannot verify mail (revoked, too short, undecodable, `h=` without sha256).
  static func dkimMissingText(_ context: DomainContext) -> LocalizedText {
    let found = context.dkim.found
    guard !found.isEmpty else {
      return LocalizedText(
        en: "no DKIM key was found (pass the selector with --selector if it is not a common one)",
        de: "kein DKIM-Schlüssel gefunden (ungewöhnliche Selektoren mit --selector angeben)")
    }
    let names = found.map { "'\($0.selector)'" }.joined(separator: ", ")
    return LocalizedText(
      en: "the DKIM keys found (selector \(names)) cannot verify mail",
      de: "die gefundenen DKIM-Schlüssel (Selektor \(names)) können keine Mail bestätigen")
  }

  /// Why no DMARC policy applies, or nil when a record with an explicit `p=` is found.
  static func dmarcFailure(_ context: DomainContext) -> Reason? {
    let discovery = context.dmarc.discovery
    if discovery.incomplete { return nil }
    let domain = context.domain.text
    guard let record = discovery.policyRecord else {
      return Reason(
        "no DMARC record applies to '\(domain)'", "für '\(domain)' gilt kein DMARC-Eintrag",
        cause: "dmarc.missing")
    }
    if record.policy == nil || discovery.policyIsImplicit {
      return Reason(
        "the DMARC record for '\(domain)' has no explicit p= policy",
        "der DMARC-Eintrag für '\(domain)' hat keine ausdrückliche Richtlinie p=",
        cause: "dmarc.no-policy")
    }
    return nil
  }

  /// The fix for a missing DMARC policy: a `p=none` record (or the record with `p=none`
  /// added), never lowering an existing policy.
  static func dmarcFix(_ context: DomainContext) -> Fix? {
    let name = DMARCRuleSupport.dmarcName(context.domain)
    let note = DMARCRuleSupport.reportAddressNote(context.options)
    let own = context.dmarc.directRecords
    if own?.isAmbiguous == true { return nil }
    if let record = own?.record {
      guard record.policy == nil else { return nil }
      let others = record.terms.filter { !["v", "p"].contains($0.name.lowercased()) }
      let text = (["v=DMARC1", "p=none"] + others.map { "\($0.name)=\($0.value)" })
        .joined(separator: "; ")
      return Fix(
        explanation: LocalizedText(
          en: "Add an explicit p=none to the DMARC record; raise it once reports show all "
            + "legitimate mail passes.",
          de: "Ergänzen Sie im DMARC-Eintrag ausdrücklich p=none; verschärfen Sie, sobald die "
            + "Berichte zeigen, dass alle legitimen Mails bestehen."),
        add: [DNSChange(owner: name, type: .txt, value: text)],
        remove: [DNSChange(owner: name, type: .txt, value: record.text)])
    }
    let policy = context.options.parked ? "reject" : "none"
    return Fix(
      explanation: LocalizedText(
        en: "Publish a DMARC record with p=\(policy) (the minimum mailbox providers accept)."
          + note.en,
        de: "Veröffentlichen Sie einen DMARC-Eintrag mit p=\(policy) (das Minimum, das "
          + "Postfachanbieter akzeptieren)." + note.de),
      add: [
        DNSChange(
          owner: name, type: .txt,
          value: "v=DMARC1; p=\(policy)" + DMARCRuleSupport.reportTag(context.options))
      ])
  }

  /// True when neither SPF nor DKIM can align with the From domain (relaxed).
  static func alignmentMissing(_ context: DomainContext) -> Bool {
    if !context.failures.isEmpty { return false }
    let alignment = Alignment.assess(context)
    if alignment.aligns(.spf, in: .relaxed) || alignment.aligns(.dkim, in: .relaxed) {
      return false
    }
    let org = alignment.fromOrganizationalDomain
    return !ESPAnalysis.applying(context).contains { analysis in
      guard analysis.returnPathOK, let host = analysis.returnPathHost else { return false }
      return host.isSubdomain(of: org)
    }
  }

  /// The sending IPs without valid reverse DNS: no PTR, no forward confirmation, or (when
  /// `nonGeneric`) only generic-looking names; each with the IP rule that reports it.
  static func ptrFailures(_ context: DomainContext, nonGeneric: Bool = false) -> [Reason] {
    context.sendingIPs.checks.compactMap { check in
      guard check.ptr.answer != nil else { return nil }
      if check.ptrNames.isEmpty {
        return Reason(
          "'\(check.text)' has no PTR record", "'\(check.text)' hat keinen PTR-Eintrag",
          cause: "ptr.missing")
      }
      if check.confirmedNames.isEmpty && check.unconfirmableNames.isEmpty {
        return Reason(
          "the PTR name of '\(check.text)' does not resolve back to it",
          "der PTR-Name von '\(check.text)' löst nicht auf sie auf", cause: "ptr.mismatch")
      }
      if nonGeneric,
        check.ptrNames.allSatisfy({
          !PTRNameHeuristics.reasons(name: $0, address: check.address).isEmpty
        })
      {
        return Reason(
          "the PTR name of '\(check.text)' looks generic",
          "der PTR-Name von '\(check.text)' wirkt generisch", cause: "ptr.generic")
      }
      return nil
    }
  }

  /// The causes of `reasons`: every reason's RFC-level finding, or none when one of them has
  /// no such finding (the provider finding then stands on its own).
  static func causes(_ reasons: [Reason]) -> [String] {
    let ids = reasons.compactMap(\.cause)
    guard ids.count == reasons.count else { return [] }
    var seen: Set<String> = []
    return ids.filter { seen.insert($0).inserted }
  }

  /// Whether `rule` runs for the profiles in `context` (its id active in `ProfileCatalog`).
  private static func isActive(_ rule: some Rule, _ context: DomainContext) -> Bool {
    ProfileCatalog.isActive(rule.description.id, options: context.options)
  }

  /// A finding for the DMARC requirement of `provider`: a record with at least `p=none`.
  static func dmarcRequiredFinding(
    _ rule: some Rule, _ context: DomainContext, provider: String
  ) -> [Finding] {
    guard isActive(rule, context), let reason = dmarcFailure(context) else { return [] }
    return [
      rule.finding(
        LocalizedText(
          en: "\(provider) requires a DMARC record with at least p=none: \(reason.text.en)",
          de: "\(provider) verlangt einen DMARC-Eintrag mit mindestens p=none: "
            + reason.text.de),
        at: Location(name: DMARCRuleSupport.dmarcName(context.domain).text, type: "TXT"),
        fix: dmarcFix(context), causes: causes([reason]))
    ]
  }

  /// A finding for the requirement of `provider` that both SPF and DKIM pass.
  static func spfAndDKIMFinding(
    _ rule: some Rule, _ context: DomainContext, provider: String
  ) -> [Finding] {
    guard isActive(rule, context) else { return [] }
    let missing = [spfFailure(context), dkimFailure(context)].compactMap { $0 }
    guard !missing.isEmpty else { return [] }
    return [
      rule.finding(
        LocalizedText(
          en: "\(provider) requires both SPF and DKIM: "
            + missing.map(\.text.en).joined(separator: "; "),
          de: "\(provider) verlangt SPF und DKIM: "
            + missing.map(\.text.de).joined(separator: "; ")),
        at: Location(name: context.domain.text, type: "TXT"), causes: causes(missing))
    ]
  }

  /// A finding for the requirement of `provider` that SPF or DKIM passes.
  static func spfOrDKIMFinding(
    _ rule: some Rule, _ context: DomainContext, provider: String
  ) -> [Finding] {
    guard isActive(rule, context), let spf = spfFailure(context), let dkim = dkimFailure(context)
    else {
      return []
    }
    return [
      rule.finding(
        LocalizedText(
          en: "\(provider) requires SPF or DKIM: \(spf.text.en), and \(dkim.text.en)",
          de: "\(provider) verlangt SPF oder DKIM: \(spf.text.de), und \(dkim.text.de)"),
        at: Location(name: context.domain.text, type: "TXT"), causes: causes([spf, dkim]))
    ]
  }

  /// A finding for the requirement of `provider` that the From domain aligns with SPF or DKIM.
  static func alignmentFinding(
    _ rule: some Rule, _ context: DomainContext, provider: String
  ) -> [Finding] {
    guard isActive(rule, context), alignmentMissing(context) else { return [] }
    let domain = context.domain.text
    return [
      rule.finding(
        LocalizedText(
          en: "\(provider) requires the From domain '\(domain)' to align with SPF or DKIM, but "
            + "neither can: no usable DKIM key under it and no SPF-authenticated return path in "
            + "it",
          de: "\(provider) verlangt, dass die From-Domain '\(domain)' zu SPF oder DKIM "
            + "ausgerichtet ist, aber beides geht nicht: kein nutzbarer DKIM-Schlüssel darunter "
            + "und kein per SPF authentifizierter Return-Path darin"),
        at: Location(name: domain, type: "TXT"), causes: ["alignment.none"])
    ]
  }

  /// A finding for the PTR requirement of `provider`.
  static func ptrFinding(
    _ rule: some Rule, _ context: DomainContext, provider: String, nonGeneric: Bool = false
  ) -> [Finding] {
    guard isActive(rule, context) else { return [] }
    let failures = ptrFailures(context, nonGeneric: nonGeneric)
    guard !failures.isEmpty else { return [] }
    return [
      rule.finding(
        LocalizedText(
          en: "\(provider) requires valid reverse DNS for sending IPs: "
            + failures.map(\.text.en).joined(separator: "; "),
          de: "\(provider) verlangt gültiges Reverse-DNS für Versand-IPs: "
            + failures.map(\.text.de).joined(separator: "; ")),
        at: Location(name: context.domain.text, type: "PTR"), causes: causes(failures))
    ]
  }

  /// The minimal zones provider-rule examples use.
  enum Zones {
    static let soa = "@ SOA ns1 hostmaster 1 3600 600 86400 300\n"
    static let empty = soa + "@ A 192.0.2.80\n"
    static let spfOnly = soa + "@ TXT \"v=spf1 ip4:192.0.2.1 -all\"\n"
    static let dkimLine = DKIMRuleSupport.keyLine(
      "s1", "v=DKIM1; k=rsa; p=\(DKIMRuleSupport.Keys.rsa2048)")
    static let spfAndDKIM = spfOnly + dkimLine + "\n"
    static let dkimOnly = soa + "@ A 192.0.2.80\n" + dkimLine + "\n"
    static let complete =
      spfAndDKIM + "_dmarc TXT \"v=DMARC1; p=none; rua=mailto:dmarc@example.com\"\n"
    static let noPolicy = spfAndDKIM + "_dmarc TXT \"v=DMARC1; rua=mailto:dmarc@example.com\"\n"
    static let noRUA = spfAndDKIM + "_dmarc TXT \"v=DMARC1; p=none\"\n"
    static let openSPF = soa + "@ TXT \"v=spf1 ip4:192.0.2.1 +all\"\n"
    /// Forward and reverse names in one zone (see `IPRules.rootZone`; no SOA, so the zone's
    /// apex is the root).
    static let ptrBroken = IPRules.rootZone(
      """
      example.com. TXT "v=spf1 ip4:192.0.2.10 -all"
      """)
    static let ptrGood = IPRules.rootZone(
      """
      example.com. TXT "v=spf1 ip4:192.0.2.10 -all"
      mail.example.com. A 192.0.2.10
      10.2.0.192.in-addr.arpa. PTR mail.example.com.
      """)
    static let ptrGenericName = IPRules.rootZone(
      """
      example.com. TXT "v=spf1 ip4:192.0.2.10 -all"
      192-0-2-10.dsl.isp.example. A 192.0.2.10
      10.2.0.192.in-addr.arpa. PTR 192-0-2-10.dsl.isp.example.
      """)
  }
}
