import DNSLookup
import SenderAuthCore

/// `dmarc.syntax`: a DMARC record term that receivers cannot read, or a TXT record meant as
/// DMARC that does not start with `v=DMARC1` exactly.
public struct DMARCSyntaxRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dmarc.syntax",
    title: LocalizedText(en: "DMARC record syntax error", de: "Syntaxfehler im DMARC-Eintrag"),
    rationale: LocalizedText(
      en: "Receivers ignore terms of a DMARC record that break the RFC 9989 grammar and fall "
        + "back to defaults: an invalid p=, sp= or np= means no DMARC processing at all unless "
        + "rua= holds a valid address (then p=none). A record that does not start with exactly "
        + "v=DMARC1 (case-sensitive, nothing before it) is not a DMARC record.",
      de: "Empfangende Server ignorieren Tags eines DMARC-Eintrags, die gegen die Grammatik von "
        + "RFC 9989 verstoßen, und nehmen Standardwerte: ein ungültiges p=, sp= oder np= bedeutet "
        + "gar keine DMARC-Prüfung, außer rua= enthält eine gültige Adresse (dann p=none). Ein "
        + "Eintrag, der nicht genau mit v=DMARC1 beginnt (Groß-/Kleinschreibung beachten, nichts "
        + "davor), ist kein DMARC-Eintrag."),
    howToFix: LocalizedText(
      en: "Correct the term named in the finding; values are listed in RFC 9989 §4.7.",
      de: "Korrigieren Sie das genannte Tag; die Werte stehen in RFC 9989 §4.7."),
    references: [
      DMARCRuleSupport.rfc9989("4.7"), DMARCRuleSupport.rfc9989("4.8"),
      DMARCRuleSupport.rfc9989("4.10.1"),
    ],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: """
          $ORIGIN example.com.
          _dmarc  3600 IN TXT "v=DMARC1; p=rejct; rua=mailto:dmarc@example.com"
          """),
      RuleExample(
        zone: """
          $ORIGIN example.com.
          _dmarc  3600 IN TXT "v=dmarc1; p=reject; rua=mailto:dmarc@example.com"
          """, fixable: true),
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          $ORIGIN example.com.
          _dmarc  3600 IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"
          """)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    let dmarc = context.dmarc
    var findings: [Finding] = []
    for nearMiss in dmarc.directRecords?.nearMisses ?? [] {
      findings.append(nearMissFinding(nearMiss, context: context))
    }
    var records: [DMARCRecord] = dmarc.directRecords?.records ?? []
    if let applicable = dmarc.discovery.policyRecord, !records.contains(applicable) {
      records.append(applicable)
    }
    for record in records {
      var first = true
      for issue in record.issues {
        var finding = issueFinding(issue, record: record)
        // The first issue that changes how receivers read the record carries the record as
        // its author meant it, and says what receivers do with it today: a record receivers
        // discard is corrected, never extended.
        if first, Self.misreads(issue), let fix = correctedFix(record, context: context) {
          let reading = DMARCRuleSupport.receiverReading(record)
          finding.message = LocalizedText(
            en: finding.message.en + "; " + reading.en,
            de: finding.message.de + "; " + reading.de)
          finding.fix = fix
          first = false
        }
        findings.append(finding)
      }
    }
    return findings
  }

  /// True for issues that make receivers read the record differently from what it means.
  static func misreads(_ issue: DMARCRecord.Issue) -> Bool {
    switch issue.kind {
    case .tagNameCase, .malformedTerm, .duplicateTag: true
    case .invalidValue, .emptyValue: ["p", "sp", "np", "adkim", "aspf"].contains(issue.tag)
    case .invalidURI, .failureOptionsWithoutRUF: false
    }
  }

  /// The record replaced by what it means (`DMARCIntent`), policies as meant.
  private func correctedFix(_ record: DMARCRecord, context: DomainContext) -> Fix? {
    guard record.owner != nil,
      let corrected = DMARCRuleSupport.corrected(record, context: context)
    else { return nil }
    let changes = DMARCRuleSupport.replace(record, with: corrected.text)
    let list = LocalizedText(
      en: corrected.edits.map(\.what.en).joined(separator: "; "),
      de: corrected.edits.map(\.what.de).joined(separator: "; "))
    return Fix(
      explanation: LocalizedText(
        en: "Publish the record as it is meant, so that receivers read it as written: "
          + "\(list.en).",
        de: "Veröffentlichen Sie den Eintrag so, wie er gemeint ist, damit empfangende Server ihn "
          + "so lesen: \(list.de)."),
      add: changes.add, remove: changes.remove)
  }

  private func nearMissFinding(_ record: DMARCRecord, context: DomainContext) -> Finding {
    let owner = DMARCRuleSupport.ownerText(record, fallback: context.domain)
    let trimmed = String(record.text.drop { $0 == " " || $0 == "\t" })
    var fix: Fix?
    if trimmed.lowercased().hasPrefix("v=dmarc1") {
      let corrected = "v=DMARC1" + trimmed.dropFirst("v=dmarc1".count)
      if DMARCParser.parse(corrected) != nil {
        let changes = DMARCRuleSupport.replace(record, with: corrected)
        fix = Fix(
          explanation: LocalizedText(
            en: "Write the version exactly as 'v=DMARC1' at the very start of the record.",
            de: "Schreiben Sie die Version genau als 'v=DMARC1' ganz am Anfang des Eintrags."),
          add: changes.add, remove: changes.remove)
      }
    }
    return finding(
      LocalizedText(
        en: "TXT record at '\(owner)' looks like DMARC but does not start with 'v=DMARC1' "
          + "exactly; receivers ignore it",
        de: "TXT-Eintrag unter '\(owner)' sieht nach DMARC aus, beginnt aber nicht genau mit "
          + "'v=DMARC1'; empfangende Server ignorieren ihn"),
      at: record.location(), fix: fix, severity: .error)
  }

  private func issueFinding(_ issue: DMARCRecord.Issue, record: DMARCRecord) -> Finding {
    let owner = record.owner?.text ?? "_dmarc"
    let expected = issue.expected.map { "; expected \($0)" } ?? ""
    let expectedDE = issue.expected.map { "; erwartet: \($0)" } ?? ""
    let message: LocalizedText
    var severity = Severity.warning
    switch issue.kind {
    case .malformedTerm:
      message = LocalizedText(
        en: "DMARC record at '\(owner)' has a malformed term '\(issue.term)'\(expected)",
        de: "DMARC-Eintrag unter '\(owner)' hat ein fehlerhaftes Tag '\(issue.term)'"
          + expectedDE)
    case .emptyValue:
      message = LocalizedText(
        en: "DMARC record at '\(owner)' has an empty value in '\(issue.term)'",
        de: "DMARC-Eintrag unter '\(owner)' hat einen leeren Wert in '\(issue.term)'")
      if ["p", "sp", "np"].contains(issue.tag) { severity = .error }
    case .invalidValue:
      message = LocalizedText(
        en: "DMARC record at '\(owner)' has an invalid value in '\(issue.term)'\(expected)",
        de: "DMARC-Eintrag unter '\(owner)' hat einen ungültigen Wert in '\(issue.term)'"
          + expectedDE)
      if ["p", "sp", "np"].contains(issue.tag) { severity = .error }
    case .duplicateTag:
      message = LocalizedText(
        en: "DMARC record at '\(owner)' repeats the tag '\(issue.tag)' in '\(issue.term)'",
        de: "DMARC-Eintrag unter '\(owner)' wiederholt das Tag '\(issue.tag)' in '\(issue.term)'")
    case .tagNameCase:
      message = LocalizedText(
        en: "DMARC record at '\(owner)' writes '\(issue.tag)' where the tag is "
          + "'\(issue.expected ?? issue.tag.lowercased())'; tag names are case-sensitive and "
          + "receivers ignore it",
        de: "DMARC-Eintrag unter '\(owner)' schreibt '\(issue.tag)', das Tag heißt aber "
          + "'\(issue.expected ?? issue.tag.lowercased())'; empfangende Server unterscheiden "
          + "Groß- und Kleinschreibung und ignorieren sie")
    case .invalidURI:
      message = LocalizedText(
        en: "DMARC record at '\(owner)' has an invalid report URI '\(issue.term)' in "
          + "'\(issue.tag)'\(expected)",
        de: "DMARC-Eintrag unter '\(owner)' hat eine ungültige Berichtsadresse '\(issue.term)' in "
          + "'\(issue.tag)'\(expectedDE)")
    case .failureOptionsWithoutRUF:
      message = LocalizedText(
        en: "DMARC record at '\(owner)' has '\(issue.term)' but no 'ruf='; receivers ignore it",
        de: "DMARC-Eintrag unter '\(owner)' hat '\(issue.term)', aber kein 'ruf='; empfangende "
          + "Server ignorieren es")
      severity = .note
    }
    return finding(
      message,
      at: record.location(span: Location.Span(offset: issue.offset, length: issue.length)),
      severity: severity)
  }
}
