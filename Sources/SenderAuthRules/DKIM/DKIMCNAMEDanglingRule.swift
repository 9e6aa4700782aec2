import DNSLookup
import SenderAuthCore

/// `dkim.cname-dangling`: a selector CNAME whose target has no key record.
public struct DKIMCNAMEDanglingRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dkim.cname-dangling",
    title: LocalizedText(
      en: "DKIM selector CNAME points to a name without a key",
      de: "DKIM-Selektor-CNAME zeigt auf einen Namen ohne Schlüssel"),
    rationale: LocalizedText(
      en: """
        Providers publish DKIM keys on their own names and ask for a CNAME from \
        '<selector>._domainkey.<domain>'. When the target does not exist or has no TXT \
        record, signatures with that selector fail. This is exactly how Microsoft 365 looks \
        while DKIM signing for a custom domain is not turned on: 'selector1' and 'selector2' \
        point to the tenant, where no key exists yet. A target that does not exist at all can \
        also be a risk: whoever registers that name can publish a key and sign mail as your \
        domain.
        """,
      de: """
        Versanddienste veröffentlichen DKIM-Schlüssel unter eigenen Namen und verlangen einen \
        CNAME von '<selector>._domainkey.<domain>'. Existiert das Ziel nicht oder hat es keinen \
        TXT-Eintrag, scheitern Signaturen mit diesem Selektor. Genau so sieht Microsoft 365 aus, \
        solange die DKIM-Signatur für eine eigene Domain nicht eingeschaltet ist: 'selector1' \
        und 'selector2' zeigen auf den Mandanten, wo noch kein Schlüssel existiert. Ein Ziel, \
        das gar nicht existiert, kann zudem ein Risiko sein: Wer diesen Namen registriert, kann \
        einen Schlüssel veröffentlichen und im Namen Ihrer Domain signieren.
        """),
    howToFix: LocalizedText(
      en: """
        Microsoft 365: turn on DKIM for the domain in the Defender portal (Email \
        authentication settings, DKIM). Other services: finish the domain setup there so the \
        key is published, or delete the CNAME if the service is no longer used.
        """,
      de: """
        Microsoft 365: Schalten Sie DKIM für die Domain im Defender-Portal ein (Einstellungen für \
        E-Mail-Authentifizierung, DKIM). Andere Versanddienste: Schließen Sie dort die \
        Domain-Einrichtung ab, damit der Schlüssel veröffentlicht wird, oder löschen Sie den \
        CNAME, wenn der Dienst nicht mehr genutzt wird.
        """),
    references: [
      .rfc(6376, section: "3.6.2.1"), .rfc(6376, section: "6.1.2"),
      Reference(
        title: "Microsoft: Use DKIM to validate outbound email from your custom domain",
        url: "https://learn.microsoft.com/defender-office-365/email-authentication-dkim-configure",
        read: "2025-06-19"),
    ],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          "selector1._domainkey IN CNAME selector1-example-com._domainkey.contoso.onmicrosoft.com."
        )),
      RuleExample(
        zone: DKIMRuleSupport.zone("mte1._domainkey IN CNAME dkim1.mandrillapp.com."),
        fixable: true),
      RuleExample(
        zone: DKIMRuleSupport.zone(
          "s1._domainkey IN CNAME s1.keys", "s1.keys IN A 192.0.2.1")),
    ],
    nonTriggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          "s1._domainkey IN CNAME s1.keys",
          "s1.keys IN TXT \(RuleExample.txtData("v=DKIM1; p=\(DKIMRuleSupport.Keys.rsa2048)"))")),
      RuleExample(zone: DKIMRuleSupport.zone()),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    context.dkim.selectors.compactMap { selector in
      guard selector.status == .danglingCNAME, let last = selector.cnameChain.last,
        let first = selector.cnameChain.first
      else { return nil }
      let name = DKIMRuleSupport.quotedName(selector)
      let target = "'\(last.target.text)'"
      let missing = selector.targetStatus == .nxdomain
      let why = LocalizedText(
        en: missing ? "does not exist" : "has no TXT record",
        de: missing ? "existiert nicht" : "hat keinen TXT-Eintrag")
      let severity: Severity = selector.source == .given ? .error : .warning
      if let microsoft = selector.microsoft365Target {
        return finding(
          LocalizedText(
            en: """
              \(name) is a CNAME to the Microsoft 365 tenant '\(microsoft.tenant)', but \
              \(target) \(why.en): DKIM signing for '\(context.domain.text)' is not turned on \
              in Microsoft 365
              """,
            de: """
              \(name) ist ein CNAME zum Microsoft-365-Mandanten '\(microsoft.tenant)', aber \
              \(target) \(why.de): die DKIM-Signatur für '\(context.domain.text)' ist in \
              Microsoft 365 nicht eingeschaltet
              """),
          at: last.location,
          fix: Fix(
            explanation: LocalizedText(
              en: """
                Keep the CNAME; turn on DKIM for the domain in the Microsoft Defender portal \
                (Email authentication settings, DKIM), which publishes the key at the target
                """,
              de: """
                Behalten Sie den CNAME; schalten Sie DKIM für die Domain im \
                Microsoft-Defender-Portal ein (Einstellungen für E-Mail-Authentifizierung, DKIM); \
                Microsoft 365 veröffentlicht dann den Schlüssel am Ziel
                """)),
          severity: severity)
      }
      let message = LocalizedText(
        en: "\(name) is a CNAME to \(target), which \(why.en): signatures with it fail",
        de: "\(name) ist ein CNAME auf \(target), das \(why.de): Signaturen damit scheitern")
      // Into the zone of a sending service known to be in use (it sent the message, or
      // `--esp` names it), not only through this CNAME: the service publishes the key once the
      // domain is set up there, so the CNAME stays (deleting it is no fix).
      if let esp = ESPAnalysis.applying(context).first(where: {
        ($0.sentMessage || $0.named) && $0.esp.owns(last.target)
      })?.esp {
        return finding(
          message, at: last.location,
          fix: Fix(
            explanation: LocalizedText(
              en:
                "Keep the CNAME; finish the domain's setup at \(esp.name) (\(esp.whereToFind.en)), "
                + "which publishes the key at the target",
              de:
                "Behalten Sie den CNAME; schließen Sie die Einrichtung der Domain bei \(esp.name) "
                + "ab (\(esp.whereToFind.de)); \(esp.name) veröffentlicht dann den Schlüssel am Ziel"
            )),
          severity: severity)
      }
      return finding(
        message,
        at: last.location,
        fix: Fix(
          explanation: LocalizedText(
            en: """
              Finish the DKIM setup at the service the CNAME points to; if that service is no \
              longer used, delete the CNAME
              """,
            de: """
              Schließen Sie die DKIM-Einrichtung bei dem Dienst ab, auf den der CNAME zeigt; \
              wird der Dienst nicht mehr genutzt, löschen Sie den CNAME
              """),
          remove: [
            DNSChange(
              owner: first.name, ttl: first.ttl, type: .cname, value: first.target.absolute)
          ]),
        severity: severity)
    }
  }
}
