import DNSLookup
import SenderAuthCore

/// `gmx.dkim-aligned`: gMX/WEB.DE: an aligned DKIM signature is mandatory (GMX/WEB.DE).
public struct GMXDKIMAlignedRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "gmx.dkim-aligned",
    title: LocalizedText(
      en: "GMX/WEB.DE: an aligned DKIM signature is mandatory",
      de: "GMX/WEB.DE: eine ausgerichtete DKIM-Signatur ist Pflicht"),
    rationale: LocalizedText(
      en: """
        WEB.DE: "the use of a valid DKIM signature is mandatory. … The DKIM domain must match \
        the sender domain (RFC 5322.From) - at least in 'relaxed' mode." SPF alone is not \
        enough there.
        """,
      de: """
        WEB.DE: eine gültige DKIM-Signatur ist Pflicht, und die DKIM-Domain muss zur \
        Absenderdomain (RFC 5322.From) passen, mindestens relaxed. SPF allein genügt dort \
        nicht.
        """),
    howToFix: LocalizedText(
      en: """
        Have every sending service sign with a key published under your domain (its DKIM \
        CNAMEs or TXT key).
        """,
      de: """
        Lassen Sie jeden versendenden Dienst mit einem Schlüssel unter Ihrer Domain signieren \
        (seine DKIM-CNAMEs oder sein TXT-Schlüssel).
        """),
    references: [
      ProviderReferences.webDERequirements,
      ProviderReferences.gmxBestPractices,
    ],
    severity: .error,
    triggering: [
      RuleExample(
        zone: ProviderChecks.Zones.spfOnly, options: CheckOptions(profiles: ["gmx-webde"]))
    ],
    nonTriggering: [
      RuleExample(
        zone: ProviderChecks.Zones.spfAndDKIM, options: CheckOptions(profiles: ["gmx-webde"]))
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard ProfileCatalog.isActive(description.id, options: context.options) else { return [] }
    guard context.failures.isEmpty, !Alignment.assess(context).aligns(.dkim, in: .relaxed) else {
      return []
    }
    return [
      finding(
        LocalizedText(
          en: "GMX/WEB.DE requires a DKIM signature aligned with the From domain "
            + "'\(context.domain.text)', but no usable DKIM key was found under it",
          de: "GMX/WEB.DE verlangt eine zur From-Domain '\(context.domain.text)' ausgerichtete "
            + "DKIM-Signatur, aber darunter wurde kein nutzbarer DKIM-Schlüssel gefunden"),
        at: Location(name: context.domain.text, type: "TXT"))
    ]
  }
}
