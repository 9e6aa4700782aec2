import DNSLookup
import SenderAuthCore

/// `dmarc.missing`: no DMARC record applies to the domain, not its own and none found by the
/// RFC 9989 tree walk.
public struct DMARCMissingRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dmarc.missing",
    title: LocalizedText(en: "No DMARC record", de: "Kein DMARC-Eintrag"),
    rationale: LocalizedText(
      en: "Without a DMARC record that applies to the From domain, receivers have no policy for "
        + "mail that fails authentication and send no reports. Gmail and Yahoo require a DMARC "
        + "record (at least p=none) from bulk senders and reject or defer their mail without one "
        + "(Gmail 4.7.31). The record is looked up at _dmarc.<domain>, then by the RFC 9989 tree "
        + "walk at the organizational domain and a public suffix domain.",
      de: "Ohne DMARC-Eintrag für die Absenderdomain haben empfangende Server keine Richtlinie "
        + "für Mails, die die Authentifizierung nicht bestehen, und senden keine Berichte. Gmail "
        + "und Yahoo verlangen von Massenversendern einen DMARC-Eintrag (mindestens p=none) und "
        + "weisen Mails ohne ihn ab oder stellen sie zurück (Gmail 4.7.31). Gesucht wird unter "
        + "_dmarc.<Domain>, dann per RFC-9989-Baumsuche bei der Organisationsdomain und einer "
        + "Public-Suffix-Domain."),
    howToFix: LocalizedText(
      en: "Publish a TXT record at _dmarc.<domain> starting with p=none and a rua= address that "
        + "receives the aggregate reports; tighten the policy once the reports show all your "
        + "mail passes.",
      de: "Veröffentlichen Sie unter _dmarc.<Domain> einen TXT-Eintrag, zunächst mit p=none und "
        + "einer rua=-Adresse für die aggregierten Berichte; verschärfen Sie die Richtlinie, "
        + "sobald die Berichte zeigen, dass alle Ihre Mails bestehen."),
    references: [
      DMARCRuleSupport.rfc9989("4.10.1"), DMARCRuleSupport.rfc9989("5.1.4"),
      DMARCRuleSupport.gmailGuidelines, DMARCRuleSupport.gmailFAQ,
    ],
    severity: .error,
    triggering: [
      RuleExample(
        zone: """
          $ORIGIN example.com.
          @       3600 IN MX  10 mail.example.com.
          mail    3600 IN A   192.0.2.25
          _dmarc  3600 IN TXT "google-site-verification=abc123"
          """, fixable: true)
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          $ORIGIN example.com.
          @       3600 IN MX  10 mail.example.com.
          mail    3600 IN A   192.0.2.25
          _dmarc  3600 IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@example.com"
          """),
      RuleExample(
        domain: "shop.example.com",
        zone: """
          $ORIGIN example.com.
          shop    3600 IN MX  10 mail.example.com.
          mail    3600 IN A   192.0.2.25
          _dmarc  3600 IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"
          """),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    let dmarc = context.dmarc
    let discovery = dmarc.discovery
    guard discovery.source == .none, !discovery.incomplete else { return [] }
    // Other rules own these cases and their fixes: several records, a record in the wrong
    // place or spelled so that receivers discard it.
    let direct = dmarc.directRecords
    guard direct?.records.isEmpty != false, direct?.nearMisses.isEmpty != false,
      dmarc.apexRecords.isEmpty
    else { return [] }
    let name = DMARCRuleSupport.dmarcName(context.domain)
    let walked = discovery.steps.map { "_dmarc.\($0.domain.text)" }
    let queried = walked.map { "'\($0)'" }.joined(separator: ", ")
    let policy = context.options.parked ? "reject" : "none"
    let value = "v=DMARC1; p=\(policy)" + DMARCRuleSupport.reportTag(context.options)
    let note = DMARCRuleSupport.reportAddressNote(context.options)
    let fix = Fix(
      explanation: LocalizedText(
        en: "Publish a DMARC record for '\(context.domain.text)' with p=\(policy)"
          + (context.options.parked
            ? " (the domain sends no mail, so all mail using it can be rejected)."
            : "; raise the policy to quarantine or reject once the reports show that all "
              + "legitimate mail passes.") + note.en,
        de: "Veröffentlichen Sie einen DMARC-Eintrag für '\(context.domain.text)' mit p=\(policy)"
          + (context.options.parked
            ? " (die Domain versendet keine Mails, daher können alle Mails mit ihr abgewiesen "
              + "werden)."
            : "; verschärfen Sie auf quarantine oder reject, sobald die Berichte zeigen, dass "
              + "alle legitimen Mails bestehen.") + note.de),
      add: [DNSChange(owner: name, type: .txt, value: value)])
    return [
      finding(
        LocalizedText(
          en: "No DMARC record applies to '\(context.domain.text)'; queried \(queried)",
          de: "Für '\(context.domain.text)' gilt kein DMARC-Eintrag; abgefragt: \(queried)"),
        at: Location(name: name.text, type: "TXT"), fix: fix)
    ]
  }
}
