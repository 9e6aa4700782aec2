import DNSLookup
import SenderAuthCore

/// `dmarc.rua-no-mx`: a `mailto:` report destination whose domain cannot receive mail.
public struct DMARCRUANoMXRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dmarc.rua-no-mx",
    title: LocalizedText(
      en: "DMARC report mailbox domain cannot receive mail",
      de: "Domain des DMARC-Berichtspostfachs kann keine Mails empfangen"),
    rationale: LocalizedText(
      en: "Reports to a mailto: address are delivered by mail. When the address's domain has no "
        + "MX record, delivery depends on an address record (implicit MX, RFC 5321 §5.1); with "
        + "neither, or with a null MX (RFC 7505), every report bounces.",
      de: "Berichte an eine mailto:-Adresse werden per Mail zugestellt. Hat die Domain der "
        + "Adresse keinen MX-Eintrag, hängt die Zustellung an einem Adresseintrag (implizites "
        + "MX, RFC 5321 §5.1); ohne beides oder mit Null-MX (RFC 7505) kommt jeder Bericht "
        + "zurück."),
    howToFix: LocalizedText(
      en: "Use a report address whose domain has MX records, or publish MX records for it.",
      de: "Nutzen Sie eine Berichtsadresse, deren Domain MX-Einträge hat, oder veröffentlichen "
        + "Sie welche."),
    references: [.rfc(5321, section: "5.1"), .rfc(7505), DMARCRuleSupport.rfc9989("4.7")],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: """
          $ORIGIN example.com.
          _dmarc  3600 IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@reports.example.com"
          """)
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          $ORIGIN example.com.
          _dmarc  3600 IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@reports.example.com"
          reports 3600 IN MX  10 mail.example.com.
          """)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    let record = context.dmarc.discovery.policyRecord
    var seen: Set<String> = []
    return context.dmarc.reportDestinations.compactMap { check in
      guard let host = check.uri.host, seen.insert(check.uri.uri).inserted else { return nil }
      let span = Location.Span(offset: check.uri.offset, length: check.uri.length)
      let message: LocalizedText
      var severity = Severity.warning
      switch check.mailHost {
      case .none:
        message = LocalizedText(
          en: "Report address '\(check.uri.uri)': '\(host.text)' has no MX and no address "
            + "record; reports cannot be delivered",
          de: "Berichtsadresse '\(check.uri.uri)': '\(host.text)' hat weder MX- noch "
            + "Adresseintrag; Berichte können nicht zugestellt werden")
      case .nullMX:
        message = LocalizedText(
          en: "Report address '\(check.uri.uri)': '\(host.text)' has a null MX and accepts no "
            + "mail; reports cannot be delivered",
          de: "Berichtsadresse '\(check.uri.uri)': '\(host.text)' hat ein Null-MX und nimmt "
            + "keine Mails an; Berichte können nicht zugestellt werden")
      case .addressOnly:
        message = LocalizedText(
          en: "Report address '\(check.uri.uri)': '\(host.text)' has no MX record; delivery "
            + "relies on its address record (implicit MX)",
          de: "Berichtsadresse '\(check.uri.uri)': '\(host.text)' hat keinen MX-Eintrag; die "
            + "Zustellung hängt an seinem Adresseintrag (implizites MX)")
        severity = .note
      case .mx, .unknown, .notApplicable:
        return nil
      }
      return finding(message, at: record?.location(span: span), severity: severity)
    }
  }
}
