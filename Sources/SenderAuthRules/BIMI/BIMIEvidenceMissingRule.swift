import DNSLookup
import SenderAuthCore

/// `bimi.evidence-missing`: the BIMI record names a logo but no mark certificate (`a=`);
/// Gmail and Apple Mail show logos only with a Verified Mark Certificate (Gmail also with a
/// Common Mark Certificate).
public struct BIMIEvidenceMissingRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "bimi.evidence-missing",
    title: LocalizedText(
      en: "BIMI without a mark certificate", de: "BIMI ohne Markenzertifikat"),
    rationale: LocalizedText(
      en: """
        Without a= the logo is self-asserted. Some receivers (Yahoo, Fastmail) show such \
        logos; Gmail shows a logo only with a Verified Mark Certificate (VMC, registered \
        trademark, blue check mark) or a Common Mark Certificate (CMC), and Apple Mail only \
        with a VMC.
        """,
      de: """
        Ohne a= ist das Logo nur behauptet. Einige Postfachanbieter (Yahoo, Fastmail) zeigen solche \
        Logos; Gmail zeigt ein Logo nur mit einem Verified Mark Certificate (VMC, \
        eingetragene Marke, blauer Haken) oder einem Common Mark Certificate (CMC), Apple Mail \
        nur mit einem VMC.
        """),
    howToFix: LocalizedText(
      en: "Obtain a VMC or CMC from a mark verifying authority and add a=<its https URL>.",
      de: "Beschaffen Sie ein VMC oder CMC bei einer Zertifizierungsstelle und ergänzen Sie "
        + "a=<dessen https-URL>."),
    references: [BIMIRuleSupport.draft, BIMIRuleSupport.svgGuide],
    severity: .note,
    triggering: [
      RuleExample(zone: BIMIRuleSupport.zone("v=BIMI1; l=\(BIMIRuleSupport.logoURL)"))
    ],
    nonTriggering: [
      RuleExample(zone: BIMIRuleSupport.zone()),
      RuleExample(zone: BIMIRuleSupport.zone("v=BIMI1; l=; a=;")),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let record = context.bimi.records.first, record.logo != nil,
      record.evidence == nil, !record.isDeclination
    else { return [] }
    return [
      finding(
        LocalizedText(
          en: "BIMI record at '\(record.record.name.text)' has no mark certificate (a=); "
            + "Gmail and Apple Mail show no logo without one",
          de: "BIMI-Eintrag unter '\(record.record.name.text)' hat kein Markenzertifikat (a=); "
            + "Gmail und Apple Mail zeigen ohne eines kein Logo"),
        at: BIMIRuleSupport.location(record))
    ]
  }
}
