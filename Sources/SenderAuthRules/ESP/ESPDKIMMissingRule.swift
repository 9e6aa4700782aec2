import DNSLookup
import SenderAuthCore

/// `esp.dkim-missing`: an ESP that is named or detected lacks one of the DKIM records its
/// setup needs (a CNAME missing or pointing elsewhere, a key not published).
public struct ESPDKIMMissingRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "esp.dkim-missing",
    title: LocalizedText(
      en: "An ESP's DKIM record is missing or points elsewhere",
      de: "Ein DKIM-Eintrag des Versanddienstes fehlt oder zeigt woandershin"),
    rationale: LocalizedText(
      en: """
        ESPs sign with keys published under your domain, mostly as CNAMEs to keys they host \
        and rotate. When one of those records is missing, signatures made with that selector \
        fail, and after the ESP rotates keys all of its mail may lose DKIM, the one mechanism \
        that aligns for most ESPs.
        """,
      de: """
        E-Mail-Versanddienste signieren mit Schlüsseln unter Ihrer Domain, meist als CNAME auf \
        Schlüssel, die sie selbst verwalten und wechseln. Fehlt ein solcher Eintrag, scheitern die \
        Signaturen dieses Selektors, und nach einem Schlüsselwechsel kann jede Mail des \
        Versanddienstes DKIM verlieren – bei den meisten Versanddiensten das Einzige, was zur \
        Absenderdomain passt.
        """),
    howToFix: LocalizedText(
      en: """
        Publish the records exactly as the ESP shows them; where the account-specific part is \
        unknown, the fix has a placeholder and says where the ESP shows the value.
        """,
      de: """
        Veröffentlichen Sie die Einträge genau so, wie der Dienst sie anzeigt; wo der \
        kontospezifische Teil unbekannt ist, enthält die Korrektur einen Platzhalter und sagt, \
        wo der Dienst den Wert anzeigt.
        """),
    references: [
      Reference(
        title: "SendGrid: How to set up domain authentication",
        url:
          "https://www.twilio.com/docs/sendgrid/ui/account-and-settings/how-to-set-up-domain-authentication"
      ),
      Reference(title: "dmarc.wiki: Mailchimp", url: "https://dmarc.wiki/mailchimp"),
      .rfc(6376, section: "3.6.2.1"),
    ],
    severity: .error,
    triggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          k2._domainkey CNAME dkim2.mcsv.net.
          """, fixable: true),
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ TXT "v=spf1 -all"
          """, options: CheckOptions(esps: ["zendesk"]), fixable: true),
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          s1._domainkey CNAME s1.domainkey.u1234.wl001.sendgrid.net.
          """),
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          k2._domainkey CNAME dkim2.mcsv.net.
          k3._domainkey CNAME dkim3.mcsv.net.
          """),
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ TXT "v=spf1 -all"
          """),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    // A record the checked message's signature needs is reported once, by the message rule
    // (it says what the message lost and carries the same fix): this finding folds into it.
    let messageKeys = Set(
      (MessageRuleSupport.prediction(context)?.dkim ?? []).filter { $0.keyFound == false }.map {
        "\($0.selector ?? "")._domainkey.\($0.domain ?? "")".lowercased()
      })
    return ESPAnalysis.applying(context).flatMap { findings(for: $0, context: context) }.map {
      var finding = $0
      if let name = finding.location?.name.lowercased(), messageKeys.contains(name) {
        finding.causes = ["message.dkim-key-missing"]
      }
      return finding
    }
  }

  /// The findings for one ESP in use: each record of its suggested DKIM setup that is missing
  /// or points elsewhere (the message rules reuse their fixes).
  func findings(for analysis: ESPAnalysis, context: DomainContext) -> [Finding] {
    let esp = analysis.esp
    if esp.dkim.isEmpty {
      // Named with --esp (and no key found at all), or it sent the message (and no key of its
      // own, a token selector, was found): the domain uses it without its key.
      let unknown =
        analysis.tokenSelectors.isEmpty
        && (analysis.sentMessage || (analysis.named && context.dkim.found.isEmpty))
      return unknown ? [noKnownSelector(analysis, context: context)] : []
    }
    guard analysis.satisfiedSetup == nil, let setup = analysis.suggestedSetup else { return [] }
    let severity: Severity = analysis.named && !setup.setup.selectorMayDiffer ? .error : .warning
    var bindings = analysis.bindings
    var patternIndex = 0
    for state in setup.records where state.matchedPattern != nil {
      bindings.merge(state.bindings) { first, _ in first }
      patternIndex = state.matchedPattern ?? 0
    }
    return setup.records.filter { !$0.satisfied }.map { state in
      missing(
        state, analysis: analysis, bindings: bindings, patternIndex: patternIndex,
        severity: severity)
    }
  }

  func missing(
    _ state: ESPAnalysis.DKIMRecordState, analysis: ESPAnalysis, bindings: [String: String],
    patternIndex: Int, severity: Severity
  ) -> Finding {
    let esp = analysis.esp
    let name = state.name
    switch state.record.kind {
    case .cname(let patterns):
      let pattern = patterns[min(patternIndex, patterns.count - 1)]
      let target = pattern.render(domain: analysis.domain, bindings: bindings) + "."
      let shown = String(target.dropLast())
      var remove: [DNSChange] = []
      let en: String
      let de: String
      if let existing = state.cname, case .cname(let pointed) = existing.data,
        pointed.absolute == target
      {
        // The proposal was published as it was, placeholders and all: only the values are
        // missing, no record is to change.
        return finding(
          LocalizedText(
            en: "\(esp.name) DKIM record '\(name.text)' still holds placeholders: "
              + "'\(pointed.text)'",
            de: "DKIM-Eintrag '\(name.text)' von \(esp.name) enthält noch Platzhalter: "
              + "'\(pointed.text)'"),
          at: Location(record: existing, text: existing.data.presentation),
          fix: Fix(
            explanation: LocalizedText(
              en: "Replace the <…> parts with the values from \(esp.whereToFind.en).",
              de: "Ersetzen Sie die <…>-Teile durch die Werte aus \(esp.whereToFind.de).")),
          severity: severity)
      }
      if let existing = state.cname, case .cname(let pointed) = existing.data {
        remove.append(
          DNSChange(owner: name, ttl: existing.ttl, type: .cname, value: pointed.absolute))
        en =
          "\(esp.name) DKIM record '\(name.text)' points to '\(pointed.text)', not to "
          + "'\(shown)'"
        de =
          "DKIM-Eintrag '\(name.text)' von \(esp.name) zeigt auf '\(pointed.text)' statt auf "
          + "'\(shown)'"
      } else {
        en =
          "\(esp.name) DKIM record '\(name.text)' is missing: expected a CNAME to "
          + "'\(shown)'"
        de =
          "DKIM-Eintrag '\(name.text)' von \(esp.name) fehlt: erwartet wird ein CNAME auf "
          + "'\(shown)'"
      }
      let placeholder = target.contains("<") || state.hasPlaceholder
      let named =
        state.hasPlaceholder
        ? LocalizedText(
          en: " If it is already published, name its selector with --selector (or check a "
            + "message with --message) so that it is found.",
          de: " Ist er bereits veröffentlicht, geben Sie den Selektor mit --selector an (oder "
            + "prüfen Sie eine Nachricht mit --message), damit er gefunden wird.")
        : LocalizedText(en: "", de: "")
      let fix = Fix(
        explanation: LocalizedText(
          en: "Publish the CNAME \(esp.name) signs with"
            + (placeholder
              ? "; replace the <…> parts with the values from \(esp.whereToFind.en)." : ".")
            + named.en,
          de: "Veröffentlichen Sie den CNAME, mit dem \(esp.name) signiert"
            + (placeholder
              ? "; ersetzen Sie die <…>-Teile durch die Werte aus \(esp.whereToFind.de)." : ".")
            + named.de),
        add: [
          DNSChange(
            owner: name, type: .cname, value: target,
            note: placeholder
              ? LocalizedText(
                en: "the <…> values are in \(esp.whereToFind.en)",
                de: "die <…>-Werte stehen in \(esp.whereToFind.de)") : nil)
        ], remove: remove)
      return finding(
        LocalizedText(en: en, de: de),
        at: state.cname.map { Location(record: $0, text: $0.data.presentation) }
          ?? Location(name: name.text, type: "CNAME"),
        fix: fix, severity: severity)
    case .txt:
      return finding(
        LocalizedText(
          en: "\(esp.name) DKIM key '\(name.text)' is not published; copy the TXT record from "
            + esp.whereToFind.en
            + (state.record.selector == "zmail" || state.record.selector == "google"
              ? " (if you chose another selector, check it with --selector)" : ""),
          de: "DKIM-Schlüssel '\(name.text)' von \(esp.name) ist nicht veröffentlicht; übernehmen "
            + "Sie den TXT-Eintrag aus " + esp.whereToFind.de
            + (state.record.selector == "zmail" || state.record.selector == "google"
              ? " (bei einem anderen Selektor prüfen Sie ihn mit --selector)" : "")),
        at: Location(name: name.text, type: "TXT"), severity: severity)
    }
  }

  func noKnownSelector(_ analysis: ESPAnalysis, context: DomainContext) -> Finding {
    let esp = analysis.esp
    return finding(
      LocalizedText(
        en: "No DKIM key for \(esp.name) was found at '\(context.domain.text)': its selectors "
          + "are account-specific; name them with --selector (see \(esp.whereToFind.en))",
        de: "Kein DKIM-Schlüssel für \(esp.name) unter '\(context.domain.text)' gefunden: die "
          + "Selektoren sind kontospezifisch; geben Sie sie mit --selector an (siehe "
          + "\(esp.whereToFind.de))"),
      at: Location(name: context.domain.text, type: "TXT"), severity: .warning)
  }
}
