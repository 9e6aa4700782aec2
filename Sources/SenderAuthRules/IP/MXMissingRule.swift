import DNSLookup
import SenderAuthCore

/// `mx.missing`: the From domain has neither MX nor A/AAAA records, so receivers that check
/// the sender domain (GMX/WEB.DE, Orange) refuse its mail. A null MX (RFC 7505) is a
/// deliberate "no mail" and is left to `parked.not-locked-down`.
public struct MXMissingRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "mx.missing",
    title: LocalizedText(
      en: "The domain has no MX and no address record",
      de: "Die Domain hat weder MX- noch Adresseintrag"),
    rationale: LocalizedText(
      en: """
        GMX/WEB.DE and Orange require that "the domain must have valid MX or A resource \
        records": a From domain nobody can reply to or bounce to looks forged. RFC 5321 §5.1 \
        falls back to the address record when there is no MX; with neither, replies and \
        bounces to the domain are impossible.
        """,
      de: """
        GMX/WEB.DE und Orange verlangen gültige MX- oder A-Einträge für die Domain: eine \
        From-Domain, an die niemand antworten oder Bounces schicken kann, wirkt gefälscht. \
        RFC 5321 §5.1 greift ohne MX auf den Adresseintrag zurück; fehlen beide, sind \
        Antworten und Bounces an die Domain unmöglich.
        """),
    howToFix: LocalizedText(
      en: """
        Publish MX records for the servers that receive the domain's mail. If the domain sends \
        no mail at all, check it with --parked and publish the lock-down records instead.
        """,
      de: """
        Veröffentlichen Sie MX-Einträge für die Server, die Mails der Domain empfangen. \
        Versendet die Domain gar keine Mails, prüfen Sie sie mit --parked und veröffentlichen \
        Sie stattdessen die Sperr-Einträge.
        """),
    references: [
      .rfc(5321, section: "5.1"), .rfc(7505, section: "3"),
      MailboxProvider.UnitedInternetPages.webDERequirements,
    ],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ TXT "v=spf1 include:_spf.google.com ~all"
          """)
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ MX 10 mx1
          mx1 A 192.0.2.25
          """),
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ MX 0 .
          """),
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ A 192.0.2.80
          """),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    let mail = context.mail
    guard !context.options.parked, !mail.isNullMX,
      let mx = mail.mx.answer, let a = mail.a.answer, let aaaa = mail.aaaa.answer,
      mx.mxHosts.isEmpty, a.addresses.isEmpty, aaaa.addresses.isEmpty
    else { return [] }
    // A domain that authorizes no one and signs nothing is parked, not broken.
    if ParkedNotLockedDownRule.looksParked(context) { return [] }
    return [
      finding(
        LocalizedText(
          en: "'\(context.domain.text)' has no MX and no A/AAAA record: replies and bounces "
            + "cannot reach it, and GMX/WEB.DE and Orange reject mail from it",
          de: "'\(context.domain.text)' hat weder MX- noch A/AAAA-Eintrag: Antworten und Bounces "
            + "erreichen sie nicht, und GMX/WEB.DE und Orange lehnen Mails von ihr ab"),
        at: Location(name: context.domain.text, type: "MX"),
        fix: Fix(
          explanation: LocalizedText(
            en: "Point MX at the server that receives this domain's mail (replace the "
              + "placeholder with its host name).",
            de: "Lassen Sie MX auf den Server zeigen, der die Mails dieser Domain empfängt "
              + "(ersetzen Sie den Platzhalter durch dessen Hostnamen)."),
          add: [
            DNSChange(
              owner: context.domain, type: .mx, value: "10 <your-inbound-mail-server>.",
              note: LocalizedText(
                en: "the host name of the server that receives this domain's mail (your mail "
                  + "provider's setup page gives it)",
                de: "der Hostname des Servers, der die Mails dieser Domain empfängt (steht auf der "
                  + "Einrichtungsseite Ihres Mailanbieters)"))
          ]))
    ]
  }
}
