import DNSLookup

/// Reads DMARC policy records (RFC 9989 §4.7, §4.8) tolerantly: what parsed, plus every issue
/// with its offset, term and reason. Never traps; the work is linear in the record length.
public enum DMARCParser {
  /// Parses `text` when it is a DMARC record (starts with `v=DMARC1`, RFC 9989 §4.7), else nil.
  public static func parse(
    _ text: String, owner: DomainName? = nil, origin: RecordOrigin? = nil
  ) -> DMARCRecord? {
    if let octets = TextUnits.octets(text) {
      return parse(octets, text: text, owner: owner, origin: origin)
    }
    return parse(Array(text), text: text, owner: owner, origin: origin)
  }

  /// True when `text` is a DMARC record (what `parse` would read), without reading it.
  public static func isDMARC(_ text: String) -> Bool {
    if let octets = TextUnits.octets(text) { return versionEnd(octets) != nil }
    return versionEnd(Array(text)) != nil
  }

  /// Parses `characters`, the units of `text` (Characters, or octets of ASCII text).
  static func parse<Unit: TextUnit>(
    _ characters: [Unit], text: String, owner: DomainName?, origin: RecordOrigin?
  ) -> DMARCRecord? {
    guard let versionEnd = versionEnd(characters) else { return nil }
    var record = DMARCRecord(text: text, owner: owner, origin: origin)
    var seen: Set<String> = []
    for piece in split(characters, at: .semicolon, from: versionEnd) {
      guard let term = readTerm(piece, in: characters, into: &record) else { continue }
      if seen.contains(term.name) {
        record.issues.append(
          .init(
            kind: .duplicateTag, tag: term.name, term: written(term, in: characters),
            offset: term.offset, length: term.length))
        continue
      }
      seen.insert(term.name)
      record.terms.append(term)
      interpret(term, characters: characters, into: &record)
    }
    if record.term(.fo) != nil, record.term(.ruf) == nil, let fo = record.term(.fo) {
      record.issues.append(
        .init(
          kind: .failureOptionsWithoutRUF, tag: "fo", term: written(fo, in: characters),
          offset: fo.offset, length: fo.length))
    }
    return record
  }

  private static let dmarcPrefix = Array("v=dmarc".utf8)

  /// True when `text` is meant as DMARC but receivers discard it: it starts with `v=DMARC1` in
  /// another case or after blanks (`v=dmarc1`, ` v=DMARC1`), which RFC 9989 §4.7 does not allow.
  public static func looksLikeDMARC(_ text: String) -> Bool {
    guard !isDMARC(text) else { return false }
    // Most TXT records (SPF, keys, site verifications) are ASCII: the first octets other than
    // blanks tell at once, without a squeezed, lower-cased copy of the whole record.
    var matched = 0
    var pastASCII = false
    for octet in text.utf8 where octet != UInt8(ascii: " ") && octet != UInt8(ascii: "\t") {
      // Past ASCII a character may lower-case or combine unlike its octets: `String` decides.
      guard octet < 0x80 else {
        pastASCII = true
        break
      }
      if matched == dmarcPrefix.count { return true }
      let lower = octet >= UInt8(ascii: "A") && octet <= UInt8(ascii: "Z") ? octet | 0x20 : octet
      guard lower == dmarcPrefix[matched] else { return false }
      matched += 1
    }
    if !pastASCII { return matched == dmarcPrefix.count }
    let squeezed = text.filter { $0 != " " && $0 != "\t" }.lowercased()
    return squeezed.hasPrefix("v=dmarc")
  }

  /// The index after `v *WSP = *WSP DMARC1` when the record starts with it and it is followed
  /// by the end, blanks or `;`.
  static func versionEnd<Unit: TextUnit>(_ characters: [Unit]) -> Int? {
    var index = 0
    guard characters.first == Unit(ascii: UInt8(ascii: "v")) else { return nil }
    index = 1
    while index < characters.count, isWSP(characters[index]) { index += 1 }
    guard index < characters.count, characters[index] == .equals else { return nil }
    index += 1
    while index < characters.count, isWSP(characters[index]) { index += 1 }
    let word = Unit.units("DMARC1")
    guard characters.count - index >= word.count,
      characters[index..<(index + word.count)].elementsEqual(word)
    else { return nil }
    index += word.count
    var after = index
    while after < characters.count, isWSP(characters[after]) { after += 1 }
    guard after == characters.count || characters[after] == .semicolon else { return nil }
    return index
  }

  static func isWSP<Unit: TextUnit>(_ character: Unit) -> Bool {
    character == .space || character == .tab
  }

  /// Ranges between separators, starting at `start` (the text before the first separator is
  /// skipped: it is the version).
  static func split<Unit: TextUnit>(_ characters: [Unit], at separator: Unit, from start: Int)
    -> [Range<Int>]
  {
    var pieces: [Range<Int>] = []
    var index = start
    while index < characters.count, characters[index] != separator { index += 1 }
    while index < characters.count {
      let begin = index + 1
      var end = begin
      while end < characters.count, characters[end] != separator { end += 1 }
      pieces.append(begin..<end)
      index = end
    }
    return pieces
  }

