import SenderAuthCore

/// One page per rule, as ShellCheck's wiki has one per code: `docs/rules/<id>.md` in English
/// and `docs/rules/de/<id>.md` in German. Problem, why it matters, how to fix it, examples
/// that trigger and that do not, exceptions and suppression, references; all from the rule's
/// description, so a page never disagrees with `senderauth explain`.
public enum RulePageRenderer {
  /// The page's path below `docs/`: `rules/<id>.md` or `rules/de/<id>.md`.
  public static func path(_ id: String, language: Language) -> String {
    language == .en ? "rules/\(id).md" : "rules/\(language.rawValue)/\(id).md"
  }

  /// The page of `rule` in `language`.
  public static func page(_ rule: RuleDescription, language: Language) -> String {
    let words = ReportWords(language)
    let text = Words(language)
    // Links relative to the page: English pages sit in rules/, German ones in rules/de/.
    let up = language == .en ? "../" : "../../"
    let otherPage = language == .en ? "de/\(rule.id).md" : "../\(rule.id).md"
    let index = up + (language == .en ? "rules.md" : "rules.de.md")
    var blocks = [
      "# \(rule.id)",
      "<!-- \(text.generated) -->",
      "**\(MarkdownText.inline(rule.title.text(language)))** · \(words[.severity]): "
        + "\(words.severity(rule.severity)) · [\(text.allRules)](\(index)) · "
        + "[\(text.otherLanguage)](\(otherPage))",
      "## \(text.problem)",
      MarkdownText.inline(problem(rule, language: language)),
      "## \(text.why)",
      MarkdownText.inline(rule.rationale.text(language)),
      "## \(text.fix)",
      MarkdownText.inline(rule.howToFix.text(language)),
    ]
    if let codes = RuleCatalogRenderer.bounceCodeLine(rule, words: words) { blocks.append(codes) }
    if !rule.triggering.isEmpty || !rule.nonTriggering.isEmpty {
      blocks.append("## \(text.examples)")
      for (label, examples) in [
        (words[.triggeringExample], rule.triggering),
        (words[.nonTriggeringExample], rule.nonTriggering),
      ] {
        for example in examples {
          let note = RuleCatalogRenderer.exampleNote(
            example, words: words, quote: MarkdownText.code)
          blocks.append("**\(label)** (\(note)):")
          blocks.append(
            MarkdownText.block(RuleCatalogRenderer.zoneLines(example), info: "dns"))
          blocks += RuleCatalogRenderer.webBlocks(example, words: words)
        }
      }
    }
    blocks.append("## \(text.exceptions)")
    blocks.append(MarkdownText.inline(text.exceptionsIntro(rule.severity)))
    blocks.append(
      MarkdownText.block(
        [
          "{",
          "  \"suppressions\": [",
          "    {\"id\": \"\(rule.id)\", \"domain\": \"example.com\", "
            + "\"reason\": \"\(text.reasonExample)\"}",
          "  ]",
          "}",
        ], info: "json"))
    blocks.append(MarkdownText.inline(text.suppressionOutcome))
    if !rule.references.isEmpty {
      blocks.append("## \(words[.references])")
      blocks.append(RuleCatalogRenderer.referenceList(rule, words: words))
    }
    return blocks.joined(separator: "\n\n") + "\n"
  }

  /// What the rule reports, in one sentence built from its title and severity's meaning.
  static func problem(_ rule: RuleDescription, language: Language) -> String {
    let title = rule.title.text(language)
    switch (language, rule.severity) {
    case (.en, .error): return "\(title). Reported as an error: mail will fail or be rejected."
    case (.en, .warning):
      return "\(title). Reported as a warning: mail works now, but the setup "
        + "is fragile or against advice."
    case (.en, .note): return "\(title). Reported as a note: worth knowing, nothing is broken."
    case (.de, .error):
      return "\(title). Gemeldet als Fehler: E-Mails scheitern oder werden "
        + "abgewiesen."
    case (.de, .warning):
      return "\(title). Gemeldet als Warnung: E-Mails kommen jetzt an, aber "
        + "die Einrichtung ist anfällig oder widerspricht den Empfehlungen."
    case (.de, .note): return "\(title). Gemeldet als Hinweis: gut zu wissen, nichts ist kaputt."
    }
  }

  /// The page's own words.
  struct Words {
    var language: Language
    init(_ language: Language) { self.language = language }

    func pick(_ en: String, _ de: String) -> String { language == .en ? en : de }

    var generated: String {
      pick(
        "Generated from the rule catalog by the test suite (RECORD_SNAPSHOTS=1); do not edit "
          + "by hand.",
        "Von der Testsuite aus dem Regelkatalog erzeugt (RECORD_SNAPSHOTS=1); bitte nicht von "
          + "Hand ändern.")
    }
    var allRules: String { pick("All rules", "Alle Regeln") }
    var otherLanguage: String { pick("Deutsch", "English") }
    var problem: String { pick("Problem", "Befund") }
    var why: String { pick("Why it matters", "Warum das zählt") }
    var fix: String { pick("How to fix", "Behebung") }
    var examples: String { pick("Examples", "Beispiele") }
    var exceptions: String { pick("Exceptions and suppression", "Ausnahmen und Unterdrückung") }
    var reasonExample: String {
      pick("why the team accepts this, and until when", "warum das Team das hinnimmt, und bis wann")
    }

    func exceptionsIntro(_ severity: Severity) -> String {
      pick(
        "The finding fails a run at '--fail-on \(severity.rawValue)' or lower (the default "
          + "is 'error'). Where it is deliberate, suppress it for one domain in the project's "
          + "'senderauth.json', with the reason:",
        "Der Befund lässt einen Lauf ab '--fail-on \(severity.rawValue)' scheitern (Standard: "
          + "'error'). Ist er gewollt, unterdrücken Sie ihn für eine Domain in der "
          + "'senderauth.json' des Projekts, mit Begründung:")
    }
    var suppressionOutcome: String {
      pick(
        "A suppressed finding is still shown with its reason (text, JSON, SARIF "
          + "'suppressions', JUnit 'skipped'); it no longer fails the run.",
        "Ein unterdrückter Befund wird weiter mit seinem Grund gezeigt (Text, JSON, SARIF "
          + "'suppressions', JUnit 'skipped'); er lässt den Lauf nicht mehr scheitern.")
    }
  }
}
