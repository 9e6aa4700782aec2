import DNSLookup
import SenderAuthCore

/// `dmarc.policy-none`: the policy that applies to the domain is `none` (monitoring only).
public struct DMARCPolicyNoneRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dmarc.policy-none",
    title: LocalizedText(en: "DMARC policy is none", de: "DMARC-Richtlinie ist none"),
    rationale: LocalizedText(
      en: "With policy none receivers take no action on mail that fails DMARC: anyone can send "
        + "mail in the domain's name. It is the right start while reports are reviewed, not an "
        + "end state. Which tag applies depends on where the record was found: a subdomain "
        + "without its own record gets sp= (or np= when it does not exist) of its "
        + "organizational or public suffix domain, so p=reject; sp=none protects nothing below.",
      de: "Mit der Richtlinie none unternehmen empfangende Server nichts gegen Mails, die DMARC "
        + "nicht bestehen: jeder kann im Namen der Domain senden. Das ist der richtige Anfang, "
        + "solange Berichte ausgewertet werden, aber kein Endzustand. Welches Tag gilt, hängt vom "
        + "Fundort ab: eine Subdomain ohne eigenen Eintrag bekommt sp= (oder np=, wenn sie nicht "
        + "existiert) ihrer Organisations- oder Public-Suffix-Domain, p=reject; sp=none schützt "
        + "darunter also nichts."),
    howToFix: LocalizedText(
      en: "Review the aggregate reports, make sure all legitimate mail passes SPF or DKIM "
        + "aligned, then raise the policy to quarantine and later reject.",
      de: "Werten Sie die aggregierten Berichte aus, sorgen Sie dafür, dass alle legitimen Mails "
        + "SPF oder DKIM passend zur Absenderdomain bestehen, und erhöhen Sie dann auf "
        + "quarantine, später reject."
    ),
    references: [
      DMARCRuleSupport.rfc9989("4.7"), DMARCRuleSupport.rfc9989("4.10.1"),
      DMARCRuleSupport.rfc9989("5.1.7"),
    ],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: """
          $ORIGIN example.com.
          _dmarc  3600 IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@example.com"
          """),
      RuleExample(
        domain: "agency.gov",
        zone: """
          $ORIGIN gov.
          agency  3600 IN MX  10 mail.agency.gov.
          _dmarc  3600 IN TXT "v=DMARC1; p=reject; sp=none; psd=y"
          """),
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          $ORIGIN example.com.
          _dmarc  3600 IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com"
          """),
      RuleExample(
        domain: "agency.gov",
        zone: """
          $ORIGIN gov.
          agency  3600 IN MX  10 mail.agency.gov.
          _dmarc  3600 IN TXT "v=DMARC1; p=reject; sp=reject; psd=y"
          """),
      // The own lookup failed: the parent's 'p=none' may not be what applies.
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
    guard discovery.appliedPolicy == DMARCPolicy.none, !discovery.policyIsImplicit,
      !discovery.invalidPolicyTag, let record = discovery.policyRecord,
      let tag = discovery.appliedTag
    else { return [] }
    let why = DMARCRuleSupport.appliedPolicyText(discovery)
    let span = record.term(tag).map { Location.Span(offset: $0.offset, length: $0.length) }
    return [
      finding(
        LocalizedText(
          en: "DMARC policy for '\(context.domain.text)' is 'none' from \(why.en); receivers "
            + "take no action on mail that fails DMARC",
          de: "DMARC-Richtlinie für '\(context.domain.text)' ist 'none' gemäß \(why.de); "
            + "empfangende Server unternehmen nichts gegen Mails, die DMARC nicht bestehen"),
        at: record.location(span: span))
    ]
  }
}
