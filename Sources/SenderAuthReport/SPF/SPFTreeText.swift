import DNSLookup
import Foundation
import SenderAuthCore

/// The SPF record, its worst-case lookup tree and evaluation results as text lines of at most
/// 100 columns. Pure functions; record text is escaped for the terminal.
public enum SPFTreeText {
  /// The widest line produced.
  /// Where the lookup counts stand in a tree line.
  static let countColumn = 64

  /// The record(s) at the domain and the lookup tree.
  public static func lines(_ context: SPFContext, language: Language, width: Int? = nil)
    -> [String]
  {
    let de = language == .de
    let domain = context.domain?.text ?? context.tree?.domain ?? "?"
    var lines: [String] = []
    switch context.txt {
    case .failed(let failure):
      lines.append(
        fit(
          de
            ? "SPF für '\(domain)': TXT-Abfrage fehlgeschlagen (\(failure.error))"
            : "SPF for '\(domain)': TXT lookup failed (\(failure.error))"))
      return lines
    case .answer:
      break
    }
    if context.candidates.isEmpty {
      lines.append(
        fit(de ? "SPF für '\(domain)': kein SPF-Eintrag" : "SPF for '\(domain)': no SPF record"))
      return lines
    }
    let count = context.candidates.count
    lines.append(
      fit(
        de
          ? "SPF für '\(domain)': \(count == 1 ? "1 Eintrag" : "\(count) Einträge (permerror)")"
          : "SPF for '\(domain)': \(count == 1 ? "1 record" : "\(count) records (permerror)")"))
    for candidate in context.candidates {
      if let file = candidate.record.origin?.file, let line = candidate.record.origin?.line {
        lines.append(fit("  \(file):\(line)"))
      }
      lines += wrapped(
        "  \(candidate.record.name.absolute) TXT \"\(TerminalText.escape(candidate.text))\"",
        indent: "    ", width: width)
    }
    if let tree = context.tree {
      lines.append("")
      lines += self.lines(tree, language: language)
    }
    return lines
  }

  /// The tree: a totals line, then one line per term with its count and notes.
  public static func lines(_ tree: SPFLookupTree, language: Language) -> [String] {
    let de = language == .de
    let over = tree.lookups > 10 ? (de ? ", überschritten" : ", exceeded") : ""
    let voidOver = tree.voidLookups > 2 ? (de ? ", überschritten" : ", exceeded") : ""
    let v4 = tree.voidLookupsIPv4
    let v6 = tree.voidLookupsIPv6
    let voids =
      v4 == v6
      ? (de
        ? "\(v4) DNS-Abfrage\(v4 == 1 ? "" : "n") ohne Ergebnis"
        : "\(v4) void lookup\(v4 == 1 ? "" : "s")")
      : (de
        ? "DNS-Abfragen ohne Ergebnis: \(v4) für IPv4-Clients, \(v6) für IPv6-Clients"
        : "void lookups: \(v4) for IPv4 clients, \(v6) for IPv6 clients")
    var lines = [
      fit(
        de
          ? "Ungünstigster Fall: \(tree.lookups) DNS-Abfrage\(tree.lookups == 1 ? "" : "n") "
            + "(Grenze 10)\(over), \(voids) (Grenze 2)\(voidOver)"
          : "Worst case: \(tree.lookups) DNS lookup\(tree.lookups == 1 ? "" : "s") "
            + "(limit 10)\(over), \(voids) (limit 2)\(voidOver)")
    ]
    lines.append(row(tree.root.domain, count: tree.root.lookups, notes: rootNotes(tree.root, de)))
    lines += termLines(tree.root, prefix: "", language: language)
    if tree.truncated {
      lines.append(
        fit(
          de
            ? "(Die Suche wurde an ihren Grenzen abgebrochen; die Zahlen sind Mindestwerte.)"
            : "(The walk stopped at its limits; the counts are lower bounds.)"))
    }
    return lines
  }

