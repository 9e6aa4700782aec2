import DNSLookup
import SenderAuthCore

/// `mta-sts.max-age-short`: the policy's `max_age` is under a day, so senders forget it
/// quickly and an attacker who blocks the policy host only briefly gets past it.
public struct MTASTSMaxAgeShortRule: Rule {
  public init() {}

  /// One day, in seconds.
  static let minimum = 86_400

  public let description = RuleDescription(
    id: "mta-sts.max-age-short",
    title: LocalizedText(
      en: "The MTA-STS max_age is short", de: "Das max_age der MTA-STS-Richtlinie ist kurz"),
    rationale: LocalizedText(
      en: """
        Senders cache a policy for max_age seconds; the protection against downgrade attacks \
        rests on that cache, since an attacker can block the policy fetch as easily as \
        STARTTLS. RFC 8461 §3.2 expects max_age "in the range of weeks or greater"; less than \
        a day leaves senders without a policy most of the time.
        """,
      de: """
        Sendende Mailserver speichern eine Richtlinie max_age Sekunden lang; der Schutz vor \
        Downgrade-Angriffen beruht auf diesem Zwischenspeicher, denn ein Angreifer kann den \
        Abruf der Richtlinie so leicht blockieren wie STARTTLS. RFC 8461 §3.2 erwartet ein \
        max_age "im Bereich von Wochen oder mehr"; weniger als ein Tag lässt sendende Mailserver die \
        meiste Zeit ohne Richtlinie.
        """),
    howToFix: LocalizedText(
      en: "Set max_age to at least 604800 (a week), then publish a new id.",
      de: "Setzen Sie max_age auf mindestens 604800 (eine Woche) und veröffentlichen Sie dann "
        + "eine neue id."),
    references: [MTASTSRuleSupport.rfc8461("3.2"), MTASTSRuleSupport.rfc8461("10.2")],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: MTASTSRuleSupport.zone(),
        web: MTASTSRuleSupport.web(MTASTSRuleSupport.policy(maxAge: 3600)))
    ],
    nonTriggering: [
      RuleExample(
        zone: MTASTSRuleSupport.zone(),
        web: MTASTSRuleSupport.web(MTASTSRuleSupport.policy(maxAge: 86400)))
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let policy = context.mtaSTS.policy, let maxAge = policy.maxAge, maxAge < Self.minimum,
      policy.mode != MTASTSPolicy.Mode.none, let url = context.mtaSTS.policyURL
    else { return [] }
    return [
      finding(
        LocalizedText(
          en: "MTA-STS policy '\(url)' has 'max_age: \(maxAge)' (under a day); senders forget "
            + "the policy quickly",
          de: "MTA-STS-Richtlinie '\(url)' hat 'max_age: \(maxAge)' (unter einem Tag); "
            + "sendende Mailserver vergessen die Richtlinie schnell"),
        at: MTASTSRuleSupport.policyLocation(context),
        fix: MTASTSRuleSupport.publish(
          MTASTSRuleSupport.proposedPolicy(context), context: context,
          lead: LocalizedText(
            en: "Raise max_age to a week.", de: "Erhöhen Sie max_age auf eine Woche.")))
    ]
  }
}
