import DNSLookup
import SenderAuthCore

/// Why a provider requirement is not met, part by part: SPF cannot pass, no DKIM key, no
/// DMARC policy, no alignment, no valid reverse DNS. Each reason names the RFC-level finding
/// that reports the same problem (its cause), so that `RootCauses.fold` shows the problem once.
enum ProviderChecks {
  /// Why a provider requirement fails, and the id of the RFC-level finding that reports the
  /// same problem (its cause), when there is one.
  struct Reason {
    var text: LocalizedText
    /// The RFC-level findings this reason follows from; empty when it stands on its own.
    var causes: [String]

    init(_ en: String, _ de: String, cause: String?) {
      self.init(en, de, causes: cause.map { [$0] } ?? [])
    }

    init(_ en: String, _ de: String, causes: [String]) {
      text = LocalizedText(en: en, de: de)
      self.causes = causes
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
        "die Return-Path-Domain '\(envelope.domain.text)' hat keinen einzelnen SPF-Eintrag",
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
    guard let tree = spf.tree else { return nil }
    if tree.lookups > 10 {
      return Reason(
        "the SPF record of '\(domain)' needs \(tree.lookups) DNS lookups (at most 10 are "
          + "allowed)",
        "der SPF-Eintrag von '\(domain)' braucht \(tree.lookups) DNS-Abfragen (höchstens 10 "
          + "sind erlaubt)",
        cause: "spf.lookup-limit")
    }
    if tree.voidLookups > 2 {
      return Reason(
        "the SPF record of '\(domain)' has \(tree.voidLookups) void lookups (at most 2 are "
          + "allowed)",
        "der SPF-Eintrag von '\(domain)' hat \(tree.voidLookups) DNS-Abfragen ohne Ergebnis "
          + "(Void-Lookups; höchstens 2 sind erlaubt)",
        cause: "spf.void-lookup-limit")
    }
    if let broken = tree.terms(with: .missingTarget).first {
      return Reason(
        "'\(broken.term.text)' in the SPF tree has no SPF record (permerror)",
        "'\(broken.term.text)' im SPF-Baum hat keinen SPF-Eintrag (permerror)",
        cause: "spf.include-missing")
    }
    return nil
  }

  /// Why the SPF record authorizes everyone (`+all`, `?all` at its end), or nil.
  static func openSPF(_ context: DomainContext) -> Reason? {
    guard let record = context.spf.record?.parsed.record, let all = record.all,
      let directive = all.directive,
      directive.qualifier == .pass || directive.qualifier == .neutral
    else { return nil }
    return Reason(
      "the SPF record ends in '\(all.text)', which authorizes anyone",
      "der SPF-Eintrag endet auf '\(all.text)' und autorisiert damit jeden",
      cause: directive.qualifier == .pass ? "spf.plus-all" : "spf.neutral-all")
  }

  /// The entries of the domain's SPF tree that authorize the whole internet or a large part
  /// of it: `+all` (written or implied) and `ip4` ranges of /8 or wider, `ip6` of /16 or wider,
  /// in the record or in a record it includes (the entries `spf.plus-all` reports).
  static func suspiciousSPFEntries(_ context: DomainContext) -> [Reason] {
    guard let tree = context.spf.tree else { return [] }
    return SPFRuleSupport.termsAuthorizingTooMuch(tree).map { node, term in
      Reason(
        "'\(term.text)' in the SPF record of '\(node.domain)' authorizes "
          + (SPFRuleSupport.isAll(term) ? "every server" : "a large part of the internet"),
        "'\(term.text)' im SPF-Eintrag von '\(node.domain)' autorisiert "
          + (SPFRuleSupport.isAll(term) ? "jeden Server" : "einen großen Teil des Internets"),
        cause: "spf.plus-all")
    }
  }

  /// Why no usable DKIM key was found, or nil when one was (or a probe failed): no key at
  /// the selectors tried (the cause `dkim.no-key-found`), or keys that cannot verify mail.
  static func dkimFailure(_ context: DomainContext) -> Reason? {
    guard dkimMissing(context) else { return nil }
    let text = dkimMissingText(context)
    let causes = context.dkim.found.isEmpty ? ["dkim.no-key-found"] : unusableKeyCauses(context)
    return Reason(text.en, text.de, causes: causes)
  }

  /// The findings that report why each key found cannot verify mail (revoked, undecodable,
  /// too short, no SHA-256); none when one of them has no such finding.
  static func unusableKeyCauses(_ context: DomainContext) -> [String] {
    var causes: [String] = []
    for selector in context.dkim.found {
      let records = selector.keyRecords
      if records.count > 1 {
        causes.append("dkim.multiple-records")
        continue
      }
      for record in records {
        let cause: String?
        switch record.status {
        case .revoked: cause = "dkim.key-revoked"
        case .invalidKey, .discarded: cause = "dkim.key-syntax"
        case .notKeyRecord: cause = nil
        case .valid:
          if !record.record.allowsSHA256 {
            cause = "dkim.hash-unusable"
          } else if let key = record.key, key.algorithm == .rsa, key.bits < 1024 {
            cause = "dkim.key-too-short"
          } else {
            cause = nil
          }
        }
        guard let cause else { return [] }
        if !causes.contains(cause) { causes.append(cause) }
      }
    }
    return causes
  }

