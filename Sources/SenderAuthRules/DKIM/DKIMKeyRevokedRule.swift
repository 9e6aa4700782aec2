import DNSLookup
import SenderAuthCore

/// `dkim.key-revoked`: a key record with an empty `p=`.
public struct DKIMKeyRevokedRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dkim.key-revoked",
    title: LocalizedText(
      en: "DKIM key revoked (empty 'p=')",
      de: "DKIM-Schlüssel widerrufen (leeres 'p=')"),
    rationale: LocalizedText(
      en: """
        RFC 6376 §3.6.1: for 'p=', "An empty value means that this public key has been \
        revoked." Every signature made with this selector fails. That is right for a retired \
        selector, and wrong when mail is still signed with it, for example after an ESP \
        rotated keys and the new record never got published. When another selector has a \
        usable key this is only a note.
        """,
      de: """
        RFC 6376 §3.6.1: Ein leerer Wert bei 'p=' bedeutet, dass der Schlüssel widerrufen \
        wurde. Jede mit diesem Selektor erstellte Signatur scheitert. Für einen ausgemusterten \
        Selektor ist das richtig, falsch aber, wenn noch damit signiert wird – etwa wenn ein \
        Versanddienst die Schlüssel gewechselt hat und der neue Eintrag nie veröffentlicht \
        wurde. Hat ein anderer Selektor einen brauchbaren Schlüssel, ist das nur ein Hinweis.
        """),
    howToFix: LocalizedText(
      en: """
        If mail is still signed with this selector, publish its current public key in 'p='. \
        If it is retired on purpose, nothing needs to change.
        """,
      de: """
        Wird noch mit diesem Selektor signiert, tragen Sie den aktuellen öffentlichen Schlüssel \
        in 'p=' ein. Ist er absichtlich stillgelegt, ist nichts zu tun.
        """),
    references: [.rfc(6376, section: "3.6.1"), .rfc(6376, section: "6.1.2")],
    severity: .warning,
    triggering: [
      RuleExample(zone: DKIMRuleSupport.zone(DKIMRuleSupport.keyLine("google", "v=DKIM1; p=")))
    ],
    nonTriggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("google", "v=DKIM1; p=\(DKIMRuleSupport.Keys.rsa2048)")))
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    let usableElsewhere = context.dkim.selectors.contains(where: \.hasUsableKey)
    return DKIMRuleSupport.keyRecords(context).compactMap { selector, record in
      // `*._domainkey` with an empty key says "no keys here" on purpose (parked domains).
      guard record.status == .revoked, selector.selector != "*" else { return nil }
      let name = DKIMRuleSupport.quotedName(selector)
      let severity: Severity =
        selector.source == .given ? .error : (usableElsewhere ? .note : .warning)
      return finding(
        LocalizedText(
          en: "DKIM key at \(name) is revoked (empty 'p='); signatures with it fail",
          de: """
            Der DKIM-Schlüssel unter \(name) ist widerrufen (leeres 'p='); Signaturen damit \
            scheitern
            """),
        at: DKIMRuleSupport.location(record, tag: "p"), severity: severity)
    }
  }
}
