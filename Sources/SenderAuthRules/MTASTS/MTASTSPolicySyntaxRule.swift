import DNSLookup
import SenderAuthCore

/// `mta-sts.policy-syntax`: the fetched policy file breaks RFC 8461 §3.2 (a field missing, a
/// wrong value, a misspelled field name, an invalid mx pattern).
public struct MTASTSPolicySyntaxRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "mta-sts.policy-syntax",
    title: LocalizedText(
      en: "The MTA-STS policy is not valid", de: "Die MTA-STS-Richtlinie ist ungültig"),
    rationale: LocalizedText(
      en: """
        A policy needs 'version: STSv1', a 'mode' of enforce, testing or none, a 'max_age' of \
        at most 31557600 seconds and, unless the mode is none, at least one 'mx' pattern \
        (RFC 8461 §3.2). Field names are case-sensitive. Senders discard a policy they cannot \
        parse and deliver as if the domain had no MTA-STS.
        """,
      de: """
        Eine Richtlinie braucht 'version: STSv1', einen 'mode' enforce, testing oder none, ein \
        'max_age' von höchstens 31557600 Sekunden und, außer bei mode none, mindestens ein \
        'mx'-Muster (RFC 8461 §3.2). Feldnamen unterscheiden Groß- und Kleinschreibung. \
        Sendende Mailserver verwerfen eine Richtlinie, die sie nicht lesen können, und stellen zu, als \
        hätte die Domain kein MTA-STS.
        """),
    howToFix: LocalizedText(
      en: "Correct the policy file, then publish the MTA-STS record with a new id.",
      de: "Korrigieren Sie die Richtliniendatei und veröffentlichen Sie dann den "
        + "MTA-STS-Eintrag mit einer neuen id."),
    references: [MTASTSRuleSupport.rfc8461("3.2"), MTASTSRuleSupport.rfc8461("3.1")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: MTASTSRuleSupport.zone(),
        web: MTASTSRuleSupport.web("version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\n")),
      RuleExample(
        zone: MTASTSRuleSupport.zone(),
        web: MTASTSRuleSupport.web(
          "Version: STSv1\nMode: enforce\nmx: mx1.example.com\nmax_age: 86400\n")),
      RuleExample(
        zone: MTASTSRuleSupport.zone(),
        web: MTASTSRuleSupport.web(MTASTSRuleSupport.policy(mode: "enforced"))),
    ],
    nonTriggering: [
      RuleExample(
        zone: MTASTSRuleSupport.zone(), web: MTASTSRuleSupport.web(MTASTSRuleSupport.policy())),
      // LF line ends are allowed (RFC 8461 §3.2 ABNF).
      RuleExample(
        zone: MTASTSRuleSupport.zone(),
        web: MTASTSRuleSupport.web(
          "version: STSv1\nmode: none\nmax_age: 86400\nunknown_field: ignored\n")),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let policy = context.mtaSTS.policy, !policy.issues.isEmpty,
      let url = context.mtaSTS.policyURL
    else { return [] }
    let reasons = policy.issues.map(\.reason)
    return [
      finding(
        LocalizedText(
          en: "MTA-STS policy '\(url)' is not valid: " + reasons.joined(separator: "; ").en,
          de: "MTA-STS-Richtlinie '\(url)' ist ungültig: "
            + reasons.joined(separator: "; ").de),
        at: MTASTSRuleSupport.policyLocation(context),
        fix: MTASTSRuleSupport.publish(
          MTASTSRuleSupport.proposedPolicy(context), context: context,
          lead: LocalizedText(
            en: "Replace the policy file with a valid one.",
            de: "Ersetzen Sie die Richtliniendatei durch eine gültige.")))
    ]
  }
}
