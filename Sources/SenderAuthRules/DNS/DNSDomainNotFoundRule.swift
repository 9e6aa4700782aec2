import DNSLookup
import SenderAuthCore

/// `dns.domain-not-found`: the domain itself does not exist (NXDOMAIN), so no record can be
/// published under it and every other finding about it follows from that one fact.
public struct DNSDomainNotFoundRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dns.domain-not-found",
    title: LocalizedText(en: "The domain does not exist", de: "Die Domain existiert nicht"),
    rationale: LocalizedText(
      en: """
        NXDOMAIN is an answer, not a failure: the name servers say that the domain and \
        everything below it do not exist. No SPF, DKIM or DMARC record can be published under \
        it, receivers reject mail from it, and every other problem with the domain follows \
        from this one. The usual causes are a typing mistake, a domain that was never \
        registered or has expired, or a delegation that points at the wrong name servers.
        """,
      de: """
        NXDOMAIN ist eine Antwort, kein Fehler: Die Nameserver sagen, dass es die Domain und alles \
        darunter nicht gibt. Unter ihr lässt sich kein SPF-, DKIM- oder DMARC-Eintrag \
        veröffentlichen, empfangende Server weisen Mails von ihr ab, und jeder andere Befund der \
        Domain folgt aus diesem einen. Übliche Ursachen sind ein Tippfehler, eine nie registrierte \
        oder abgelaufene Domain oder eine Delegierung auf die falschen Nameserver.
        """),
    howToFix: LocalizedText(
      en: """
        Check the spelling first. Then check the registration at the registrar and that the \
        NS records at the parent zone point at the name servers that serve the zone; once the \
        domain resolves, check it again for the records it needs.
        """,
      de: """
        Prüfen Sie zuerst die Schreibweise. Prüfen Sie dann die Registrierung beim Registrar \
        und ob die NS-Einträge in der übergeordneten Zone auf die Nameserver zeigen, die die \
        Zone ausliefern; sobald die Domain auflöst, prüfen Sie sie erneut auf die nötigen \
        Einträge.
        """),
    references: [.rfc(1034, section: "4.3.2"), .rfc(8020, section: "2")],
    severity: .error,
    triggering: [
      RuleExample(
        domain: "typo.example.com",
        zone: """
          $ORIGIN example.com.
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ TXT "v=spf1 -all"
          """)
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ TXT "v=spf1 -all"
          """),
      RuleExample(
        domain: "empty.example.com",
        zone: """
          $ORIGIN example.com.
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          www.empty A 192.0.2.80
          """),
    ])

  /// Whether the domain exists rests on its TXT and MX lookups.
  public var inputs: RuleInputs { [.spfRecord, .mail] }

  public func check(_ context: DomainContext) -> [Finding] {
    guard context.domainMissing else { return [] }
    let domain = context.domain.text
    return [
      finding(
        LocalizedText(
          en: "'\(domain)' does not exist (NXDOMAIN): nothing can be published under it until "
            + "it is registered and delegated",
          de: "'\(domain)' existiert nicht (NXDOMAIN): darunter lässt sich nichts "
            + "veröffentlichen, bis die Domain registriert und delegiert ist"),
        at: Location(name: domain, type: "SOA"))
    ]
  }
}