  /// Why DKIM cannot pass, for `dkimMissing`: no key was found at the selectors tried, or the
  /// keys found cannot verify mail (revoked, too short, undecodable, `h=` without sha256).
  static func dkimMissingText(_ context: DomainContext) -> LocalizedText {
    let found = context.dkim.found
    guard !found.isEmpty else {
      return LocalizedText(
        en: "no DKIM key was found (pass the selector with --selector if it is not a common one)",
        de: "es wurde kein DKIM-Schlüssel gefunden (geben Sie ungewöhnliche Selektoren mit "
          + "--selector an)")
    }
    let names = found.map { "'\($0.selector)'" }.joined(separator: ", ")
    return LocalizedText(
      en: "the DKIM keys found (selector \(names)) cannot verify mail",
      de: "die gefundenen DKIM-Schlüssel (Selektor \(names)) können keine Mail bestätigen")
  }

  /// True when no usable DKIM key was found (and no probe failed).
  static func dkimMissing(_ context: DomainContext) -> Bool {
    context.dkim.signingDomains.isEmpty && context.dkim.failures.isEmpty
  }

  /// Why no DMARC policy applies, or nil when a record with an explicit `p=` is found.
  static func dmarcFailure(_ context: DomainContext) -> Reason? {
    let discovery = context.dmarc.discovery
    if discovery.incomplete { return nil }
    let domain = context.domain.text
    guard let record = discovery.policyRecord else {
      // Several records at one name are discarded: that finding is the cause, not a missing
      // record.
      if let step = discovery.steps.first(where: { $0.outcome == .multipleRecords }) {
        let name = DMARCRuleSupport.dmarcName(step.domain).text
        return Reason(
          "'\(name)' has several DMARC records, which receivers discard",
          "'\(name)' hat mehrere DMARC-Einträge, die empfangende Server verwerfen",
          cause: "dmarc.multiple-records")
      }
      return Reason(
        "no DMARC record applies to '\(domain)'", "für '\(domain)' gilt kein DMARC-Eintrag",
        cause: "dmarc.missing")
    }
    if record.policy == nil || discovery.policyIsImplicit {
      return Reason(
        "the DMARC record for '\(domain)' has no explicit p= policy",
        "der DMARC-Eintrag für '\(domain)' nennt keine DMARC-Richtlinie mit p=",
        cause: "dmarc.no-policy")
    }
    return nil
  }

