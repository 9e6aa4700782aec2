import DNSLookup
import SenderAuthCore

/// `laposte.dmarc-rua-required`: la Poste: DMARC p=none with a report address at least (La Poste).
public struct LaPosteDMARCRUARequiredRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "laposte.dmarc-rua-required",
    title: LocalizedText(
      en: "La Poste: DMARC p=none with a report address at least",
      de: "La Poste: mindestens DMARC p=none mit Berichtsadresse"),
    rationale: LocalizedText(
      en: """
        La Poste (September 2025): domains without a strict policy must "a minima … publier un \
        enregistrement p=none avec une adresse mail de réception des rapports (RUA)".
        """,
      de: """
        La Poste (September 2025): Domains ohne strenge Richtlinie müssen mindestens einen \
        Eintrag mit p=none und einer Adresse für Berichte (rua) veröffentlichen.
        """),
    howToFix: LocalizedText(
      en: """
        Publish _dmarc.<domain> TXT "v=DMARC1; p=none; rua=mailto:…", or add rua= to the \
        existing record.
        """,
      de: """
        Veröffentlichen Sie _dmarc.<Domain> TXT "v=DMARC1; p=none; rua=mailto:…" oder ergänzen \
        Sie rua= im vorhandenen Eintrag.
        """),
    references: [
      ProviderReferences.laPosteSpecifications
    ],
    severity: .error,
    triggering: [
      RuleExample(
        zone: ProviderChecks.Zones.spfAndDKIM,
        options: CheckOptions(profiles: ["laposte"], rua: "mailto:dmarc@example.com"), fixable: true
      ),
      RuleExample(
        zone: ProviderChecks.Zones.noRUA,
        options: CheckOptions(profiles: ["laposte"], rua: "mailto:dmarc@example.com"), fixable: true
      ),
    ],
    nonTriggering: [
      RuleExample(zone: ProviderChecks.Zones.complete, options: CheckOptions(profiles: ["laposte"]))
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard ProfileCatalog.isActive(description.id, options: context.options) else { return [] }
    if let reason = ProviderChecks.dmarcFailure(context) {
      return [
        finding(
          LocalizedText(
            en: "La Poste requires at least p=none with a report address (rua): "
              + reason.text.en,
            de: "La Poste verlangt mindestens p=none mit Berichtsadresse (rua): "
              + reason.text.de),
          at: Location(name: DMARCRuleSupport.dmarcName(context.domain).text, type: "TXT"),
          fix: ProviderChecks.dmarcFix(context), causes: ProviderChecks.causes([reason]))
      ]
    }
    guard let record = context.dmarc.discovery.policyRecord, record.aggregateReportURIs.isEmpty
    else { return [] }
    let name = DMARCRuleSupport.dmarcName(context.domain)
    var fix: Fix?
    if context.dmarc.directRecords?.record == record {
      let explanation = LocalizedText(
        en: "Add a rua= report address to the DMARC record; every other tag stays."
          + DMARCRuleSupport.reportAddressNote(context.options).en,
        de: "Ergänzen Sie im DMARC-Eintrag eine Berichtsadresse rua=; alle anderen Tags bleiben."
          + DMARCRuleSupport.reportAddressNote(context.options).de)
      if let uri = DMARCRuleSupport.reportURI(context.options) {
        var intent = DMARCIntent(text: record.text)
        intent.aggregate = [uri]
        fix = Fix(
          explanation: explanation,
          add: [DNSChange(owner: name, type: .txt, value: intent.text)],
          remove: [DNSChange(owner: name, type: .txt, value: record.text)])
      } else {
        fix = Fix(explanation: explanation)
      }
    }
    return [
      finding(
        LocalizedText(
          en: "La Poste requires a report address (rua) in the DMARC record of "
            + "'\(context.domain.text)'",
          de: "La Poste verlangt eine Berichtsadresse (rua) im DMARC-Eintrag von "
            + "'\(context.domain.text)'"),
        at: Location(name: name.text, type: "TXT", record: record.text), fix: fix,
        causes: ["dmarc.no-rua"])
    ]
  }
}
