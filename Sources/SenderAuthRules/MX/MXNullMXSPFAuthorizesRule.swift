import DNSLookup
import SenderAuthCore

/// `mx.null-mx-spf-authorizes`: a domain with a null MX (it accepts no mail) whose SPF record
/// still authorizes senders: either it sends mail, which receivers may reject for the null
/// MX (RFC 7505 §4.2), or its SPF should authorize no one.
public struct MXNullMXSPFAuthorizesRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "mx.null-mx-spf-authorizes",
    title: LocalizedText(
      en: "A null-MX domain authorizes senders in SPF",
      de: "Eine Domain mit Null-MX erlaubt per SPF den Mailversand"),
    rationale: LocalizedText(
      en: """
        A null MX says the domain accepts no mail, so nobody can reply or bounce to it. \
        RFC 7505 §4.2 lets receivers reject mail whose sender domain publishes a null MX \
        (550 5.7.27), and Postfix and others do. A domain that sends mail needs real MX \
        hosts; one that sends none should publish 'v=spf1 -all' so that forged mail fails.
        """,
      de: """
        Ein Null-MX sagt, dass die Domain keine Mails annimmt; niemand kann ihr antworten \
        oder Bounces schicken. RFC 7505 §4.2 erlaubt empfangenden Servern, Mails abzulehnen, \
        deren Absenderdomain einen Null-MX veröffentlicht (550 5.7.27), und Postfix und \
        andere tun das. Eine Domain, die Mails versendet, braucht echte MX-Hosts; eine ohne \
        Mailversand sollte 'v=spf1 -all' veröffentlichen, damit gefälschte Mails scheitern.
        """),
    howToFix: LocalizedText(
      en: "If the domain sends mail, replace the null MX with its inbound mail servers; if "
        + "not, publish 'v=spf1 -all'.",
      de: "Versendet die Domain Mails, ersetzen Sie den Null-MX durch ihre eingehenden "
        + "Mailserver; sonst veröffentlichen Sie 'v=spf1 -all'."),
    references: [.rfc(7505, section: "4.2"), .rfc(7208, section: "10.1.2")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ MX 0 .
          @ TXT "v=spf1 include:_spf.google.com ~all"
          """, fixable: true),
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ MX 0 .
          @ TXT "v=spf1 ip4:192.0.2.10 -all"
          """, options: CheckOptions(parked: true), fixable: true),
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ MX 0 .
          @ TXT "v=spf1 -all"
          """),
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ MX 10 mx1
          mx1 A 192.0.2.25
          @ TXT "v=spf1 mx -all"
          """),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard context.mail.isNullMX, let (candidate, parsed) = context.spf.record else { return [] }
    let record = parsed.record
    let authorizing = record.directives.filter { term in
      guard let directive = term.directive else { return false }
      // '+' and '?' let a sender through; '-' and '~' authorize no one.
      return directive.qualifier == .pass || directive.qualifier == .neutral
    }
    guard !authorizing.isEmpty else { return [] }
    let domain = context.domain
    let terms = authorizing.map { "'\($0.text)'" }.joined(separator: ", ")
    let mxTTL = context.mail.mx.answer?.matching.first?.ttl ?? 3600
    let fix =
      context.options.parked
      ? Fix(
        explanation: LocalizedText(
          en: "The domain sends no mail (--parked): let SPF authorize no one.",
          de: "Die Domain versendet keine Mails (--parked): lassen Sie SPF niemanden "
            + "autorisieren."),
        add: [DNSChange(owner: domain, type: .txt, value: "v=spf1 -all")],
        remove: [
          DNSChange(owner: domain, ttl: candidate.record.ttl, type: .txt, value: candidate.text)
        ])
      : Fix(
        explanation: LocalizedText(
          en: "The domain sends mail: replace the null MX with the server that receives its "
            + "mail (replace the placeholder). If it sends none, publish 'v=spf1 -all' instead "
            + "and check with --parked.",
          de: "Die Domain versendet Mails: ersetzen Sie den Null-MX durch den Server, der ihre "
            + "Mails empfängt (ersetzen Sie den Platzhalter). Versendet sie keine, "
            + "veröffentlichen Sie stattdessen 'v=spf1 -all' und prüfen Sie mit --parked."),
        add: [DNSChange(owner: domain, type: .mx, value: "10 <your-inbound-mail-server>.")],
        remove: [DNSChange(owner: domain, ttl: mxTTL, type: .mx, value: "0 .")])
    return [
      finding(
        LocalizedText(
          en: "'\(domain.text)' publishes a null MX (accepts no mail) but its SPF record "
            + "authorizes senders (\(terms)); receivers may reject its mail (5.7.27)",
          de: "'\(domain.text)' veröffentlicht einen Null-MX (nimmt keine Mails an), ihr "
            + "SPF-Eintrag autorisiert aber sendende Server (\(terms)); empfangende Server können "
            + "ihre Mails ablehnen (5.7.27)"),
        at: Location(record: candidate.record, text: candidate.text), fix: fix)
    ]
  }
}
