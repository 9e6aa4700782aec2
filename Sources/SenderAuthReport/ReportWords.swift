import SenderAuthCore

/// One of the report's own words (not the rules'): headings, labels and verdicts, in every
/// language. A test checks that each has every language.
public enum ReportWord: String, CaseIterable, Sendable {
  case domain
  case input
  case ready
  case notReady
  case incomplete
  case notCheckable
  case notCheckableHeading
  case notChecked
  case notCheckedHeading
  case noFindings
  case fix
  case suppressed
  case summary
  case domains
  case oneDomain
  case severityError
  case severityWarning
  case severityNote
  case errors
  case warnings
  case notes
  case general
  case reportTitle
  case verdict
  case whatIsWrong
  case whyItMatters
  case recordFound
  case zoneFile
  case whatToPublish
  case removeRecords
  case addRecords
  case allChanges
  case allChangesIntro
  case placeholder
  case providerRequirements
  case acceptedExceptions
  case reason
  case rule
  case severity
  case title
  case howToFix
  case references
  case read
  case rationale
  case triggeringExample
  case nonTriggeringExample
  case checkedWith
  case failingLookups
  case fixable
  case webAnswers
  case webFails
  case dnssecValidation
  case catalogTitle
  case catalogIntro
  case generated
  case lookupsFailed
  case sendingServices
  case requirementMet
  case requirementsMet
  case namedWithESP
  case before
  case after
  case newFindings
  case resolvedFindings
  case changedFindings
  case new
  case resolved
  case changed
  case unchanged
  case requirementsUnknown
  case requirements
  case pasteThis
  case pasteThisIntro
  /// The intro of a plan that only adds records.
  case pasteThisIntroAddOnly
  /// The intro of a plan that only removes records.
  case pasteThisIntroRemoveOnly
  case afterChanges
  case stillToDo
  case inThePlan
  case unknownReason
  case breaks
  case incompleteProfile
  case notJudgedProfile
  case bounceCodes
  case bounceCode
  case checkDomain
  case checkedByRule

  /// The intro of the plan's records: what to delete and what to add, as the plan has them.
  static func pasteThisIntro(_ plan: FixPlan) -> ReportWord {
    if plan.remove.isEmpty { return .pasteThisIntroAddOnly }
    if plan.add.isEmpty { return .pasteThisIntroRemoveOnly }
    return .pasteThisIntro
  }

