import DNSLookup
import SenderAuthCore

/// `spf.ip-not-authorized`: a sending address the user named (`--ip`) does not pass the SPF
/// check of the envelope domain, evaluated as receivers do (RFC 7208 §4).
public struct SPFIPNotAuthorizedRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "spf.ip-not-authorized",
    title: LocalizedText(
      en: "Sending address not authorized by SPF", de: "Versand-IP nicht per SPF erlaubt"),
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
      en: "Add the sending service's include before 'all'; list an address as ip4:/ip6: only "
        + "for your own servers. A service's address is never pinned: its include or its own "
        + "return path authorizes it (an address of a service with its own return path is only "
        + "a note here).",
      de:
        "Tragen Sie den include-Mechanismus des Versanddienstes vor 'all' ein; nennen Sie eine Adresse als "
        + "ip4:/ip6: nur für eigene Server. Die Adresse eines Versanddienstes wird nie einzeln "
        + "eingetragen: sein include oder sein eigener Return-Path erlaubt sie (die Adresse eines "
        + "Versanddienstes mit eigenem Return-Path wird hier nicht beurteilt: esp.sending-ip "
        + "erklärt sie)."),
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
      // A Microsoft 365 address: its include is added, never the address.
      RuleExample(
        zone: #"@ 3600 IN TXT "v=spf1 mx -all""#, otherZones: [ESPExampleZones.microsoft365],
        options: CheckOptions(ips: ["40.107.22.58"].compactMap(IPAddress.init)), fixable: true),
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @     3600 IN TXT "v=spf1 include:_spf.example.com -all"
          _spf  3600 IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
          """, options: CheckOptions(ips: ["192.0.2.77"].compactMap(IPAddress.init))),
      RuleExample(
        zone: #"@ 3600 IN TXT "v=spf1 mx include:sendgrid.net -all""#,
        otherZones: [ESPExampleZones.sendGrid],
        options: CheckOptions(ips: ["149.72.190.99"].compactMap(IPAddress.init))),
      // A SendGrid address: SPF checks SendGrid's mail at its own return path, not here.
      RuleExample(
        zone: #"@ 3600 IN TXT "v=spf1 mx -all""#, otherZones: [ESPExampleZones.sendGrid],
        options: CheckOptions(ips: ["149.72.190.99"].compactMap(IPAddress.init))),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    context.spf.evaluations.filter {
      [.fail, .softfail, .neutral, .none, .permerror].contains($0.result)
    }.compactMap { evaluation in
      let ip = IPAddress(evaluation.ip)
      let owner = ip.flatMap { ESPAddresses.owner(of: $0, in: context) }
      let atDomain = evaluation.domain == context.domain.text
      let location =
        SPFRuleSupport.record(context).map { SPFRuleSupport.location($0.candidate) }
        ?? Location(name: evaluation.domain, type: "TXT")
      // The sentence names the term that decided and, for a service's address, its include.
      var message = SPFResultSentence.sentence(evaluation, context: context)
      // A service that bounces to its own return path is checked there, not at the domain:
      // nothing may ask to list its address (or its include) here; esp.sending-ip says so.
      if let owner, !owner.esp.envelopeAtDomain, atDomain { return nil }
      var lead = LocalizedText(
        en: "Authorize '\(evaluation.ip)' in the SPF record of '\(evaluation.domain)'; if "
          + "the address belongs to a sending service, its include is the better choice",
        de: "Erlauben Sie '\(evaluation.ip)' im SPF-Eintrag von '\(evaluation.domain)'; "
          + "gehört die Adresse einem Versanddienst, ist dessen include-Mechanismus die bessere Wahl"
      )
      if let owner, let include = owner.esp.requiredIncludes.first {
        lead = LocalizedText(
          en: "Add \(owner.esp.name)'s 'include:\(include)' to the SPF record of "
            + "'\(evaluation.domain)', not the single address",
          de: "Ergänzen Sie 'include:\(include)' von \(owner.esp.name) im SPF-Eintrag von "
            + "'\(evaluation.domain)', nicht die einzelne Adresse")
      } else if let ip, case let open = ESPAddresses.undecided(ip, in: context), !open.isEmpty {
        let names = open.map { "'\($0)'" }.joined(separator: ", ")
        message.en +=
          "; whether a sending service publishes it is unknown (the lookup of "
          + "\(names) failed), so no 'ip4:' entry is proposed"
        message.de +=
          "; ob ein Versanddienst sie veröffentlicht, ist unbekannt (die Abfrage "
          + "von \(names) ist gescheitert), daher wird kein 'ip4:'-Eintrag vorgeschlagen"
      }
      let fix = atDomain ? SPFRuleSupport.correction(context, lead: lead) : nil
      return finding(message, at: location, fix: fix)
    }
  }
}
