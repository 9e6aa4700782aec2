import DNSLookup

/// A problem found while parsing an SPF record: where, which term, and why.
///
/// Every issue makes the record a syntax error for receivers (RFC 7208 §4.6: `permerror`).
public struct SPFIssue: Hashable, Sendable, Codable {
  /// Characters from the start of the record.
  public var offset: Int
  public var length: Int
  /// The term the issue is in (empty for record-level issues).
  public var term: String
  /// A stable code (`unknown-mechanism`, `invalid-macro` …).
  public var code: String
  public var reason: LocalizedText

  public init(offset: Int, length: Int, term: String, code: String, reason: LocalizedText) {
    self.offset = offset
    self.length = length
    self.term = term
    self.code = code
    self.reason = reason
  }
}

/// A TXT record at a domain that starts with `v=spf1`, and its joined text.
public struct SPFCandidate: Hashable, Sendable {
  public var record: ResourceRecord
  /// The character-strings joined with no separator (RFC 7208 §3.3).
  public var text: String

  public init(record: ResourceRecord, text: String) {
    self.record = record
    self.text = text
  }
}

/// What parsing one record gave: the terms that parsed and every issue.
public struct SPFParseResult: Hashable, Sendable, Codable {
  public var record: SPFRecord
  public var issues: [SPFIssue]

  public init(record: SPFRecord, issues: [SPFIssue]) {
    self.record = record
    self.issues = issues
  }

  /// True when receivers would accept the record (no issue at all).
  public var isValid: Bool { issues.isEmpty }
}

/// The tolerant SPF parser (RFC 7208 §4.5, §4.6.1, §5, §6, §7): it never stops at the first
/// problem and never traps; it returns what parsed and every issue with its position.
public enum SPFParser {
  /// True when `text` is an SPF record: `v=spf1` (any case) followed by a space or the end
  /// (RFC 7208 §4.5), so `v=spf10` is not one.
  public static func isSPF(_ text: String) -> Bool {
    let utf8 = Array(text.utf8.prefix(7))
    guard utf8.count >= 6, String(decoding: utf8.prefix(6), as: UTF8.self).lowercased() == "v=spf1"
    else { return false }
    return utf8.count == 6 || utf8[6] == UInt8(ascii: " ")
  }

  /// The SPF records among a TXT answer's records, in answer order (RFC 7208 §4.5).
  public static func select(_ records: [ResourceRecord]) -> [SPFCandidate] {
    records.compactMap { record in
      guard let text = record.data.joinedText, isSPF(text) else { return nil }
      return SPFCandidate(record: record, text: text)
    }
  }

  /// Parses a whole record (`v=spf1 …`).
  public static func parse(_ text: String) -> SPFParseResult {
    parsedRecords.value(for: ExactText(text)) { parseRecord(text) }
  }

  /// Records parsed in this run: a batch meets a provider's record (`_spf.google.com`) once per
  /// customer domain, and each domain's own record twice (the walk and the context).
  private static let parsedRecords = SharedMemo<ExactText, SPFParseResult>(capacity: 1024)

  private static func parseRecord(_ text: String) -> SPFParseResult {
    var issues: [SPFIssue] = []
    var terms: [SPFTerm] = []
    guard isSPF(text) else {
      issues.append(
        SPFIssue(
          offset: 0, length: min(6, text.count), term: "", code: "invalid-version",
          reason: LocalizedText(
            en: "the record does not start with 'v=spf1' followed by a space",
            de: "der Eintrag beginnt nicht mit 'v=spf1' und einem Leerzeichen")))
      return SPFParseResult(record: SPFRecord(text: text, terms: []), issues: issues)
    }
    // Terms are split at spaces from the seventh Character, counting Characters for the
    // issues' offsets; each term is a slice of the text (an array of Characters made back into
    // strings cost 20k instructions a term). In printable ASCII each octet is a Character.
    func add(_ term: Substring, at offset: Int) {
      let parsed = parseTerm(String(term), at: offset)
      issues += parsed.issues
      if let term = parsed.term { terms.append(term) }
    }
    if isPrintableASCII(text) {
      splitTerms(of: text, in: text.utf8, space: UInt8(ascii: " "), add)
    } else {
      splitTerms(of: text, in: text, space: " ", add)
    }
    for kind in [SPFModifier.Kind.redirect, .explanation] {
      let repeated = terms.filter { $0.modifier?.kind == kind }.dropFirst()
      for term in repeated {
        issues.append(
          SPFIssue(
            offset: term.span.offset, length: term.span.length, term: term.text,
            code: "duplicate-modifier",
            reason: LocalizedText(
              en: "'\(kind.rawValue)=' appears more than once (RFC 7208 §6)",
              de: "'\(kind.rawValue)=' steht mehr als einmal im Eintrag (RFC 7208 §6)")))
      }
    }
    return SPFParseResult(record: SPFRecord(text: text, terms: terms), issues: issues)
  }

