import DNSLookup
import SenderAuthCore

/// `spf.mx-too-many`: an `mx` term names a domain with more than 10 MX hosts, so the term
/// gives `permerror` (RFC 7208 §4.6.4).
public struct SPFMXTooManyRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "spf.mx-too-many",
    title: LocalizedText(
      en: "SPF 'mx' with more than 10 hosts", de: "SPF-'mx' mit mehr als 10 Hosts"),
    rationale: LocalizedText(
      en: "Evaluating an 'mx' term must not look up more than 10 MX hosts' addresses; if the "
        + "domain has more MX records, the 'mx' term gives 'permerror' (RFC 7208 §4.6.4). The "
        + "address lookups of the hosts do not count toward the limit of 10 DNS lookups, the "
        + "'mx' term itself counts once.",
      de: "Bei der Auswertung eines 'mx'-Mechanismus dürfen höchstens 10 MX-Hosts nachgeschlagen "
        + "werden; hat die Domain mehr MX-Einträge, liefert der 'mx'-Mechanismus 'permerror' "
        + "(RFC 7208 §4.6.4). Die Adressabfragen der Hosts zählen nicht zur Grenze von 10 "
        + "DNS-Abfragen, der 'mx'-Mechanismus selbst zählt einmal."),
    howToFix: LocalizedText(
      en: "List the sending servers with 'ip4:'/'ip6:' or 'a:' terms instead of 'mx'.",
      de: "Führen Sie die sendenden Server mit 'ip4:'/'ip6:'- oder 'a:'-Termen statt 'mx' auf."),
    references: [SPFRuleSupport.rfc("4.6.4"), SPFRuleSupport.rfc("5.4")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: #"@ 3600 IN TXT "v=spf1 mx -all""# + "\n"
          + (1...11).map { "@ 3600 IN MX 10 mx\($0).example.com." }.joined(separator: "\n"))
    ],
    nonTriggering: [
      RuleExample(
        zone: #"@ 3600 IN TXT "v=spf1 mx -all""# + "\n"
          + (1...10).map { "@ 3600 IN MX 10 mx\($0).example.com." }.joined(separator: "\n"))
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let tree = context.spf.tree else { return [] }
    return tree.terms(with: .mxTooMany).map { node, term in
      let hosts = term.mxHosts ?? 0
      let target = term.target ?? node.domain
      return finding(
        LocalizedText(
          en: "'\(term.text)' of '\(node.domain)': '\(target)' has \(hosts) MX hosts; more than "
            + "10 make the term permerror",
          de: "'\(term.text)' von '\(node.domain)': '\(target)' hat \(hosts) MX-Hosts; mehr als "
            + "10 machen die SPF-Prüfung zu 'permerror'"),
        at: SPFRuleSupport.location(node, term))
    }
  }
}
