import DNSLookup
import SenderAuthCore

/// `mta-sts.missing`: the domain receives mail (it has MX hosts) but publishes no MTA-STS
/// record, so senders cannot require authenticated TLS to its MX hosts.
public struct MTASTSMissingRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "mta-sts.missing",
    title: LocalizedText(en: "No MTA-STS", de: "Kein MTA-STS"),
    rationale: LocalizedText(
      en: """
        Without MTA-STS (or DANE) senders use STARTTLS opportunistically: an attacker on the \
        path can strip it or present any certificate, and mail to the domain travels in \
        plain text or to the wrong server. MTA-STS lets the domain require TLS with a valid \
        certificate for its MX hosts (RFC 8461 §1); Gmail, Microsoft 365 and Yahoo honour it.
        """,
      de: """
        Ohne MTA-STS (oder DANE) nutzen sendende Mailserver STARTTLS nur opportunistisch: ein Angreifer \
        auf dem Weg kann es unterdrücken oder ein beliebiges Zertifikat vorlegen, und Mails an \
        die Domain gehen unverschlüsselt oder an den falschen Server. Mit MTA-STS verlangt die \
        Domain TLS mit gültigem Zertifikat für ihre MX-Hosts (RFC 8461 §1); Gmail, \
        Microsoft 365 und Yahoo beachten es.
        """),
    howToFix: LocalizedText(
      en: """
        Serve a policy in mode testing at https://mta-sts.<domain>/.well-known/mta-sts.txt, \
        publish the _mta-sts record and a TLS-RPT record, and move to mode enforce once the \
        reports are clean.
        """,
      de: """
        Liefern Sie eine Richtlinie mit mode testing unter \
        https://mta-sts.<Domain>/.well-known/mta-sts.txt aus, veröffentlichen Sie den \
        _mta-sts-Eintrag und einen TLS-RPT-Eintrag und wechseln Sie zu mode enforce, sobald \
        die Berichte fehlerfrei sind.
        """),
    references: [MTASTSRuleSupport.rfc8461("1"), MTASTSRuleSupport.rfc8461("3")],
    severity: .note,
    triggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ MX 10 mx1
          mx1 A 192.0.2.25
          """)
    ],
    nonTriggering: [
      RuleExample(zone: MTASTSRuleSupport.zone()),
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ MX 0 .
          """),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard !context.options.parked, let hosts = MTASTSRuleSupport.mxHosts(context),
      !hosts.isEmpty, context.mtaSTS.txt?.answer != nil,
      context.mtaSTS.records.isEmpty, let owner = context.mtaSTS.recordName
    else { return [] }
    let policy = MTASTSPolicy.text(
      mode: .testing, mx: hosts.map(\.text), maxAge: 604_800)
    let domain = context.domain.text
    let url = "https://mta-sts.\(domain)/.well-known/mta-sts.txt"
    let proposal = MTASTSRuleSupport.proposal(policy)
    let shown = proposal.shown
    let record = "'\(owner.absolute) TXT \"v=STSv1; id=\(proposal.id)\"'"
    // Each text is one interpolation (every domain with MX hosts and no MTA-STS gets this
    // note: the same texts joined by `+` took 47 appends, 27k instructions a domain).
    return [
      finding(
        LocalizedText(
          en: """
            '\(domain)' receives mail but publishes no MTA-STS policy; senders cannot require \
            authenticated TLS to its MX hosts
            """,
          de: """
            '\(domain)' empfängt Mails, veröffentlicht aber keine MTA-STS-Richtlinie; sendende \
            Mailserver können kein authentifiziertes TLS zu ihren MX-Hosts verlangen
            """),
        at: Location(name: owner.text, type: "TXT"),
        fix: Fix(
          explanation: LocalizedText(
            en: """
              First serve this policy at '\(url)' (a certificate for 'mta-sts.\(domain)', \
              text/plain): '\(shown)'. Then publish \(record) and change its id whenever the \
              policy changes; publishing the record before the policy is served only makes \
              senders fail to fetch it. Add a TLS-RPT record too, so you see what testing finds.
              """,
            de: """
              Liefern Sie zuerst diese Richtlinie unter '\(url)' aus (Zertifikat für \
              'mta-sts.\(domain)', text/plain): '\(shown)'. Veröffentlichen Sie danach \
              \(record) und ändern Sie die id bei jeder Änderung der Richtlinie; ein Eintrag \
              ohne bereitgestellte Richtlinie lässt sendende Mailserver nur beim Abruf \
              scheitern. Ergänzen Sie auch einen TLS-RPT-Eintrag, damit Sie sehen, was der \
              Testbetrieb findet.
              """)))
    ]
  }
}
