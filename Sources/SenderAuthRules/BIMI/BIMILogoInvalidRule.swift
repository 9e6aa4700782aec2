import DNSLookup
import SenderAuthCore

/// `bimi.logo-invalid`: the fetched logo is not SVG Tiny PS (root, profile, title, scripts,
/// external references, size, square) or is not served as `image/svg+xml`.
public struct BIMILogoInvalidRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "bimi.logo-invalid",
    title: LocalizedText(
      en: "The BIMI logo is not SVG Tiny PS", de: "Das BIMI-Logo ist kein SVG Tiny PS"),
    rationale: LocalizedText(
      en: """
        BIMI logos must be SVG Tiny Portable/Secure: root <svg> with version="1.2" and \
        baseProfile="tiny-ps", a <title>, no x= or y= on the root, no scripts, animation, \
        interactive or embedded content, no external references, square, at most 32 \
        kilobytes. Receivers and certificate authorities reject other SVGs, and a logo \
        exported from a design tool usually needs editing.
        """,
      de: """
        BIMI-Logos müssen SVG Tiny Portable/Secure sein: Wurzelelement <svg> mit \
        version="1.2" und baseProfile="tiny-ps", ein <title>, kein x= oder y= an der \
        Wurzel, keine Skripte, Animationen, interaktiven oder eingebetteten Inhalte, keine \
        externen Verweise, quadratisch, höchstens 32 Kilobyte. Postfachanbieter und \
        Zertifizierungsstellen lehnen andere SVGs ab; ein aus einem Grafikprogramm \
        exportiertes Logo muss meist nachbearbeitet werden.
        """),
    howToFix: LocalizedText(
      en: "Convert the logo to SVG Tiny PS (the BIMI Group offers converters) and serve it as "
        + "image/svg+xml.",
      de: "Wandeln Sie das Logo in SVG Tiny PS um (die BIMI Group bietet Konverter an) und "
        + "liefern Sie es als image/svg+xml aus."),
    references: [BIMIRuleSupport.svgGuide, BIMIRuleSupport.svgIssues],
    severity: .error,
    triggering: [
      RuleExample(
        zone: BIMIRuleSupport.zone(),
        web: BIMIRuleSupport.web(
          svg: """
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" x="0" y="0" \
            viewBox="0 0 100 100"><script>alert(1)</script><rect width="100" \
            height="100"/></svg>
            """)),
      RuleExample(
        zone: BIMIRuleSupport.zone(),
        web: BIMIRuleSupport.web(svg: "<html><body>logo</body></html>")),
    ],
    nonTriggering: [
      RuleExample(zone: BIMIRuleSupport.zone(), web: BIMIRuleSupport.web())
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let record = context.bimi.records.first, let url = record.logo,
      let check = context.bimi.logoCheck
    else { return [] }
    var problems = check.problems
    if case .contentType? = context.bimi.logoProblem, let type = context.bimi.logoProblem {
      problems.append(type.localized)
    }
    guard !problems.isEmpty else { return [] }
    return [
      finding(
        LocalizedText(
          en: "BIMI logo '\(url)' is not SVG Tiny PS: "
            + problems.joined(separator: "; ").en,
          de: "BIMI-Logo '\(url)' ist kein SVG Tiny PS: "
            + problems.joined(separator: "; ").de),
        at: BIMIRuleSupport.location(record))
    ]
  }
}
