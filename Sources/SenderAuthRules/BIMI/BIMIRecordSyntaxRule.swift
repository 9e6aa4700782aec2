import DNSLookup
import SenderAuthCore

/// `bimi.record-syntax`: a `default._bimi` record meant as BIMI that receivers cannot use
/// (not `v=BIMI1` first, a logo or certificate address that is not `https:`).
public struct BIMIRecordSyntaxRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "bimi.record-syntax",
    title: LocalizedText(en: "The BIMI record is not valid", de: "Der BIMI-Eintrag ist ungültig"),
    rationale: LocalizedText(
      en: """
        A BIMI assertion record begins with 'v=BIMI1'; 'l=' names the SVG logo and 'a=' the \
        mark certificate, each one https: URL. Receivers ignore a record they cannot read and \
        show no logo.
        """,
      de: """
        Ein BIMI-Eintrag beginnt mit 'v=BIMI1'; 'l=' nennt das SVG-Logo und 'a=' das \
        Markenzertifikat, jeweils eine https:-URL. Postfachanbieter ignorieren einen Eintrag, den \
        sie nicht lesen können, und zeigen kein Logo.
        """),
    howToFix: LocalizedText(
      en: "Publish 'v=BIMI1; l=https://…/logo.svg; a=https://…/certificate.pem'.",
      de: "Veröffentlichen Sie 'v=BIMI1; l=https://…/logo.svg; a=https://…/zertifikat.pem'."),
    references: [BIMIRuleSupport.draft],
    severity: .error,
    triggering: [
      RuleExample(zone: BIMIRuleSupport.zone("v=BIMI1; l=http://example.com/logo.svg"))
    ],
    nonTriggering: [
      RuleExample(zone: BIMIRuleSupport.zone()),
      RuleExample(zone: BIMIRuleSupport.zone("v=BIMI1; l=; a=;")),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    context.bimi.records.filter { !$0.issues.isEmpty }.map { record in
      invalidRecord(
        LocalizedText(en: "BIMI record", de: "BIMI-Eintrag"), record: record.record,
        text: record.text, issues: record.issues,
        consequence: LocalizedText(
          en: "receivers show no logo", de: "Postfachanbieter zeigen kein Logo"))
    }
  }
}
