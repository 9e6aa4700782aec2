import DNSLookup
import SenderAuthCore

/// `bimi.dmarc-not-enforced`: the domain publishes BIMI but its DMARC policy (or its
/// organizational domain's) is not at enforcement, so receivers show no logo.
public struct BIMIDMARCNotEnforcedRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "bimi.dmarc-not-enforced",
    title: LocalizedText(
      en: "BIMI without DMARC enforcement", de: "BIMI ohne durchgesetzte DMARC-Richtlinie"),
    rationale: LocalizedText(
      en: """
        BIMI requires "a strong DMARC policy (quarantine or reject) on both the \
        Organizational Domain, and the RFC5322.From Domain"; receivers show no logo when the \
        policy of either is p=none, when sp=none, when a quarantine policy has pct below 100, \
        or when the policy is in testing (t=y).
        """,
      de: """
        BIMI verlangt eine strenge DMARC-Richtlinie (quarantine oder reject) sowohl für die \
        Organisationsdomain als auch für die Absenderdomain; Postfachanbieter zeigen kein Logo, wenn \
        die Richtlinie einer der beiden p=none ist, bei sp=none, bei quarantine mit pct unter \
        100 oder im Testmodus (t=y).
        """),
    howToFix: LocalizedText(
      en: "Move DMARC to p=quarantine or p=reject (and sp, if set) once the reports show only "
        + "your own senders.",
      de: "Stellen Sie DMARC auf p=quarantine oder p=reject (und sp, falls gesetzt), sobald die "
        + "Berichte nur noch Ihre eigenen Absender zeigen."),
    references: [BIMIRuleSupport.draft, .rfc(9989, section: "4.7")],
    severity: .error,
    triggering: [
      RuleExample(zone: BIMIRuleSupport.zone(dmarc: "v=DMARC1; p=none; rua=mailto:d@example.com")),
      RuleExample(
        zone: BIMIRuleSupport.zone(
          dmarc: "v=DMARC1; p=quarantine; pct=50; rua=mailto:d@example.com")),
      RuleExample(
        zone: BIMIRuleSupport.zone(dmarc: "v=DMARC1; p=reject; sp=none; rua=mailto:d@example.com")),
    ],
    nonTriggering: [
      RuleExample(zone: BIMIRuleSupport.zone()),
      RuleExample(zone: BIMIRuleSupport.zone(dmarc: "v=DMARC1; p=quarantine")),
      RuleExample(zone: BIMIRuleSupport.zone(nil, dmarc: "v=DMARC1; p=none")),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let record = context.bimi.records.first, !record.isDeclination,
      context.dmarc.failures.isEmpty
    else { return [] }
    let discovery = context.dmarc.discovery
    var reasons: [LocalizedText] = []
    if let policy = discovery.effectivePolicy, policy != .none {
      // The domain's own policy is at enforcement.
    } else {
      let applied = discovery.effectivePolicy?.rawValue ?? "none"
      reasons.append(
        LocalizedText(
          en: "the DMARC policy applied to '\(context.domain.text)' is '\(applied)'",
          de: "die für '\(context.domain.text)' geltende DMARC-Richtlinie ist '\(applied)'"))
    }
    let organizational = discovery.organizationalDomain
    let step = discovery.steps.first { $0.domain == organizational }
    if let org = step?.record {
      if org.policy != .quarantine && org.policy != .reject {
        reasons.append(
          LocalizedText(
            en: "the organizational domain '\(organizational.text)' has "
              + "'p=\(org.policy?.rawValue ?? "none")'",
            de: "die Organisationsdomain '\(organizational.text)' hat "
              + "'p=\(org.policy?.rawValue ?? "none")'"))
      }
      if org.subdomainPolicy == DMARCPolicy.none {
        reasons.append(
          LocalizedText(
            en: "'sp=none' at '\(organizational.text)'",
            de: "'sp=none' bei '\(organizational.text)'"))
      }
      if let pct = org.terms.first(where: { $0.name.lowercased() == "pct" })?.value,
        pct.trimmingCharacters() != "100"
      {
        reasons.append(
          LocalizedText(
            en: "'pct=\(pct)' at '\(organizational.text)' (BIMI needs 100)",
            de: "'pct=\(pct)' bei '\(organizational.text)' (BIMI braucht 100)"))
      }
    } else if discovery.source != .none {
      reasons.append(
        LocalizedText(
          en: "the organizational domain '\(organizational.text)' has no DMARC record",
          de: "die Organisationsdomain '\(organizational.text)' hat keinen DMARC-Eintrag"))
    }
    guard !reasons.isEmpty else { return [] }
    return [
      finding(
        LocalizedText(
          en: "'\(context.domain.text)' publishes BIMI but "
            + reasons.joined(separator: ", ").en + "; receivers show no logo",
          de: "'\(context.domain.text)' veröffentlicht BIMI, aber "
            + reasons.joined(separator: ", ").de + "; Postfachanbieter zeigen kein Logo"),
        at: BIMIRuleSupport.location(record))
    ]
  }
}

extension String {
  /// The text without surrounding spaces and tabs.
  func trimmingCharacters() -> String {
    String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
  }
}
