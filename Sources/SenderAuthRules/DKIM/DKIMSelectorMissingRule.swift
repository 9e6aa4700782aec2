import DNSLookup
import SenderAuthCore

/// `dkim.selector-missing`: a selector named with `--selector` has no key record.
public struct DKIMSelectorMissingRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dkim.selector-missing",
    title: LocalizedText(
      en: "A selector given with '--selector' has no DKIM key record",
      de: "Ein mit '--selector' angegebener Selektor hat keinen DKIM-Schlüssel"),
    rationale: LocalizedText(
      en: """
        You named this selector because mail is (or will be) signed with it. Receivers look \
        the key up at '<selector>._domainkey.<domain>'; when nothing DKIM is published there, \
        every signature made with it fails ('dkim=permerror' or 'temperror'), and DMARC can \
        rest only on SPF.
        """,
      de: """
        Sie haben diesen Selektor angegeben, weil damit signiert wird (oder werden soll). \
        Empfangende Server suchen den Schlüssel unter '<selector>._domainkey.<domain>'; steht dort \
        kein DKIM-Schlüssel, scheitert jede damit erstellte Signatur ('dkim=permerror' oder \
        'temperror'), und DMARC kann sich nur noch auf SPF stützen.
        """),
    howToFix: LocalizedText(
      en: """
        Publish the key record your mail service shows for this selector (a TXT record, or the \
        CNAME it asks for), or check the spelling against the 's=' tag of a DKIM-Signature \
        header.
        """,
      de: """
        Veröffentlichen Sie den Schlüssel, den Ihr Maildienst für diesen Selektor anzeigt (als \
        TXT-Eintrag oder den verlangten CNAME), oder vergleichen Sie die Schreibweise mit dem \
        Tag 's=' eines DKIM-Signature-Headers.
        """),
    references: [.rfc(6376, section: "3.6.2.1"), .rfc(6376, section: "6.1.2")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("mx2024", "v=DKIM1; k=rsa; p=\(DKIMRuleSupport.Keys.rsa2048)")),
        options: CheckOptions(selectors: ["mx2025"])),
      RuleExample(
        zone: DKIMRuleSupport.zone("mx2025._domainkey IN TXT \"google-site-verification=abc\""),
        options: CheckOptions(selectors: ["mx2025"])),
    ],
    nonTriggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("mx2025", "v=DKIM1; k=rsa; p=\(DKIMRuleSupport.Keys.rsa2048)")),
        options: CheckOptions(selectors: ["mx2025"])),
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("mx2024", "v=DKIM1; k=rsa; p=\(DKIMRuleSupport.Keys.rsa2048)"))),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    context.dkim.selectors.filter { $0.source == .given }.compactMap { selector in
      let name = DKIMRuleSupport.quotedName(selector)
      switch selector.status {
      case .nxdomain:
        return finding(
          LocalizedText(
            en: "Selector '\(selector.selector)' has no key record: \(name) does not exist",
            de: "Selektor '\(selector.selector)' hat keinen Schlüssel: \(name) existiert nicht"),
          at: DKIMRuleSupport.location(selector))
      case .nodata:
        return finding(
          LocalizedText(
            en: "Selector '\(selector.selector)' has no key record: \(name) has no TXT record",
            de: """
              Selektor '\(selector.selector)' hat keinen Schlüssel: \(name) hat keinen \
              TXT-Eintrag
              """),
          at: DKIMRuleSupport.location(selector))
      case .notKeyRecord:
        let text = selector.records.first?.text ?? ""
        return finding(
          LocalizedText(
            en: """
              Selector '\(selector.selector)' has no key record: the TXT record at \(name) \
              ('\(text.prefix(60))') is not a DKIM key record
              """,
            de: """
              Selektor '\(selector.selector)' hat keinen Schlüssel: der TXT-Eintrag unter \
              \(name) ('\(text.prefix(60))') ist kein DKIM-Schlüsseleintrag
              """),
          at: selector.records.first?.location() ?? DKIMRuleSupport.location(selector))
      case .invalidSelector:
        return finding(
          LocalizedText(
            en: "Selector '\(selector.selector)' is not a valid DNS name",
            de: "Selektor '\(selector.selector)' ist kein gültiger DNS-Name"))
      default:
        return nil
      }
    }
  }
}