  static func rootNotes(_ node: SPFLookupTree.Node, _ de: Bool) -> String {
    var notes: [String] = []
    if let octets = node.octets, octets > 450 {
      notes.append(de ? "\(octets) Oktette (über 450)" : "\(octets) octets (over 450)")
    }
    if node.status == .multipleRecords {
      notes.append(de ? "mehrere Einträge: permerror" : "several records: permerror")
    }
    if !node.issues.isEmpty {
      notes.append(de ? "Syntaxfehler: permerror" : "syntax error: permerror")
    }
    return notes.joined(separator: "; ")
  }

  static func termLines(_ node: SPFLookupTree.Node, prefix: String, language: Language)
    -> [String]
  {
    var lines: [String] = []
    for (index, term) in node.terms.enumerated() {
      let last = index == node.terms.count - 1
      let connector = last ? "└─ " : "├─ "
      let counted = term.lookups > 0 || term.totalLookups > 0
      lines.append(
        row(
          prefix + connector + TerminalText.escape(term.text),
          count: counted ? term.totalLookups : nil,
          notes: notes(term, language: language)))
      if let child = term.child, child.status == .record || child.status == .multipleRecords {
        let childPrefix = prefix + (last ? "   " : "│  ")
        if !rootNotes(child, language == .de).isEmpty {
          lines.append(
            row(
              childPrefix + "(\(child.domain))", count: nil,
              notes: rootNotes(
                child, language == .de)))
        }
        lines += termLines(child, prefix: childPrefix, language: language)
      }
    }
    return lines
  }

  /// The notes of one term, in `language`.
  public static func notes(_ term: SPFLookupTree.Term, language: Language) -> String {
    let de = language == .de
    var out: [String] = []
    if term.void {
      out.append(de ? "leer" : "void")
    } else if term.voidIPv4 {
      out.append(de ? "leer für IPv4-Clients" : "void for IPv4 clients")
    } else if term.voidIPv6 {
      out.append(de ? "leer für IPv6-Clients" : "void for IPv6 clients")
    }
    for note in term.notes {
      switch note {
      case .macro: out.append(de ? "Makro: Ziel nicht bestimmbar" : "macro: target unknowable")
      case .loop:
        out.append(de ? "SCHLEIFE zu \(term.target ?? "?")" : "LOOP to \(term.target ?? "?")")
      case .duplicate: out.append(de ? "doppelt, erneut gezählt" : "duplicate, counted again")
      case .missingTarget:
        out.append(
          term.child?.status == .nxdomain
            ? (de ? "Ziel existiert nicht" : "target does not exist")
            : (de ? "Ziel ohne SPF-Eintrag" : "target has no SPF record"))
      case .mxTooMany:
        out.append(
          de ? "\(term.mxHosts ?? 0) MX-Hosts (> 10)" : "\(term.mxHosts ?? 0) MX hosts (> 10)")
      case .afterAll: out.append(de ? "nach all: nie ausgewertet" : "after all: never evaluated")
      case .redirectIgnored:
        out.append(de ? "ignoriert (all vorhanden)" : "ignored (record has all)")
      case .ptr: out.append(de ? "ptr: veraltet" : "ptr: deprecated")
      case .lookupFailed:
        out.append(
          term.child?.detail.map { (de ? "Abfrage fehlgeschlagen: " : "lookup failed: ") + $0 }
            ?? (de ? "Abfrage fehlgeschlagen" : "lookup failed"))
      case .notWalked: out.append(de ? "nicht verfolgt (Grenze)" : "not walked (limit)")
      }
    }
    return out.joined(separator: "; ")
  }

  /// `left`, padded to the count column, the count right-aligned, then the notes.
  static func row(_ left: String, count: Int?, notes: String) -> String {
    var head = left
    if head.count > countColumn - 5 { head += " " }
    var line = head.padding(toLength: max(countColumn - 4, head.count), withPad: " ", startingAt: 0)
    let number = count.map(String.init) ?? ""
    line += String(repeating: " ", count: max(0, 4 - number.count)) + number
    if !notes.isEmpty { line += "  " + notes }
    return fit(line.replacingTrailingSpaces())
  }

