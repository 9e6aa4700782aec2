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

  /// True for an `ip4` range of /8 or wider or an `ip6` range of /16 or wider, written as a
  /// term's text with or without qualifier (`ip4:0.0.0.0/0`, `+ip6:::/0`): it matches so
  /// large a part of the internet that it works like `+all`. A term with a non-ASCII character
  /// is no address range at all (the record's syntax findings name it), so never this.
  static func isOverlyBroad(_ text: String) -> Bool {
    // Read as octets: only ASCII `ip4:`/`ip6:` (any case) and the number after the last `/`
    // matter, so the text is not lower-cased into a new string.
    var text = text
    return text.withUTF8 { octets in
      var start = 0
      if let first = octets.first, "+-~?".utf8.contains(first) { start = 1 }
      guard octets.count - start >= 4, octets[start] | 0x20 == UInt8(ascii: "i"),
        octets[start + 1] | 0x20 == UInt8(ascii: "p"), octets[start + 3] == UInt8(ascii: ":")
      else { return false }
      // Scanned only for an ip4/ip6 term (most terms end at the prefix above).
      guard !octets.contains(where: { $0 >= 0x80 }) else { return false }
      let limit: Int
      switch octets[start + 2] {
      case UInt8(ascii: "4"): limit = 8
      case UInt8(ascii: "6"): limit = 16
      default: return false
      }
      // `Int` as it reads text: an optional sign, then digits.
      guard let slash = octets.lastIndex(of: UInt8(ascii: "/")),
        let prefix = Int(
          String(decoding: UnsafeBufferPointer(rebasing: octets[(slash + 1)...]), as: UTF8.self))
      else { return false }
      return prefix >= 0 && prefix <= limit
    }
  }

  /// The qualifier character of a term's text (`+` when none is written).
  static func qualifier(_ term: SPFLookupTree.Term) -> Character {
    let octets = term.text.utf8
    // An ASCII octet followed by another (or by nothing) is a whole character: read without
    // breaking the text into characters. Otherwise a combining mark may join the first.
    if let first = octets.first, first < 0x80,
      octets.count == 1 || octets[octets.index(after: octets.startIndex)] < 0x80
    {
      return "+-~?".utf8.contains(first) ? Character(Unicode.Scalar(first)) : "+"
    }
    if let first = term.text.first, "+-~?".contains(first) { return first }
    return "+"
  }

  /// True for a term that passes mail from every server or a large part of the internet: an
  /// `all` or an overly broad range (`isOverlyBroad`) with the `+` qualifier, evaluated.
  static func authorizesTooMuch(_ term: SPFLookupTree.Term) -> Bool {
    (isAll(term) || isOverlyBroad(term.text)) && qualifier(term) == "+"
      && !term.notes.contains(.afterAll)
  }

  /// The (node, term) pairs of `tree` whose term authorizes too much (`authorizesTooMuch`),
  /// depth first: what `spf.plus-all` reports and the providers' checks name.
  static func termsAuthorizingTooMuch(_ tree: SPFLookupTree) -> [(
    node: SPFLookupTree.Node, term: SPFLookupTree.Term
  )] {
    tree.terms.filter { authorizesTooMuch($0.term) }
  }

  /// The fix explanation shared by the rules that end a record with `~all`.
  static let softfailNote = LocalizedText(
    en: "'~all' lets receivers treat mail from servers not listed as suspicious (softfail) "
      + "without rejecting it outright; once every sending service is listed and DMARC reports "
      + "show no legitimate failures, you may use '-all' so that such mail fails",
    de: "Mit '~all' behandeln empfangende Server Mail von nicht aufgeführten Servern als "
      + "verdächtig (softfail), ohne sie sofort abzuweisen; sind alle Versanddienste eingetragen "
      + "und zeigen die DMARC-Berichte keine legitimen Fehlschläge mehr, können Sie '-all' "
      + "verwenden, damit solche Mail abgewiesen wird")

  /// One edit of the apex record that a rule asks for.
  struct Edit {
    var span: Location.Span
    var replacement: String
    var what: LocalizedText
  }

  /// Every edit the SPF rules make to the domain's own record, in record order: missing
  /// include targets removed, `+all`/`?all` replaced by `~all`, a redirect to a missing target
  /// replaced by `~all` after the last mechanism (so the mechanisms written after it still
  /// count), address ranges as wide as `+all` removed, an ignored redirect and mechanisms
  /// after `all` removed, the named sending addresses added, `~all` added when the record has
  /// neither `all` nor `redirect`. None of them weakens the policy. The includes of ESPs whose
  /// mail never uses the domain as envelope are removed when that is needed
  /// (`ESPSPFEdits.unneededIncludesMustGo`) or asked for (`removingUnneededIncludes`, the fix
  /// of the note that advises it), never as a side effect of another fix.
  static func edits(_ context: DomainContext, removingUnneededIncludes: Bool = false) -> [Edit] {
    guard let apex = record(context), apex.parsed.isValid, let tree = context.spf.tree,
      tree.root.record == apex.candidate.text
    else { return [] }
    var edits: [Edit] = []
    var hasAll = false
    var keepsRedirect = false
    var replacedRedirect = false
    for term in tree.root.terms {
      let span = Location.Span(offset: term.offset, length: term.length)
      let notes = term.notes
      if notes.contains(.afterAll) {
        edits.append(
          Edit(
            span: span, replacement: "",
            what: LocalizedText(
              en: "'\(term.text)' removed (after 'all', never evaluated)",
              de: "'\(term.text)' entfernt (nach 'all', nie ausgewertet)")))
      } else if notes.contains(.redirectIgnored) {
        edits.append(
          Edit(
            span: span, replacement: "",
            what: LocalizedText(
              en: "'\(term.text)' removed (ignored beside 'all')",
              de: "'\(term.text)' entfernt (neben 'all' ignoriert)")))
      } else if notes.contains(.missingTarget), term.name == "include" {
        edits.append(
          Edit(
            span: span, replacement: "",
            what: LocalizedText(
              en: "'\(term.text)' removed (no SPF record at its target)",
              de: "'\(term.text)' entfernt (kein SPF-Eintrag am Ziel)")))
      } else if notes.contains(.missingTarget), term.name == "redirect" {
        // Removed here; '~all' goes after the last mechanism below, so that the mechanisms
        // after the redirect's place stay before it and are still evaluated.
        replacedRedirect = true
        edits.append(
          Edit(
            span: span, replacement: "",
            what: LocalizedText(
              en: "'\(term.text)' replaced by '~all' at the end (no SPF record at its target)",
              de: "'\(term.text)' durch '~all' am Ende ersetzt (kein SPF-Eintrag am Ziel)")))
      } else if !term.modifier, qualifier(term) == "+", isOverlyBroad(term.text) {
        edits.append(
          Edit(
            span: span, replacement: "",
            what: LocalizedText(
              en: "'\(term.text)' removed (it matches a large part of the internet)",
              de: "'\(term.text)' entfernt (passt auf einen großen Teil des Internets)")))
      } else if isAll(term) {
        hasAll = true
        if qualifier(term) == "+" || qualifier(term) == "?" {
          edits.append(
            Edit(
              span: span, replacement: "~all",
              what: LocalizedText(
                en: "'\(term.text)' replaced by '~all'",
                de: "'\(term.text)' durch '~all' ersetzt")))
        }
      } else if term.name == "redirect" {
        keepsRedirect = true
      }
    }
    // Includes of ESPs in use that never pass or align (esp.spf-include-unneeded).
    let removesUnneeded =
      removingUnneededIncludes || ESPSPFEdits.unneededIncludesMustGo(context)
    let unneeded =
      removesUnneeded ? Set(ESPSPFEdits.unneededIncludes(context).map(\.term)) : []
    for term in tree.root.terms where unneeded.contains(term.text.lowercased()) {
      edits.append(
        Edit(
          span: Location.Span(offset: term.offset, length: term.length), replacement: "",
          what: LocalizedText(
            en: "'\(term.text)' removed (the ESP uses its own return path)",
            de: "'\(term.text)' entfernt (der Dienst nutzt einen eigenen Return-Path)")))
    }
    // Sending IPs the user named (`--ip`) that the record does not authorize: listed before
    // the `all` (or at the end of the mechanisms).
    // An address that passes only through '+all' would fail once '+all' becomes '~all'.
    // So does one that passes only through a range the edits above remove. A permerror (a
    // redirect to a missing target …) becomes a softfail once corrected, so it is listed too.
    // Never an address a sending service publishes (its include or its own return path is
    // the setup, esp.sending-ip), nor one whose service check could not finish.
    let evaluations = context.spf.evaluations + [context.message?.spf].compactMap { $0 }
    let missing = evaluations.filter {
      $0.domain == context.domain.text
        && ([.fail, .softfail, .neutral, .permerror].contains($0.result)
          || ($0.result == .pass
            && (["all", "+all"].contains($0.matchedTerm?.lowercased())
              || $0.matchedTerm.map(isOverlyBroad) == true)))
        && IPAddress($0.ip).map { ESPAddresses.mayPin($0, in: context) } ?? false
    }
    let allTerm = tree.root.terms.first { isAll($0) && !$0.notes.contains(.afterAll) }
    let end =
      allTerm?.offset
      ?? (tree.root.terms.filter { !$0.modifier }.last.map { $0.offset + $0.length } ?? 6)
    // Includes that ESPs in use need (esp.spf-include-missing), before the `all`.
    let includes = ESPSPFEdits.missingIncludes(context).map { "include:\($0.include)" }
    if !includes.isEmpty {
      let joined = includes.joined(separator: " ")
      edits.append(
        Edit(
          span: Location.Span(offset: end, length: 0), replacement: " \(joined) ",
          what: LocalizedText(
            en: "'\(joined)' added for the sending service",
            de: "'\(joined)' für den Versanddienst ergänzt")))
    }
    if !missing.isEmpty {
      var mechanisms: [String] = []
      for ip in missing.compactMap({ IPAddress($0.ip) }) {
        let term = (ip.mappedIPv4 ?? ip).isIPv4 ? "ip4:\(ip.mappedIPv4 ?? ip)" : "ip6:\(ip)"
        if !mechanisms.contains(term) { mechanisms.append(term) }
      }
      let joined = mechanisms.joined(separator: " ")
      edits.append(
        Edit(
          span: Location.Span(offset: end, length: 0), replacement: " \(joined) ",
          what: LocalizedText(
            en: "'\(joined)' added for the sending address you named",
            de: "'\(joined)' für die angegebene Versand-IP ergänzt")))
    }
    if !hasAll, !keepsRedirect {
      let end = tree.root.terms.filter { !$0.modifier }.last.map { $0.offset + $0.length } ?? 6
      edits.append(
        Edit(
          span: Location.Span(offset: end, length: 0), replacement: " ~all ",
          what: replacedRedirect
            ? LocalizedText(en: "", de: "")
            : LocalizedText(en: "'~all' added at the end", de: "'~all' am Ende ergänzt")))
    }
    return edits
  }

  /// The record to publish where the domain has none: `v=spf1 -all` for a parked domain,
  /// else the includes of the ESPs in use and a placeholder for the other senders. SPF and ESP
  /// rules give this same record, so applying either fix publishes one record.
  static func newRecordFix(_ context: DomainContext) -> Fix? {
    guard context.spf.txt.failure == nil, context.spf.candidates.isEmpty else { return nil }
    if context.options.parked {
      return Fix(
        explanation: LocalizedText(
          en: "The domain sends no mail: 'v=spf1 -all' tells receivers to refuse mail that "
            + "claims to come from it",
          de: "Die Domain versendet keine Mail: 'v=spf1 -all' sagt empfangenden Servern, Mail "
            + "abzuweisen, die vorgibt, von ihr zu stammen"),
        add: [DNSChange(owner: context.domain, type: .txt, value: "v=spf1 -all")])
    }
    // A complete record: the sending services found, and the domain's own mail servers when
    // it has MX records; nothing is left for the owner to fill in before it works.
    var mechanisms = ESPSPFEdits.missingIncludes(context).map { "include:\($0.include)" }
    if let mx = context.mail.mx.answer, !mx.mxHosts.isEmpty,
      !mx.mxHosts.allSatisfy({ $0.exchange == .root })
    {
      mechanisms.insert("mx", at: 0)
    }
    let value = (["v=spf1"] + mechanisms + ["~all"]).joined(separator: " ")
    return Fix(
      explanation: LocalizedText(
        en: "Publish an SPF record that lists every service sending for the domain; the one "
          + "proposed lists "
          + (mechanisms.isEmpty ? "none yet" : mechanisms.joined(separator: ", "))
          + ". Add the mechanism of any other service that sends its mail (the provider's "
          + "'include:', 'ip4:' for fixed addresses); " + softfailNote.en,
        de: "Veröffentlichen Sie einen SPF-Eintrag, der jeden Versanddienst und Server aufführt, "
          + "der für die Domain versendet; der vorgeschlagene Eintrag führt "
          + (mechanisms.isEmpty ? "noch keinen" : mechanisms.joined(separator: ", "))
          + " auf. Ergänzen Sie den Mechanismus jedes weiteren Versanddienstes, der ihre Mail "
          + "versendet ('include:' des Anbieters, 'ip4:' für feste Adressen); " + softfailNote.de),
      add: [DNSChange(owner: context.domain, type: .txt, value: value)])
  }

  /// The fix a rule gives for the domain's own record: the record with every SPF edit applied
  /// (so the fixes of several SPF rules are the same record, and applying one is enough),
  /// explained by `lead` and the list of edits. Nil when there is nothing to edit.
  static func correction(
    _ context: DomainContext, removingUnneededIncludes: Bool = false, lead: LocalizedText
  ) -> Fix? {
    guard let apex = record(context) else { return nil }
    let edits = edits(context, removingUnneededIncludes: removingUnneededIncludes)
    guard !edits.isEmpty else { return nil }
    var characters = Array(apex.candidate.text)
    // From the end of the record backwards; at one offset a replacement before insertions,
    // and insertions in reverse list order, so they end up in list order.
    let ordered = edits.enumerated().sorted { lhs, rhs in
      (lhs.element.span.offset, lhs.element.span.length, lhs.offset)
        > (rhs.element.span.offset, rhs.element.span.length, rhs.offset)
    }.map(\.element)
    for edit in ordered {
      let start = max(0, min(edit.span.offset, characters.count))
      let end = max(start, min(edit.span.offset + edit.span.length, characters.count))
      characters.replaceSubrange(start..<end, with: Array(edit.replacement))
    }
    let text = tidy(String(characters))
    let described = edits.filter { !$0.what.en.isEmpty }
    let list = LocalizedText(
      en: described.map(\.what.en).joined(separator: "; "),
      de: described.map(\.what.de).joined(separator: "; "))
    let softfail = edits.contains { $0.replacement.contains("~all") }
    let note =
      softfail
      ? LocalizedText(
        en: ". " + softfailNote.en.prefix(1).uppercased() + softfailNote.en.dropFirst(),
        de: ". " + softfailNote.de.prefix(1).uppercased() + softfailNote.de.dropFirst())
      : LocalizedText(en: "", de: "")
    return replace(
      apex.candidate, with: text,
      explanation: LocalizedText(
        en: lead.en + ". The corrected record makes every SPF correction at once: \(list.en)"
          + note.en,
        de: lead.de + ". Der korrigierte Eintrag nimmt alle SPF-Korrekturen auf einmal vor: "
          + "\(list.de)" + note.de))
  }
}
