import DNSLookup
import SenderAuthCore

/// `dmarc.inherited`: the domain has no DMARC record of its own; the record of its
/// organizational domain or of a public suffix domain applies, through `sp`, `np` or `p`.
public struct DMARCInheritedRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dmarc.inherited",
    title: LocalizedText(en: "DMARC policy inherited", de: "DMARC-Richtlinie geerbt"),
    rationale: LocalizedText(
      en: "A domain without its own _dmarc record gets the record of its organizational domain "
        + "or, above that, of a public suffix domain (psd=y), found by the RFC 9989 tree walk; "
        + "then sp= applies (np= when the domain does not exist), not p=. Records at parents in "
        + "between are not used. A public suffix operator's sp=none (as at _dmarc.gov) leaves "
        + "the domain unprotected; publishing an own record makes the policy explicit.",
      de: "Eine Domain ohne eigenen _dmarc-Eintrag bekommt den Eintrag ihrer Organisationsdomain "
        + "oder darüber einer Public-Suffix-Domain (psd=y), gefunden durch die Baumsuche nach "
        + "RFC 9989; dann gilt sp= (np=, wenn die Domain nicht existiert), nicht p=. Einträge "
        + "dazwischenliegender Domains werden nicht verwendet. Ein sp=none des Betreibers einer "
        + "Public-Suffix-Domain (wie unter _dmarc.gov) lässt die Domain ungeschützt; ein eigener "
        + "Eintrag macht die Richtlinie eindeutig."),
    howToFix: LocalizedText(
      en: "Publish a DMARC record at _dmarc.<domain> if the domain sends mail or its policy "
        + "should differ from the inherited one.",
      de: "Veröffentlichen Sie unter _dmarc.<Domain> einen eigenen Eintrag, wenn die Domain "
        + "Mails sendet oder ihre Richtlinie von der geerbten abweichen soll."),
    references: [
      DMARCRuleSupport.rfc9989("4.10.1"), DMARCRuleSupport.rfc9989("4.10.2"),
      DMARCRuleSupport.rfc9989("4.7"),
    ],
    severity: .note,
    triggering: [
      RuleExample(
        domain: "news.example.com",
        zone: """
          $ORIGIN example.com.
          news    3600 IN MX  10 mail.example.com.
          _dmarc  3600 IN TXT "v=DMARC1; p=reject; sp=quarantine; rua=mailto:dmarc@example.com"
          """, fixable: true)
    ],
    nonTriggering: [
      RuleExample(
        domain: "news.example.com",
        zone: """
          $ORIGIN example.com.
          news    3600 IN MX  10 mail.example.com.
          _dmarc  3600 IN TXT "v=DMARC1; p=reject; sp=quarantine; rua=mailto:dmarc@example.com"
          _dmarc.news 3600 IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com"
          """),
      // The own lookup failed: whether the parent's record applies is unknown.
      RuleExample(
        domain: "sub.example.com",
        zone: """
          $ORIGIN example.com.
          sub     3600 IN MX  10 mail.example.com.
          _dmarc  3600 IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@example.com"
          """, failing: ["_dmarc.sub.example.com"]),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    let discovery = context.dmarc.discovery
    guard discovery.source == .organizationalDomain || discovery.source == .publicSuffixDomain,
      let record = discovery.policyRecord
    else { return [] }
    let why = DMARCRuleSupport.appliedPolicyText(discovery)
    let policy = discovery.appliedPolicy?.rawValue ?? "none"
    let result = LocalizedText(
      en: discovery.appliedPolicy == nil
        ? "DMARC does not apply (invalid policy tag)" : "the policy is '\(policy)'",
      de: discovery.appliedPolicy == nil
        ? "DMARC greift nicht (ungültige Richtlinie)" : "die Richtlinie ist '\(policy)'")
    let fix = DMARCRuleSupport.ownRecordFix(context)
    let severity: Severity = discovery.source == .publicSuffixDomain ? .warning : .note
    return [
      finding(
        LocalizedText(
          en: "'\(context.domain.text)' has no DMARC record of its own; \(result.en) from "
            + "\(why.en)",
          de: "'\(context.domain.text)' hat keinen eigenen DMARC-Eintrag; \(result.de) gemäß "
            + "\(why.de)"),
        at: record.location(), fix: fix, severity: severity)
    ]
  }
}