  /// Parses one term starting `offset` Characters into its record.
  static func parseTerm(_ text: String, at offset: Int) -> (term: SPFTerm?, issues: [SPFIssue]) {
    parseTerm(text, at: offset, printable: isPrintableASCII(text))
  }

  /// `parseTerm` reading octets for lengths and searches when `printable` (in printable ASCII
  /// each octet is a Character), else Characters.
  static func parseTerm(_ text: String, at offset: Int, printable: Bool) -> (
    term: SPFTerm?, issues: [SPFIssue]
  ) {
    assert(!printable || isPrintableASCII(text))
    let span = Location.Span(offset: offset, length: printable ? text.utf8.count : text.count)
    func issue(_ code: String, _ en: String, _ de: String, at inner: Int = 0, length: Int? = nil)
      -> SPFIssue
    {
      SPFIssue(
        offset: offset + inner, length: length ?? (text.count - inner), term: text, code: code,
        reason: LocalizedText(en: en, de: de))
    }
    func macroIssue(_ error: SPFMacroError, base: Int) -> SPFIssue {
      let (code, reason) = describe(error.reason)
      return SPFIssue(
        offset: offset + base + error.offset, length: max(error.length, 1), term: text,
        code: code, reason: reason)
    }

    // A modifier: `name=` where name is ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ).
    let equalsSign =
      printable
      ? text.utf8.firstIndex(of: UInt8(ascii: "=")) : text.firstIndex(ofASCII: UInt8(ascii: "="))
    if let equals = equalsSign, isModifierName(text[..<equals]) {
      let name = String(text[..<equals])
      let value = String(text[text.index(after: equals)...])
      let valueBase = name.count + 1
      let kind: SPFModifier.Kind =
        switch name.lowercased() {
        case "redirect": .redirect
        case "exp": .explanation
        default: .unknown
        }
      let parsed =
        kind == .unknown
        ? SPFMacroString.parse(value, use: .unknownModifier)
        : SPFMacroString.parseDomainSpec(value)
      switch parsed {
      case .success(let spec):
        let modifier = SPFModifier(kind: kind, name: name, value: spec)
        return (SPFTerm(text: text, span: span, kind: .modifier(modifier)), [])
      case .failure(let error):
        return (nil, [macroIssue(error, base: valueBase)])
      }
    }

    var body = Substring(text)
    var qualifier = SPFQualifier.pass
    var written = false
    if let first = body.first, let explicit = SPFQualifier(rawValue: String(first)) {
      qualifier = explicit
      written = true
      body = body.dropFirst()
    }
    let qualifierLength = written ? 1 : 0
    let nameEnd: Substring.Index
    let nameLength: Int
    if printable {
      nameEnd =
        body.utf8.firstIndex { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "/") }
        ?? body.endIndex
      nameLength = body.utf8.distance(from: body.startIndex, to: nameEnd)
    } else {
      nameEnd = body.firstIndex { $0 == ":" || $0 == "/" } ?? body.endIndex
      nameLength = body.distance(from: body.startIndex, to: nameEnd)
    }
    let name = body[..<nameEnd].lowercased()
    let rest = body[nameEnd...]
    let restBase = qualifierLength + nameLength
    let argumentBase = restBase + 1
    var issues: [SPFIssue] = []

