import DNSLookup
import SenderAuthCore

/// `dkim.ed25519-only`: the only usable DKIM keys are Ed25519, with no RSA key beside them.
public struct DKIMEd25519OnlyRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dkim.ed25519-only",
    title: LocalizedText(
      en: "Only Ed25519 DKIM keys, no RSA key",
      de: "Nur Ed25519-DKIM-Schlüssel, kein RSA-Schlüssel"),
    rationale: LocalizedText(
      en: """
        RFC 8463 adds Ed25519 to DKIM, but verifiers only have to support rsa-sha256 (RFC 8301 \
        §3.1), and whether Gmail, Yahoo and Outlook.com verify Ed25519 signatures is not \
        documented. RFC 8463 §4 expects signers to add an RSA signature next to an Ed25519 \
        one; mail signed with Ed25519 alone may count as unsigned.
        """,
      de: """
        RFC 8463 ergänzt DKIM um Ed25519, empfangende Server müssen aber nur rsa-sha256 \
        beherrschen (RFC 8301 §3.1), und ob Gmail, Yahoo und Outlook.com Ed25519-Signaturen \
        prüfen, ist nicht dokumentiert. RFC 8463 §4 sieht vor, neben einer Ed25519-Signatur auch \
        eine RSA-Signatur anzubringen; nur mit Ed25519 signierte Mails gelten womöglich als \
        unsigniert.
        """),
    howToFix: LocalizedText(
      en: """
        Publish a 2048-bit RSA key under a second selector and sign every message with both \
        keys.
        """,
      de: """
        Veröffentlichen Sie unter einem zweiten Selektor einen RSA-Schlüssel mit 2048 Bit und \
        signieren Sie jede Nachricht mit beiden Schlüsseln.
        """),
    references: [.rfc(8463, section: "4"), .rfc(8301, section: "3.1")],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("s1", "v=DKIM1; k=ed25519; p=\(DKIMRuleSupport.Keys.ed25519)")))
    ],
    nonTriggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("s1", "v=DKIM1; k=ed25519; p=\(DKIMRuleSupport.Keys.ed25519)"),
          DKIMRuleSupport.keyLine("s2", "v=DKIM1; k=rsa; p=\(DKIMRuleSupport.Keys.rsa2048)")))
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    let usable = DKIMRuleSupport.keyRecords(context).filter { $0.record.isUsable }
    let ed25519 = usable.filter { $0.record.key?.algorithm == .ed25519 }
    guard let first = ed25519.first, ed25519.count == usable.count else { return [] }
    let names = ed25519.map { DKIMRuleSupport.quotedName($0.selector) }.joined(separator: ", ")
    return [
      finding(
        LocalizedText(
          en: "The only usable DKIM keys are Ed25519 (\(names)); add an RSA key beside them",
          de: """
            Die einzigen brauchbaren DKIM-Schlüssel sind Ed25519 (\(names)); ergänzen Sie einen \
            RSA-Schlüssel
            """),
        at: DKIMRuleSupport.location(first.record, tag: "k"))
    ]
  }
}
