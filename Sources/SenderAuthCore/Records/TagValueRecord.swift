import DNSLookup

/// A TXT record of `name=value` fields separated by `;`, its version field first: the shape of
/// MTA-STS (RFC 8461 §3.1), TLS-RPT (RFC 8460 §3) and BIMI assertion records.
///
/// RFC 8461 §3.1: `sts-text-record = sts-version 1*(sts-field-delim sts-field)
/// [sts-field-delim]`, `sts-field-delim = *WSP ";" *WSP`, `sts-ext-name = (ALPHA / DIGIT)
/// 0*31(ALPHA / DIGIT / "_" / "-" / ".")`, `sts-ext-value = 1*(%x21-3A / %x3C / %x3E-7E)`.
/// The parser is tolerant: it keeps every field it can read and reports the rest as issues
/// with their offsets.
public struct TagValueRecord: Hashable, Sendable {
  /// One `name=value` field; `offset` is the character offset of its name in `text`.
  public struct Field: Hashable, Sendable {
    public var name: String
    public var value: String
    public var offset: Int
    public var length: Int
  }

  /// Something the grammar does not allow, with where it is.
  public struct Issue: Hashable, Sendable {
    public var offset: Int
    public var length: Int
    public var reason: LocalizedText
  }

  public var text: String
  public var fields: [Field]
  public var issues: [Issue]

  /// The first field called `name` (compared as written, or case-insensitively).
  public func field(_ name: String, caseSensitive: Bool = true) -> Field? {
    fields.first { caseSensitive ? $0.name == name : $0.name.lowercased() == name.lowercased() }
  }

  /// Reads `text`; extension names and values are checked against the RFC 8461 grammar when
  /// `strictExtensions` (MTA-STS and TLS-RPT), not for BIMI.
  public static func parse(_ text: String, strictExtensions: Bool = true) -> TagValueRecord {
    var fields: [Field] = []
    var issues: [Issue] = []
    let characters = Array(text)
    var start = 0
    var segments: [(Int, Int)] = []
    for (index, character) in characters.enumerated() where character == ";" {
      segments.append((start, index))
      start = index + 1
    }
    segments.append((start, characters.count))
    var seen: Set<String> = []
    for (number, (from, to)) in segments.enumerated() {
      var low = from
      var high = to
      while low < high, characters[low] == " " || characters[low] == "\t" { low += 1 }
      while high > low, characters[high - 1] == " " || characters[high - 1] == "\t" { high -= 1 }
      if low == high {
        if number != segments.count - 1 || number == 0 {
          issues.append(
            Issue(
              offset: from, length: max(to - from, 1),
              reason: LocalizedText(
                en: "empty field between semicolons", de: "leeres Feld zwischen Semikolons")))
        }
        continue
      }
      let segment = String(characters[low..<high])
      guard let equals = segment.firstIndex(of: "=") else {
        issues.append(
          Issue(
            offset: low, length: high - low,
            reason: LocalizedText(
              en: "'\(segment)' is not a name=value field",
              de: "'\(segment)' ist kein Feld der Form Name=Wert")))
        continue
      }
      let name = String(segment[..<equals])
      let value = String(segment[segment.index(after: equals)...])
      if strictExtensions {
        if !isValidName(name) {
          issues.append(
            Issue(
              offset: low, length: name.count,
              reason: LocalizedText(
                en: "'\(name)' is not a valid field name",
                de: "'\(name)' ist kein gültiger Feldname"
              )))
        } else if !isValidValue(value) {
          issues.append(
            Issue(
              offset: low + name.count + 1, length: max(value.count, 1),
              reason: LocalizedText(
                en: "the value of '\(name)' is empty or has spaces, '=' or control characters",
                de: "der Wert von '\(name)' ist leer oder enthält Leerzeichen, '=' oder "
                  + "Steuerzeichen")))
        }
      }
      if !seen.insert(name.lowercased()).inserted {
        issues.append(
          Issue(
            offset: low, length: high - low,
            reason: LocalizedText(
              en: "field '\(name)' appears more than once", de: "Feld '\(name)' kommt mehrfach vor")
          ))
      }
      fields.append(Field(name: name, value: value, offset: low, length: high - low))
    }
    return TagValueRecord(text: text, fields: fields, issues: issues)
  }

  /// `(ALPHA / DIGIT) 0*31(ALPHA / DIGIT / "_" / "-" / ".")`.
  static func isValidName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 32,
      isAlphanumeric(first)
    else { return false }
    return name.unicodeScalars.allSatisfy {
      isAlphanumeric($0) || "_-.".unicodeScalars.contains($0)
    }
  }

  /// `1*(%x21-3A / %x3C / %x3E-7E)`: printable ASCII without space, `;` and `=`.
  static func isValidValue(_ value: String) -> Bool {
    !value.isEmpty
      && value.unicodeScalars.allSatisfy {
        (0x21...0x7E).contains($0.value) && $0 != ";" && $0 != "="
      }
  }

  public static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
  }
}

extension TagValueRecord {
  /// True when `text` begins with `version` (`v=STSv1`) in any case: meant as that kind of
  /// record, whether or not receivers can read it.
  public static func isCandidate(_ text: String, version: String) -> Bool {
    text.trimmingSpaces.lowercased().hasPrefix(version.lowercased())
  }

  /// The TXT records of `result` meant as records of `version`, with their joined text.
  public static func candidates(
    in result: LookupResult?, version: String
  ) -> [(record: ResourceRecord, text: String)] {
    guard let answer = result?.answer else { return [] }
    return answer.matching.compactMap { record in
      guard let text = record.data.joinedText, isCandidate(text, version: version) else {
        return nil
      }
      return (record, text)
    }
  }

  /// The issue of a record that does not begin with exactly `prefix` (`v=STSv1;`): RFC 8461
  /// §3.1 and RFC 8460 §3 have receivers discard it.
  static func prefixIssue(_ text: String, prefix: String) -> Issue? {
    guard !text.hasPrefix(prefix) else { return nil }
    return Issue(
      offset: 0, length: min(text.count, prefix.count),
      reason: LocalizedText(
        en: "the record must begin with exactly '\(prefix)'",
        de: "der Eintrag muss genau mit '\(prefix)' beginnen"))
  }

  /// The issue of a required field that is absent.
  static func missingField(_ name: String, in text: String) -> Issue {
    Issue(
      offset: 0, length: text.count,
      reason: LocalizedText(
        en: "the '\(name)=' field is missing", de: "das Feld '\(name)=' fehlt"))
  }
}
