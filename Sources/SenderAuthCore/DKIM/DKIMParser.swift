/// Parses DKIM key records (RFC 6376 §3.2 tag-lists, §3.6.1 key tags) tolerantly.
///
/// The parser returns every tag it could read, with positions, and every issue with its
/// offset, term and kind; it never traps and runs in one pass over the text.
public enum DKIMParser {
  /// Parses one key record's text (the TXT character-strings already joined).
  public static func parse(_ text: String) -> DKIMKeyRecord {
    if let octets = TextUnits.octets(text) { return parse(octets, text: text) }
    return parseCharacters(text)
  }

  /// Parses `text` Character by Character, whatever it holds (the reference the octet path
  /// is tested against).
  static func parseCharacters(_ text: String) -> DKIMKeyRecord {
    parse(Array(text), text: text)
  }

  /// Parses `characters`, the units of `text` (Characters, or octets of ASCII text).
  private static func parse<Unit: TextUnit>(_ characters: [Unit], text: String)
    -> DKIMKeyRecord
  {
    var tags: [DKIMKeyRecord.Tag] = []
    var issues: [DKIMKeyRecord.Issue] = []
    var seen: Set<String> = []
    var start = 0
    while start <= characters.count {
      var end = start
      while end < characters.count, characters[end] != .semicolon { end += 1 }
      let term = characters[start..<end]
      if let tag = parseTerm(term, at: start, isLast: end == characters.count, issues: &issues) {
        if seen.contains(tag.name) {
          issues.append(
            .init(
              kind: .duplicateTag, offset: tag.offset, length: tag.length,
              term: Unit.text(characters[tag.offset..<(tag.offset + tag.length)])))
        } else {
          seen.insert(tag.name)
          tags.append(tag)
        }
      }
      start = end + 1
    }
    checkTags(tags, characters: characters, issues: &issues)
    return DKIMKeyRecord(text: text, tags: tags, issues: issues)
  }

  /// Reads one `name=value` term (the text between semicolons) starting at `offset`.
  private static func parseTerm<Unit: TextUnit>(
    _ term: ArraySlice<Unit>, at offset: Int, isLast: Bool,
    issues: inout [DKIMKeyRecord.Issue]
  ) -> DKIMKeyRecord.Tag? {
    guard let first = term.firstIndex(where: { !$0.isWhitespace }),
      let last = term.lastIndex(where: { !$0.isWhitespace })
    else {
      // A trailing ";" is allowed; an empty term elsewhere is not in the grammar.
      if !isLast { issues.append(.init(kind: .emptyTag, offset: offset, length: 0, term: "")) }
      return nil
    }
    guard let equals = term[first...last].firstIndex(of: .equals) else {
      issues.append(
        .init(
          kind: .malformedTag, offset: first, length: last - first + 1,
          term: Unit.text(term[first...last])))
      return nil
    }
    let nameEnd = term[first..<equals].lastIndex(where: { !$0.isWhitespace }).map { $0 + 1 }
    let name = Unit.text(term[first..<(nameEnd ?? first)])
    if !isTagName(name) {
      issues.append(
        .init(
          kind: .badTagName, offset: first, length: last - first + 1,
          term: Unit.text(term[first...last])))
      return nil
    }
    let valueStart = term[(equals + 1)...].firstIndex(where: { !$0.isWhitespace }) ?? (last + 1)
    let valueEnd = valueStart <= last ? last + 1 : valueStart
    let value = Unit.text(term[valueStart..<valueEnd])
    for index in valueStart..<valueEnd {
      let character = term[index]
      if character.isWhitespace { continue }
      guard character.isValueCharacter else {
        issues.append(
          .init(
            kind: .badValueCharacter, offset: index, length: 1,
            term: Unit.text(term[index...index])))
        break
      }
    }
    return DKIMKeyRecord.Tag(
      name: name, value: value, offset: first, valueOffset: valueStart,
      valueLength: valueEnd - valueStart)
  }

  /// `tag-name = ALPHA *ALNUMPUNC` with `ALNUMPUNC = ALPHA / DIGIT / "_"`.
  static func isTagName(_ name: String) -> Bool {
    guard let head = name.unicodeScalars.first, isAlpha(head) else { return false }
    return name.unicodeScalars.dropFirst().allSatisfy {
      isAlpha($0) || ("0"..."9").contains($0) || $0 == "_"
    }
  }

  private static func isAlpha(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
  }

  /// The §3.6.1 checks on the tags that were read.
  private static func checkTags<Unit: TextUnit>(
    _ tags: [DKIMKeyRecord.Tag], characters: [Unit], issues: inout [DKIMKeyRecord.Issue]
  ) {
    func term(_ tag: DKIMKeyRecord.Tag) -> String {
      Unit.text(characters[tag.offset..<(tag.offset + tag.length)])
    }
    func note(_ kind: DKIMKeyRecord.Issue.Kind, _ tag: DKIMKeyRecord.Tag) {
      issues.append(.init(kind: kind, offset: tag.offset, length: tag.length, term: term(tag)))
    }
    if let index = tags.firstIndex(where: { $0.name == "v" }) {
      let tag = tags[index]
      if index != 0 { note(.versionNotFirst, tag) }
      if tag.value != "DKIM1" { note(.badVersion, tag) }
    }
    if tags.first(where: { $0.name == "p" }) == nil {
      issues.append(
        .init(kind: .missingPublicKey, offset: characters.count, length: 0, term: ""))
    }
    if let tag = tags.first(where: { $0.name == "k" }) {
      let value = tag.value.lowercased()
      if value != "rsa", value != "ed25519" { note(.unknownKeyType, tag) }
    }
    let known: [(String, Set<String>, DKIMKeyRecord.Issue.Kind)] = [
      ("h", ["sha1", "sha256"], .unknownHashAlgorithm),
      ("t", ["y", "s"], .unknownFlag),
      ("s", ["*", "email"], .unknownServiceType),
    ]
    for (name, values, kind) in known {
      guard let tag = tags.first(where: { $0.name == name }) else { continue }
      if DKIMKeyRecord.list(tag.value).contains(where: { !values.contains($0) }) {
        note(kind, tag)
      }
    }
  }
}
