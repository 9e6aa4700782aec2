import DNSLookup
import SenderAuthCore

/// `dmarc.unknown-tag`: the record has tags that are no DMARC tag; receivers ignore them.
public struct DMARCUnknownTagRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dmarc.unknown-tag",
    title: LocalizedText(en: "Unknown DMARC tag", de: "Unbekanntes DMARC-Tag"),
    rationale: LocalizedText(
      en: "Unknown tags are ignored (RFC 9989 §4.7). They are usually typos (spf=, sp0=, "
        + "policy=) whose intent then silently has no effect.",
      de: "Unbekannte Tags werden ignoriert (RFC 9989 §4.7). Meist sind es Tippfehler (spf=, "
        + "sp0=, policy=), deren Absicht dann stillschweigend wirkungslos bleibt."),
    howToFix: LocalizedText(
      en: "Correct the tag name or remove the term.",
      de: "Korrigieren Sie den Namen des Tags oder entfernen Sie es."),
    references: [DMARCRuleSupport.rfc9989("4.7"), DMARCRuleSupport.rfc9989("9.3")],
    severity: .note,
    triggering: [
      RuleExample(
        zone: """
          $ORIGIN example.com.
          _dmarc  3600 IN TXT "v=DMARC1; p=reject; policy=reject; rua=mailto:dmarc@example.com"
          """, fixable: true)
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          $ORIGIN example.com.
          _dmarc  3600 IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"
          """)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let record = DMARCRuleSupport.ownedPolicyRecord(context) else { return [] }
    // Known tags in another case (`P=`) are reported by dmarc.syntax.
    let unknown = record.unknownTerms.filter {
      DMARCRecord.Tag(rawValue: $0.name.lowercased()) == nil
    }
    guard !unknown.isEmpty else { return [] }
    let owner = DMARCRuleSupport.ownerText(record, fallback: context.domain)
    let fix = DMARCRuleSupport.correction(
      context,
      lead: LocalizedText(
        en: "Remove the unknown terms (they have no effect), or correct their names.",
        de: "Entfernen Sie die unbekannten Tags (sie wirken nicht) oder korrigieren Sie die Namen.")
    )
    return unknown.enumerated().map { index, term in
      finding(
        LocalizedText(
          en: "DMARC record at '\(owner)' has unknown tag '\(term.name)'; receivers ignore it",
          de: "DMARC-Eintrag unter '\(owner)' hat das unbekannte Tag '\(term.name)'; empfangende "
            + "Server ignorieren sie"),
        at: record.location(span: Location.Span(offset: term.offset, length: term.length)),
        fix: index == 0 ? fix : nil)
    }
  }
}
