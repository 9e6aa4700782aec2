import DNSLookup
import SenderAuthCore

/// `mta-sts.mx-not-covered`: an MX host of the domain matches no `mx` pattern of its MTA-STS
/// policy, so senders that enforce the policy do not deliver to it (RFC 8461 §4.1, §5).
public struct MTASTSMXNotCoveredRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "mta-sts.mx-not-covered",
    title: LocalizedText(
      en: "An MX host is not in the MTA-STS policy",
      de: "Ein MX-Host fehlt in der MTA-STS-Richtlinie"),
    rationale: LocalizedText(
      en: """
        With mode enforce, senders deliver only to MX hosts that match an 'mx' pattern of the \
        policy (RFC 8461 §4.1, §5): mail to a host the policy does not list fails once the \
        other hosts are unavailable, or always if it is the only one. In mode testing the \
        mismatch shows up only in TLS reports. A pattern '*.example.com' covers exactly one \
        label ('mx1.example.com', not 'a.mx1.example.com').
        """,
      de: """
        Bei mode enforce stellen sendende Mailserver nur an MX-Hosts zu, die zu einem 'mx'-Muster der \
        Richtlinie passen (RFC 8461 §4.1, §5): Mails an einen Host, den die Richtlinie nicht \
        nennt, scheitern, sobald die anderen Hosts ausfallen, oder immer, wenn er der einzige \
        ist. Bei mode testing zeigt sich der Fehler nur in TLS-Berichten. Ein Muster \
        '*.example.com' deckt genau ein Label ab ('mx1.example.com', nicht \
        'a.mx1.example.com').
        """),
    howToFix: LocalizedText(
      en: "Add an 'mx:' line for every MX host to the policy, then publish a new id.",
      de: "Ergänzen Sie die Richtlinie um eine 'mx:'-Zeile je MX-Host und veröffentlichen Sie "
        + "dann eine neue id."),
    references: [MTASTSRuleSupport.rfc8461("4.1"), MTASTSRuleSupport.rfc8461("5")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: MTASTSRuleSupport.zone("@ MX 20 backup.example.net."),
        web: MTASTSRuleSupport.web(MTASTSRuleSupport.policy())),
      RuleExample(
        zone: MTASTSRuleSupport.zone(),
        web: MTASTSRuleSupport.web(MTASTSRuleSupport.policy(mx: ["*.mail.example.com"]))),
    ],
    nonTriggering: [
      RuleExample(
        zone: MTASTSRuleSupport.zone("@ MX 20 mx2"),
        web: MTASTSRuleSupport.web(MTASTSRuleSupport.policy(mx: ["*.example.com"]))),
      RuleExample(
        zone: MTASTSRuleSupport.zone("@ MX 20 backup.example.net."),
        web: MTASTSRuleSupport.web(MTASTSRuleSupport.policy(mode: "none"))),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let policy = context.mtaSTS.policy, let mode = policy.mode, mode != .none,
      let hosts = MTASTSRuleSupport.mxHosts(context), let url = context.mtaSTS.policyURL
    else { return [] }
    let uncovered = hosts.filter { policy.patterns(matching: $0).isEmpty }
    guard !uncovered.isEmpty else { return [] }
    let list = uncovered.map { "'\($0.text)'" }.joined(separator: ", ")
    let patterns = policy.mx.isEmpty ? "none" : policy.mx.map { "'\($0)'" }.joined(separator: ", ")
    let muster = policy.mx.isEmpty ? "keine" : patterns
    let enforced = mode == .enforce
    return [
      finding(
        LocalizedText(
          en: "MX \(list) of '\(context.domain.text)' matches no 'mx' pattern of '\(url)' "
            + "(\(patterns))"
            + (enforced
              ? "; senders enforcing the policy refuse to deliver there"
              : "; with mode 'enforce' senders would refuse to deliver there"),
          de: "MX \(list) von '\(context.domain.text)' passt zu keinem 'mx'-Muster von "
            + "'\(url)' (\(muster))"
            + (enforced
              ? "; sendende Mailserver, die die Richtlinie durchsetzen, stellen dort nicht zu"
              : "; bei mode 'enforce' würden sendende Mailserver dort nicht zustellen")),
        at: MTASTSRuleSupport.policyLocation(context),
        fix: MTASTSRuleSupport.publish(
          MTASTSRuleSupport.proposedPolicy(context), context: context,
          lead: LocalizedText(
            en: "List every MX host in the policy.",
            de: "Nennen Sie jeden MX-Host in der Richtlinie.")),
        severity: enforced ? .error : .warning)
    ]
  }
}
