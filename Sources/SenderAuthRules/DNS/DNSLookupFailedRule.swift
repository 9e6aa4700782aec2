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
        dahinter lässt sich nichts sagen. Empfangende Server mit demselben Fehler werten SPF als \
        temperror und stellen Mails zurück oder lehnen sie ab; scheitert die DMARC-Abfrage, wird \
        keine Richtlinie angewandt.
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

  /// How many failed lookups a message names before it says "and N more".
  static let listed = 3

  /// One finding per cause: the failed lookups grouped by what failed (the error and the
  /// server), each group naming its lookups. Lookups the per-domain deadline cut off are
  /// `dns.deadline-exceeded`'s.
  public func check(_ context: DomainContext) -> [Finding] {
    let failures = context.failures.filter { $0.error != .deadlineExceeded }
    guard !failures.isEmpty else { return [] }
    var groups: [(error: DNSError, lookups: [LookupFailure])] = []
    for failure in failures {
      if let index = groups.firstIndex(where: { $0.error == failure.error }) {
        if !groups[index].lookups.contains(where: {
          $0.name == failure.name && $0.type == failure.type
        }) {
          groups[index].lookups.append(failure)
        }
      } else {
        groups.append((failure.error, [failure]))
      }
    }
    let nothingAnswered = !context.anyLookupAnswered
    return groups.map { group in
      let named = group.lookups.prefix(Self.listed).map {
        "\($0.type.mnemonic) '\($0.name.text)' (\($0.purpose))"
      }.joined(separator: ", ")
      let more = group.lookups.count - min(group.lookups.count, Self.listed)
      let count = group.lookups.count
      let first = group.lookups[0]
      let message: LocalizedText
      if nothingAnswered && groups.count == 1 {
        message = LocalizedText(
          en:
            "Every lookup for '\(context.domain.text)' failed (\(group.error.text.en)), so nothing "
            + "could be checked: \(count) \(count == 1 ? "lookup" : "lookups"), \(named)"
            + (more > 0 ? " and \(more) more" : ""),
          de:
            "Jede Abfrage für '\(context.domain.text)' ist fehlgeschlagen (\(group.error.text.de)), "
            + "daher ließ sich nichts prüfen: \(count) \(count == 1 ? "Abfrage" : "Abfragen"), "
            + named + (more > 0 ? " und \(more) weitere" : ""))
      } else if count == 1 {
        message = LocalizedText(
          en: "Lookup of \(named) failed: \(group.error.text.en)",
          de: "Abfrage von \(named) fehlgeschlagen: \(group.error.text.de)")
      } else {
        message = LocalizedText(
          en: "\(count) lookups failed (\(group.error.text.en)): \(named)"
            + (more > 0 ? " and \(more) more" : ""),
          de: "\(count) Abfragen fehlgeschlagen (\(group.error.text.de)): \(named)"
            + (more > 0 ? " und \(more) weitere" : ""))
      }
      return finding(message, at: Location(name: first.name.text, type: first.type.mnemonic))
    }
  }
}
