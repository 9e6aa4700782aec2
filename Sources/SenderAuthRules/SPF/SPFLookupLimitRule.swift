import DNSLookup
import SenderAuthCore

/// `spf.lookup-limit`: the worst case of the record's include/redirect tree needs more than 10
/// DNS-querying terms, so receivers return `permerror` (RFC 7208 §4.6.4).
public struct SPFLookupLimitRule: Rule {
  public init() {}

  public static let limit = 10

  public let description = RuleDescription(
    id: "spf.lookup-limit",
    title: LocalizedText(en: "Too many SPF DNS lookups", de: "Zu viele SPF-DNS-Abfragen"),
    rationale: LocalizedText(
      en: "Receivers stop an SPF check with 'permerror' once it would evaluate more than 10 "
        + "terms that query DNS: include, a, mx, ptr, exists and redirect, counted through every "
        + "include and redirect, an include that appears twice counted twice (RFC 7208 §4.6.4). "
        + "ip4, ip6, all and exp do not count. The count here is the worst case, when no term "
        + "matches: every server not listed, and every listed server whose term comes late, "
        + "gets 'permerror' instead of a result.",
      de: "Empfangende Server brechen eine SPF-Prüfung mit 'permerror' ab, sobald sie mehr als 10 "
        + "auswerten müssten, die DNS abfragen: include, a, mx, ptr, exists und redirect, gezählt "
        + "durch alle include und redirect hindurch, ein doppelt eingebundenes include doppelt "
        + "(RFC 7208 §4.6.4). ip4, ip6, all und exp zählen nicht. Gezählt wird hier der "
        + "ungünstigste Fall, in dem kein Mechanismus passt: jeder nicht aufgeführte Server und "
        + "jeder aufgeführte, dessen Mechanismus spät kommt, erhält 'permerror' statt eines "
        + "Ergebnisses."),
    howToFix: LocalizedText(
      en: "Remove includes of services you no longer use, replace 'a' and 'mx' by 'ip4:'/'ip6:' "
        + "where the addresses are stable, drop 'ptr', and ask providers for a combined "
        + "include; flattening includes into addresses works but must be kept current.",
      de: "Entfernen Sie include-Mechanismen nicht mehr genutzter Versanddienste, ersetzen Sie "
        + "'a' und 'mx' durch 'ip4:'/'ip6:', wo die Adressen fest sind, streichen Sie 'ptr' und "
        + "fragen Sie Anbieter nach einem gemeinsamen include; include-Mechanismen in Adressen "
        + "aufzulösen hilft, muss aber aktuell gehalten werden."),
    references: [SPFRuleSupport.rfc("4.6.4")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: """
          @     3600 IN TXT "v=spf1 include:_s1.example.com include:_s2.example.com include:_s3.example.com include:_s4.example.com ~all"
          _s1   3600 IN TXT "v=spf1 a:mail.example.com a:mx.example.com -all"
          _s2   3600 IN TXT "v=spf1 a:mail.example.com a:mx.example.com -all"
          _s3   3600 IN TXT "v=spf1 a:mail.example.com a:mx.example.com -all"
          _s4   3600 IN TXT "v=spf1 a:mail.example.com a:mx.example.com -all"
          mail  3600 IN A   192.0.2.25
          mx    3600 IN A   192.0.2.26
          """)
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @     3600 IN TXT "v=spf1 include:_s1.example.com include:_s2.example.com include:_s3.example.com ~all"
          _s1   3600 IN TXT "v=spf1 a:mail.example.com a:mx.example.com -all"
          _s2   3600 IN TXT "v=spf1 a:mail.example.com a:mx.example.com -all"
          _s3   3600 IN TXT "v=spf1 a:mail.example.com a:mx.example.com ip4:192.0.2.0/24 -all"
          mail  3600 IN A   192.0.2.25
          mx    3600 IN A   192.0.2.26
          """)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let tree = context.spf.tree, tree.lookups > Self.limit,
      let candidate = context.spf.candidates.first
    else { return [] }
    // The top-level term with which the running count passes the limit.
    var running = 0
    var crossing: SPFLookupTree.Term?
    for term in tree.root.terms {
      running += term.totalLookups
      if running > Self.limit {
        crossing = term
        break
      }
    }
    let span = crossing.map { Location.Span(offset: $0.offset, length: $0.length) }
    let heavy = tree.root.terms.filter { $0.totalLookups > 0 }.map {
      "'\($0.text)' \($0.totalLookups)"
    }.joined(separator: ", ")
    let at = crossing.map { " (the 11th comes with '\($0.text)')" } ?? ""
    let atDE = crossing.map { " (die 11. kommt mit '\($0.text)')" } ?? ""
    return [
      finding(
        LocalizedText(
          en: "SPF record of '\(tree.domain)' needs \(tree.lookups) DNS lookups; the limit is "
            + "\(Self.limit)\(at): \(heavy)",
          de: "SPF-Eintrag von '\(tree.domain)' braucht \(tree.lookups) DNS-Abfragen; erlaubt "
            + "sind \(Self.limit)\(atDE): \(heavy)"),
        at: SPFRuleSupport.location(candidate, span: span))
    ]
  }
}
