import DNSLookup
import SenderAuthCore

/// `esp.sending-ip`: a sending address given with `--ip` lies in a sending service's published
/// SPF. Names the service, the term that matched, and where SPF is checked for its mail: at
/// the domain (the service's include is the setup) or at the service's own return path (the
/// domain's SPF record need not and should not list the address).
public struct ESPSendingIPRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "esp.sending-ip",
    title: LocalizedText(
      en: "A sending address belongs to a sending service",
      de: "Eine Versand-IP gehört einem Versanddienst"),
    rationale: LocalizedText(
      en: """
        An address in a sending service's own SPF record (SendGrid's 149.72.0.0/16, \
        Microsoft's 40.92.0.0/15 …) is the service's, shared with its other customers or \
        managed by it even when dedicated. Listing it as 'ip4:' in your SPF record lets every \
        other sender on that address pass as you, breaks when the service moves you, and does \
        nothing for services that bounce to their own return path: SPF is checked there. The \
        service's setup authorizes it: its include where its mail uses your domain as envelope \
        sender, its return-path CNAME where it uses a host of its own.
        """,
      de: """
        Eine Adresse aus dem SPF-Eintrag eines Versanddienstes (SendGrids 149.72.0.0/16, \
        Microsofts 40.92.0.0/15 …) gehört dem Dienst; sie wird mit anderen Kunden geteilt oder \
        vom Dienst verwaltet, auch wenn sie dediziert ist. Als 'ip4:' in Ihrem SPF-Eintrag \
        lässt sie jeden anderen Absender auf dieser Adresse als Sie durchgehen, bricht, wenn \
        der Dienst Sie umzieht, und nützt nichts bei Diensten mit eigenem Return-Path: SPF \
        wird dort geprüft. Die Einrichtung des Dienstes erlaubt sie: sein include, wo seine \
        Mails Ihre Domain als Return-Path-Domain nutzen, sein Return-Path-CNAME, wo er einen \
        eigenen Namen nutzt.
        """),
    howToFix: LocalizedText(
      en: "Nothing to fix for the address itself: set up the service as its other findings say.",
      de: "An der Adresse selbst ist nichts zu beheben: richten Sie den Dienst ein, wie es die "
        + "übrigen Befunde sagen."),
    references: [
      Reference(
        title: "SendGrid support: SPF include not needed with automated security",
        url: "https://support.sendgrid.com/hc/en-us/articles/21415314709147"),
      .rfc(7208, section: "2.4"),
    ],
    severity: .note,
    triggering: [
      // Not passed by the domain, but SendGrid's mail is checked at its own return path.
      RuleExample(
        zone: #"@ 3600 IN TXT "v=spf1 mx -all""#, otherZones: [ESPExampleZones.sendGrid],
        options: CheckOptions(ips: ["149.72.190.99"].compactMap(IPAddress.init))),
      RuleExample(
        zone: #"@ 3600 IN TXT "v=spf1 mx include:sendgrid.net -all""#,
        otherZones: [ESPExampleZones.sendGrid],
        options: CheckOptions(ips: ["149.72.190.99"].compactMap(IPAddress.init))),
      RuleExample(
        zone: #"@ 3600 IN TXT "v=spf1 include:spf.protection.outlook.com -all""#,
        otherZones: [ESPExampleZones.microsoft365],
        options: CheckOptions(ips: ["40.92.4.20"].compactMap(IPAddress.init))),
    ],
    nonTriggering: [
      RuleExample(
        zone: #"@ 3600 IN TXT "v=spf1 ip4:192.0.2.0/24 -all""#,
        options: CheckOptions(ips: ["192.0.2.7"].compactMap(IPAddress.init))),
      // Not passed by the domain, whose SPF its mail is checked at: spf.ip-not-authorized
      // names the service instead.
      RuleExample(
        zone: #"@ 3600 IN TXT "v=spf1 mx -all""#, otherZones: [ESPExampleZones.microsoft365],
        options: CheckOptions(ips: ["40.92.4.20"].compactMap(IPAddress.init))),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    // The address of a service whose mail uses the domain as envelope, and which the domain's
    // SPF does not pass, is spf.ip-not-authorized's error (it names the service as well).
    let failing = Set(
      context.spf.evaluations.filter {
        $0.result != .pass && $0.domain == context.domain.text
      }.map(\.ip))
    return ESPAnalysis.applying(context).flatMap { analysis in
      analysis.sendingAddresses.filter {
        !$0.fromMessage
          && !(analysis.esp.envelopeAtDomain && failing.contains($0.ip.description))
      }.map { address in
        sentence(address, analysis: analysis, context: context)
      }
    }
  }

  func sentence(
    _ address: ESPAnalysis.SendingAddress, analysis: ESPAnalysis, context: DomainContext
  ) -> Finding {
    let esp = analysis.esp
    let domain = context.domain.text
    let term = address.evaluation.deepestMatch.map { "'\($0.term)' in \($0.domain)" } ?? ""
    var en = "'\(address.ip)' is a \(esp.name) address (\(term)); "
    var de = "'\(address.ip)' ist eine Adresse von \(esp.name) (\(term)); "
    if esp.envelopeAtDomain {
      let include = esp.requiredIncludes.first ?? ""
      let passes = context.spf.evaluations.contains {
        $0.ip == address.ip.description && $0.domain == domain && $0.result == .pass
      }
      en +=
        "its mail is checked by SPF at '\(domain)', "
        + (passes
          ? "whose record authorizes it"
          : "whose record must include 'include:\(include)' (not 'ip4:')")
      de +=
        "seine Mails prüft SPF an '\(domain)', "
        + (passes
          ? "dessen Eintrag sie erlaubt"
          : "dessen Eintrag 'include:\(include)' einbinden muss (nicht 'ip4:')")
    } else {
      let host =
        analysis.returnPathOK
        ? analysis.returnPathHost.map { "'\($0.text)'" }
        : esp.returnPathLabel.map { "'\($0.render(domain: context.domain)).\(domain)'" }
      let own = esp.ownDomains.first.map { "'\($0.text)'" }
      let place = [host, own].compactMap { $0 }.joined(separator: " or ")
      let placeDE = [host, own].compactMap { $0 }.joined(separator: " oder ")
      en +=
        "its mail is checked by SPF at its own return path"
        + (place.isEmpty ? "" : " (\(place))") + ", not at '\(domain)': the SPF record of "
        + "'\(domain)' needs no 'ip4:' entry for it"
      de +=
        "seine Mails prüft SPF an seinem eigenen Return-Path"
        + (placeDE.isEmpty ? "" : " (\(placeDE))") + ", nicht an '\(domain)': der SPF-Eintrag "
        + "von '\(domain)' braucht dafür keinen 'ip4:'-Eintrag"
    }
    return finding(
      LocalizedText(en: en, de: de),
      at: Location(name: domain, type: "ESP", record: esp.id))
  }
}
