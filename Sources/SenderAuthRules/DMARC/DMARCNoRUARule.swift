import DNSLookup
import SenderAuthCore

/// `dmarc.no-rua`: the applicable DMARC record asks for no aggregate reports.
public struct DMARCNoRUARule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dmarc.no-rua",
    title: LocalizedText(en: "No DMARC report address", de: "Keine DMARC-Berichtsadresse"),
    rationale: LocalizedText(
      en: "Without a valid rua= URI receivers send no aggregate reports (RFC 9989 §4.7), so the "
        + "domain owner cannot see who sends mail in the domain's name or whether legitimate "
        + "mail passes, and can never safely move to quarantine or reject. La Poste requires "
        + "rua= as part of the minimum record; Yahoo strongly recommends it.",
      de: "Ohne gültige rua=-Adresse senden empfangende Server keine aggregierten Berichte (RFC "
        + "9989 §4.7): der Domaininhaber sieht nicht, wer in seinem Namen sendet und ob legitime "
        + "Mails bestehen, und kann nie gefahrlos auf quarantine oder reject gehen. La Poste "
        + "verlangt rua= als Teil des Mindesteintrags, Yahoo empfiehlt es dringend."),
    howToFix: LocalizedText(
      en: "Add rua=mailto:<mailbox> with a mailbox (or DMARC report service) that reads the "
        + "reports.",
      de: "Fügen Sie rua=mailto:<Postfach> mit einem Postfach (oder DMARC-Berichtsdienst) hinzu, "
        + "das die Berichte auswertet."),
    references: [DMARCRuleSupport.rfc9989("4.7"), DMARCRuleSupport.rfc9989("5.1.3")],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: """
          $ORIGIN example.com.
          _dmarc  3600 IN TXT "v=DMARC1; p=none"
          """, options: CheckOptions(rua: "dmarc-reports@example.com"), fixable: true)
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          $ORIGIN example.com.
          _dmarc  3600 IN TXT "v=DMARC1; p=none; rua=mailto:dmarc-reports@example.com"
          """)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let record = DMARCRuleSupport.ownedPolicyRecord(context), !record.hasValidRUA else {
      return []
    }
    let owner = DMARCRuleSupport.ownerText(record, fallback: context.domain)
    let lead = LocalizedText(
      en: "Add a rua= address so receivers send daily aggregate reports.",
      de: "Fügen Sie eine rua=-Adresse hinzu, damit empfangende Server täglich aggregierte "
        + "Berichte senden.")
    // Without --rua no address is invented: the fix says how to give one.
    let note = DMARCRuleSupport.reportAddressNote(context.options)
    let fix =
      DMARCRuleSupport.correction(context, lead: lead)
      ?? Fix(explanation: LocalizedText(en: lead.en + note.en, de: lead.de + note.de))
    let invalid = record.term(.rua) != nil
    return [
      finding(
        LocalizedText(
          en: invalid
            ? "DMARC record at '\(owner)' has no valid 'rua=' URI; receivers send no reports"
            : "DMARC record at '\(owner)' has no 'rua=' tag; receivers send no reports",
          de: invalid
            ? "DMARC-Eintrag unter '\(owner)' hat keine gültige 'rua='-Adresse; empfangende Server "
              + "senden keine Berichte"
            : "DMARC-Eintrag unter '\(owner)' hat kein Tag 'rua='; empfangende Server senden keine "
              + "Berichte"),
        at: record.location(), fix: fix)
    ]
  }
}
