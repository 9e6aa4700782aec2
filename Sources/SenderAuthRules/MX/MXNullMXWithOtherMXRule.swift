import DNSLookup
import SenderAuthCore

/// `mx.null-mx-with-other-mx`: a null MX next to other MX records (RFC 7505 §3: "A domain
/// that advertises a null MX MUST NOT advertise any other MX RR").
public struct MXNullMXWithOtherMXRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "mx.null-mx-with-other-mx",
    title: LocalizedText(
      en: "A null MX next to other MX records", de: "Ein Null-MX neben anderen MX-Einträgen"),
    rationale: LocalizedText(
      en: """
        A null MX ('MX 0 .') says the domain accepts no mail; RFC 7505 §3 forbids any other \
        MX record beside it. With both, senders disagree: some bounce mail at once as \
        undeliverable (5.1.10), others try the other hosts, and receivers that check sender \
        domains may reject the domain's own mail (5.7.27).
        """,
      de: """
        Ein Null-MX ('MX 0 .') sagt, dass die Domain keine Mails annimmt; RFC 7505 §3 \
        verbietet jeden weiteren MX-Eintrag daneben. Mit beiden verhalten sich sendende Mailserver \
        unterschiedlich: manche weisen Mails sofort als unzustellbar ab (5.1.10), andere \
        versuchen die übrigen Hosts, und empfangende Server, die Absenderdomains prüfen, \
        können die Mails der Domain selbst ablehnen (5.7.27).
        """),
    howToFix: LocalizedText(
      en: "If the domain receives mail, remove the null MX; if not, remove the other MX "
        + "records.",
      de: "Empfängt die Domain Mails, entfernen Sie den Null-MX; sonst entfernen Sie die "
        + "anderen MX-Einträge."),
    references: [.rfc(7505, section: "3"), .rfc(7505, section: "4.1")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ MX 0 .
          @ MX 10 mx1
          mx1 A 192.0.2.25
          """, fixable: true)
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ MX 0 .
          """),
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ MX 10 mx1
          mx1 A 192.0.2.25
          """),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    let mail = context.mail
    guard mail.declaresNoMail, !mail.mailExchangers.isEmpty else { return [] }
    let hosts = mail.mailExchangers.map { "'\($0.text)'" }.joined(separator: ", ")
    let domain = context.domain
    let parked = context.options.parked
    let ttl = mail.mx.answer?.matching.first?.ttl ?? 3600
    let fix =
      parked
      ? Fix(
        explanation: LocalizedText(
          en: "The domain sends and receives no mail (--parked): remove the other MX records.",
          de: "Die Domain sendet und empfängt keine Mails (--parked): entfernen Sie die anderen "
            + "MX-Einträge."),
        remove: (mail.mx.answer?.mxHosts ?? []).filter { !$0.exchange.isRoot }.map {
          DNSChange(
            owner: domain, ttl: ttl, type: .mx, value: "\($0.preference) \($0.exchange.absolute)")
        })
      : Fix(
        explanation: LocalizedText(
          en: "The domain has mail hosts: remove the null MX. If it should accept no mail, "
            + "remove the other MX records instead.",
          de: "Die Domain hat Mailserver: entfernen Sie den Null-MX. Soll sie keine Mails "
            + "annehmen, entfernen Sie stattdessen die anderen MX-Einträge."),
        remove: mail.nullMXRecords.map {
          DNSChange(owner: domain, ttl: ttl, type: .mx, value: "\($0) .")
        })
    return [
      finding(
        LocalizedText(
          en: "'\(domain.text)' publishes a null MX and the MX hosts \(hosts); senders and "
            + "receivers disagree on whether it takes mail",
          de:
            "'\(domain.text)' veröffentlicht einen Null-MX und die MX-Hosts \(hosts); sendende Mailserver "
            + "und empfangende Server sind uneins, ob sie Mails annimmt"),
        at: Location(name: domain.text, type: "MX"), fix: fix)
    ]
  }
}
