import DNSLookup
import SenderAuthCore

/// `gmail.bulk.dmarc-alignment`: gmail bulk senders: From must align with SPF or DKIM (Gmail).
public struct GmailBulkDMARCAlignmentRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "gmail.bulk.dmarc-alignment",
    title: LocalizedText(
      en: "Gmail bulk senders: From must align with SPF or DKIM",
      de: "Gmail-Massenversender: From muss zu SPF oder DKIM ausgerichtet sein"),
    rationale: LocalizedText(
      en: """
        Gmail: "the domain in the sender's From: header must be aligned with either the SPF \
        domain or the DKIM domain." Only one needs to align (organizational domain); \
        misaligned mail is answered with 4.7.32.
        """,
      de: """
        Gmail: die Domain im From-Header muss zur SPF- oder zur DKIM-Domain ausgerichtet sein; \
        eine reicht (Organisationsdomain). Nicht ausgerichtete Mails werden mit 4.7.32 \
        beantwortet.
        """),
    howToFix: LocalizedText(
      en: """
        Publish the DKIM key of your mail service under your own domain, or have it use a \
        return path below your domain (check it with --return-path).
        """,
      de: """
        Veröffentlichen Sie den DKIM-Schlüssel Ihres Maildienstes unter Ihrer eigenen Domain, \
        oder lassen Sie ihn einen Return-Path unterhalb Ihrer Domain nutzen (prüfbar mit \
        --return-path).
        """),
    references: [
      ProviderReferences.googleGuidelines,
      ProviderReferences.googleGuidelinesFAQ,
    ],
    severity: .error,
    triggering: [
      RuleExample(
        zone: ProviderChecks.Zones.spfOnly,
        options: CheckOptions(returnPath: try? DomainName("bounces.mailer.example")))
    ],
    nonTriggering: [
      RuleExample(zone: ProviderChecks.Zones.complete)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    ProviderChecks.alignmentFinding(self, context, provider: "Gmail")
  }
}
