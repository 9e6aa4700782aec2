import DNSLookup
import SenderAuthCore

/// `dmarc.multiple-records`: more than one DMARC record at one `_dmarc` name, so receivers
/// discard all of them (RFC 9989 §4.10 step 2).
public struct DMARCMultipleRecordsRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dmarc.multiple-records",
    title: LocalizedText(en: "Several DMARC records at one name", de: "Mehrere DMARC-Einträge"),
    rationale: LocalizedText(
      en: "When a _dmarc name holds more than one TXT record starting with v=DMARC1, receivers "
        + "discard all of them (RFC 9989 §4.10): the domain then has no DMARC policy at all, "
        + "however strict each record is.",
      de: "Stehen unter einem _dmarc-Namen mehrere TXT-Einträge, die mit v=DMARC1 beginnen, "
        + "verwerfen empfangende Server alle (RFC 9989 §4.10): die Domain hat dann gar keine "
        + "DMARC-Richtlinie, wie streng die einzelnen Einträge auch sind."),
    howToFix: LocalizedText(
      en: "Keep exactly one DMARC record; merge what the others say into it.",
      de: "Behalten Sie genau einen DMARC-Eintrag und übernehmen Sie die Tags der anderen."),
    references: [DMARCRuleSupport.rfc9989("4.10"), DMARCRuleSupport.rfc9989("4.10.1")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: """
          $ORIGIN example.com.
          _dmarc  3600 IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@example.com"
          _dmarc  3600 IN TXT "v=DMARC1; p=reject"
          """, fixable: true)
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          $ORIGIN example.com.
          _dmarc  3600 IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@example.com"
          _dmarc  3600 IN TXT "google-site-verification=abc123"
          """)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    context.dmarc.discovery.steps.compactMap { step in
      guard step.outcome == .multipleRecords, let records = step.records?.records,
        let keep = strongest(records)
      else { return nil }
      let owner = DMARCRuleSupport.dmarcName(step.domain)
      let remove = records.map { DNSChange(owner: owner, type: .txt, value: $0.text) }
      let kept = records[keep].text
      // One record with the strongest policy of them all and every report address.
      let merged = DMARCIntent.combined(records.map { DMARCIntent(text: $0.text) })
      let fix = Fix(
        explanation: LocalizedText(
          en: "Publish one record: the strongest policy of them ('\(kept)') with every rua= and "
            + "ruf= address of the others.",
          de: "Veröffentlichen Sie einen Eintrag: die strengste Richtlinie ('\(kept)') mit allen "
            + "rua=- und ruf=-Adressen der anderen."),
        add: merged.map { [DNSChange(owner: owner, type: .txt, value: $0.text)] } ?? [],
        remove: remove)
      return finding(
        LocalizedText(
          en: "'\(owner.text)' has \(records.count) DMARC records; receivers discard all of them",
          de:
            "'\(owner.text)' hat \(records.count) DMARC-Einträge; empfangende Server ignorieren "
            + "sie alle und wenden kein DMARC an"
        ),
        at: records[0].location(), fix: fix)
    }
  }

  /// The index of the strongest record, so that a fix never weakens: the strongest `p`; on a
  /// tie the one without `t=y`, then the strongest policy for subdomains (`sp`, else `p`), then
  /// for non-existent subdomains (`np`, else `sp`, else `p`); the first on a full tie.
  func strongest(_ records: [DMARCRecord]) -> Int? {
    func rank(_ policy: DMARCPolicy?) -> Int {
      guard let policy else { return 0 }
      switch policy {
      case .none: return 1
      case .quarantine: return 2
      case .reject: return 3
      }
    }
    func key(_ record: DMARCRecord) -> (Int, Int, Int, Int) {
      let subdomain = record.subdomainPolicy ?? record.policy
      return (
        rank(record.policy), record.testing ? 0 : 1, rank(subdomain),
        rank(record.nonexistentPolicy ?? subdomain)
      )
    }
    return records.indices.max { lhs, rhs in
      let left = key(records[lhs])
      let right = key(records[rhs])
      return left == right ? rhs < lhs : left < right
    }
  }
}
