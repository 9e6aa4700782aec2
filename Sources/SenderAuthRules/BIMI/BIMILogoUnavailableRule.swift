import DNSLookup
import SenderAuthCore

/// `bimi.logo-unavailable`: the logo named by `l=` cannot be fetched (no address, refused,
/// timeout, TLS or certificate error, an HTTP error, a redirect, too large).
public struct BIMILogoUnavailableRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "bimi.logo-unavailable",
    title: LocalizedText(
      en: "The BIMI logo cannot be fetched", de: "Das BIMI-Logo ist nicht abrufbar"),
    rationale: LocalizedText(
      en: """
        Receivers fetch the SVG named by l= over HTTPS with a valid certificate; when that \
        fails, no logo is shown. Mailbox providers fetch it from their own networks, so a \
        logo host that blocks unknown clients, redirects or times out hides the logo for \
        every recipient.
        """,
      de: """
        Postfachanbieter holen das in l= genannte SVG über HTTPS mit gültigem Zertifikat; schlägt \
        das fehl, wird kein Logo gezeigt. Postfachanbieter holen es aus ihren eigenen Netzen: \
        ein Logo-Host, der unbekannte Clients sperrt, umleitet oder nicht antwortet, \
        verbirgt das Logo für alle Empfänger.
        """),
    howToFix: LocalizedText(
      en: "Serve the SVG at the l= URL over HTTPS with status 200 and Content-Type "
        + "image/svg+xml, without redirects.",
      de: "Liefern Sie das SVG unter der URL aus l= über HTTPS mit Status 200 und Content-Type "
        + "image/svg+xml aus, ohne Umleitungen."),
    references: [BIMIRuleSupport.draft, BIMIRuleSupport.svgIssues],
    severity: .error,
    triggering: [
      RuleExample(
        zone: BIMIRuleSupport.zone(),
        web: [
          BIMIRuleSupport.logoURL: ExampleResource(status: 404, body: "not found"),
          BIMIRuleSupport.evidenceURL: ExampleResource(body: BIMIRuleSupport.certificate),
        ]),
      RuleExample(
        zone: BIMIRuleSupport.zone(),
        web: [
          BIMIRuleSupport.logoURL: .failing("timeout"),
          BIMIRuleSupport.evidenceURL: ExampleResource(body: BIMIRuleSupport.certificate),
        ]),
    ],
    nonTriggering: [
      RuleExample(zone: BIMIRuleSupport.zone(), web: BIMIRuleSupport.web()),
      RuleExample(zone: BIMIRuleSupport.zone()),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let problem = context.bimi.logoProblem, !problem.isUnknown,
      let record = context.bimi.records.first, let url = record.logo
    else { return [] }
    // A wrong media type with a usable SVG is bimi.logo-invalid's business.
    if case .contentType = problem { return [] }
    return [
      finding(
        LocalizedText(
          en: "BIMI logo '\(url)' cannot be fetched: \(problem.localized.en); receivers show "
            + "no logo",
          de: "BIMI-Logo '\(url)' ist nicht abrufbar: \(problem.localized.de); Postfachanbieter "
            + "zeigen kein Logo"),
        at: BIMIRuleSupport.location(record))
    ]
  }
}
