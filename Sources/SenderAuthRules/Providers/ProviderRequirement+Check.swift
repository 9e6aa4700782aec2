import DNSLookup
import SenderAuthCore

/// The generic checks: one per kind of requirement, shared by every provider's rows. A
/// finding names the provider and why the requirement is not met, and lists as its causes the
/// RFC-level findings that report the same problem, so that `RootCauses.fold` folds it into
/// them.
extension ProviderRequirement.Kind {
  /// The parts of the context the kind's verdict rests on.
  var inputs: RuleInputs {
    switch self {
    case .spfOrDKIM, .spfAndDKIM: .alignment
    // With a message, what it shows too (`ProviderChecks.messageAlignmentFailure`).
    case .alignment: [.alignment, .message]
    case .spf, .spfNotOpen: [.spf, .dmarc, .esp]
    case .spfSuspiciousEntries: .spf
    case .dkim: [.dkim, .message]
    case .dkimAligned: [.dkim, .dmarc]
    case .dmarcRecord, .dmarcPolicy, .dmarcReportAddress: .dmarc
    case .reverseDNS: .sendingIPs
    case .rule, .notCheckable: []
    }
  }

  /// The findings of `rule` (whose row has this kind) for `context`.
  func findings(_ rule: ProviderRequirementRule, _ context: DomainContext) -> [Finding] {
    let provider = rule.row.provider.name
    let domain = context.domain.text
    let txt = Location(name: domain, type: "TXT")
    // Made when a finding needs it: most kinds and most domains do not.
    var dmarcLocation: Location {
      Location(name: DMARCRuleSupport.dmarcName(context.domain).text, type: "TXT")
    }
    func finding(
      _ en: String, _ de: String, at location: Location, causes: [String], fix: Fix? = nil
    ) -> [Finding] {
      [rule.finding(LocalizedText(en: en, de: de), at: location, fix: fix, causes: causes)]
    }
    func causes(_ reasons: ProviderChecks.Reason...) -> [String] {
      ProviderChecks.causes(reasons)
    }
    func joined(_ reasons: [ProviderChecks.Reason]) -> LocalizedText {
      LocalizedText(
        en: reasons.map(\.text.en).joined(separator: "; "),
        de: reasons.map(\.text.de).joined(separator: "; "))
    }

    switch self {
    case .spfOrDKIM:
      guard let spf = ProviderChecks.spfFailure(context),
        let dkim = ProviderChecks.dkimFailure(context)
      else { return [] }
      return finding(
        "\(provider) requires SPF or DKIM: \(spf.text.en); and \(dkim.text.en)",
        "\(provider) verlangt SPF oder DKIM: \(spf.text.de); und \(dkim.text.de)",
        at: txt, causes: causes(spf, dkim))
    case .spfAndDKIM:
      let missing = [ProviderChecks.spfFailure(context), ProviderChecks.dkimFailure(context)]
        .compactMap { $0 }
      guard !missing.isEmpty else { return [] }
      let text = joined(missing)
      return finding(
        "\(provider) requires both SPF and DKIM: \(text.en)",
        "\(provider) verlangt SPF und DKIM: \(text.de)", at: txt,
        causes: ProviderChecks.causes(missing))
    case .spf:
      guard let spf = ProviderChecks.spfFailure(context) else { return [] }
      return finding(
        "\(provider) requires SPF to pass: \(spf.text.en)",
        "\(provider) verlangt, dass SPF besteht: \(spf.text.de)", at: txt, causes: causes(spf))
    case .spfNotOpen:
      guard let reason = ProviderChecks.spfFailure(context) ?? ProviderChecks.openSPF(context)
      else { return [] }
      return finding(
        "\(provider) rejects mail when SPF is invalid or misleading: \(reason.text.en)",
        "\(provider) lehnt Mails bei ungültigem oder irreführendem SPF ab: \(reason.text.de)",
        at: txt, causes: causes(reason))
    case .spfSuspiciousEntries:
      let entries = ProviderChecks.suspiciousSPFEntries(context)
      guard !entries.isEmpty else { return [] }
      let text = joined(entries)
      return finding(
        "\(provider) limits or blocks mail whose SPF record has suspicious entries: \(text.en)",
        "\(provider) bremst oder blockiert Mails, deren SPF-Eintrag verdächtige Einträge hat: "
          + text.de, at: txt, causes: ProviderChecks.causes(entries))
    case .dkim:
      if let dkim = ProviderChecks.dkimFailure(context) {
        return finding(
          "\(provider) requires DKIM to pass, but for '\(domain)' \(dkim.text.en)",
          "\(provider) verlangt, dass DKIM besteht, aber für '\(domain)' \(dkim.text.de)",
          at: txt, causes: causes(dkim))
      }
      guard let message = ProviderChecks.messageDKIMFailure(context) else { return [] }
      return finding(
        "\(provider) requires DKIM to pass, but \(message.text.en)",
        "\(provider) verlangt, dass DKIM besteht, aber \(message.text.de)",
        at: MessageRuleSupport.location(context), causes: causes(message))
    case .dkimAligned:
      guard ProviderChecks.alignedDKIMMissing(context) else { return [] }
      return finding(
        "\(provider) requires a DKIM signature that aligns with the From domain '\(domain)', "
          + "but no usable DKIM key was found under it",
        "\(provider) verlangt eine DKIM-Signatur, die zur Absenderdomain '\(domain)' passt, "
          + "aber darunter wurde kein nutzbarer DKIM-Schlüssel gefunden",
        at: txt, causes: ProviderChecks.dkimFailure(context).map { causes($0) } ?? [])
    case .dmarcRecord:
      guard let reason = ProviderChecks.dmarcFailure(context) else { return [] }
      return finding(
        "\(provider) requires a DMARC record with at least p=none: \(reason.text.en)",
        "\(provider) verlangt einen DMARC-Eintrag mit mindestens p=none: \(reason.text.de)",
        at: dmarcLocation, causes: causes(reason), fix: ProviderChecks.dmarcFix(context))
    case .dmarcPolicy(let minimum):
      guard
        let reason = ProviderChecks.dmarcFailure(context)
          ?? ProviderChecks.weakPolicy(context, minimum: minimum)
      else { return [] }
      return finding(
        "\(provider) requires a DMARC policy of at least p=\(minimum.rawValue): "
          + reason.text.en,
        "\(provider) verlangt eine DMARC-Richtlinie von mindestens p=\(minimum.rawValue): "
          + reason.text.de, at: dmarcLocation, causes: causes(reason))
    case .dmarcReportAddress:
      if let reason = ProviderChecks.dmarcFailure(context) {
        return finding(
          "\(provider) requires at least p=none with a report address (rua): "
            + reason.text.en,
          "\(provider) verlangt mindestens p=none mit einer Berichtsadresse (rua): "
            + reason.text.de,
          at: dmarcLocation, causes: causes(reason), fix: ProviderChecks.dmarcFix(context))
      }
      guard let record = context.dmarc.discovery.policyRecord,
        record.aggregateReportURIs.isEmpty
      else { return [] }
      return finding(
        "\(provider) requires a report address (rua) in the DMARC record of '\(domain)'",
        "\(provider) verlangt eine Berichtsadresse (rua) im DMARC-Eintrag von '\(domain)'",
        at: Location(name: dmarcLocation.name, type: "TXT", record: record.text),
        causes: ["dmarc.no-rua"],
        fix: ProviderChecks.reportAddressFix(context, record: record))
    case .alignment:
      guard ProviderChecks.alignmentMissing(context) else {
        guard let message = ProviderChecks.messageAlignmentFailure(context) else { return [] }
        return finding(
          "\(provider) requires the From domain '\(domain)' to align with SPF or DKIM, but "
            + message.text.en,
          "\(provider) verlangt, dass SPF oder DKIM zur Absenderdomain '\(domain)' passt, aber "
            + message.text.de,
          at: MessageRuleSupport.location(context), causes: causes(message))
      }
      return finding(
        "\(provider) requires the From domain '\(domain)' to align with SPF or DKIM, but "
          + "neither can: no usable DKIM key under it and no SPF-authenticated return path "
          + "in it",
        "\(provider) verlangt, dass SPF oder DKIM zur Absenderdomain '\(domain)' passt, aber "
          + "beides ist nicht möglich: darunter gibt es keinen nutzbaren DKIM-Schlüssel und "
          + "darin keine per SPF bestätigte Return-Path-Domain",
        at: txt, causes: ["alignment.none"])
    case .reverseDNS(let nonGeneric):
      let failures = ProviderChecks.ptrFailures(context, nonGeneric: nonGeneric)
      guard !failures.isEmpty else { return [] }
      let text = joined(failures)
      return finding(
        "\(provider) requires valid reverse DNS for sending IPs: \(text.en)",
        "\(provider) verlangt gültige Reverse-DNS-Einträge (PTR) für die Versand-IPs: "
          + text.de, at: Location(name: domain, type: "PTR"),
        causes: ProviderChecks.causes(failures))
    case .rule, .notCheckable:
      return []
    }
  }
}
