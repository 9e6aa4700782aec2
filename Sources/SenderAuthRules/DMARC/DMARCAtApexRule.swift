import DNSLookup
import SenderAuthCore

/// `dmarc.at-apex`: a DMARC record published at the domain itself instead of `_dmarc.<domain>`.
public struct DMARCAtApexRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dmarc.at-apex",
    title: LocalizedText(en: "DMARC record at the wrong name", de: "DMARC-Eintrag am falschen Ort"),
    rationale: LocalizedText(
      en: "Receivers look for DMARC only at _dmarc.<domain> (RFC 9989 §4.1); a v=DMARC1 record "
        + "at the domain itself is never read.",
      de: "Empfangende Server suchen DMARC nur unter _dmarc.<Domain> (RFC 9989 §4.1); ein "
        + "v=DMARC1-Eintrag direkt bei der Domain wird nie gelesen."),
    howToFix: LocalizedText(
      en: "Move the record to _dmarc.<domain>.",
      de: "Verschieben Sie den Eintrag nach _dmarc.<Domain>."),
    references: [DMARCRuleSupport.rfc9989("4.1"), DMARCRuleSupport.rfc9989("4.10.1")],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: """
          $ORIGIN example.com.
          @       3600 IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"
          """, fixable: true),
      // The `_dmarc` lookup failed: still reported, but no record is proposed there.
      RuleExample(
        zone: """
          $ORIGIN example.com.
          @       3600 IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"
          """, failing: ["_dmarc.example.com"]),
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          $ORIGIN example.com.
          _dmarc  3600 IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"
          """)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    let dmarc = context.dmarc
    let misplaced = dmarc.apexRecords
    guard let first = misplaced.first else { return [] }
    let hasOwn = dmarc.directRecords?.records.isEmpty == false
    // When the `_dmarc` lookup failed, whether a record is there is unknown: adding one could
    // make two, so no fix is proposed (dns.lookup-failed reports the failure).
    let ownUnknown = dmarc.txt.failure != nil || dmarc.directRecords == nil
    let dmarcName = DMARCRuleSupport.dmarcName(context.domain)
    let remove = misplaced.map {
      DNSChange(owner: context.domain, type: .txt, value: $0.text)
    }
    let add = hasOwn ? [] : [DNSChange(owner: dmarcName, type: .txt, value: first.text)]
    let fix = Fix(
      explanation: LocalizedText(
        en: hasOwn
          ? "Remove the record at the domain; '\(dmarcName.text)' already has a DMARC record."
          : "Publish the record at '\(dmarcName.text)' and remove it from the domain.",
        de: hasOwn
          ? "Entfernen Sie den Eintrag bei der Domain; '\(dmarcName.text)' hat bereits einen "
            + "DMARC-Eintrag."
          : "Veröffentlichen Sie den Eintrag unter '\(dmarcName.text)' und entfernen Sie ihn bei "
            + "der Domain."),
      add: add, remove: remove)
    return [
      finding(
        LocalizedText(
          en: "DMARC record is published at '\(context.domain.text)' instead of "
            + "'\(dmarcName.text)'; receivers never read it",
          de: "DMARC-Eintrag steht unter '\(context.domain.text)' statt unter "
            + "'\(dmarcName.text)'; empfangende Server lesen ihn nie"),
        at: first.location(), fix: ownUnknown ? nil : fix)
    ]
  }
}
