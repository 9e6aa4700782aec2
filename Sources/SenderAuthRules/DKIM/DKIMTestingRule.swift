import DNSLookup
import SenderAuthCore

/// `dkim.testing`: a key record with `t=y` (testing mode).
public struct DKIMTestingRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dkim.testing",
    title: LocalizedText(
      en: "DKIM key in testing mode ('t=y')",
      de: "DKIM-Schlüssel im Testmodus ('t=y')"),
    rationale: LocalizedText(
      en: """
        RFC 6376 §3.6.1: with 't=y', "Verifiers MUST NOT treat messages from Signers in \
        testing mode differently from unsigned email, even should the signature fail to \
        verify." Receivers may therefore ignore these signatures, and the domain gets no \
        protection or reputation from DKIM. Testing mode is meant for the first days of a \
        setup. (This is the key record's flag; DMARC's own 't=y' is a different thing.)
        """,
      de: """
        RFC 6376 §3.6.1: Bei 't=y' dürfen empfangende Server Nachrichten eines Signierers im \
        Testmodus nicht anders behandeln als unsignierte Mails, selbst wenn die Signatur nicht \
        verifiziert. Empfangende Server können diese Signaturen also ignorieren, und die Domain \
        erhält durch DKIM weder Schutz noch Reputation. Der Testmodus ist für die ersten Tage \
        einer Einrichtung gedacht. (Gemeint ist das Flag im Schlüsseleintrag, nicht DMARCs 't=y'.)
        """),
    howToFix: LocalizedText(
      en: "Remove 'y' from the 't=' tag (or the whole 't=y') once signing works.",
      de:
        """
        Entfernen Sie 'y' aus dem Tag 't=' (oder das ganze 't=y'), sobald die Signatur \
        funktioniert.
        """
    ),
    references: [.rfc(6376, section: "3.6.1")],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("google", "v=DKIM1; t=y; p=\(DKIMRuleSupport.Keys.rsa2048)")),
        fixable: true),
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("google", "v=DKIM1; t=s:y; p=\(DKIMRuleSupport.Keys.rsa2048)")),
        fixable: true),
    ],
    nonTriggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("google", "v=DKIM1; t=s; p=\(DKIMRuleSupport.Keys.rsa2048)")))
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    DKIMRuleSupport.keyRecords(context).compactMap { selector, record in
      guard record.record.isTesting, let tag = record.record.tag("t") else { return nil }
      let name = DKIMRuleSupport.quotedName(selector)
      let rest = record.record.flags.filter { $0 != "y" }
      let text = DKIMRuleSupport.rewriting(
        record.record, tag: "t", to: rest.isEmpty ? nil : rest.joined(separator: ":"))
      return finding(
        LocalizedText(
          en: "DKIM key at \(name) is in testing mode ('\(tag.name)=\(tag.value)')",
          de: "Der DKIM-Schlüssel unter \(name) ist im Testmodus ('\(tag.name)=\(tag.value)')"),
        at: DKIMRuleSupport.location(record, tag: "t"),
        fix: DKIMRuleSupport.replacement(
          record, with: text,
          explanation: LocalizedText(
            en: "Replace the key record with the same record without the testing flag",
            de: "Ersetzen Sie den Schlüsseleintrag durch denselben Eintrag ohne Test-Flag")))
    }
  }
}
