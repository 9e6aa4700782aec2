import DNSLookup
import SenderAuthCore

/// `dkim.multiple-records`: several TXT records at one selector.
public struct DKIMMultipleRecordsRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dkim.multiple-records",
    title: LocalizedText(
      en: "Several TXT records at one DKIM selector",
      de: "Mehrere TXT-Einträge an einem DKIM-Selektor"),
    rationale: LocalizedText(
      en: """
        RFC 6376 §3.6.2.2: "TXT RRs MUST be unique for a particular selector name; that is, if \
        there are multiple records in an RRset, the results are undefined." Verifiers pick one \
        record, so signatures pass or fail at random. Often an old key was left beside a new \
        one, or one long key was entered as two records instead of two strings of one record.
        """,
      de: """
        RFC 6376 §3.6.2.2: TXT-Einträge müssen je Selektor eindeutig sein; bei mehreren Einträgen \
        ist das Ergebnis undefiniert. Empfangende Server wählen einen Eintrag, Signaturen bestehen \
        oder scheitern also zufällig. Oft blieb ein alter Schlüssel neben einem neuen stehen, oder \
        ein langer Schlüssel wurde als zwei Einträge statt als zwei Zeichenketten eines Eintrags \
        angelegt.
        """),
    howToFix: LocalizedText(
      en: """
        Keep exactly one TXT record at the selector: the current key. A key longer than 255 \
        characters goes into one record as several quoted strings.
        """,
      de: """
        Lassen Sie genau einen TXT-Eintrag am Selektor stehen: den aktuellen Schlüssel. Ein \
        Schlüssel über 255 Zeichen gehört als mehrere Zeichenketten in einen Eintrag.
        """),
    references: [.rfc(6376, section: "3.6.2.2"), .rfc(6376, section: "6.1.2")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("google", "v=DKIM1; p=\(DKIMRuleSupport.Keys.rsa2048)"),
          DKIMRuleSupport.keyLine("google", "v=DKIM1; p=\(DKIMRuleSupport.Keys.rsa1024)")))
    ],
    nonTriggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("google", "v=DKIM1; p=\(DKIMRuleSupport.Keys.rsa2048)"),
          DKIMRuleSupport.keyLine("google2", "v=DKIM1; p=\(DKIMRuleSupport.Keys.rsa1024)")))
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    context.dkim.selectors.compactMap { selector in
      guard selector.status == .multipleRecords else { return nil }
      let name = DKIMRuleSupport.quotedName(selector)
      let count = selector.records.count
      return finding(
        LocalizedText(
          en: "\(name) has \(count) TXT records; a selector must have exactly one key record",
          de: "\(name) hat \(count) TXT-Einträge; ein Selektor darf genau einen Schlüssel haben"),
        at: DKIMRuleSupport.location(selector))
    }
  }
}
