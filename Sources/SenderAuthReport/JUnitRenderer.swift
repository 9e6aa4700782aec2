import SenderAuthCore

/// The `junit` format: one `<testsuite>` per domain and in it one `<testcase>` per rule
/// (`classname` the domain, `name` the rule id). A rule with a finding at or above `--fail-on`
/// (`RenderOptions.failOn`) fails (`<failure>` with the messages, `type` the worst severity);
/// a rule whose findings are all below it passes and carries them in `<system-out>` (shown by
/// CI report viewers, never red), so the report agrees with the exit status. A rule whose
/// findings were all suppressed, a requirement DNS cannot decide, or a rule without a verdict
/// is `<skipped>`; every other rule passes.
public enum JUnitRenderer {
  public static func render(_ report: Report, options: RenderOptions) -> String {
    let suites = report.domains.map { suite($0, options: options) }
    let tests = suites.map(\.tests).reduce(0, +)
    let failures = suites.map(\.failures).reduce(0, +)
    let skipped = suites.map(\.skipped).reduce(0, +)
    var lines = [
      #"<?xml version="1.0" encoding="UTF-8"?>"#,
      "<testsuites name=\"senderauth\" tests=\"\(tests)\" failures=\"\(failures)\" "
        + "errors=\"0\" skipped=\"\(skipped)\">",
    ]
    for suite in suites { lines += suite.lines }
    lines.append("</testsuites>")
    return lines.joined(separator: "\n") + "\n"
  }

  struct Suite {
    var tests = 0
    var failures = 0
    var skipped = 0
    var lines: [String] = []
  }

  static func suite(_ report: DomainReport, options: RenderOptions) -> Suite {
    let language = options.language
    let words = ReportWords(language)
    // The catalog's rules in order, those that ran when the report says (a provider rule of a
    // profile not chosen, or a rule outside `--scope`, did not run: it is no passing case).
    var ids = options.rules.map(\.id)
    if let ran = report.ran.map(Set.init) { ids = ids.filter(ran.contains) }
    // The report's lists hold every rule the run could not judge; the profiles add the
    // requirements DNS cannot decide (TLS, spam rate).
    let notCheckableIDs =
      report.profiles.flatMap(\.requirements).filter { $0.status == .notCheckable }.map(\.id)
      + report.notAsked.map(\.id)
    let notCheckable = Set(notCheckableIDs)
    // What each waits for, when an option would make it checkable (`--ip`).
    var needs: [String: OnRequestInput] = [:]
    for requirement in report.profiles.flatMap(\.requirements)
    where requirement.status == .notCheckable {
      if let input = requirement.needs { needs[requirement.id] = input }
    }
    for waiting in report.notAsked { needs[waiting.id] = waiting.waitsFor }
    let notChecked = Set(report.notChecked)
    for id in report.findings.map(\.id) + report.suppressed.map(\.finding.id) + notCheckableIDs
      + report.notChecked
    where !ids.contains(id) {
      ids.append(id)
    }
    let unknown = Set(report.unknown)
    let domain = XMLText.escape(report.domain, attribute: true)
    var suite = Suite()
    var cases: [String] = []
    for id in ids {
      suite.tests += 1
      let open =
        "    <testcase classname=\"\(domain)\" name=\"\(XMLText.escape(id, attribute: true))\""
      let findings = report.findings.filter { $0.id == id }
      let suppressed = report.suppressed.filter { $0.finding.id == id }
      if let worst = findings.map(\.severity).max(), worst < options.failOn {
        // Reported, not failing: below --fail-on.
        let body = findings.map { details($0, language: language) }.joined(separator: "\n\n")
        cases.append(open + ">")
        cases.append("      <system-out>\(XMLText.escape(body))</system-out>")
        cases.append("    </testcase>")
      } else if let worst = findings.map(\.severity).max() {
        suite.failures += 1
        let message = findings.map { $0.message.text(language) }.joined(separator: "; ")
        let body = findings.map { details($0, language: language) }.joined(separator: "\n\n")
        cases.append(open + ">")
        cases.append(
          "      <failure message=\"\(XMLText.escape(TerminalText.escape(message), attribute: true))\" "
            + "type=\"\(worst.rawValue)\">\(XMLText.escape(body))</failure>")
        cases.append("    </testcase>")
      } else if !suppressed.isEmpty || notCheckable.contains(id) || notChecked.contains(id)
        || unknown.contains(id)
      {
        // Suppressed, waiting for an option, not decidable from DNS, not checked in this run,
        // or not judged because lookups failed: never a pass.
        suite.skipped += 1
        let message: String
        if !suppressed.isEmpty {
          message = suppressed.map { "\(words[.suppressed]): \($0.reason)" }.joined(
            separator: "; ")
        } else if unknown.contains(id) {
          message = words[.unknownReason]
        } else if notChecked.contains(id) {
          message = words[.notChecked]
        } else {
          message = needs[id]?.checkable.text(language) ?? words[.notCheckable]
        }
        cases.append(open + ">")
        cases.append(
          "      <skipped message=\"\(XMLText.escape(TerminalText.escape(message), attribute: true))\"/>"
        )
        cases.append("    </testcase>")
      } else {
        cases.append(open + "/>")
      }
    }
    suite.lines = [
      "  <testsuite name=\"\(domain)\" tests=\"\(suite.tests)\" failures=\"\(suite.failures)\" "
        + "errors=\"0\" skipped=\"\(suite.skipped)\">"
    ]
    suite.lines += cases
    suite.lines.append("  </testsuite>")
    return suite
  }

  /// The failure's text: severity and message, record, file, fix and its zone lines.
  static func details(_ finding: Finding, language: Language) -> String {
    let words = ReportWords(language)
    var lines = ["\(words.severity(finding.severity)): \(finding.message.text(language))"]
    if let location = finding.location {
      var line = "\(location.name) \(location.type)"
      if let record = location.record { line += ": \(record)" }
      lines.append(line)
      if let file = location.file {
        lines.append(file + (location.line.map { ":\($0)" } ?? ""))
      }
    }
    if let fix = finding.fix {
      lines.append("\(words[.fix]) \(fix.explanation.text(language))")
      lines += fix.remove.map { "- " + ZoneLineFormatter.line($0) }
      lines += ZoneLineFormatter.lines(fix.add).map { "+ " + $0 }
    }
    return lines.map(TerminalText.escape).joined(separator: "\n")
  }
}
