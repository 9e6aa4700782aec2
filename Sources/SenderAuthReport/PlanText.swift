import SenderAuthCore

/// The plan as the text and markdown formats end a domain's report with: the zone lines to
/// remove and to add (whole, never wrapped: they are pasted), a comment under each placeholder
/// saying where to find its value, what the plan achieves, and what it leaves to do.
enum PlanText {
  /// The zone lines: `; Remove these records` and its lines, then `; Add these records` and
  /// its lines, each placeholder line followed by a `;` comment with its note.
  static func zoneLines(_ plan: FixPlan, language: Language) -> [String] {
    let words = ReportWords(language)
    var lines: [String] = []
    if !plan.remove.isEmpty {
      lines.append("; \(words[.removeRecords])")
      lines += plan.remove.map { "; " + ZoneLineFormatter.line($0) }
    }
    if !plan.add.isEmpty {
      lines.append("; \(words[.addRecords])")
      for (line, change) in zip(ZoneLineFormatter.lines(plan.add), plan.add) {
        lines.append(line)
        if let note = change.note { lines.append("; " + note.text(language)) }
      }
    }
    return lines
  }

  /// `RFCs: ready; Bulk senders (Gmail, Yahoo, Outlook.com): ready`.
  static func after(_ plan: FixPlan, language: Language) -> String {
    let words = ReportWords(language)
    return plan.after.map {
      "\($0.title.text(language)): " + ($0.ready ? words[.ready] : words[.notReady])
    }.joined(separator: "; ")
  }

  /// `id: why` for every finding the plan leaves (failed lookups are findings of their own
  /// already, and not repeated).
  static func unresolved(_ plan: FixPlan, language: Language) -> [String] {
    plan.unresolved.filter { !["dns.lookup-failed", "dns.deadline-exceeded"].contains($0.id) }
      .map { "\($0.id): \($0.why.text(language))" }
  }
}
