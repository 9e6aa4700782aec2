import DNSLookup
import SenderAuthCore

/// `microsoft.bulk.spf-required`: outlook.com high-volume senders: SPF must pass (Outlook.com).
public struct MicrosoftBulkSPFRequiredRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "microsoft.bulk.spf-required",
    title: LocalizedText(
      en: "Outlook.com high-volume senders: SPF must pass",
      de: "Outlook.com-Großversender: SPF muss bestehen"),
    rationale: LocalizedText(
      en: """
        Outlook.com requires of domains sending over 5,000 messages a day: SPF "Must Pass for \
        the sending domain". Since 5 May 2025 non-compliant mail is rejected with 550 5.7.515.
        """,
      de: """
        Outlook.com verlangt von Domains mit mehr als 5.000 Mails am Tag, dass SPF für die \
        Versanddomain besteht. Seit dem 5. Mai 2025 werden Mails, die das nicht erfüllen, mit \
        550 5.7.515 abgewiesen.
        """),
    howToFix: LocalizedText(
      en: """
        Publish one valid SPF record (at most 10 DNS lookups) that authorizes every sending \
        service.
        """,
      de: """
        Veröffentlichen Sie einen gültigen SPF-Eintrag (höchstens 10 DNS-Abfragen), der jeden \
        versendenden Dienst autorisiert.
        """),
    references: [
      ProviderReferences.outlookHighVolume,
      ProviderReferences.outlookPolicies,
    ],
    severity: .error,
    triggering: [
      RuleExample(zone: ProviderChecks.Zones.soa)
    ],
    nonTriggering: [
      RuleExample(zone: ProviderChecks.Zones.spfOnly)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard ProfileCatalog.isActive(description.id, options: context.options) else { return [] }
    guard let spf = ProviderChecks.spfFailure(context) else { return [] }
    return [
      finding(
        LocalizedText(
          en: "Outlook.com requires SPF to pass: \(spf.text.en)",
          de: "Outlook.com verlangt, dass SPF besteht: \(spf.text.de)"),
        at: Location(name: context.domain.text, type: "TXT"),
        causes: ProviderChecks.causes([spf]))
    ]
  }
}
