import DNSLookup
import SenderAuthCore

/// `esp.spf-include-missing`: an ESP that sends with your domain as envelope (mailbox hosts,
/// Mailjet, Zendesk, Mailgun) is not included in the domain's SPF record.
public struct ESPSPFIncludeMissingRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "esp.spf-include-missing",
    title: LocalizedText(
      en: "An ESP that needs an SPF include is not included",
      de: "Der include-Mechanismus eines Versanddienstes fehlt im SPF-Eintrag"),
    rationale: LocalizedText(
      en: """
        Services that send with your domain as envelope sender (Microsoft 365, Google \
        Workspace, Mailjet, Zendesk, Mailgun) are only authorized when your SPF record includes \
        them; without it their mail fails SPF, and Zendesk refuses to verify the domain.
        """,
      de: """
        Versanddienste, die mit Ihrer Domain als Umschlagabsender versenden (Microsoft 365, Google \
        Workspace, Mailjet, Zendesk, Mailgun), sind nur autorisiert, wenn Ihr SPF-Eintrag sie \
        einbindet; sonst scheitert SPF für ihre Mails, und Zendesk verifiziert die Domain nicht.
        """),
    howToFix: LocalizedText(
      en: "Add the ESP's include to the one SPF record, before its 'all' term.",
      de: "Fügen Sie den include-Mechanismus des Versanddienstes in den einen SPF-Eintrag vor "
        + "dessen 'all' ein."),
    references: [
      Reference(
        title: "Mailjet: SPF and DKIM setup",
        url: "https://documentation.mailjet.com/hc/en-us/articles/360049641733"),
      Reference(
        title: "Zendesk: SPF for your domain",
        url: "https://support.zendesk.com/hc/en-us/articles/115015746187"),
      .rfc(7208, section: "5.2"),
    ],
    severity: .error,
    triggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ TXT "v=spf1 ip4:192.0.2.1 -all"
          """, options: CheckOptions(esps: ["mailjet"]), fixable: true),
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          zendesk1._domainkey CNAME zendesk1._domainkey.zendesk.com.
          zendesk2._domainkey CNAME zendesk2._domainkey.zendesk.com.
          """, fixable: true),
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ TXT "v=spf1 include:spf.mailjet.com -all"
          """, options: CheckOptions(esps: ["mailjet"])),
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ TXT "v=spf1 ip4:192.0.2.1 -all"
          """),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    let candidates = context.spf.candidates
    return ESPSPFEdits.missingIncludes(context).map { include, esp, asked in
      let owner = context.domain
      let lead = LocalizedText(
        en: "Add 'include:\(include)' to the SPF record, keeping every other term",
        de: "Ergänzen Sie 'include:\(include)' im SPF-Eintrag; alle anderen Mechanismen bleiben")
      let fix =
        candidates.isEmpty
        ? SPFRuleSupport.newRecordFix(context)
        : SPFRuleSupport.correction(context, lead: lead)
      let location =
        candidates.first.map { Location(record: $0.record, text: $0.text) }
        ?? Location(name: owner.text, type: "TXT")
      if asked {
        return finding(
          LocalizedText(
            en: "SPF record of '\(owner.text)' does not include '\(include)', which "
              + "\(esp.name)'s domain connection asks for (its mail on shared addresses is "
              + "checked at \(esp.name)'s own return path; take the values from "
              + "\(esp.whereToFind.en))",
            de: "SPF-Eintrag von '\(owner.text)' bindet '\(include)' nicht ein, das die "
              + "Domain-Verbindung von \(esp.name) verlangt (seine Mails von geteilten Adressen "
              + "prüft SPF am eigenen Return-Path von \(esp.name); die Werte stehen in "
              + "\(esp.whereToFind.de))"),
          at: location, fix: fix, severity: .warning)
      }
      return finding(
        LocalizedText(
          en: "SPF record of '\(owner.text)' does not include '\(include)', which "
            + "\(esp.name) needs",
          de: "SPF-Eintrag von '\(owner.text)' bindet '\(include)' nicht ein, das \(esp.name) "
            + "braucht"),
        at: location, fix: fix)
    }
  }
}
