import DNSLookup
import SenderAuthCore

/// `gmail.bulk.spf-and-dkim`: gmail bulk senders: SPF and DKIM must both be set up (Gmail).
public struct GmailBulkSPFAndDKIMRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "gmail.bulk.spf-and-dkim",
    title: LocalizedText(
      en: "Gmail bulk senders: SPF and DKIM must both be set up",
      de: "Gmail-Massenversender: SPF und DKIM müssen beide eingerichtet sein"),
    rationale: LocalizedText(
      en: """
        Senders of about 5,000 messages a day or more to Gmail must "Set up SPF and DKIM email \
        authentication for your domain"; mail that fails either is temporarily or permanently \
        rejected (4.7.27, 4.7.30).
        """,
      de: """
        Wer etwa 5.000 Mails am Tag oder mehr an Gmail sendet, muss SPF und DKIM für seine \
        Domain einrichten; Mails, bei denen eines fehlschlägt, werden vorübergehend oder \
        dauerhaft abgewiesen (4.7.27, 4.7.30).
        """),
    howToFix: LocalizedText(
      en: """
        Publish one valid SPF record for the envelope domain and a DKIM key (at least 1024-bit \
        RSA, 2048 recommended) for every service that sends.
        """,
      de: """
        Veröffentlichen Sie einen gültigen SPF-Eintrag für die Umschlagdomain und einen \
        DKIM-Schlüssel (RSA mindestens 1024 Bit, empfohlen 2048) für jeden versendenden \
        Dienst.
        """),
    references: [
      ProviderReferences.googleGuidelines,
      ProviderReferences.googleGuidelinesFAQ,
    ],
    severity: .error,
    triggering: [
      RuleExample(zone: ProviderChecks.Zones.spfOnly)
    ],
    nonTriggering: [
      RuleExample(zone: ProviderChecks.Zones.spfAndDKIM)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    ProviderChecks.spfAndDKIMFinding(self, context, provider: "Gmail")
  }
}
