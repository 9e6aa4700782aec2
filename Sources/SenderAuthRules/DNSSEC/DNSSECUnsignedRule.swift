import DNSLookup
import SenderAuthCore

/// `dnssec.unsigned`: the domain's zone is not signed (or its parent is not), so its answers
/// are not protected and DANE is impossible.
public struct DNSSECUnsignedRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dnssec.unsigned",
    title: LocalizedText(
      en: "The domain is not signed with DNSSEC", de: "Die Domain ist nicht mit DNSSEC signiert"),
    rationale: LocalizedText(
      en: """
        Without DNSSEC a resolver cannot tell a forged answer from a real one: an attacker \
        who can spoof DNS can replace the SPF, DKIM and DMARC records or the MX hosts of the \
        domain. DNSSEC is also the base of DANE (RFC 7672), the other way besides MTA-STS to \
        require authenticated TLS for incoming mail. Most DNS hosts sign with one switch; \
        the DS record then goes to the registrar.
        """,
      de: """
        Ohne DNSSEC kann ein Resolver eine gefälschte Antwort nicht von einer echten \
        unterscheiden: wer DNS-Antworten fälschen kann, kann die SPF-, DKIM- und \
        DMARC-Einträge oder die MX-Hosts der Domain ersetzen. DNSSEC ist außerdem die \
        Grundlage von DANE (RFC 7672), neben MTA-STS dem anderen Weg, authentifiziertes TLS \
        für eingehende Mails zu verlangen. Die meisten DNS-Anbieter signieren per Schalter; \
        der DS-Eintrag geht danach an den Registrar.
        """),
    howToFix: LocalizedText(
      en: "Turn on DNSSEC signing at the DNS host, then publish its DS record at the registrar.",
      de: "Schalten Sie beim DNS-Anbieter die DNSSEC-Signierung ein und veröffentlichen Sie "
        + "danach dessen DS-Eintrag beim Registrar."),
    references: [.rfc(4033, section: "3"), .rfc(7672, section: "1.3")],
    severity: .note,
    triggering: [
      RuleExample(zone: DNSSECRuleSupport.zone(), validation: ["example.com": .insecure])
    ],
    nonTriggering: [
      RuleExample(
        zone: DNSSECRuleSupport.zone(DNSSECRuleSupport.key), validation: ["example.com": .secure]),
      RuleExample(zone: DNSSECRuleSupport.zone()),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let apex = context.dnssec.apex else { return [] }
    let message: LocalizedText
    switch context.dnssec.status {
    case .insecure(.unsigned):
      message = LocalizedText(
        en: "Zone '\(apex.text)' is not signed with DNSSEC: its answers can be forged and DANE "
          + "is impossible",
        de: "Die Zone '\(apex.text)' ist nicht mit DNSSEC signiert: ihre Antworten lassen sich "
          + "fälschen, und DANE ist unmöglich")
    case .insecure(.parentInsecure):
      message = LocalizedText(
        en: "Zone '\(apex.text)' has DS records, but no chain of trust reaches its parent "
          + "zone: validators treat it as unsigned",
        de: "Die Zone '\(apex.text)' hat DS-Einträge, aber keine Vertrauenskette erreicht ihre "
          + "übergeordnete Zone: Validatoren behandeln sie als unsigniert")
    default:
      return []
    }
    return [finding(message, at: Location(name: apex.text, type: "DNSKEY"))]
  }
}