  /// Why the DMARC policy receivers apply is weaker than `minimum`, or nil.
  static func weakPolicy(_ context: DomainContext, minimum: DMARCPolicy) -> Reason? {
    let discovery = context.dmarc.discovery
    guard let effective = discovery.effectivePolicy, effective < minimum else { return nil }
    let testing = discovery.appliedPolicy != effective
    return Reason(
      "receivers apply p=\(effective.rawValue) to '\(context.domain.text)'"
        + (testing ? " (t=y lowers the written policy)" : ""),
      "empfangende Server wenden für '\(context.domain.text)' p=\(effective.rawValue) an"
        + (testing ? " (t=y senkt die geschriebene Richtlinie)" : ""),
      cause: effective == .none && !testing ? "dmarc.policy-none" : nil)
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
      // The record as its author meant it, with p=none where no policy is written.
      var intent = DMARCIntent(text: record.text)
      intent.policy = intent.policy ?? DMARCPolicy.none
      let text = intent.text
      return Fix(
        explanation: LocalizedText(
          en: "Add an explicit p=none to the DMARC record; raise it once reports show all "
            + "legitimate mail passes.",
          de: "Ergänzen Sie im DMARC-Eintrag ausdrücklich p=none. Verschärfen Sie die "
            + "DMARC-Richtlinie, sobald die Berichte zeigen, dass alle legitimen Mails "
            + "DMARC bestehen."),
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

  /// The fix that adds a report address to the domain's own DMARC record; nil when the
  /// record that applies is not the domain's own.
  static func reportAddressFix(_ context: DomainContext, record: DMARCRecord) -> Fix? {
    guard context.dmarc.directRecords?.record == record else { return nil }
    let name = DMARCRuleSupport.dmarcName(context.domain)
    let note = DMARCRuleSupport.reportAddressNote(context.options)
    let explanation = LocalizedText(
      en: "Add a rua= report address to the DMARC record; every other tag stays." + note.en,
      de: "Ergänzen Sie im DMARC-Eintrag eine Berichtsadresse mit dem Tag rua=; alle anderen "
        + "Tags bleiben." + note.de)
    // Without --rua no address is invented: the fix says how to give one.
    guard let uri = DMARCRuleSupport.reportURI(context.options) else {
      return Fix(explanation: explanation)
    }
    var intent = DMARCIntent(text: record.text)
    intent.aggregate = [uri]
    return Fix(
      explanation: explanation,
      add: [DNSChange(owner: name, type: .txt, value: intent.text)],
      remove: [DNSChange(owner: name, type: .txt, value: record.text)])
  }

  /// True when neither SPF nor DKIM can align with the From domain (relaxed).
  static func alignmentMissing(_ context: DomainContext) -> Bool {
    if !context.failures(in: .alignment).isEmpty { return false }
    let alignment = DMARCRuleSupport.alignment(context)
    if alignment.aligns(.spf, in: .relaxed) || alignment.aligns(.dkim, in: .relaxed) {
      return false
    }
    let org = alignment.fromOrganizationalDomain
    return !ESPAnalysis.applying(context).contains { analysis in
      guard analysis.returnPathOK, let host = analysis.returnPathHost else { return false }
      return host.isSubdomain(of: org)
    }
  }

  /// With a message: why neither SPF nor DKIM passes aligned with From for it (the message
  /// finding is the cause); nil without a message, when one does, or when that cannot be told.
  /// A provider judges the mail it gets, not the setup the domain could have.
  static func messageAlignmentFailure(_ context: DomainContext) -> Reason? {
    guard let prediction = MessageRuleSupport.prediction(context),
      prediction.dmarc.authenticated == false
    else { return nil }
    return Reason(
      "this message passes neither SPF nor DKIM aligned with '\(prediction.from)'",
      "diese Nachricht besteht weder SPF noch DKIM passend zu '\(prediction.from)'",
      cause: prediction.dmarc.result == .fail ? "message.dmarc-fail" : nil)
  }

  /// With a message: why no DKIM signature of it can pass (none, or none whose key is
  /// published); nil without a message, when one can, or when a key lookup failed.
  static func messageDKIMFailure(_ context: DomainContext) -> Reason? {
    guard let prediction = MessageRuleSupport.prediction(context),
      !prediction.dkim.contains(where: { $0.keyFound != false })
    else { return nil }
    guard !prediction.dkim.isEmpty else {
      // A copy that never left the sender's network may be signed on the way out (Microsoft
      // 365 and other gateways sign there): unsigned says nothing about the mail sent.
      guard context.message?.headers.publicSendingIP != nil else { return nil }
      return Reason(
        "this message carries no DKIM signature", "diese Nachricht trägt keine DKIM-Signatur",
        cause: nil)
    }
    let keyMissing = prediction.dkim.contains { $0.aligned == true && $0.keyFound == false }
    return Reason(
      "no DKIM signature of this message has a usable published key",
      "keine DKIM-Signatur dieser Nachricht hat einen nutzbaren veröffentlichten Schlüssel",
      cause: keyMissing ? "message.dkim-key-missing" : nil)
  }

  /// True when no usable DKIM key lives under the From domain (relaxed alignment).
  static func alignedDKIMMissing(_ context: DomainContext) -> Bool {
    context.failures(in: [.dkim, .dmarc]).isEmpty
      && !DMARCRuleSupport.alignment(context).aligns(.dkim, in: .relaxed)
  }

  /// The sending IPs without valid reverse DNS: no PTR, no forward confirmation, or (when
  /// `nonGeneric`) only generic-looking names; each with the IP rule that reports it.
  static func ptrFailures(_ context: DomainContext, nonGeneric: Bool = false) -> [Reason] {
    context.sendingIPs.reverseChecks.compactMap { check in
      guard check.ptr.answer != nil else { return nil }
      if check.ptrNames.isEmpty {
        return Reason(
          "'\(check.text)' has no PTR record", "'\(check.text)' hat keinen PTR-Eintrag",
          cause: "ptr.missing")
      }
      if check.confirmedNames.isEmpty && check.unconfirmableNames.isEmpty {
        return Reason(
          "the PTR name of '\(check.text)' does not resolve back to it",
          "der PTR-Name von '\(check.text)' löst nicht auf diese IP-Adresse auf",
          cause: "ptr.mismatch")
      }
      if nonGeneric,
        check.ptrNames.allSatisfy({
          !PTRNameHeuristics.reasons(name: $0, address: check.address, domain: context.domain)
            .isEmpty
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
    guard reasons.allSatisfy({ !$0.causes.isEmpty }) else { return [] }
    var seen: Set<String> = []
    return reasons.flatMap(\.causes).filter { seen.insert($0).inserted }
  }
}
