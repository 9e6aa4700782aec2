import DNSLookup
import SenderAuthCore

/// `dnssec.bogus`: the domain's zone is signed but its answers fail validation, so every
/// validating resolver answers SERVFAIL for every name in it.
public struct DNSSECBogusRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dnssec.bogus",
    title: LocalizedText(
      en: "DNSSEC validation fails for the domain",
      de: "Die DNSSEC-Validierung der Domain schlägt fehl"),
    rationale: LocalizedText(
      en: """
        A validating resolver treats answers whose chain of trust is broken as bogus and \
        answers SERVFAIL (RFC 4035 §5.5). Most receivers of mail use validating resolvers \
        (Gmail, Microsoft 365, Comcast and every resolver with DNSSEC on): for them the SPF, \
        DKIM and DMARC lookups of the domain all fail, SPF ends in temperror, DMARC is not \
        applied, and mail to the domain's MX hosts is not delivered. The usual causes are a \
        DS record at the registrar that no longer matches the zone's keys (after a key \
        change or a move to another DNS host) and expired signatures.
        """,
      de: """
        Ein validierender Resolver behandelt Antworten mit unterbrochener Vertrauenskette \
        als bogus und antwortet mit SERVFAIL (RFC 4035 §5.5). Die meisten empfangenden \
        Mailserver nutzen validierende Resolver (Gmail, Microsoft 365, Comcast und jeder \
        Resolver mit eingeschaltetem DNSSEC): für sie scheitern alle SPF-, DKIM- und \
        DMARC-Abfragen der Domain, SPF endet mit temperror, DMARC wird nicht angewandt, und \
        Mails an die MX-Hosts der Domain werden nicht zugestellt. Meist passt ein DS-Eintrag \
        beim Registrar nicht mehr zu den Schlüsseln der Zone (nach einem Schlüsselwechsel \
        oder einem Umzug zu einem anderen DNS-Anbieter), oder Signaturen sind abgelaufen.
        """),
    howToFix: LocalizedText(
      en: "Make the DS records at the registrar match the zone's key signing key, or re-sign "
        + "the zone; if the zone is no longer signed, remove the DS records.",
      de: "Bringen Sie die DS-Einträge beim Registrar in Übereinstimmung mit dem "
        + "Schlüssel-Signierschlüssel der Zone oder signieren Sie die Zone neu; ist die Zone "
        + "nicht mehr signiert, entfernen Sie die DS-Einträge."),
    references: [
      DNSSECRuleSupport.rfc4035("5.5"), DNSSECRuleSupport.rfc4035("4.3"), .rfc(4034, section: "5"),
    ],
    severity: .error,
    triggering: [
      RuleExample(
        zone: DNSSECRuleSupport.zone(DNSSECRuleSupport.key, DNSSECRuleSupport.staleDS),
        validation: ["example.com": .bogus])
    ],
    nonTriggering: [
      RuleExample(
        zone: DNSSECRuleSupport.zone(DNSSECRuleSupport.key), validation: ["example.com": .secure]),
      // Zone files are not validated: nothing is said.
      RuleExample(zone: DNSSECRuleSupport.zone(DNSSECRuleSupport.key, DNSSECRuleSupport.staleDS)),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    let dnssec = context.dnssec
    guard dnssec.status == .bogus, let apex = dnssec.apex else { return [] }
    let diagnosis = Self.diagnosis(dnssec)
    var fix: Fix?
    let current = dnssec.dsRecords.map {
      DNSChange(owner: apex, type: .ds, value: $0.presentation)
    }
    let proposed = DNSSECRuleSupport.proposedDS(context, apex: apex)
    if dnssec.keys.isEmpty {
      fix = Fix(
        explanation: LocalizedText(
          en: "The zone publishes no keys any more: remove the DS records. "
            + DNSSECRuleSupport.atTheParent.en,
          de: "Die Zone veröffentlicht keine Schlüssel mehr: entfernen Sie die DS-Einträge. "
            + DNSSECRuleSupport.atTheParent.de),
        remove: current)
    } else if !Self.dsMatchesAKey(dnssec), !proposed.isEmpty {
      fix = Fix(
        explanation: LocalizedText(
          en: "Replace the DS records with ones for the zone's current key signing key. "
            + DNSSECRuleSupport.atTheParent.en,
          de: "Ersetzen Sie die DS-Einträge durch solche für den aktuellen "
            + "Schlüssel-Signierschlüssel der Zone. " + DNSSECRuleSupport.atTheParent.de),
        add: proposed, remove: current)
    }
    return [
      finding(
        LocalizedText(
          en: "DNSSEC validation fails for zone '\(apex.text)' (\(diagnosis.en)): validating "
            + "receivers get SERVFAIL for its SPF, DKIM, DMARC and MX lookups",
          de: "Die DNSSEC-Validierung der Zone '\(apex.text)' schlägt fehl (\(diagnosis.de)): "
            + "empfangende Server mit validierendem Resolver erhalten SERVFAIL für ihre SPF-, "
            + "DKIM-, DMARC- und MX-Abfragen"),
        at: Location(name: apex.text, type: "DS"), fix: fix)
    ]
  }

  /// True when some DS record names a key of the zone by tag and algorithm, with the digest
  /// that key gives.
  static func dsMatchesAKey(_ dnssec: DNSSECContext) -> Bool {
    guard let apex = dnssec.apex else { return false }
    return dnssec.dsRecords.contains { ds in
      dnssec.keys.contains { key in
        key.keyTag == ds.keyTag && key.algorithm == ds.algorithm
          && (ds.digestType != 2 || key.ds(owner: apex).digest == ds.digest)
      }
    }
  }

  /// Why validation fails, as far as the data shows it.
  static func diagnosis(_ dnssec: DNSSECContext) -> LocalizedText {
    let dsTags = dnssec.dsRecords.map { "\($0.keyTag)" }.joined(separator: ", ")
    let keyTags = dnssec.keys.map { "\($0.keyTag)" }.joined(separator: ", ")
    if dnssec.keys.isEmpty, !dnssec.dsRecords.isEmpty {
      return LocalizedText(
        en: "the parent has DS records (key tags \(dsTags)) but the zone publishes no DNSKEY",
        de: "die übergeordnete Zone hat DS-Einträge (Schlüssel-Tags \(dsTags)), die Zone "
          + "veröffentlicht aber keinen DNSKEY")
    }
    if !dnssec.dsRecords.isEmpty, !dsMatchesAKey(dnssec) {
      return LocalizedText(
        en: "no DS record at the parent (key tags \(dsTags)) matches a DNSKEY of the zone "
          + "(key tags \(keyTags))",
        de: "kein DS-Eintrag der übergeordneten Zone (Schlüssel-Tags \(dsTags)) passt zu "
          + "einem DNSKEY der Zone (Schlüssel-Tags \(keyTags))")
    }
    let now = UInt32(clamping: Int(dnssec.fetchedAt))
    if now > 0, let expired = dnssec.signatures.first(where: { $0.expiration < now }) {
      return LocalizedText(
        en: "the signature over the zone's keys (key tag \(expired.keyTag)) has expired",
        de: "die Signatur über die Schlüssel der Zone (Schlüssel-Tag \(expired.keyTag)) ist "
          + "abgelaufen")
    }
    return LocalizedText(
      en: "the DS records match, so a signature does not verify or has expired",
      de: "die DS-Einträge passen, also ist eine Signatur ungültig oder abgelaufen")
  }
}