  static func trimmed<Unit: TextUnit>(_ range: Range<Int>, in characters: [Unit]) -> Range<Int> {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper, isWSP(characters[lower]) { lower += 1 }
    while upper > lower, isWSP(characters[upper - 1]) { upper -= 1 }
    return lower..<upper
  }

  static func written<Unit: TextUnit>(_ term: DMARCRecord.Term, in characters: [Unit]) -> String {
    Unit.text(characters[term.offset..<(term.offset + term.length)])
  }

  private static func readTerm<Unit: TextUnit>(
    _ piece: Range<Int>, in characters: [Unit], into record: inout DMARCRecord
  ) -> DMARCRecord.Term? {
    let range = trimmed(piece, in: characters)
    guard !range.isEmpty else { return nil }
    let whole = Unit.text(characters[range])
    guard let equals = characters[range].firstIndex(of: .equals) else {
      record.issues.append(
        .init(
          kind: .malformedTerm, tag: whole, term: whole, offset: range.lowerBound,
          length: range.count, expected: "tag=value"))
      return nil
    }
    let nameRange = trimmed(range.lowerBound..<equals, in: characters)
    let valueRange = trimmed((equals + 1)..<range.upperBound, in: characters)
    let name = Unit.text(characters[nameRange])
    guard !name.isEmpty, name.allSatisfy({ $0.isASCII && $0.isLetter }) else {
      record.issues.append(
        .init(
          kind: .malformedTerm, tag: name, term: whole, offset: range.lowerBound,
          length: range.count, expected: "a tag name of letters"))
      return nil
    }
    let term = DMARCRecord.Term(
      name: name, value: Unit.text(characters[valueRange]), offset: range.lowerBound,
      length: range.count, valueOffset: valueRange.lowerBound)
    if term.value.isEmpty {
      record.issues.append(
        .init(
          kind: .emptyValue, tag: name, term: whole, offset: range.lowerBound,
          length: range.count))
    }
    return term
  }

  private static func interpret<Unit: TextUnit>(
    _ term: DMARCRecord.Term, characters: [Unit], into record: inout DMARCRecord
  ) {
    let whole = written(term, in: characters)
    func invalid(_ expected: String) {
      guard !term.value.isEmpty else { return }
      record.issues.append(
        .init(
          kind: .invalidValue, tag: term.name, term: whole, offset: term.offset,
          length: term.length, expected: expected))
    }
    let value = term.value.lowercased()
    guard let tag = term.tag else {
      if DMARCRecord.Tag(rawValue: term.name.lowercased()) != nil {
        record.issues.append(
          .init(
            kind: .tagNameCase, tag: term.name, term: whole, offset: term.offset,
            length: term.length, expected: term.name.lowercased()))
      }
      record.unknownTerms.append(term)
      return
    }
    let policies = "none, quarantine, reject"
    switch tag {
    case .v:
      break
    case .p:
      if let policy = DMARCPolicy(rawValue: value) {
        record.policy = policy
      } else {
        invalid(policies)
      }
    case .sp:
      if let policy = DMARCPolicy(rawValue: value) {
        record.subdomainPolicy = policy
      } else {
        invalid(policies)
      }
    case .np:
      if let policy = DMARCPolicy(rawValue: value) {
        record.nonexistentPolicy = policy
      } else {
        invalid(policies)
      }
    case .adkim:
      if let mode = DMARCAlignmentMode(rawValue: value) {
        record.dkimAlignment = mode
      } else {
        invalid("r, s")
      }
    case .aspf:
      if let mode = DMARCAlignmentMode(rawValue: value) {
        record.spfAlignment = mode
      } else {
        invalid("r, s")
      }
    case .psd:
      if let flag = DMARCPSDFlag(rawValue: value) {
        record.publicSuffixFlag = flag
      } else {
        invalid("y, n, u")
      }
    case .t:
      switch value {
      case "y": record.testing = true
      case "n": record.testing = false
      default: invalid("y, n")
      }
    case .fo:
      if let options = failureOptions(value) {
        record.failureReportingOptions = options
      } else {
        invalid("0, 1, d, s separated by ':' (0 and 1 not both)")
      }
    case .rua, .ruf:
      let uris = reportURIs(term, characters: characters, record: &record)
      if tag == .rua { record.aggregateReportURIs = uris } else { record.failureReportURIs = uris }
    case .pct, .rf, .ri:
      record.removedTerms.append(term)
    }
  }

  /// RFC 9989 §4.8 `dmarc-fo`: `0`, `1`, `d`, `s` joined by colons, each at most once, not both
  /// `0` and `1`.
  static func failureOptions(_ value: String) -> [String]? {
    let options = value.split(separator: ":", omittingEmptySubsequences: false).map {
      $0.trimmingBlanks()
    }
    guard !options.isEmpty, options.allSatisfy({ ["0", "1", "d", "s"].contains($0) }),
      Set(options).count == options.count, !(options.contains("0") && options.contains("1"))
    else { return nil }
    return options
  }