  /// The word in every language.
  public var text: LocalizedText {
    switch self {
    case .domain: LocalizedText(en: "Domain", de: "Domain")
    case .input: LocalizedText(en: "given as", de: "eingegeben als")
    case .ready: LocalizedText(en: "ready", de: "Anforderungen erfüllt")
    case .notReady: LocalizedText(en: "not ready", de: "Anforderungen nicht erfüllt")
    case .incomplete:
      LocalizedText(
        en: "incomplete: DNS lookups failed", de: "unvollständig: DNS-Abfragen gescheitert")
    case .notCheckable: LocalizedText(en: "not checkable from DNS", de: "nicht per DNS prüfbar")
    case .notCheckableHeading:
      LocalizedText(en: "Not checkable from DNS", de: "Nicht per DNS prüfbar")
    case .notChecked:
      LocalizedText(en: "not checked in this run", de: "in diesem Lauf nicht geprüft")
    case .notCheckedHeading:
      LocalizedText(en: "Not checked in this run", de: "In diesem Lauf nicht geprüft")
    case .noFindings: LocalizedText(en: "No findings.", de: "Keine Befunde.")
    case .fix: LocalizedText(en: "Fix:", de: "Behebung:")
    case .suppressed: LocalizedText(en: "suppressed", de: "unterdrückt")
    case .summary: LocalizedText(en: "Summary", de: "Zusammenfassung")
    case .domains: LocalizedText(en: "domains", de: "Domains")
    case .oneDomain: LocalizedText(en: "domain", de: "Domain")
    case .severityError: LocalizedText(en: "error", de: "Fehler")
    case .severityWarning: LocalizedText(en: "warning", de: "Warnung")
    case .severityNote: LocalizedText(en: "note", de: "Hinweis")
    case .errors: LocalizedText(en: "errors", de: "Fehler")
    case .warnings: LocalizedText(en: "warnings", de: "Warnungen")
    case .notes: LocalizedText(en: "notes", de: "Hinweise")
    case .general: LocalizedText(en: "Not tied to one record", de: "Ohne bestimmten Eintrag")
    case .reportTitle:
      LocalizedText(
        en: "Email authentication report", de: "Prüfbericht zur E-Mail-Authentifizierung")
    case .verdict: LocalizedText(en: "Verdict", de: "Ergebnis")
    case .whatIsWrong: LocalizedText(en: "What is wrong", de: "Was nicht stimmt")
    case .whyItMatters:
      LocalizedText(en: "Why it matters for delivery", de: "Warum das für die Zustellung zählt")
    case .recordFound: LocalizedText(en: "Record found", de: "Gefundener Eintrag")
    case .zoneFile: LocalizedText(en: "zone file", de: "Zonendatei")
    case .whatToPublish: LocalizedText(en: "What to publish", de: "Was zu veröffentlichen ist")
    case .removeRecords: LocalizedText(en: "Remove these records", de: "Diese Einträge entfernen")
    case .addRecords: LocalizedText(en: "Add these records", de: "Diese Einträge anlegen")
    case .allChanges:
      LocalizedText(en: "All DNS changes at a glance", de: "Alle DNS-Änderungen im Überblick")
    case .allChangesIntro:
      LocalizedText(
        en: "Lines starting with ';' are comments. Remove the first group, then add the second.",
        de:
          "Zeilen mit ';' am Anfang sind Kommentare. Erst die erste Gruppe entfernen, dann die "
          + "zweite anlegen.")
    case .placeholder:
      LocalizedText(
        en: "Replace the values in angle brackets (<…>) with your own before publishing.",
        de: "Ersetzen Sie die Werte in spitzen Klammern (<…>) vor dem Veröffentlichen.")
    case .providerRequirements:
      LocalizedText(
        en: "Mailbox provider requirements", de: "Anforderungen der Postfachanbieter")
    case .acceptedExceptions: LocalizedText(en: "Accepted exceptions", de: "Akzeptierte Ausnahmen")
    case .reason: LocalizedText(en: "reason", de: "Grund")
    case .rule: LocalizedText(en: "Rule", de: "Regel")
    case .severity: LocalizedText(en: "Severity", de: "Schweregrad")
    case .title: LocalizedText(en: "Title", de: "Titel")
    case .howToFix: LocalizedText(en: "How to fix", de: "Behebung")
    case .references: LocalizedText(en: "References", de: "Quellen")
    case .read: LocalizedText(en: "read", de: "gelesen")
    case .rationale: LocalizedText(en: "Why", de: "Warum")
    case .triggeringExample: LocalizedText(en: "Triggers on", de: "Schlägt an bei")
    case .nonTriggeringExample: LocalizedText(en: "Stays silent on", de: "Schlägt nicht an bei")
    case .checkedWith: LocalizedText(en: "checked with", de: "geprüft mit")
    case .failingLookups:
      LocalizedText(
        en: "lookups of these names fail (SERVFAIL)",
        de: "Abfragen dieser Namen scheitern (SERVFAIL)")
    case .webAnswers: LocalizedText(en: "answers", de: "antwortet mit")
    case .webFails: LocalizedText(en: "fetch fails", de: "Abruf scheitert")
    case .dnssecValidation:
      LocalizedText(en: "a validating resolver finds", de: "ein validierender Resolver findet")
    case .fixable:
      LocalizedText(
        en: "the finding's fix silences the rule",
        de: "nach der vorgeschlagenen Behebung schlägt die Regel nicht mehr an")
    case .catalogTitle: LocalizedText(en: "senderauth rules", de: "senderauth-Regeln")
    case .catalogIntro:
      LocalizedText(
        en:
          "Every finding senderauth reports has one of these ids. Ids never change meaning; "
          + "each has its own page (problem, why, fix, examples, suppression, references), and "
          + "'senderauth explain ID' prints the same at the terminal.",
        de:
          "Jeder Befund von senderauth trägt eine dieser IDs. Eine ID ändert nie ihre "
          + "Bedeutung; jede hat eine eigene Seite (Befund, Warum, Behebung, Beispiele, "
          + "Unterdrückung, Quellen), und 'senderauth explain ID' zeigt dasselbe im Terminal.")
    case .generated:
      LocalizedText(
        en: "Generated by 'senderauth rules --format markdown'; do not edit by hand.",
        de: "Erzeugt mit 'senderauth rules --format markdown'; bitte nicht von Hand ändern.")
    case .requirementMet: LocalizedText(en: "requirement met", de: "Anforderung erfüllt")
    case .requirementsMet: LocalizedText(en: "requirements met", de: "Anforderungen erfüllt")
    case .sendingServices:
      LocalizedText(en: "Sending services", de: "Versanddienste")
    case .namedWithESP: LocalizedText(en: "named with --esp", de: "mit --esp angegeben")
    case .before: LocalizedText(en: "before", de: "vorher")
    case .after: LocalizedText(en: "after", de: "nachher")
    case .newFindings: LocalizedText(en: "New findings", de: "Neue Befunde")
    case .resolvedFindings: LocalizedText(en: "Resolved findings", de: "Behobene Befunde")
    case .changedFindings: LocalizedText(en: "Changed findings", de: "Geänderte Befunde")
    case .new: LocalizedText(en: "new", de: "neu")
    case .resolved: LocalizedText(en: "resolved", de: "behoben")
    case .changed: LocalizedText(en: "changed", de: "geändert")
    case .unchanged: LocalizedText(en: "unchanged", de: "unverändert")
    case .requirementsUnknown:
      LocalizedText(
        en: "requirements not judged: the lookups they rest on failed",
        de: "Anforderungen nicht beurteilt: die nötigen Abfragen sind gescheitert")
    case .requirements: LocalizedText(en: "requirements", de: "Anforderungen")
    case .pasteThis: LocalizedText(en: "Paste this", de: "Zum Einfügen")
    case .pasteThisIntro:
      LocalizedText(
        en: "Every fix above merged into one change and checked again with it applied. Delete "
          + "the records after '; Remove these records' (shown as comments), then add the "
          + "records after '; Add these records'.",
        de: "Alle Behebungen oben zu einer Änderung zusammengeführt und mit ihr erneut geprüft. "
          + "Löschen Sie die Einträge nach '; Diese Einträge entfernen' (als Kommentar "
          + "gezeigt) und legen Sie dann die Einträge nach '; Diese Einträge anlegen' an.")
    case .pasteThisIntroAddOnly:
      LocalizedText(
        en: "Every fix above merged into one change and checked again with it applied. Add the "
          + "records after '; Add these records'.",
        de: "Alle Behebungen oben zu einer Änderung zusammengeführt und mit ihr erneut geprüft. "
          + "Legen Sie die Einträge nach '; Diese Einträge anlegen' an.")
    case .pasteThisIntroRemoveOnly:
      LocalizedText(
        en: "Every fix above merged into one change and checked again with it applied. Delete "
          + "the records after '; Remove these records' (shown as comments).",
        de: "Alle Behebungen oben zu einer Änderung zusammengeführt und mit ihr erneut geprüft. "
          + "Löschen Sie die Einträge nach '; Diese Einträge entfernen' (als Kommentar gezeigt).")
    case .afterChanges: LocalizedText(en: "After these changes", de: "Nach diesen Änderungen")
    case .stillToDo:
      LocalizedText(
        en: "Not fixed by these records (outside DNS, or it needs your input)",
        de:
          "Nicht durch diese Einträge behoben (außerhalb des DNS, oder es fehlt ein Wert, den nur Sie kennen)"
      )
    case .inThePlan:
      LocalizedText(
        en: "(the records are in 'Paste this' below)",
        de: "(die Einträge stehen unten unter 'Zum Einfügen')")
    case .unknownReason:
      LocalizedText(
        en: "unknown: the DNS lookups it rests on failed",
        de: "unbekannt: die nötigen DNS-Abfragen sind gescheitert")
    case .breaks: LocalizedText(en: "Breaks", de: "Verletzt")
    case .incompleteProfile: LocalizedText(en: "incomplete", de: "unvollständig")
    case .notJudgedProfile: LocalizedText(en: "not checked", de: "nicht geprüft")
    case .bounceCodes:
      LocalizedText(en: "Provider's bounce codes", de: "Fehlercodes des Anbieters")
    case .bounceCode: LocalizedText(en: "Bounce code", de: "Fehlercode")
    case .checkDomain: LocalizedText(en: "Check the domain", de: "Domain prüfen")
    case .checkedByRule: LocalizedText(en: "Checked by rule", de: "Geprüft von Regel")
    case .lookupsFailed:
      LocalizedText(
        en: "Some DNS lookups failed, so not every check could be made.",
        de: "Einige DNS-Abfragen sind gescheitert; nicht jede Prüfung war möglich.")
    }
  }
}

