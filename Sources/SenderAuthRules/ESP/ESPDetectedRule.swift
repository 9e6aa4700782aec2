import DNSLookup
import SenderAuthCore

/// `esp.detected`: names each ESP the records show (or `--esp` names), the record that shows
/// it, and what alignment its setup gives.
public struct ESPDetectedRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "esp.detected",
    title: LocalizedText(
      en: "An email service provider is in use", de: "Versanddienst erkannt"),
    rationale: LocalizedText(
      en: """
        Knowing which services send for a domain tells which records they need and whether \
        their mail can align with the From domain: DKIM aligns when the key is published under \
        your domain, SPF only when the service's return path is a subdomain of yours.
        """,
      de: """
        Wer für eine Domain versendet, bestimmt, welche Einträge nötig sind und ob die Mails zur \
        Absenderdomain passen können: DKIM passt, wenn der Schlüssel unter Ihrer Domain steht, SPF \
        nur, wenn der Return-Path des Versanddienstes eine Subdomain Ihrer Domain ist.
        """),
    howToFix: LocalizedText(
      en: "Nothing to fix: this is information. Check the ESP's other findings.",
      de:
        "Nichts zu beheben: das ist ein Hinweis. Beachten Sie die übrigen Befunde zum Versanddienst."
    ),
    references: [
      Reference(
        title: "SendGrid: How to set up domain authentication",
        url:
          "https://www.twilio.com/docs/sendgrid/ui/account-and-settings/how-to-set-up-domain-authentication"
      ), .rfc(9989, section: "3.2.10"),
    ],
    severity: .note,
    triggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          s1._domainkey CNAME s1.domainkey.u1234.wl001.sendgrid.net.
          s2._domainkey CNAME s2.domainkey.u1234.wl001.sendgrid.net.
          """),
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ TXT "v=spf1 include:spf.protection.outlook.com -all"
          """),
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ TXT "v=spf1 ip4:192.0.2.1 -all"
          """)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    ESPAnalysis.applying(context).map { analysis in
      let esp = analysis.esp
      let shown = analysis.evidence.first
      let en =
        shown.map { "\(esp.name) detected: \($0)" } ?? "\(esp.name) named with --esp"
      let de =
        shown.map { "\(esp.name) erkannt: \($0)" } ?? "\(esp.name) mit --esp angegeben"
      let alignment = analysis.detected.alignment
      return finding(
        LocalizedText(en: en + "; " + alignment.en, de: de + "; " + alignment.de),
        at: Location(name: context.domain.text, type: "ESP", record: esp.id))
    }
  }
}