  private static func reportURIs<Unit: TextUnit>(
    _ term: DMARCRecord.Term, characters: [Unit], record: inout DMARCRecord
  ) -> [DMARCRecord.ReportURI] {
    guard !term.value.isEmpty else { return [] }
    let valueEnd = term.offset + term.length
    var uris: [DMARCRecord.ReportURI] = []
    var start = term.valueOffset
    while start <= valueEnd {
      var end = start
      while end < valueEnd, characters[end] != .comma { end += 1 }
      let range = trimmed(start..<end, in: characters)
      let written = Unit.text(characters[range])
      if let uri = reportURI(written, offset: range.lowerBound) {
        uris.append(uri)
      } else {
        record.issues.append(
          .init(
            kind: .invalidURI, tag: term.name, term: written, offset: range.lowerBound,
            length: range.count, expected: "mailto:address@host or https://host/path"))
      }
      start = end + 1
    }
    return uris
  }

  /// An octet a report URI may hold after its scheme: ASCII, not white space (HT, LF, VT, FF,
  /// CR, space), and none of `<>"{}|\^`!,` (which end or break a URI in a DMARC record).
  static func isURIOctet(_ octet: UInt8) -> Bool {
    switch octet {
    case 0x80...0xff, 0x09...0x0d, UInt8(ascii: " "): false
    case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "{"),
      UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "\\"), UInt8(ascii: "^"),
      UInt8(ascii: "`"), UInt8(ascii: "!"), UInt8(ascii: ","):
      false
    default: true
    }
  }

  /// One `dmarc-uri` or `obs-dmarc-uri`, nil when it is not a usable URI: read as octets when
  /// each is one character (`TextUnits`), else character by character.
  static func reportURI(_ written: String, offset: Int) -> DMARCRecord.ReportURI? {
    if let octets = TextUnits.octets(written) { return reportURI(octets, offset: offset) }
    return reportURI(Array(written), offset: offset)
  }

  /// `reportURI` over the units of the written URI.
  static func reportURI<Unit: TextUnit>(
    _ units: [Unit], offset: Int
  ) -> DMARCRecord.ReportURI? {
    func isASCII(_ unit: Unit, in set: String) -> Bool {
      unit.asciiValue.map { set.utf8.contains($0) } ?? false
    }
    func isDigit(_ unit: Unit) -> Bool {
      unit.asciiValue.map { (0x30...0x39).contains($0) } ?? false
    }
    var end = units.count
    var sizeLimit: String?
    if let bang = units.lastIndex(of: Unit(ascii: UInt8(ascii: "!"))) {
      var digitsEnd = bang + 1
      while digitsEnd < units.count, isDigit(units[digitsEnd]) { digitsEnd += 1 }
      let unit = units[digitsEnd...]
      if digitsEnd > bang + 1, unit.count <= 1, unit.allSatisfy({ isASCII($0, in: "kmgtKMGT") }) {
        sizeLimit = Unit.text(units[bang...])
        end = bang
      }
    }
    guard let colon = units[..<end].firstIndex(of: Unit(ascii: UInt8(ascii: ":"))) else {
      return nil
    }
    // The scheme's characters are all ASCII letters, digits and `+-.` exactly when its octets
    // are (after lower-casing, which can turn a character into ASCII: the Kelvin sign).
    let scheme = Unit.text(units[..<colon]).lowercased()
    let rest = units[(colon + 1)..<end]
    func isSchemeOctet(_ octet: UInt8) -> Bool {
      (0x61...0x7a).contains(octet) || (0x30...0x39).contains(octet) || "+-.".utf8.contains(octet)
    }
    // A URI octet is ASCII, so a unit is one exactly when it is a single ASCII one.
    guard let first = scheme.utf8.first, (0x61...0x7a).contains(first),
      scheme.utf8.allSatisfy(isSchemeOctet), !rest.isEmpty,
      rest.allSatisfy({ $0.asciiValue.map(isURIOctet) ?? false })
    else { return nil }
    var host: DomainName?
    switch scheme {
    case "mailto":
      let address = rest.prefix { $0 != Unit(ascii: UInt8(ascii: "?")) }
      guard let at = address.lastIndex(of: Unit(ascii: UInt8(ascii: "@"))),
        address.startIndex < at,
        let name = try? DomainName(Unit.text(address[(at + 1)...])), !name.isRoot
      else { return nil }
      host = name
    default:
      let slash = Unit(ascii: UInt8(ascii: "/"))
      if rest.starts(with: [slash, slash]) {
        let authority = rest.dropFirst(2).prefix {
          $0 != slash && $0 != Unit(ascii: UInt8(ascii: "?"))
            && $0 != Unit(ascii: UInt8(ascii: "#"))
        }
        let hostPart = authority.split(separator: Unit(ascii: UInt8(ascii: "@"))).last.map {
          $0.prefix { $0 != Unit(ascii: UInt8(ascii: ":")) }
        }
        if let hostPart, !hostPart.isEmpty { host = try? DomainName(Unit.text(hostPart)) }
      }
    }
    return DMARCRecord.ReportURI(
      uri: Unit.text(units[..<end]), scheme: scheme, host: host, sizeLimit: sizeLimit,
      offset: offset, length: units.count)
  }
}
