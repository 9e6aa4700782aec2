import DNSLookup
import SenderAuthCore

/// `microsoft.bulk.dkim-required`: outlook.com high-volume senders: DKIM must pass (Outlook.com).
public struct MicrosoftBulkDKIMRequiredRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "microsoft.bulk.dkim-required",
    title: LocalizedText(
      en: "Outlook.com high-volume senders: DKIM must pass",
      de: "Outlook.com-Großversender: DKIM muss bestehen"),
    rationale: LocalizedText(
      en: """
        Outlook.com requires of domains sending over 5,000 messages a day: DKIM "Must Pass". \
        Non-compliant mail is rejected with 550 5.7.515.
        """,
      de: """
        Outlook.com verlangt von Domains mit mehr als 5.000 Mails am Tag, dass DKIM besteht. \
        Mails, die das nicht erfüllen, werden mit 550 5.7.515 abgewiesen.
        """),
    howToFix: LocalizedText(
      en: """
        Publish the DKIM key (or the CNAMEs) of every service that sends for the domain.
        """,
      de: """
        Veröffentlichen Sie den DKIM-Schlüssel (oder die CNAMEs) jedes Dienstes, der für die \
        Domain versendet.
        """),
    references: [
      ProviderReferences.outlookHighVolume
    ],
    severity: .error,
    triggering: [
      RuleExample(zone: ProviderChecks.Zones.spfOnly)
    ],
    nonTriggering: [
      RuleExample(zone: ProviderChecks.Zones.spfAndDKIM)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard ProfileCatalog.isActive(description.id, options: context.options) else { return [] }
    guard let reason = ProviderChecks.dkimFailure(context) else { return [] }
    return [
      finding(
        LocalizedText(
          en: "Outlook.com requires DKIM to pass, but for '\(context.domain.text)' "
            + reason.text.en,
          de: "Outlook.com verlangt DKIM, aber für '\(context.domain.text)' gilt: "
            + reason.text.de),
        at: Location(name: context.domain.text, type: "TXT"),
        causes: ProviderChecks.causes([reason]))
    ]
  }
}
