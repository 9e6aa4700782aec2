import DNSLookup
import SenderAuthCore

/// `dmarc.rua-unauthorized`: a report destination outside the organizational domain does not
/// publish the `_report._dmarc` record that authorizes it, so receivers ignore the URI.
public struct DMARCRUAUnauthorizedRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dmarc.rua-unauthorized",
    title: LocalizedText(
      en: "External DMARC report destination not authorized",
      de: "Externes DMARC-Berichtsziel nicht autorisiert"),
    rationale: LocalizedText(
      en: "When the organizational domain of a rua= or ruf= address (found by the DMARC tree "
        + "walk, psd= respected) differs from that of the domain that published the record, "
        + "receivers first look up <policy-domain>._report._dmarc.<destination-host> (a "
        + "wildcard *._report._dmarc.<destination-host> answers it only where DNS applies it) "
        + "and send reports only when a v=DMARC1 record is there. Without it the address is "
        + "silently ignored; so is it when that record's own rua=/ruf= names another host "
        + "(RFC 9990 §4, RFC 9991 §5).",
      de: "Unterscheidet sich die Organisationsdomain einer rua=- oder ruf=-Adresse (per "
        + "DMARC-Baumsuche ermittelt, psd= beachtet) von der der Domain, die den Eintrag "
        + "veröffentlicht, fragen empfangende Server zuerst "
        + "<Richtliniendomain>._report._dmarc.<Zielhost> ab (ein Platzhalter "
        + "*._report._dmarc.<Zielhost> beantwortet das nur, wo das DNS ihn anwendet) und senden "
        + "nur Berichte, wenn dort ein v=DMARC1-Eintrag steht. Ohne ihn wird die Adresse "
        + "stillschweigend ignoriert, ebenso wenn dessen eigenes rua=/ruf= einen anderen Host "
        + "nennt (RFC 9990 §4, RFC 9991 §5)."),
    howToFix: LocalizedText(
      en: "Ask the operator of the destination to publish the TXT record named in the finding "
        + "(report services do this when the domain is added to the account), or use an "
        + "address inside your own domain.",
      de: "Bitten Sie den Betreiber des Ziels, den genannten TXT-Eintrag zu veröffentlichen "
        + "(Berichtsdienste tun das, wenn die Domain im Konto eingetragen wird), oder nutzen Sie "
        + "eine Adresse in Ihrer eigenen Domain."),
    references: [
      DMARCRuleSupport.rfc9990, .rfc(7489, section: "7.1"),
      DMARCRuleSupport.rfc9989("11.6"),
    ],
    severity: .warning,
    triggering: [
      RuleExample(
        domain: "shop.example",
        zone: """
          $ORIGIN example.
          _dmarc.shop          3600 IN TXT "v=DMARC1; p=none; rua=mailto:d@reports.vendor.example"
          reports.vendor       3600 IN MX  10 mx.vendor.example.
          """, fixable: true),
      // A wildcard below an empty non-terminal at the exact name does not apply (RFC 4592).
      RuleExample(
        domain: "shop.example",
        zone: """
          $ORIGIN example.
          _dmarc.shop          3600 IN TXT "v=DMARC1; p=none; rua=mailto:d@reports.vendor.example"
          reports.vendor       3600 IN MX  10 mx.vendor.example.
          *._report._dmarc.reports.vendor 3600 IN TXT "v=DMARC1"
          x.shop.example._report._dmarc.reports.vendor 3600 IN TXT "v=DMARC1"
          """, fixable: true),
      // A subdomain with its own organizational domain (psd=n) is external.
      RuleExample(
        domain: "shop.example",
        zone: """
          $ORIGIN example.
          _dmarc.shop          3600 IN TXT "v=DMARC1; p=none; rua=mailto:d@r.vendor.shop.example"
          _dmarc.vendor.shop   3600 IN TXT "v=DMARC1; p=reject; psd=n"
          r.vendor.shop        3600 IN MX  10 mx.vendor.example.
          """, fixable: true),
      // The authorization record sends the reports to another host: neither address works.
      RuleExample(
        domain: "shop.example",
        zone: """
          $ORIGIN example.
          _dmarc.shop          3600 IN TXT "v=DMARC1; p=none; rua=mailto:d@reports.vendor.example"
          reports.vendor       3600 IN MX  10 mx.vendor.example.
          shop.example._report._dmarc.reports.vendor 3600 IN TXT "v=DMARC1; rua=mailto:x@other.example"
          """),
    ],
    nonTriggering: [
      RuleExample(
        domain: "shop.example",
        zone: """
          $ORIGIN example.
          _dmarc.shop          3600 IN TXT "v=DMARC1; p=none; rua=mailto:d@reports.vendor.example"
          reports.vendor       3600 IN MX  10 mx.vendor.example.
          *._report._dmarc.reports.vendor 3600 IN TXT "v=DMARC1"
          """),
      // A subdomain of the same organizational domain needs no authorization.
      RuleExample(
        domain: "shop.example",
        zone: """
          $ORIGIN example.
          _dmarc.shop          3600 IN TXT "v=DMARC1; p=none; rua=mailto:d@reports.shop.example"
          reports.shop         3600 IN MX  10 mx.shop.example.
          """),
      // An override to the same host is used.
      RuleExample(
        domain: "shop.example",
        zone: """
          $ORIGIN example.
          _dmarc.shop          3600 IN TXT "v=DMARC1; p=none; rua=mailto:d@reports.vendor.example"
          reports.vendor       3600 IN MX  10 mx.vendor.example.
          shop.example._report._dmarc.reports.vendor 3600 IN TXT "v=DMARC1; rua=mailto:x@reports.vendor.example"
          """),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    let record = context.dmarc.discovery.policyRecord
    return context.dmarc.reportDestinations.compactMap { check in
      guard let name = check.authorizationName, let host = check.uri.host else { return nil }
      let tag = check.kind.rawValue
      let span = Location.Span(offset: check.uri.offset, length: check.uri.length)
      if check.verdict == .overriddenElsewhere {
        let others = check.overrides.map { "'\($0)'" }.joined(separator: ", ")
        return finding(
          LocalizedText(
            en: "Report destination '\(check.uri.uri)' in '\(tag)=' is outside "
              + "'\(check.policyDomain.text)' and '\(name.text)' redirects its reports to "
              + "\(others) at another host, which RFC 9990 forbids; receivers send reports to "
              + "neither",
            de: "Berichtsziel '\(check.uri.uri)' in '\(tag)=' liegt außerhalb von "
              + "'\(check.policyDomain.text)', und '\(name.text)' leitet die Berichte an "
              + "\(others) auf einem anderen Host um, was RFC 9990 verbietet; empfangende Server "
              + "senden an keine der Adressen"),
          at: record?.location(span: span))
      }
      guard check.verdict == .unauthorized else { return nil }
      let line = "\(name.absolute) 3600 IN TXT \"v=DMARC1\""
      let fix = Fix(
        explanation: LocalizedText(
          en: "The operator of '\(host.text)' must publish \(line) (or the wildcard "
            + "*._report._dmarc.\(host.text)). This record belongs in their zone, not yours; "
            + "report services publish it when you add '\(check.policyDomain.text)' to your "
            + "account.",
          de: "Der Betreiber von '\(host.text)' muss \(line) veröffentlichen (oder den "
            + "Platzhalter *._report._dmarc.\(host.text)). Der Eintrag gehört in dessen Zone, "
            + "nicht in Ihre; Berichtsdienste veröffentlichen ihn, wenn Sie "
            + "'\(check.policyDomain.text)' in Ihrem Konto eintragen."),
        add: [DNSChange(owner: name, type: .txt, value: "v=DMARC1")])
      return finding(
        LocalizedText(
          en: "Report destination '\(check.uri.uri)' in '\(tag)=' is outside "
            + "'\(check.policyDomain.text)' and '\(name.text)' has no 'v=DMARC1' record; "
            + "receivers send no reports there",
          de: "Berichtsziel '\(check.uri.uri)' in '\(tag)=' liegt außerhalb von "
            + "'\(check.policyDomain.text)' und '\(name.text)' hat keinen 'v=DMARC1'-Eintrag; "
            + "empfangende Server senden dorthin keine Berichte"),
        at: record?.location(span: span), fix: fix)
    }
  }
}
