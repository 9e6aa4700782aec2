import DNSLookup
import SenderAuthCore

/// `dkim.sha1-only`: `h=` allows only SHA-1, which RFC 8301 forbids.
public struct DKIMSHA1OnlyRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dkim.sha1-only",
    title: LocalizedText(
      en: "DKIM key allows only SHA-1 ('h=sha1')",
      de: "DKIM-Schlüssel erlaubt nur SHA-1 ('h=sha1')"),
    rationale: LocalizedText(
      en: """
        RFC 8301 §3.1: "rsa-sha1 MUST NOT be used for signing or verifying." A key record \
        whose 'h=' lists only 'sha1' forbids 'rsa-sha256', so no signature made with the key \
        can verify anywhere.
        """,
      de: """
        RFC 8301 §3.1: rsa-sha1 darf weder zum Signieren noch zum Prüfen verwendet werden. Ein \
        Schlüsseleintrag, dessen 'h=' nur 'sha1' nennt, verbietet 'rsa-sha256' – keine \
        Signatur mit diesem Schlüssel kann dann irgendwo verifiziert werden.
        """),
    howToFix: LocalizedText(
      en: "Set 'h=sha256' or remove the 'h=' tag, and make sure the signer uses rsa-sha256.",
      de: "Setzen Sie 'h=sha256' oder entfernen Sie das Tag 'h=', und signieren Sie mit rsa-sha256."
    ),
    references: [.rfc(8301, section: "3.1"), .rfc(6376, section: "3.6.1")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("google", "v=DKIM1; h=sha1; p=\(DKIMRuleSupport.Keys.rsa2048)")),
        fixable: true)
    ],
    nonTriggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine(
            "google", "v=DKIM1; h=sha1:sha256; p=\(DKIMRuleSupport.Keys.rsa2048)")))
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    DKIMRuleSupport.keyRecords(context).compactMap { selector, record in
      guard record.record.isSHA1Only, let tag = record.record.tag("h") else { return nil }
      let name = DKIMRuleSupport.quotedName(selector)
      return finding(
        LocalizedText(
          en: "DKIM key at \(name) allows only '\(tag.name)=\(tag.value)'; SHA-1 must not verify",
          de: """
            Der DKIM-Schlüssel unter \(name) erlaubt nur '\(tag.name)=\(tag.value)'; SHA-1 darf \
            nicht mehr verifiziert werden
            """),
        at: DKIMRuleSupport.location(record, tag: "h"),
        fix: DKIMRuleSupport.sha256Fix(record))
    }
  }
}
