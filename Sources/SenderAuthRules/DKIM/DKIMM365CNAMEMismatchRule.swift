import DNSLookup
import SenderAuthCore

/// `dkim.m365-cname-mismatch`: a Microsoft 365 DKIM CNAME that names another domain's key.
public struct DKIMM365CNAMEMismatchRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dkim.m365-cname-mismatch",
    title: LocalizedText(
      en: "Microsoft 365 DKIM CNAME points to another domain's key",
      de: "Microsoft-365-DKIM-CNAME zeigt auf den Schlüssel einer anderen Domain"),
    rationale: LocalizedText(
      en: """
        Microsoft 365 signs mail for a custom domain with the key it publishes at \
        'selector1-<domain-with-dashes>._domainkey.<tenant>' (or selector2-…). The CNAME at \
        'selector1._domainkey.<domain>' must name exactly that domain. A CNAME copied from \
        another domain of the tenant leads verifiers to the other domain's key, and every \
        signature fails.
        """,
      de: """
        Microsoft 365 signiert Mails einer eigenen Domain mit dem Schlüssel, den es unter \
        'selector1-<domain-mit-bindestrichen>._domainkey.<mandant>' (oder selector2-…) \
        veröffentlicht. Der CNAME unter 'selector1._domainkey.<domain>' muss genau diese Domain \
        nennen. Ein von einer anderen Domain des Mandanten kopierter CNAME führt empfangende \
        Server zum Schlüssel der anderen Domain, und jede Signatur scheitert.
        """),
    howToFix: LocalizedText(
      en: """
        Copy both CNAME values for this domain from the Microsoft Defender portal (Email \
        authentication settings, DKIM) and replace the records.
        """,
      de: """
        Kopieren Sie beide CNAME-Werte für diese Domain aus dem Microsoft Defender-Portal \
        (Einstellungen für E-Mail-Authentifizierung, DKIM) und ersetzen Sie die Einträge.
        """),
    references: [
      Reference(
        title: "Microsoft: Use DKIM to validate outbound email from your custom domain",
        url: "https://learn.microsoft.com/defender-office-365/email-authentication-dkim-configure",
        read: "2025-06-19"),
      .rfc(6376, section: "3.6.2.1"),
    ],
    severity: .error,
    triggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          "selector1._domainkey IN CNAME selector1-fabrikam-com._domainkey.contoso.onmicrosoft.com."
        ),
        fixable: true)
    ],
    nonTriggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          "selector1._domainkey IN CNAME selector1-example-com._domainkey.contoso.onmicrosoft.com."
        ))
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    // Made when a selector points to Microsoft 365 (few do), not for every domain.
    lazy var expected = DKIMSelectors.dashed(context.domain)
    return context.dkim.selectors.compactMap { selector in
      guard let target = selector.microsoft365Target,
        let hop = selector.cnameChain.first(where: {
          DKIMSelectors.microsoft365Target($0.target) != nil
        }),
        Self.comparable(target.dashedDomain) != Self.comparable(expected)
      else { return nil }
      let name = DKIMRuleSupport.quotedName(selector)
      let corrected = DomainName(
        validatedLabels: ["\(target.selector)-\(expected)"] + hop.target.labels.dropFirst())
      return finding(
        LocalizedText(
          en: """
            \(name) points to the Microsoft 365 key of '\(target.dashedDomain)', not of \
            '\(context.domain.text)' ('\(target.selector)-\(expected)')
            """,
          de: """
            \(name) zeigt auf den Microsoft-365-Schlüssel von '\(target.dashedDomain)', nicht \
            auf den von '\(context.domain.text)' ('\(target.selector)-\(expected)')
            """),
        at: hop.location,
        fix: Fix(
          explanation: LocalizedText(
            en: """
              Point the CNAME at this domain's key; check the value against the Defender portal
              """,
            de: """
              Lassen Sie den CNAME auf den Schlüssel dieser Domain zeigen; prüfen Sie den Wert \
              im Defender-Portal
              """),
          add: [
            DNSChange(owner: hop.name, ttl: hop.ttl, type: .cname, value: corrected.absolute)
          ],
          remove: [
            DNSChange(owner: hop.name, ttl: hop.ttl, type: .cname, value: hop.target.absolute)
          ]))
    }
  }

  /// The dashed name without its dashes: Microsoft's handling of hyphens inside a domain
  /// label is not documented, so only the letters and digits are compared.
  static func comparable(_ dashed: String) -> String {
    String(dashed.filter { $0 != "-" })
  }
}
