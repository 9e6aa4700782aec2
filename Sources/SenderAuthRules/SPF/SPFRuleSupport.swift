import DNSLookup
import SenderAuthCore

/// What the SPF rules share: references, locations of terms, record rewrites.
enum SPFRuleSupport {
  /// RFC 7208 section references.
  static func rfc(_ section: String) -> Reference { .rfc(7208, section: section) }

  /// The SPF record receivers use at the domain: present only when there is exactly one.
  static func record(_ context: DomainContext) -> (candidate: SPFCandidate, parsed: SPFParseResult)?
  {
    guard context.spf.candidates.count == 1 else { return nil }
    return context.spf.record
  }

  /// The location of `span` in the apex record.
  static func location(_ candidate: SPFCandidate, span: Location.Span? = nil) -> Location {
    Location(record: candidate.record, text: candidate.text, span: span)
  }

  /// The location of `term` in the record of `node` (any domain of the tree).
  static func location(_ node: SPFLookupTree.Node, _ term: SPFLookupTree.Term? = nil) -> Location {
    var location = node.location ?? Location(name: node.domain, type: "TXT", record: node.record)
    if let term { location.span = Location.Span(offset: term.offset, length: term.length) }
    return location
  }

  /// `text` with the characters of each span removed and the spaces tidied.
  static func removing(_ spans: [Location.Span], from text: String) -> String {
    var characters = Array(text)
    for span in spans.sorted(by: { $0.offset > $1.offset }) {
      let start = max(0, min(span.offset, characters.count))
      let end = max(start, min(span.offset + span.length, characters.count))
      characters.removeSubrange(start..<end)
    }
    return tidy(String(characters))
  }

  /// `text` with the characters of `span` replaced by `replacement`.
  static func replacing(_ span: Location.Span, in text: String, with replacement: String)
    -> String
  {
    var characters = Array(text)
    let start = max(0, min(span.offset, characters.count))
    let end = max(start, min(span.offset + span.length, characters.count))
    characters.replaceSubrange(start..<end, with: Array(replacement))
    return tidy(String(characters))
  }

  /// Single spaces between terms, none at the ends.
  static func tidy(_ text: String) -> String {
    text.split(separator: " ").joined(separator: " ")
  }

  /// A fix that replaces the apex record by `text`.
  static func replace(_ candidate: SPFCandidate, with text: String, explanation: LocalizedText)
    -> Fix
  {
    let ttl = candidate.record.ttl
    return Fix(
      explanation: explanation,
      add: [DNSChange(owner: candidate.record.name, ttl: ttl, type: .txt, value: text)],
      remove: [DNSChange(owner: candidate.record.name, ttl: ttl, type: .txt, value: candidate.text)]
    )
  }

  /// The records whose `all` decides the domain's default: the domain's record, then its
  /// `redirect` targets for as long as a record has no `all`.
  static func effectiveChain(_ tree: SPFLookupTree) -> [SPFLookupTree.Node] {
    var chain: [SPFLookupTree.Node] = []
    var current: SPFLookupTree.Node? = tree.root
    while let node = current, chain.count < 12 {
      chain.append(node)
      guard node.record != nil, !node.terms.contains(where: isAll) else { break }
      current = node.terms.first { $0.name == "redirect" && $0.notes.isEmpty }?.child
    }
    return chain
  }

  /// True for an `all` mechanism with any qualifier.
  static func isAll(_ term: SPFLookupTree.Term) -> Bool { term.name == "all" }

  /// The qualifier character of a term's text (`+` when none is written).
  static func qualifier(_ term: SPFLookupTree.Term) -> Character {
    if let first = term.text.first, "+-~?".contains(first) { return first }
    return "+"
  }

  /// The fix explanation shared by the rules that end a record with `~all`.
  static let softfailNote = LocalizedText(
    en: "'~all' lets receivers treat mail from servers not listed as suspicious (softfail) "
      + "without rejecting it outright; once every sending service is listed and DMARC reports "
      + "show no legitimate failures, you may use '-all' so that such mail fails",
    de: "Mit '~all' behandeln Empfänger Mail von nicht aufgeführten Servern als verdächtig "
      + "(softfail), ohne sie sofort abzuweisen; sind alle Versanddienste eingetragen und zeigen "
      + "die DMARC-Berichte keine legitimen Fehlschläge mehr, können Sie '-all' verwenden, damit "
      + "solche Mail abgewiesen wird")
}
