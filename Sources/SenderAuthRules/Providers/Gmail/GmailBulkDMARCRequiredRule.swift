import DNSLookup
import SenderAuthCore

/// `gmail.bulk.dmarc-required`: gmail bulk senders: a DMARC record is required (Gmail).
public struct GmailBulkDMARCRequiredRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "gmail.bulk.dmarc-required",
    title: LocalizedText(
      en: "Gmail bulk senders: a DMARC record is required",
      de: "Gmail-Massenversender: ein DMARC-Eintrag ist Pflicht"),
    rationale: LocalizedText(
      en: """
        Gmail: "Set up DMARC email authentication for your sending domain. Your DMARC \
        enforcement policy can be set to none." Without a record, or with one that states no \
        policy, Gmail answers 4.7.31 and offers no delivery support.
        """,
      de: """
        Gmail verlangt DMARC für die Versanddomain; die Richtlinie darf none sein. Ohne \
        Eintrag oder ohne angegebene Richtlinie antwortet Gmail mit 4.7.31 und bietet keine \
        Zustellhilfe.
        """),
    howToFix: LocalizedText(
      en: """
        Publish _dmarc.<domain> TXT "v=DMARC1; p=none; rua=mailto:…" and raise the policy once \
        the reports show that all legitimate mail passes.
        """,
      de: """
        Veröffentlichen Sie _dmarc.<Domain> TXT "v=DMARC1; p=none; rua=mailto:…" und \
        verschärfen Sie die Richtlinie, sobald die Berichte zeigen, dass alle legitimen Mails \
        bestehen.
        """),
    references: [
      ProviderReferences.googleGuidelines,
      ProviderReferences.googleGuidelinesFAQ,
    ],
    severity: .error,
    triggering: [
      RuleExample(zone: ProviderChecks.Zones.spfAndDKIM, fixable: true),
      RuleExample(zone: ProviderChecks.Zones.noPolicy, fixable: true),
    ],
    nonTriggering: [
      RuleExample(zone: ProviderChecks.Zones.complete)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    ProviderChecks.dmarcRequiredFinding(self, context, provider: "Gmail")
  }
}
