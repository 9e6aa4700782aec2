import DNSLookup
import SenderAuthCore

/// `dnssec.ds-missing`: the zone is signed but the parent has no DS record, so no validator
/// can reach it: the signatures protect nothing.
public struct DNSSECDSMissingRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dnssec.ds-missing",
    title: LocalizedText(
      en: "The zone is signed but has no DS record at the parent",
      de: "Die Zone ist signiert, hat aber keinen DS-Eintrag in der übergeordneten Zone"),
    rationale: LocalizedText(
      en: """
        A chain of trust reaches a zone only through a DS record in its parent (RFC 4035 \
        §5): without it validators treat the zone as unsigned, so its SPF, DKIM, DMARC and \
        MX answers can be forged, and DANE for the MX hosts is impossible. This is the usual \
        state after signing was switched on at the DNS host but the DS was never given to the \
        registrar.
        """,
      de: """
        Eine Vertrauenskette erreicht eine Zone nur über einen DS-Eintrag in der \
        übergeordneten Zone (RFC 4035 §5): ohne ihn behandeln Validatoren die Zone als \
        unsigniert, ihre SPF-, DKIM-, DMARC- und MX-Antworten lassen sich fälschen, und DANE \
        für die MX-Hosts ist unmöglich. So sieht es meist aus, wenn die Signierung beim \
        DNS-Anbieter eingeschaltet, der DS-Eintrag aber nie an den Registrar übergeben wurde.
        """),
    howToFix: LocalizedText(
      en: "Give the DS record of the zone's key signing key to the registrar.",
      de: "Übergeben Sie den DS-Eintrag des Schlüssel-Signierschlüssels der Zone an den "
        + "Registrar."),
    references: [DNSSECRuleSupport.rfc4035("5"), .rfc(4509, section: "2.1")],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: DNSSECRuleSupport.zone(DNSSECRuleSupport.key),
        validation: ["example.com": .insecure])
    ],
    nonTriggering: [
      RuleExample(
        zone: DNSSECRuleSupport.zone(DNSSECRuleSupport.key), validation: ["example.com": .secure]),
      RuleExample(zone: DNSSECRuleSupport.zone(), validation: ["example.com": .insecure]),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard context.dnssec.status == .insecure(.dsMissing), let apex = context.dnssec.apex else {
      return []
    }
    let tags = context.dnssec.entryKeys.map { "\($0.keyTag)" }.joined(separator: ", ")
    return [
      finding(
        LocalizedText(
          en: "Zone '\(apex.text)' is signed (key tags \(tags)) but its parent has no DS "
            + "record: validators treat it as unsigned",
          de: "Die Zone '\(apex.text)' ist signiert (Schlüssel-Tags \(tags)), die "
            + "übergeordnete Zone hat aber keinen DS-Eintrag: Validatoren behandeln sie als "
            + "unsigniert"),
        at: Location(name: apex.text, type: "DS"),
        fix: Fix(
          explanation: LocalizedText(
            en: "Publish the DS record (SHA-256) of the key signing key. "
              + DNSSECRuleSupport.atTheParent.en,
            de: "Veröffentlichen Sie den DS-Eintrag (SHA-256) des Schlüssel-Signierschlüssels. "
              + DNSSECRuleSupport.atTheParent.de),
          add: DNSSECRuleSupport.proposedDS(context, apex: apex)))
    ]
  }
}