    func domainSpec(_ argument: Substring) -> SPFMacroString? {
      switch SPFMacroString.parseDomainSpec(String(argument)) {
      case .success(let spec): return spec
      case .failure(let error):
        issues.append(macroIssue(error, base: argumentBase))
        return nil
      }
    }
    func required() -> Substring? {
      guard rest.first == ":" else {
        issues.append(
          issue(
            "missing-argument", "'\(name)' needs ':' and a domain",
            "'\(name)' braucht ':' und eine Domain",
            at: restBase))
        return nil
      }
      return rest.dropFirst()
    }

    let mechanism: SPFMechanism?
    switch name {
    case "all":
      if rest.isEmpty {
        mechanism = .all
      } else {
        issues.append(
          issue(
            "unexpected-argument", "'all' takes no argument", "'all' hat kein Argument",
            at: restBase))
        mechanism = nil
      }
    case "include", "exists":
      if let argument = required(), let spec = domainSpec(argument) {
        mechanism = name == "include" ? .include(spec) : .exists(spec)
      } else {
        mechanism = nil
      }
    case "a", "mx":
      var domain: SPFMacroString?
      var cidrText = rest
      var ok = true
      if rest.first == ":" {
        let (spec, suffix) = splitDualCIDR(rest.dropFirst())
        cidrText = suffix
        if let parsed = domainSpec(spec) { domain = parsed } else { ok = false }
      }
      let cidrBase = qualifierLength + text.distance(from: body.startIndex, to: cidrText.startIndex)
      let cidr = parseDualCIDR(cidrText)
      if cidr == nil {
        issues.append(
          issue(
            "invalid-cidr", "'\(cidrText)' is not a valid CIDR prefix length (/0-32, //0-128)",
            "'\(cidrText)' ist keine gültige CIDR-Präfixlänge (/0-32, //0-128)", at: cidrBase,
            length: cidrText.count))
      }
      if ok, let cidr {
        mechanism = name == "a" ? .a(domain: domain, cidr: cidr) : .mx(domain: domain, cidr: cidr)
      } else {
        mechanism = nil
      }
    case "ptr":
      if rest.isEmpty {
        mechanism = .ptr(domain: nil)
      } else if rest.first == ":", let spec = domainSpec(rest.dropFirst()) {
        mechanism = .ptr(domain: spec)
      } else {
        if rest.first != ":" {
          issues.append(
            issue(
              "unexpected-argument", "'ptr' takes no CIDR length", "'ptr' hat keine CIDR-Länge",
              at: restBase))
        }
        mechanism = nil
      }
    case "ip4", "ip6":
      let v6 = name == "ip6"
      if let argument = required() {
        let slash = argument.firstIndex(of: "/")
        let addressText = String(argument[..<(slash ?? argument.endIndex)])
        let address = IPAddress(addressText)
        let family = address.map { $0.isIPv4 != v6 } ?? false
        var prefix: Int?
        var prefixOK = true
        if let slash {
          prefix = parseCIDRLength(argument[argument.index(after: slash)...], max: v6 ? 128 : 32)
          prefixOK = prefix != nil
        }
        if !family {
          issues.append(
            issue(
              "invalid-address", "'\(addressText)' is not an \(v6 ? "IPv6" : "IPv4") address",
              "'\(addressText)' ist keine \(v6 ? "IPv6" : "IPv4")-Adresse", at: argumentBase,
              length: addressText.count))
        }
        if !prefixOK {
          issues.append(
            issue(
              "invalid-cidr",
              "the prefix length is not a number from 0 to \(v6 ? 128 : 32) without leading zeros",
              "die Präfixlänge ist keine Zahl von 0 bis \(v6 ? 128 : 32) ohne führende Nullen",
              at: argumentBase + addressText.count))
        }
        if let address, family, prefixOK {
          mechanism = v6 ? .ip6(address, prefix: prefix) : .ip4(address, prefix: prefix)
        } else {
          mechanism = nil
        }
      } else {
        mechanism = nil
      }
    default:
      issues.append(
        issue(
          "unknown-mechanism", "'\(name)' is not a mechanism or a valid modifier",
          "'\(name)' ist weder ein Mechanismus noch ein gültiger Modifikator"))
      mechanism = nil
    }
    guard let mechanism else { return (nil, issues) }
    let directive = SPFDirective(
      qualifier: qualifier, qualifierWritten: written, mechanism: mechanism)
    return (SPFTerm(text: text, span: span, kind: .directive(directive)), issues)
  }

  /// Whether every octet of `text` is printable ASCII (a space included): then each octet is a
  /// Character, and lengths and searches can count octets.
  static func isPrintableASCII(_ text: some StringProtocol) -> Bool {
    text.utf8.allSatisfy { $0 >= 0x20 && $0 <= 0x7e }
  }

  /// Calls `add` with each term of the record `text` (the runs of `view`'s elements between
  /// `space`s after the version) and its offset in elements.
  private static func splitTerms<View: Collection>(
    of text: String, in view: View, space: View.Element, _ add: (Substring, Int) -> Void
  ) where View.Index == String.Index, View.Element: Equatable {
    var offset = 6
    var index = view.index(view.startIndex, offsetBy: 6, limitedBy: view.endIndex) ?? view.endIndex
    while index < view.endIndex {
      if view[index] == space {
        view.formIndex(after: &index)
        offset += 1
        continue
      }
      let start = index
      let startOffset = offset
      while index < view.endIndex, view[index] != space {
        view.formIndex(after: &index)
        offset += 1
      }
      add(text[start..<index], startOffset)
    }
  }

  /// `name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." )` (RFC 7208 §6).
  static func isModifierName(_ name: Substring) -> Bool {
    guard let first = name.first, first.isASCII, first.isLetter else { return false }
    return name.allSatisfy {
      $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".")
    }
  }

  /// Splits `domain-spec [dual-cidr-length]` into its parts: the CIDR part is a trailing
  /// `/digits`, `//digits` or `/digits//digits`.
  static func splitDualCIDR(_ text: Substring) -> (Substring, Substring) {
    var body = text
    if let range = lastRange(of: "//", in: body), isDigits(body[range.upperBound...]) {
      body = body[..<range.lowerBound]
    }
    if let slash = body.lastIndex(ofASCII: UInt8(ascii: "/")),
      isDigits(body[body.index(after: slash)...])
    {
      body = body[..<slash]
    }
    return (body, text[body.endIndex...])
  }

  /// `[ ip4-cidr-length ] [ "/" ip6-cidr-length ]`, the whole of `text`; nil when invalid.
  static func parseDualCIDR(_ text: Substring) -> SPFDualCIDR? {
    var cidr = SPFDualCIDR()
    var rest = text
    if let range = lastRange(of: "//", in: rest) {
      guard let value = parseCIDRLength(rest[range.upperBound...], max: 128) else { return nil }
      cidr.ip6 = value
      rest = rest[..<range.lowerBound]
    }
    if rest.isEmpty { return cidr }
    guard rest.first == "/", let value = parseCIDRLength(rest.dropFirst(), max: 32) else {
      return nil
    }
    cidr.ip4 = value
    return cidr
  }

  /// `"0" / %x31-39 *DIGIT` up to `max`; nil otherwise.
  static func parseCIDRLength(_ text: Substring, max: Int) -> Int? {
    guard text.utf8.count <= 3, text == "0" || text.first != "0",
      let value = DecimalText.value(text, as: Int.self), value <= max
    else { return nil }
    return value
  }

  static func isDigits(_ text: Substring) -> Bool {
    !text.isEmpty && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
  }

  /// The last `needle` in `text`. Most terms hold no `//`: their octets say so without
  /// Foundation's search (which this toolchain's Foundation runs through `NSString`, for
  /// every term of every domain); only a text whose octets hold the needle is searched by
  /// `range(of:options:)`.
  static func lastRange(of needle: String, in text: Substring) -> Range<Substring.Index>? {
    var rest = text.utf8[...]
    while !rest.isEmpty, !rest.starts(with: needle.utf8) { rest = rest.dropFirst() }
    guard !rest.isEmpty else { return nil }
    return text.range(of: needle, options: .backwards)
  }

  /// Stable code and both-language text of a macro-string error.
  static func describe(_ reason: SPFMacroError.Reason) -> (String, LocalizedText) {
    switch reason {
    case .macroIncomplete:
      return (
        "invalid-macro",
        LocalizedText(
          en: "a macro is not closed ('%{' without '}' or a lone '%')",
          de: "ein Makro ist nicht abgeschlossen ('%{' ohne '}' oder ein einzelnes '%')")
      )
    case .invalidEscape(let next):
      return (
        "invalid-macro",
        LocalizedText(
          en: "'%\(next)' is not a macro; write '%%' for a percent sign",
          de: "'%\(next)' ist kein Makro; ein Prozentzeichen schreibt man '%%'")
      )
    case .invalidCharacter(let character):
      let shown = character.unicodeScalars.map { scalar in
        scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7f
          ? String(scalar) : "U+" + String(scalar.value, radix: 16, uppercase: true)
      }.joined()
      return (
        "invalid-character",
        LocalizedText(
          en: "the character '\(shown)' is not allowed here (only printable ASCII, no spaces)",
          de:
            "das Zeichen '\(shown)' ist hier nicht erlaubt (nur druckbares ASCII, keine Leerzeichen)"
        )
      )
    case .unknownMacroLetter(let letter):
      return (
        "invalid-macro",
        LocalizedText(
          en: "'\(letter)' is not a macro letter (s l o d i p h c r t v)",
          de: "'\(letter)' ist kein Makrobuchstabe (s l o d i p h c r t v)")
      )
    case .macroLetterOnlyInExplanation(let letter):
      return (
        "invalid-macro",
        LocalizedText(
          en: "the macro '%{\(letter)}' is only allowed in explanation text (RFC 7208 §7.1)",
          de: "das Makro '%{\(letter)}' ist nur im Erklärungstext erlaubt (RFC 7208 §7.1)")
      )
    case .zeroDigits:
      return (
        "invalid-macro",
        LocalizedText(
          en: "a macro's part count must not be zero (RFC 7208 §7.3)",
          de: "die Anzahl der Teile eines Makros darf nicht null sein (RFC 7208 §7.3)")
      )
    case .invalidDelimiter(let character):
      return (
        "invalid-macro",
        LocalizedText(
          en: "'\(character)' is not a macro delimiter (. - + , / _ =)",
          de: "'\(character)' ist kein Makro-Trennzeichen (. - + , / _ =)")
      )
    case .emptyDomain:
      return (
        "missing-argument",
        LocalizedText(en: "the domain is empty", de: "die Domain ist leer")
      )
    case .invalidTopLabel(let text):
      return (
        "invalid-domain",
        LocalizedText(
          en: "'\(text)' does not end in a valid top-level label such as '.com' (RFC 7208 §7.1)",
          de:
            "'\(text)' endet nicht mit einem gültigen Top-Level-Label wie '.com' (RFC 7208 §7.1)")
      )
    }
  }
}

extension StringProtocol {
  /// The first Character that is the ASCII `octet`. In ASCII text each octet is a Character
  /// (a CR LF pair, the one exception, holds no other octet), so the octets are searched;
  /// other text Character by Character (an `=` with a combining mark after it is another
  /// Character).
  func firstIndex(ofASCII octet: UInt8) -> Index? {
    if utf8.allSatisfy({ $0 < 0x80 }) { return utf8.firstIndex(of: octet) }
    return firstIndex(of: Character(Unicode.Scalar(octet)))
  }
}

extension StringProtocol where UTF8View: BidirectionalCollection {
  /// The last Character that is the ASCII `octet` (see `firstIndex(ofASCII:)`).
  func lastIndex(ofASCII octet: UInt8) -> Index? {
    if utf8.allSatisfy({ $0 < 0x80 }) { return utf8.lastIndex(of: octet) }
    return lastIndex(of: Character(Unicode.Scalar(octet)))
  }
}
