import Foundation
import SenderAuthCore
import SenderAuthReport
import SenderAuthRules
import Testing

/// The reference in `docs/` is generated and kept current here (`RECORD_SNAPSHOTS=1` rewrites
/// it): one page per rule and language, the commands from `--help`, the formats from the
/// golden report files, the German glossary; and every command line in the hand-written
/// guides uses options that exist.
@Suite struct DocsTests {
  static let docs = Golden.repository.appendingPathComponent("docs")

  /// `text` in a fenced block that its own backticks cannot close.
  static func fenced(_ text: String, info: String = "") -> String {
    var fence = "```"
    while text.contains(fence) { fence += "`" }
    let body = text.hasSuffix("\n") ? text : text + "\n"
    return fence + info + "\n" + body + fence
  }

  @Test(arguments: Language.allCases)
  func rulePagesAreCurrent(_ language: Language) throws {
    let rules = RuleCatalog.all.map(\.description)
    var expected: Set<String> = []
    for rule in rules {
      let path = RulePageRenderer.path(rule.id, language: language)
      expected.insert(URL(fileURLWithPath: path).lastPathComponent)
      try Golden.check(
        RulePageRenderer.page(rule, language: language), at: Self.docs.appendingPathComponent(path))
    }
    // No page for an id the catalog no longer has.
    let folder = Self.docs.appendingPathComponent(language == .en ? "rules" : "rules/de")
    let present = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".md") }
    for stray in Set(present).subtracting(expected) {
      if Golden.recording {
        try FileManager.default.removeItem(at: folder.appendingPathComponent(stray))
      } else {
        Issue.record("docs/\(folder.lastPathComponent)/\(stray) is for no rule in the catalog")
      }
    }
  }

  /// The German pages keep to the glossary (the provider rules' texts are a known issue of
  /// `GermanGlossaryTests` until issue 18's table lands, so their pages are left to it).
  @Test func germanPagesKeepToTheGlossary() throws {
    let own = Set(
      (DNSRules.all + SPFRules.all + DMARCRules.all + DKIMRules.all + ESPRules.all + IPRules.all)
        .map(\.description.id))
    var texts = try Self.commandsPage(.de).split(separator: "\n").map(String.init)
    texts += RuleCatalogRenderer.markdown(RuleCatalog.all.map(\.description), language: .de)
      .split(separator: "\n").map(String.init).filter { line in
        !line.hasPrefix("| [") || own.contains { line.hasPrefix("| [`\($0)`]") }
      }
    for rule in RuleCatalog.all.map(\.description) where own.contains(rule.id) {
      texts += RulePageRenderer.page(rule, language: .de).split(separator: "\n").map(String.init)
    }
    let violations = Set(texts.flatMap(GermanGlossary.violations(in:))).map(\.description)
    #expect(violations.isEmpty, Comment(rawValue: violations.sorted().joined(separator: "\n")))
  }

  /// Every key the JSON output holds (the demo with its plan, a checked message with the
  /// receiver's results, `fix --format json`) is described in docs/json.md: a key path such as
  /// `domains[].fixPlan.unresolved[].why` counts as described when the table names its last
  /// key under its parent (`domains[].fixPlan.unresolved[]` … `.why`).
  @Test func everyJSONKeyIsDocumented() throws {
    let page = try String(contentsOf: Self.docs.appendingPathComponent("json.md"), encoding: .utf8)
    let runs: [[String]] = [
      ["check", "shop.example", "--offline", "--zone", "Fixtures/demo/", "--format", "json"],
      [
        "check", "--message", "Fixtures/messages/hubspot-misaligned.eml", "--offline", "--zone",
        "Fixtures/messages/zones", "--zone", "Fixtures/esp/providers", "--format", "json",
      ],
      ["fix", "shop.example", "--offline", "--zone", "Fixtures/demo/", "--format", "json"],
    ]
    var paths: Set<String> = []
    func walk(_ node: Any, _ path: String) {
      if let object = node as? [String: Any] {
        for (key, value) in object {
          // A map's keys are data (`after`'s profile ids, `notes`' zone lines), not fields.
          let map = path.hasSuffix(".after") || path.hasSuffix(".notes")
          if !map { paths.insert(path.isEmpty ? key : path + "." + key) }
          walk(value, map ? path : (path.isEmpty ? key : path + "." + key))
        }
      } else if let array = node as? [Any] {
        for value in array { walk(value, path + "[]") }
      }
    }
    for arguments in runs {
      let run = try Binary.run(arguments)
      walk(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)), "")
    }
    #expect(paths.contains("domains[].message.receiver.spfDomain"), "the runs cover the message")
    let rows = page.split(separator: "\n").filter { $0.hasPrefix("| `") }.map(String.init)
    // A row names a field as `path`, `path[]` or, after a sibling, `.key`.
    func rowsNaming(_ path: String) -> [String] {
      let key = String(path.split(separator: ".").last ?? "")
      return rows.filter { row in
        row.contains("`\(path)`") || row.contains("`\(path)[]`")
          || ((row.contains("`.\(key)`") || row.contains("`.\(key)[]`"))
            && row.contains(path.prefix(path.count - key.count)))
      }
    }
    let missing = paths.filter { found in
      // `fix --format json` is `{"domain", "fixPlan"}`: its plan is the domain's.
      let path = found.hasPrefix("fixPlan") ? "domains[]." + found : found
      if path == "domain" || !rowsNaming(path).isEmpty { return false }
      // A container whose fields have rows (`tool` of `tool.name`).
      if rows.contains(where: { $0.contains("`\(path).") || $0.contains("`\(path)[].") }) {
        return false
      }
      // Else a row of an ancestor names the key in its text (`location`: `name`, `span` …).
      let key = String(path.split(separator: ".").last ?? "")
      var parent = path
      while let dot = parent.lastIndex(of: ".") {
        parent = String(parent[..<dot])
        if parent.hasSuffix("[]") { parent.removeLast(2) }
        if rowsNaming(parent).contains(where: {
          $0.contains("`\(key)`") || $0.contains("`\(key)[]`")
        }) {
          return false
        }
      }
      return true
    }
    #expect(missing.isEmpty, Comment(rawValue: missing.sorted().joined(separator: "\n")))
  }

  /// Every relative link in README.md and the pages under docs/ names a file that exists.
  @Test func relativeLinksResolve() throws {
    let root = Golden.repository
    var pages = ["README.md"]
    let enumerator = FileManager.default.enumerator(
      atPath: root.appendingPathComponent("docs").path)
    while let path = enumerator?.nextObject() as? String {
      if path.hasSuffix(".md") { pages.append("docs/" + path) }
    }
    #expect(pages.count > 100, "README and the docs pages: \(pages.count)")
    var broken: [String] = []
    for page in pages {
      let text = try String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)
      let folder = root.appendingPathComponent(page).deletingLastPathComponent()
      var rest = text[...]
      while let open = rest.range(of: "](") {
        rest = rest[open.upperBound...]
        guard let close = rest.firstIndex(of: ")") else { break }
        // An anchor within the page (`#text`) or after a file name is not checked.
        let target = String(rest[..<close]).components(separatedBy: "#")[0]
        rest = rest[close...]
        guard !target.isEmpty, !target.contains("://"), !target.hasPrefix("mailto:") else {
          continue
        }
        let path = folder.appendingPathComponent(target).standardizedFileURL.path
        if !FileManager.default.fileExists(atPath: path) { broken.append("\(page): \(target)") }
      }
    }
    #expect(broken.isEmpty, Comment(rawValue: broken.joined(separator: "\n")))
  }

  @Test func rulePagesLinkToEachOtherAndToTheIndex() throws {
    let rule = try #require(RuleCatalog.all.first?.description)
    let english = RulePageRenderer.page(rule, language: .en)
    let german = RulePageRenderer.page(rule, language: .de)
    // Links resolve from the page's own folder.
    #expect(english.contains("](../rules.md)") && english.contains("](de/\(rule.id).md)"))
    #expect(german.contains("](../../rules.de.md)") && german.contains("](../\(rule.id).md)"))
    for heading in ["## Why it matters", "## How to fix", "## Exceptions and suppression"] {
      #expect(english.contains(heading))
    }
    #expect(german.contains("## Ausnahmen und Unterdrückung"))
    #expect(english.contains("\"id\": \"\(rule.id)\""), "the suppression example names the id")
  }

  /// `docs/commands.md` (and `.de.md`): `senderauth --help` and every command's `--help`.
  static func commandsPage(_ language: Language) throws -> String {
    let lang = ["--lang", language.rawValue]
    let german = language == .de
    var blocks = [
      german ? "# senderauth: Befehle" : "# senderauth commands",
      german
        ? "<!-- Von der Testsuite aus '--help' erzeugt (RECORD_SNAPSHOTS=1); bitte nicht von "
          + "Hand ändern. -->"
        : "<!-- Generated from '--help' by the test suite (RECORD_SNAPSHOTS=1); do not edit by "
          + "hand. -->",
      german
        ? "Jeder Abschnitt ist die Ausgabe von `senderauth BEFEHL --help --lang de`; die "
          + "Manpage (`docs/senderauth.1`) enthält dasselbe."
        : "Each section is the output of `senderauth COMMAND --help`; the man page "
          + "(`docs/senderauth.1`) holds the same.",
      "## senderauth",
      fenced(try Binary.run(["--help"] + lang).stdout, info: "text"),
    ]
    for command in CLIOutputTests.commands {
      blocks.append("## senderauth \(command)")
      blocks.append(fenced(try Binary.run([command, "--help"] + lang).stdout, info: "text"))
    }
    return blocks.joined(separator: "\n\n") + "\n"
  }

  @Test(arguments: Language.allCases)
  func commandsPageIsCurrent(_ language: Language) throws {
    let name = language == .en ? "commands.md" : "commands.de.md"
    let page = try Self.commandsPage(language)
    try Golden.check(page, at: Self.docs.appendingPathComponent(name))
    // A help text's line ends in a continuation, not in a backslash the user sees and a blank
    // line (`fix`'s did: written `\\` in a string literal); a shell example may continue.
    let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
    let continued = zip(lines, lines.dropFirst()).filter { $0.hasSuffix(" \\") && $1.isEmpty }
    #expect(continued.isEmpty, "\(continued.map(\.0))")
  }

  /// What each format is for, in the order of `ReportFormat`.
  static let formatPurposes: [ReportFormat: (use: String, shape: String)] = [
    .text: (
      "people at a terminal",
      "verdict first, findings grouped by record, fix lines to paste; colour and wrapping only "
        + "on a terminal (`--color auto|always|never`, `NO_COLOR`), never cut when piped"
    ),
    .json: ("scripts", "one document, `schemaVersion` 1, sorted keys (byte-stable)"),
    .jsonl: (
      "batches and pipelines",
      "one JSON object per domain and line, written as each domain finishes"
    ),
    .markdown: ("tickets, wikis, pull-request comments", "a report a person can paste"),
    .github: (
      "GitHub Actions logs",
      "workflow commands (`::error file=…,line=…::`) that annotate the changed zone line"
    ),
    .junit: (
      "CI test-report viewers (GitLab, Jenkins, Azure DevOps)",
      "one `<testsuite>` per domain, one `<testcase>` per rule; only findings at or above "
        + "`--fail-on` are `<failure>`s, findings below it pass with `<system-out>`, rules "
        + "without a verdict, not checked in this run or suppressed are `<skipped>`"
    ),
    .sarif: (
      "code scanning (GitHub, Azure DevOps, any SARIF viewer)",
      "SARIF 2.1.0, valid against the OASIS schema; every result has a physical location "
        + "(see [the CI guide](ci.md#where-findings-point))"
    ),
    .codequality: (
      "GitLab merge requests (`artifacts:reports:codequality`)",
      "a JSON array of issues with `check_name` (the rule id), `severity`, `fingerprint` and "
        + "`location` (same file and line as SARIF)"
    ),
  ]

  static var formatsPage: String {
    get throws {
      let golden = Golden.testsDirectory.appendingPathComponent("Golden")
      let extensions: [ReportFormat: String] = [
        .text: "txt", .json: "json", .jsonl: "jsonl", .markdown: "md", .github: "txt",
        .junit: "xml", .sarif: "sarif", .codequality: "json",
      ]
      let info: [ReportFormat: String] = [
        .text: "text", .json: "json", .jsonl: "json", .markdown: "markdown", .github: "text",
        .junit: "xml", .sarif: "json", .codequality: "json",
      ]
      var table = ["| format | for | shape |", "|---|---|---|"]
      for format in ReportFormat.allCases {
        let purpose = formatPurposes[format] ?? ("", "")
        table.append(
          "| [`\(format.rawValue)`](#\(format.rawValue)) | \(purpose.use) | \(purpose.shape) |")
      }
      var blocks = [
        "# Output formats",
        "<!-- Generated by the test suite from the golden report files in "
          + "Tests/SenderAuthReportTests/Golden (RECORD_SNAPSHOTS=1); do not edit by hand. -->",
        "`senderauth check --format FORMAT` renders one report in any of these formats; every "
          + "format is a pure function of the same report, so they never disagree. Messages, "
          + "titles and fix explanations follow `--lang en|de` (default: the first of `LC_ALL`, "
          + "`LC_MESSAGES`, `LANG` that is set); ids, record text and zone lines are never "
          + "translated. Text from DNS is escaped in every format: a TXT record holding terminal "
          + "escape sequences cannot rewrite the screen, close a Markdown block or break XML.",
        table.joined(separator: "\n"),
        "Exit status, whatever the format: 0 no finding at or above `--fail-on` (default "
          + "`error`), 1 at least one, 2 bad input, 3 DNS lookups failed so that a verdict could "
          + "not be reached.",
        "The examples below are the golden files the test suite compares every renderer with: "
          + "a report of two domains (`example.com` with findings of every severity, one from a "
          + "zone file and one from live DNS, a hostile TXT record, a suppressed finding; and a "
          + "clean `example.org`).",
      ]
      for format in ReportFormat.allCases {
        let ext = extensions[format] ?? "txt"
        let english = try String(
          contentsOf: golden.appendingPathComponent("\(format.rawValue).en.\(ext)"),
          encoding: .utf8)
        blocks.append("## \(format.rawValue)")
        blocks.append(fenced(english, info: info[format] ?? ""))
        if format == .text || format == .markdown {
          let german = try String(
            contentsOf: golden.appendingPathComponent("\(format.rawValue).de.\(ext)"),
            encoding: .utf8)
          blocks.append("The same with `--lang de`:")
          blocks.append(fenced(german, info: info[format] ?? ""))
        }
      }
      return blocks.joined(separator: "\n\n") + "\n"
    }
  }

  @Test func formatsPageIsCurrent() throws {
    try Golden.check(try Self.formatsPage, at: Self.docs.appendingPathComponent("formats.md"))
  }

  static var glossaryPage: String {
    var blocks = [
      "# Deutsche Begriffe (Glossar)",
      "<!-- Von der Testsuite aus GermanGlossary (Sources/SenderAuthCore/Model/GermanGlossary."
        + "swift) erzeugt (RECORD_SNAPSHOTS=1); bitte nicht von Hand ändern. -->",
      "*For non-German readers:* one German term per concept in every `--lang de` text "
        + "(messages, titles, fixes, help, CLI errors). The terms in the column „Vermeiden“ are "
        + "rejected by the test suite in every German string senderauth can print (the rule "
        + "catalog, every rule example's report, the report's own words, `--help` and CLI "
        + "errors).",
      "## Begriffe",
    ]
    var table = [
      "| Begriff (EN) | Bevorzugt | Vermeiden | Hinweis |", "|---|---|---|---|",
    ]
    for entry in GermanGlossary.entries {
      let avoid = entry.avoid.map { "„\($0)“" }.joined(separator: ", ")
      var note = entry.note
      if !entry.allowed.isEmpty {
        note += "; richtig in: " + entry.allowed.map { "„\($0)“" }.joined(separator: ", ")
      }
      table.append("| \(entry.concept) | \(entry.preferred) | \(avoid) | \(note) |")
    }
    blocks.append(table.joined(separator: "\n"))
    blocks.append("## Stilregeln")
    blocks.append(
      [
        "- **Sie-Form**, sachlich, kein „man“, kein Ausrufezeichen.",
        "- **Titel**: Nominal- oder kurzer Aussagesatz, ohne Punkt. **Meldung**: Befund, dann "
          + "Folge bei empfangenden Servern, getrennt durch „;“ oder „:“, ohne Punkt. "
          + "**Behebung**: ganze Sätze im Imperativ, Verb zuerst, mit Punkt.",
        "- **Urteilszeile**: „<Profil>: Anforderungen erfüllt | nicht erfüllt | unvollständig "
          + "| nicht geprüft“; darunter „Mit --ip prüfbar: …“, „Nicht per DNS prüfbar: …“, „In "
          + "diesem Lauf nicht geprüft: …“.",
        "- **Werte** (Domains, Einträge, Tags, Ergebnisse) in geraden einfachen "
          + "Anführungszeichen '…', in Markdown in Backticks.",
        "- **Nie übersetzen**: Regel-IDs, Eintragstypen (TXT, CNAME, MX, PTR), Tags (p=, rua=, "
          + "d=, s=), Mechanismen, Ergebnisnamen (pass, fail, permerror …), Optionen, Header, "
          + "SMTP-Codes, Produktnamen.",
        "- **Zahlen**: 5.000; 0,3 %; 2048 Bit; Singular und Plural ausschreiben, nie "
          + "„Abfrage(n)“.",
        "- **CLI-Fehler** unter `--lang de` deutsch: „senderauth: <was falsch ist>; <was zu tun "
          + "ist>“.",
        "- **Ein Begriff je Sache**: die Spalte „Vermeiden“ lehnt der Test ab.",
      ].joined(separator: "\n"))
    blocks.append(
      "Quellen: Microsoft Learn (de-de), Google Admin-Hilfe (de), GMX/WEB.DE- und "
        + "T-Online-Postmaster, CSA, BSI (TR-03108, TR-03182), IONOS, Strato, Hetzner, "
        + "all-inkl, HubSpot und Adobe (de).")
    return blocks.joined(separator: "\n\n") + "\n"
  }

  @Test func glossaryPageIsCurrent() throws {
    try Golden.check(Self.glossaryPage, at: Self.docs.appendingPathComponent("glossary.de.md"))
  }

  /// Every `senderauth COMMAND …` line in the guides' code blocks names a real command and
  /// only options that command has.
  @Test(arguments: ["ci.md", "batch.md"])
  func guideCommandLinesUseRealOptions(_ name: String) throws {
    let text = try String(contentsOf: Self.docs.appendingPathComponent(name), encoding: .utf8)
    var inBlock = false
    var checked = 0
    var helps: [String: String] = [:]
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("```") {
        inBlock.toggle()
        continue
      }
      guard inBlock, let start = line.range(of: "senderauth ") else { continue }
      let words = line[start.upperBound...].split(separator: " ").map(String.init)
      guard let command = words.first, CLIOutputTests.commands.contains(command) else { continue }
      if helps[command] == nil { helps[command] = try Binary.run([command, "--help"]).stdout }
      let help = helps[command] ?? ""
      for word in words.dropFirst() where word.hasPrefix("--") {
        let option = String(word.split(separator: "=").first ?? "")
        #expect(help.contains(option + " ") || help.contains(option + ","), "\(name): \(line)")
      }
      checked += 1
    }
    #expect(checked > 0, "\(name) has no senderauth command line")
  }
}
