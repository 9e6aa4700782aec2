import DNSLookup
import SenderAuthCore

/// `mta-sts.not-enforced`: the policy's mode is testing or none, so it protects nothing yet
/// (RFC 8461 §5).
public struct MTASTSNotEnforcedRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "mta-sts.not-enforced",
    title: LocalizedText(
      en: "The MTA-STS policy is not enforced", de: "Die MTA-STS-Richtlinie wird nicht durchgesetzt"
    ),
    rationale: LocalizedText(
      en: """
        In mode testing senders deliver even when the MX host's TLS certificate fails, and \
        only report the failure through TLS-RPT; mode none withdraws the policy (RFC 8461 \
        §5, §8.3). Testing is the right first step; once the TLS reports show no failures, \
        mode enforce is what stops downgrade and interception attacks.
        """,
      de: """
        Bei mode testing stellen sendende Mailserver auch dann zu, wenn das TLS-Zertifikat des MX-Hosts \
        nicht passt, und melden den Fehler nur per TLS-RPT; mode none zieht die Richtlinie \
        zurück (RFC 8461 §5, §8.3). Testing ist der richtige erste Schritt; sobald die \
        TLS-Berichte keine Fehler mehr zeigen, verhindert erst mode enforce Downgrade- und \
        Abhörangriffe.
        """),
    howToFix: LocalizedText(
      en: "When the TLS reports are clean, set 'mode: enforce' and publish a new id.",
      de: "Wenn die TLS-Berichte fehlerfrei sind, setzen Sie 'mode: enforce' und "
        + "veröffentlichen eine neue id."),
    references: [MTASTSRuleSupport.rfc8461("5"), MTASTSRuleSupport.rfc8461("8.3")],
    severity: .note,
    triggering: [
      RuleExample(
        zone: MTASTSRuleSupport.zone(),
        web: MTASTSRuleSupport.web(MTASTSRuleSupport.policy(mode: "testing")))
    ],
    nonTriggering: [
      RuleExample(
        zone: MTASTSRuleSupport.zone(), web: MTASTSRuleSupport.web(MTASTSRuleSupport.policy()))
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let policy = context.mtaSTS.policy, let mode = policy.mode, mode != .enforce,
      let url = context.mtaSTS.policyURL
    else { return [] }
    let message =
      mode == .testing
      ? LocalizedText(
        en: "MTA-STS policy '\(url)' is in mode 'testing': senders report TLS failures but "
          + "still deliver",
        de: "MTA-STS-Richtlinie '\(url)' steht auf mode 'testing': sendende Mailserver melden "
          + "TLS-Fehler, stellen aber trotzdem zu")
      : LocalizedText(
        en: "MTA-STS policy '\(url)' is in mode 'none': the policy is withdrawn",
        de: "MTA-STS-Richtlinie '\(url)' steht auf mode 'none': die Richtlinie ist "
          + "zurückgezogen")
    let proposed = MTASTSRuleSupport.proposedPolicy(context, mode: .enforce)
    return [
      finding(
        message, at: MTASTSRuleSupport.policyLocation(context),
        fix: mode == .testing
          ? MTASTSRuleSupport.publish(
            proposed, context: context,
            lead: LocalizedText(
              en: "Once the TLS reports show no failures, switch to mode enforce.",
              de: "Sobald die TLS-Berichte keine Fehler zeigen, wechseln Sie zu mode enforce."))
          : nil)
    ]
  }
}
