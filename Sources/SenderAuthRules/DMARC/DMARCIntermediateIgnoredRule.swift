import DNSLookup
import SenderAuthCore

/// `dmarc.intermediate-ignored`: a DMARC record between the domain and its organizational
/// domain that RFC 9989 policy discovery never applies to the domain.
public struct DMARCIntermediateIgnoredRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dmarc.intermediate-ignored",
    title: LocalizedText(
      en: "DMARC record of a parent domain is not used",
      de: "DMARC-Eintrag einer übergeordneten Domain wird nicht verwendet"),
    rationale: LocalizedText(
      en: "RFC 9989 policy discovery applies only the domain's own record, its organizational "
        + "domain's or a public suffix domain's (§4.10.1). A record at a parent in between, such "
        + "as _dmarc.mail.example.com for a.mail.example.com, is found by the tree walk but never "
        + "applied; its policy silently does not protect the subdomains below it.",
      de: "Die Richtliniensuche nach RFC 9989 verwendet nur den eigenen Eintrag der Domain, den "
        + "ihrer Organisationsdomain oder den einer Public-Suffix-Domain (§4.10.1). Ein Eintrag "
        + "einer Domain dazwischen, etwa _dmarc.mail.example.com für a.mail.example.com, wird "
        + "von der Baumsuche gefunden, aber nie angewendet; seine Richtlinie schützt die "
        + "Subdomains darunter stillschweigend nicht."),
    howToFix: LocalizedText(
      en: "Publish a record at _dmarc.<domain> for each subdomain that sends mail, or add psd=n "
        + "to the parent's record if it really is an organizational domain of its own.",
      de: "Veröffentlichen Sie für jede sendende Subdomain einen Eintrag unter _dmarc.<Domain> "
        + "oder ergänzen Sie psd=n im Eintrag der übergeordneten Domain, wenn sie wirklich eine "
        + "eigene Organisationsdomain ist."),
    references: [
      DMARCRuleSupport.rfc9989("4.10.1"), DMARCRuleSupport.rfc9989("4.10.2"),
      DMARCRuleSupport.rfc9989("5.1.8"),
    ],
    severity: .note,
    triggering: [
      RuleExample(
        domain: "a.mail.example.com",
        zone: """
          $ORIGIN example.com.
          a.mail      3600 IN MX  10 mx.example.com.
          _dmarc.mail 3600 IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"
          _dmarc      3600 IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@example.com"
          """, fixable: true)
    ],
    nonTriggering: [
      RuleExample(
        domain: "a.mail.example.com",
        zone: """
          $ORIGIN example.com.
          a.mail      3600 IN MX  10 mx.example.com.
          _dmarc.mail 3600 IN TXT "v=DMARC1; p=reject; psd=n; rua=mailto:dmarc@example.com"
          _dmarc      3600 IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@example.com"
          """)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    let discovery = context.dmarc.discovery
    guard let nearest = discovery.ignoredRecordDomains.first,
      let record = discovery.steps.first(where: { $0.domain == nearest })?.record
    else { return [] }
    let applies = discovery.policyDomain.map { "'_dmarc.\($0.text)'" } ?? "none"
    // The same own record as dmarc.inherited proposes: the ignored record only when it is at
    // least as strict, after t=y, as what applies now.
    let fix = DMARCRuleSupport.ownRecordFix(context)
    return [
      finding(
        LocalizedText(
          en: "DMARC record at '_dmarc.\(nearest.text)' does not apply to "
            + "'\(context.domain.text)'; RFC 9989 discovery uses \(applies) instead",
          de: "DMARC-Eintrag unter '_dmarc.\(nearest.text)' gilt nicht für "
            + "'\(context.domain.text)'; die Suche nach RFC 9989 verwendet stattdessen \(applies)"),
        at: record.location(), fix: fix)
    ]
  }
}
