import DNSLookup
import SenderAuthCore

/// `dns.deadline-exceeded`: the per-domain deadline (`--deadline`) ran out before every lookup
/// was answered, so the verdicts that rest on the missing answers could not be reached.
public struct DNSDeadlineExceededRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dns.deadline-exceeded",
    title: LocalizedText(
      en: "The check ran out of time", de: "Die Prüfung hat ihr Zeitlimit überschritten"),
    rationale: LocalizedText(
      en: """
        Each domain gets a fixed time ('--deadline', 30 seconds unless set) so that one slow or \
        hostile zone cannot hold up a run over many domains. Lookups still unanswered when the \
        time is up are abandoned: nothing can be said about the records behind them, and they \
        are never reported as missing. Slow name servers delay mail as well: receivers give up \
        on SPF and DMARC lookups after about 20 seconds (RFC 7208 §4.6.4).
        """,
      de: """
        Jede Domain bekommt eine feste Zeit ('--deadline', 30 Sekunden, wenn nicht anders \
        angegeben), damit eine langsame oder feindselige Zone einen Lauf über viele Domains nicht \
        aufhält. Abfragen, die bis dahin unbeantwortet sind, werden aufgegeben: über die Einträge \
        dahinter lässt sich nichts sagen, und sie gelten nie als fehlend. Langsame Nameserver \
        verzögern auch die Zustellung: empfangende Server brechen SPF- und DMARC-Abfragen nach \
        etwa 20 Sekunden ab (RFC 7208 §4.6.4).
        """),
    howToFix: LocalizedText(
      en: """
        Check that the zone's name servers answer quickly (for example with 'dig @server NAME \
        TYPE'), then check again, with a longer '--deadline SECONDS' if the servers are far away.
        """,
      de: """
        Prüfen Sie, ob die Nameserver der Zone zügig antworten (etwa mit 'dig @server NAME \
        TYPE'), und prüfen Sie dann erneut, bei weit entfernten Servern mit einem längeren \
        '--deadline SEKUNDEN'.
        """),
    references: [.rfc(7208, section: "4.6.4"), .rfc(9989, section: "4.10")],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ TXT "v=spf1 -all"
          """, expired: ["_dmarc.example.com"])
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ TXT "v=spf1 -all"
          """)
    ])

  /// How many unanswered lookups a message names before it says "and N more".
  static let listed = 3

  public func check(_ context: DomainContext) -> [Finding] {
    var seen: Set<String> = []
    let expired = context.failures.filter { $0.error == DNSError.deadlineExceeded }.compactMap {
      failure -> String? in
      let text = "\(failure.type.mnemonic) '\(failure.name.text)'"
      return seen.insert(text).inserted ? text : nil
    }
    guard !expired.isEmpty else { return [] }
    let named = expired.prefix(Self.listed).joined(separator: ", ")
    let more = expired.count - min(expired.count, Self.listed)
    let domain = context.domain.text
    let message: LocalizedText
    if more > 0 {
      message = LocalizedText(
        en: "Checking '\(domain)' ran out of time with \(expired.count) lookups unanswered: "
          + "\(named) and \(more) more",
        de: "Die Prüfung von '\(domain)' hat das Zeitlimit überschritten, \(expired.count) "
          + "Abfragen blieben unbeantwortet: \(named) und \(more) weitere")
    } else {
      message = LocalizedText(
        en:
          "Checking '\(domain)' ran out of time with \(expired.count) \(expired.count == 1 ? "lookup" : "lookups") unanswered: \(named)",
        de: "Die Prüfung von '\(domain)' hat das Zeitlimit überschritten, unbeantwortet "
          + "\(expired.count == 1 ? "blieb" : "blieben"): \(named)")
    }
    return [finding(message)]
  }
}
