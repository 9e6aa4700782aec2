import DNSLookup
import SenderAuthCore

/// `spf.ip-not-authorized`: a sending address the user named (`--ip`) does not pass the SPF
/// check of the envelope domain, evaluated as receivers do (RFC 7208 §4).
public struct SPFIPNotAuthorizedRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "spf.ip-not-authorized",
    title: LocalizedText(
      en: "Sending address not authorized by SPF", de: "Sendende Adresse nicht per SPF erlaubt"),
    rationale: LocalizedText(
      en: "Each address given with --ip is evaluated with RFC 7208 check_host() against the "
        + "envelope domain (--return-path, else the domain), following includes, redirects and "
        + "macros exactly as receivers do, instead of matching 'include:' names as text. Mail "
        + "from an address that does not pass SPF fails SPF-based DMARC alignment and, under "
        + "'-all', is rejected outright.",
      de: "Jede mit --ip angegebene Adresse wird mit check_host() nach RFC 7208 gegen die "
        + "Return-Path-Domain (--return-path, sonst die Domain) ausgewertet, mit include, "
        + "redirect und Makros genau wie bei empfangenden Servern, statt 'include:'-Namen als "
        + "Text zu vergleichen. Mail von einer Adresse, die SPF nicht besteht, fällt bei der "
        + "SPF-gestützten DMARC-Prüfung durch und wird bei '-all' sofort abgewiesen."),
    howToFix: LocalizedText(
      en: "Add the sending service's include (or the address as ip4:/ip6:) before 'all'.",
      de: "Tragen Sie das include des Versanddienstes (oder die Adresse als ip4:/ip6:) vor 'all' "
        + "ein."),
    references: [SPFRuleSupport.rfc("4"), SPFRuleSupport.rfc("2.6")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: """
          @     3600 IN TXT "v=spf1 include:_spf.example.com -all"
          _spf  3600 IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
          """, options: CheckOptions(ips: ["198.51.100.7"].compactMap(IPAddress.init)),
        fixable: true),
      RuleExample(
        zone: #"@ 3600 IN TXT "v=spf1 mx ?all""#,
        options: CheckOptions(ips: ["2001:db8::7"].compactMap(IPAddress.init)),
        fixable: true),
      RuleExample(
        zone: #"@ 3600 IN TXT "v=spf1 mx redirect=gone.example.com""#,
        options: CheckOptions(ips: ["198.51.100.7"].compactMap(IPAddress.init)), fixable: true),
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @     3600 IN TXT "v=spf1 include:_spf.example.com -all"
          _spf  3600 IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
          """, options: CheckOptions(ips: ["192.0.2.77"].compactMap(IPAddress.init)))
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    context.spf.evaluations.filter {
      [.fail, .softfail, .neutral, .none, .permerror].contains($0.result)
    }.map { evaluation in
      let matched = evaluation.matchedTerm.map { " (matched '\($0)')" } ?? ""
      let matchedDE = evaluation.matchedTerm.map { " (Treffer '\($0)')" } ?? ""
      let why = evaluation.reason.map { ": \($0)" } ?? ""
      var fix: Fix?
      if evaluation.domain == context.domain.text {
        fix = SPFRuleSupport.correction(
          context,
          lead: LocalizedText(
            en: "Authorize '\(evaluation.ip)' in the SPF record of '\(evaluation.domain)'; if "
              + "the address belongs to a sending service, its include is the better choice",
            de: "Erlauben Sie '\(evaluation.ip)' im SPF-Eintrag von '\(evaluation.domain)'; "
              + "gehört die Adresse einem Versanddienst, ist dessen include die bessere Wahl"))
      }
      let location =
        SPFRuleSupport.record(context).map { SPFRuleSupport.location($0.candidate) }
        ?? Location(name: evaluation.domain, type: "TXT")
      return finding(
        LocalizedText(
          en: "'\(evaluation.ip)' is not authorized by the SPF record of '\(evaluation.domain)': "
            + "result '\(evaluation.result.rawValue)'\(matched)\(why)",
          de: "'\(evaluation.ip)' ist im SPF-Eintrag von '\(evaluation.domain)' nicht erlaubt: "
            + "Ergebnis '\(evaluation.result.rawValue)'\(matchedDE)\(why)"),
        at: location, fix: fix)
    }
  }
}