  // MARK: - Evaluation

  /// The result of a check, its explanation and the trace of terms tried.
  public static func lines(
    _ evaluation: SPFEvaluation, language: Language, width: Int? = nil, why: String? = nil
  ) -> [String] {
    let de = language == .de
    var lines = [
      fit(
        de
          ? "SPF-Prüfung von '\(evaluation.domain)' für \(evaluation.ip) (Absender "
            + "\(TerminalText.escape(evaluation.sender)), HELO \(TerminalText.escape(evaluation.helo)))"
          : "SPF check of '\(evaluation.domain)' for \(evaluation.ip) (sender "
            + "\(TerminalText.escape(evaluation.sender)), HELO \(TerminalText.escape(evaluation.helo)))"
      )
    ]
    var result = (de ? "Ergebnis: " : "Result: ") + evaluation.result.rawValue
    if let matched = evaluation.matchedTerm {
      result +=
        de
        ? " (Treffer '\(TerminalText.escape(matched))')"
        : " (matched '\(TerminalText.escape(matched))')"
    }
    lines.append(fit(result))
    if let why {
      lines += wrapped(
        (de ? "Warum: " : "Why: ") + TerminalText.escape(why), indent: "  ", width: width)
    }
    if let explanation = evaluation.explanation {
      lines += wrapped(
        (de ? "Erklärung: " : "Explanation: ") + TerminalText.escape(explanation), indent: "  ",
        width: width)
    }
    if let reason = evaluation.reason(in: de ? .de : .en) {
      lines += wrapped(
        (de ? "Grund: " : "Reason: ") + TerminalText.escape(reason), indent: "  ", width: width)
    }
    lines.append(
      fit(
        de
          ? "DNS-Abfragen: \(evaluation.lookups) von 10, ohne Ergebnis: "
            + "\(evaluation.voidLookups) von 2"
          : "DNS lookups: \(evaluation.lookups) of 10, void lookups: \(evaluation.voidLookups) of 2"
      ))
    lines.append(de ? "Ablauf:" : "Trace:")
    for step in evaluation.trace {
      let indent = String(repeating: "  ", count: min(step.depth, 10) + 1)
      var line: String
      if step.outcome == "record" {
        let alias = step.canonicalName.map { " (CNAME \($0))" } ?? ""
        line = indent + "\(step.domain)\(alias): \"\(TerminalText.escape(step.term))\""
      } else if step.term.isEmpty {
        line = indent + "\(step.domain): \(step.outcome)"
      } else {
        line = indent + "\(TerminalText.escape(step.term)) → \(step.outcome)"
      }
      if let detail = step.detail(in: de ? .de : .en) {
        line += " (\(TerminalText.escape(detail)))"
      }
      lines.append(fit(line))
    }
    return lines
  }

  // MARK: - Layout

  /// `line` as it is: lines are never cut (a terminal wraps what is too long for it).
  static func fit(_ line: String) -> String { line }

  /// `text` broken into lines of at most `width` columns, at a space where there is one,
  /// continuation lines indented; one line when `width` is nil (a pipe or a file).
  static func wrapped(_ text: String, indent: String, width: Int?) -> [String] {
    guard let width else { return [text] }
    var lines: [String] = []
    var rest = Substring(text)
    var first = true
    while !rest.isEmpty {
      let room = width - (first ? 0 : indent.count)
      var piece = rest.prefix(room)
      if piece.count < rest.count, let space = piece.lastIndex(of: " "),
        piece.distance(from: piece.startIndex, to: space) > room / 2
      {
        piece = rest[rest.startIndex...space]
      }
      var shown = String(piece)
      while shown.last == " " { shown.removeLast() }
      lines.append((first ? "" : indent) + shown)
      rest = rest.dropFirst(piece.count)
      first = false
    }
    return lines.isEmpty ? [""] : lines
  }
}

extension String {
  fileprivate func replacingTrailingSpaces() -> String {
    var copy = self
    while copy.last == " " { copy.removeLast() }
    return copy
  }
}
