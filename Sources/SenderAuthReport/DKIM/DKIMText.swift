import DNSLookup
import SenderAuthCore

/// The DKIM selector table as text lines: one line per selector that was found (or named), its
/// CNAME chain below it, and one summary of the names not found. Nothing is ever cut; the list
/// of names not found is wrapped to `width` on a terminal.
public enum DKIMText {
  /// The whole table for `context`: header, selectors worth showing, chains, and the list of
  /// the other selectors tried.
  public static func lines(_ context: DKIMContext, language: Language, width: Int? = nil)
    -> [String]
  {
    let shown = context.selectors.filter(isShown)
    let quiet = context.selectors.filter { !isShown($0) }
    var lines: [String] = []
    let wildcard = context.hasWildcard ? [context.wildcard].compactMap { $0 } : []
    if !(shown + wildcard).isEmpty {
      lines.append(header(language))
      for selector in shown + wildcard { lines += selectorLines(selector, language: language) }
    } else {
      lines.append(
        language == .de
          ? "Kein DKIM-Schlüssel unter '\(context.domain.text)' gefunden"
          : "No DKIM key found for '\(context.domain.text)'")
    }
    if !quiet.isEmpty {
      let label = language == .de ? "Ohne Eintrag: " : "Not found: "
      lines += wrapped(label, quiet.map { TerminalText.escape($0.selector) }, width: width)
    }
    if context.hasWildcard {
      lines.append(
        fit(
          language == .de
            ? "Ein Wildcard-Eintrag unter '*._domainkey' beantwortet jeden Selektor"
            : "A wildcard at '*._domainkey' answers every selector"))
    }
    return lines
  }

  /// True for selectors the table lists on a line of their own: everything except common or
  /// ESP selectors that simply do not exist (or that only a wildcard answered).
  public static func isShown(_ selector: DKIMSelectorResult) -> Bool {
    if selector.source == .given { return true }
    switch selector.status {
    case .nxdomain, .nodata, .wildcard, .notKeyRecord: return false
    default: return true
    }
  }

  /// The column header.
  public static func header(_ language: Language) -> String {
    language == .de
      ? row("SELEKTOR", "QUELLE", "STATUS", "SCHLÜSSEL", "FLAGS")
      : row("SELECTOR", "SOURCE", "STATUS", "KEY", "FLAGS")
  }

  /// One selector: its row, then one line per CNAME hop and per extra record.
  public static func selectorLines(_ selector: DKIMSelectorResult, language: Language) -> [String] {
    var key = ""
    if let type = selector.keyType {
      key = TerminalText.escape(type) + (selector.bits.map { " \($0)" } ?? "")
    }
    var lines = [
      row(
        TerminalText.escape(selector.selector), sourceWord(selector.source, language),
        statusWord(selector.status, language), key, selector.flags.joined(separator: ","))
    ]
    for hop in selector.cnameChain {
      let from = TerminalText.escape(hop.name.text)
      lines.append(fit("  CNAME \(from) → \(TerminalText.escape(hop.target.text))"))
    }
    if selector.records.count > 1 {
      for record in selector.records {
        lines.append(fit("  TXT \"\(TerminalText.escape(record.text))\""))
      }
    }
    if let error = selector.error {
      lines.append(fit("  " + TerminalText.escape(error)))
    }
    return lines
  }

  /// The status in words, at most 16 characters.
  public static func statusWord(_ status: DKIMSelectorResult.Status, _ language: Language)
    -> String
  {
    let words: (en: String, de: String) =
      switch status {
      case .key: ("key", "Schlüssel")
      case .revoked: ("revoked", "widerrufen")
      case .invalid: ("invalid", "ungültig")
      case .multipleRecords: ("multiple records", "mehrere Einträge")
      case .notKeyRecord: ("not a DKIM key", "kein DKIM")
      case .wildcard: ("wildcard", "Wildcard")
      case .nxdomain: ("not found", "nicht gefunden")
      case .nodata: ("no TXT record", "kein TXT")
      case .danglingCNAME: ("dangling CNAME", "CNAME ins Leere")
      case .cnameLoop: ("CNAME loop", "CNAME-Schleife")
      case .cnameTooLong: ("chain too long", "Kette zu lang")
      case .lookupFailed: ("lookup failed", "Abfrage gescheitert")
      case .invalidSelector: ("invalid name", "ungültiger Name")
      }
    return language == .de ? words.de : words.en
  }

  /// Where the selector came from, in words.
  public static func sourceWord(_ source: DKIMSelectorSource, _ language: Language) -> String {
    switch source {
    case .given: language == .de ? "angegeben" : "given"
    case .esp: "ESP"
    case .common: language == .de ? "üblich" : "common"
    case .message: language == .de ? "Nachricht" : "message"
    }
  }

  /// A table row: fixed columns (a longer value pushes the rest right).
  static func row(
    _ selector: String, _ source: String, _ status: String, _ key: String, _ flags: String
  ) -> String {
    fit(
      pad(selector, 24) + pad(source, 11) + pad(status, 20) + pad(key, 14) + flags)
  }

  /// `text` padded with spaces to `width` columns (one space kept after a longer one).
  static func pad(_ text: String, _ width: Int) -> String {
    if text.count >= width { return text + " " }
    return text + String(repeating: " ", count: width - text.count)
  }

  /// `text` with trailing spaces removed.
  static func fit(_ text: String) -> String {
    var line = text
    while line.last == " " { line.removeLast() }
    return line
  }

  /// `label` and `items` comma-separated, wrapped to `width` with an indent (one line when
  /// `width` is nil).
  static func wrapped(_ label: String, _ items: [String], width: Int?) -> [String] {
    let width = width ?? Int.max
    var lines: [String] = []
    var line = label
    let indent = String(repeating: " ", count: label.count)
    for (index, item) in items.enumerated() {
      let piece = item + (index < items.count - 1 ? "," : "")
      if line.count + piece.count + 1 > width, line != label, line != indent {
        lines.append(fit(line))
        line = indent
      }
      line += (line == label || line == indent ? "" : " ") + piece
    }
    lines.append(fit(line))
    return lines
  }
}