/// The report's own words in one language.
public struct ReportWords: Sendable {
  public let language: Language

  public init(_ language: Language) { self.language = language }

  /// `word` in this language.
  public subscript(_ word: ReportWord) -> String { word.text.text(language) }

  /// A location's type as a heading shows it: a DNS type as it is, the places that are not a
  /// record (`ESP`, `message`) in this language.
  public func locationType(_ type: String) -> String {
    switch (type, language) {
    case ("ESP", .de): "Versanddienst"
    case ("message", .de): "Nachricht"
    default: type
    }
  }

  /// Shorthands kept for callers that read words as properties.
  var domain: String { self[.domain] }
  var ready: String { self[.ready] }
  var notReady: String { self[.notReady] }

  /// The severity's name in this language (`error`, `Fehler`).
  public func severity(_ severity: Severity) -> String {
    switch severity {
    case .error: self[.severityError]
    case .warning: self[.severityWarning]
    case .note: self[.severityNote]
    }
  }

  /// The verdict in this language.
  public func verdict(_ verdict: ReadinessState) -> String {
    switch verdict {
    case .ready: self[.ready]
    case .notReady: self[.notReady]
    case .incomplete: self[.incomplete]
    case .notJudged: self[.notJudgedProfile]
    }
  }

  /// `1 requirement met`, `18 requirements met`.
  public func requirementsMet(_ count: Int) -> String {
    "\(count) " + (count == 1 ? self[.requirementMet] : self[.requirementsMet])
  }

  /// `text` as a heading: its first letter upper case (`checkable with --ip` → `Checkable
  /// with --ip`).
  public static func heading(_ text: String) -> String {
    text.prefix(1).uppercased() + text.dropFirst()
  }

  /// `12 requirements ('senderauth providers bulk' lists them)`: more than three.
  public func notCheckableCount(_ count: Int, profile: String) -> String {
    language == .de
      ? "\(count) Anforderungen ('senderauth providers \(profile)' listet sie)"
      : "\(count) requirements ('senderauth providers \(profile)' lists them)"
  }

  /// `1 domain`, `2 domains`.
  public func domains(_ count: Int) -> String {
    "\(count) " + (count == 1 ? self[.oneDomain] : self[.domains])
  }

  /// `errors 1 · warnings 2 · notes 0 · suppressed 1`.
  public func counts(_ counts: SeverityCounts) -> String {
    var parts = [
      "\(self[.errors]) \(counts.errors)", "\(self[.warnings]) \(counts.warnings)",
      "\(self[.notes]) \(counts.notes)",
    ]
    if counts.suppressed > 0 { parts.append("\(self[.suppressed]) \(counts.suppressed)") }
    return parts.joined(separator: " · ")
  }
}
