import DNSLookup
import SenderAuthCore

/// `dns.lookup-failed`: a query got no answer (timeout, SERVFAIL, REFUSED, network), so what
/// depends on it cannot be judged. Never reported as "record missing".
public struct DNSLookupFailedRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dns.lookup-failed",
    title: LocalizedText(
      en: "A DNS lookup failed", de: "Eine DNS-Abfrage ist fehlgeschlagen"),
    rationale: LocalizedText(
      en: """
        A timeout, SERVFAIL or REFUSED is not an answer: nothing can be said about the records \
        behind it. Receivers that hit the same failure treat SPF as temperror and may defer or \
        reject mail; a failing DMARC lookup means no policy is applied.
        """,
      de: """
        Eine Zeitüberschreitung, SERVFAIL oder REFUSED ist keine Antwort: über die Einträge \
        dahinter lässt sich nichts sagen. Empfänger mit demselben Fehler werten SPF als \
        temperror und stellen Mails zurück oder lehnen sie ab; scheitert die DMARC-Abfrage, \
        wird keine Richtlinie angewandt.
        """),
    howToFix: LocalizedText(
      en: """
        Check that every authoritative name server of the zone answers (for example with \
        'senderauth check DOMAIN --authoritative' or 'dig @server NAME TYPE'), then check again.
        """,
      de: """
        Prüfen Sie, ob alle autoritativen Nameserver der Zone antworten (etwa mit \
        'senderauth check DOMAIN --authoritative' oder 'dig @server NAME TYPE'), und prüfen \
        Sie dann erneut.
        """),
    references: [.rfc(7208, section: "2.6.6"), .rfc(9989, section: "4.10")],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ TXT "v=spf1 -all"
          """, failing: ["_dmarc.example.com"])
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ TXT "v=spf1 -all"
          """)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    var seen: Set<String> = []
    // Lookups the per-domain deadline cut off are dns.deadline-exceeded's.
    return context.failures.filter { $0.error != DeadlineResolver.expired }.compactMap {
      failure in
      let key = "\(failure.name.text) \(failure.type.mnemonic)"
      guard seen.insert(key).inserted else { return nil }
      return finding(
        LocalizedText(
          en: "Lookup of \(failure.type.mnemonic) '\(failure.name.text)' (\(failure.purpose)) "
            + "failed: \(failure.error)",
          de: "Abfrage von \(failure.type.mnemonic) '\(failure.name.text)' (\(failure.purpose)) "
            + "fehlgeschlagen: \(failure.error)"),
        at: Location(name: failure.name.text, type: failure.type.mnemonic))
    }
  }
}
