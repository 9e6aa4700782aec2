import DNSLookup

/// A macro-string of an SPF record (RFC 7208 §7), parsed into literals and macros.
///
/// RFC 7208 §7.1:
/// ```
/// domain-spec      = macro-string domain-end
/// domain-end       = ( "." toplabel [ "." ] ) / macro-expand
/// toplabel         = ( *alphanum ALPHA *alphanum ) /
///                    ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
/// explain-string   = *( macro-string / SP )
/// macro-string     = *( macro-expand / macro-literal )
/// macro-expand     = ( "%{" macro-letter transformers *delimiter "}" )
///                    / "%%" / "%_" / "%-"
/// macro-literal    = %x21-24 / %x26-7E
/// macro-letter     = "s" / "l" / "o" / "d" / "i" / "p" / "h" /
///                    "c" / "r" / "t" / "v"
/// transformers     = *DIGIT [ "r" ]
/// delimiter        = "." / "-" / "+" / "," / "/" / "_" / "="
/// ```
public struct SPFMacroString: Hashable, Sendable {
  /// One piece of a macro-string.
  public enum Token: Hashable, Sendable {
    /// Literal text, copied as is.
    case literal(String)
    /// `%%` (a percent sign), `%_` (a space) or `%-` (`%20`): the escaped character.
    case escape(Character)
    case macro(SPFMacro)
  }

  /// Where a macro-string is used: macro letters `c`, `r`, `t` and spaces are only allowed
  /// in explanation text (RFC 7208 §7.1, §6.2).
  public enum Use: Sendable {
    case domainSpec
    case explanation
    case unknownModifier
  }

  /// The text as written.
  public let text: String
  public let tokens: [Token]
  /// The name the string stands for when it holds no macro: its expansion, which reads
  /// nothing of a message; nil with a macro or when that is not a valid name. Made once, when
  /// the string is (a record's includes are read by the tree, the queries and the rules).
  public let fixedDomain: DomainName?

  public init(text: String, tokens: [Token]) {
    self.text = text
    self.tokens = tokens
    fixedDomain =
      Self.containsMacros(tokens)
      ? nil : Self.noMessage.flatMap { Self.domain(Self.expand(tokens, $0)) }
  }

  /// What a string without macros is expanded with: nothing of it is read.
  private static let noMessage = IPAddress("192.0.2.1").map {
    SPFMacroContext(sender: "", localPart: "", senderDomain: "", domain: "", ip: $0, helo: "")
  }

  public static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.text == rhs.text && lhs.tokens == rhs.tokens
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(text)
    hasher.combine(tokens)
  }

  /// True when the string holds at least one `%{…}` macro (its value depends on the message).
  public var containsMacros: Bool { Self.containsMacros(tokens) }

  private static func containsMacros(_ tokens: [Token]) -> Bool {
    tokens.contains { if case .macro = $0 { true } else { false } }
  }

  /// True when a macro uses `letter` (`p` needs a DNS lookup before expansion).
  public func uses(_ letter: Character) -> Bool {
    tokens.contains { if case .macro(let macro) = $0 { macro.letter == letter } else { false } }
  }

  /// Parses `text` as a macro-string; the error's offset counts Characters from its start.
  public static func parse(_ text: String, use: Use) -> Result<SPFMacroString, SPFMacroError> {
    // Most strings are a plain name: printable ASCII (a space too in explanation text) and no
    // `%`. Each octet is then an allowed Character, and the string one literal.
    let space = use == .explanation ? UInt8(ascii: " ") : 0x21
    if text.utf8.allSatisfy({ ($0 >= space && $0 <= 0x7e) && $0 != UInt8(ascii: "%") }) {
      return .success(SPFMacroString(text: text, tokens: text.isEmpty ? [] : [.literal(text)]))
    }
    return parseCharacters(text, use: use)
  }

  /// `parse` Character by Character: macros, escapes, and the offset of what is not allowed.
  static func parseCharacters(_ text: String, use: Use) -> Result<SPFMacroString, SPFMacroError> {
    let characters = Array(text)
    var tokens: [Token] = []
    var literal = ""
    var index = 0
    func flush() {
      if !literal.isEmpty { tokens.append(.literal(literal)) }
      literal = ""
    }
    while index < characters.count {
      let character = characters[index]
      if character == "%" {
        guard index + 1 < characters.count else {
          return .failure(SPFMacroError(offset: index, length: 1, reason: .macroIncomplete))
        }
        let next = characters[index + 1]
        switch next {
        case "%", "_", "-":
          flush()
          tokens.append(.escape(next))
          index += 2
          continue
        case "{":
          guard let close = characters[(index + 2)...].firstIndex(of: "}") else {
            return .failure(
              SPFMacroError(
                offset: index, length: characters.count - index, reason: .macroIncomplete))
          }
          let body = characters[(index + 2)..<close]
          switch SPFMacro.parse(body, use: use) {
          case .success(let macro):
            flush()
            tokens.append(.macro(macro))
          case .failure(let reason):
            return .failure(SPFMacroError(offset: index, length: close - index + 1, reason: reason))
          }
          index = close + 1
          continue
        default:
          return .failure(
            SPFMacroError(offset: index, length: 2, reason: .invalidEscape(String(next))))
        }
      }
      let allowed: Bool
      if let ascii = character.asciiValue, character.unicodeScalars.count == 1 {
        allowed = (0x21...0x7e).contains(ascii) || (use == .explanation && ascii == 0x20)
      } else {
        allowed = false
      }
      guard allowed else {
        return .failure(
          SPFMacroError(offset: index, length: 1, reason: .invalidCharacter(character)))
      }
      literal.append(character)
      index += 1
    }
    flush()
    return .success(SPFMacroString(text: text, tokens: tokens))
  }

  /// Parses a domain-spec: a macro-string whose end is `.toplabel` (optionally with a final dot)
  /// or a macro-expand (RFC 7208 §7.1).
  public static func parseDomainSpec(_ text: String) -> Result<SPFMacroString, SPFMacroError> {
    guard !text.isEmpty else {
      return .failure(SPFMacroError(offset: 0, length: 0, reason: .emptyDomain))
    }
    let parsed = parse(text, use: .domainSpec)
    guard case .success(let spec) = parsed else { return parsed }
    guard case .literal(let tail)? = spec.tokens.last else { return parsed }
    var end = Substring(tail)
    if end.hasSuffix(".") { end = end.dropLast() }
    guard let dot = end.lastIndex(ofASCII: UInt8(ascii: ".")),
      isTopLabel(end[end.index(after: dot)...])
    else {
      return .failure(
        SPFMacroError(offset: 0, length: text.count, reason: .invalidTopLabel(String(text))))
    }
    return parsed
  }

  /// RFC 7208 §7.1 `toplabel`: letters and digits with at least one letter, or an inner dash.
  static func isTopLabel(_ label: Substring) -> Bool {
    // Octets when every one is an ASCII letter, digit or dash: then each is a Character.
    var letters = false
    for octet in label.utf8 {
      switch octet {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
        letters = true
      case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): continue
      default: return isTopLabelCharacters(label)
      }
    }
    guard let first = label.utf8.first, let last = label.utf8.last else { return false }
    if label.utf8.contains(UInt8(ascii: "-")) {
      return first != UInt8(ascii: "-") && last != UInt8(ascii: "-")
    }
    return letters
  }

  /// `isTopLabel` Character by Character.
  static func isTopLabelCharacters(_ label: Substring) -> Bool {
    guard !label.isEmpty,
      label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
    else { return false }
    if label.utf8.contains(UInt8(ascii: "-")) {
      guard let first = label.first, let last = label.last else { return false }
      return first != "-" && last != "-"
    }
    return label.contains { $0.isLetter }
  }

  /// Expands the string for `context` (RFC 7208 §7.3). `%{p}` reads `context.validatedName`.
  public func expand(_ context: SPFMacroContext) -> String { Self.expand(tokens, context) }

  private static func expand(_ tokens: [Token], _ context: SPFMacroContext) -> String {
    var out = ""
    for token in tokens {
      switch token {
      case .literal(let text): out += text
      case .escape("%"): out += "%"
      case .escape("_"): out += " "
      case .escape: out += "%20"
      case .macro(let macro): out += macro.expand(context)
      }
    }
    return out
  }

  /// Expands a domain-spec and makes it a name to query: a trailing dot dropped, and left-hand
  /// labels removed until the name is at most 253 octets (RFC 7208 §7.3). The expansion is
  /// octets, not presentation text: `%{s}` of `user@example.com` gives the label `user@example`,
  /// a backslash stays a backslash. Nil when the result is still not a valid DNS name (empty or
  /// over-long label).
  public func expandDomain(_ context: SPFMacroContext) -> DomainName? {
    Self.domain(expand(context))
  }

  /// The name an expansion stands for (see `expandDomain`).
  private static func domain(_ expansion: String) -> DomainName? {
    let dot = UInt8(ascii: ".")
    var octets = Array(expansion.utf8)[...]
    if octets.last == dot { octets = octets.dropLast() }
    while octets.count > 253, let first = octets.firstIndex(of: dot) {
      octets = octets[(first + 1)...]
    }
    return try? DomainName(rawOctets: octets)
  }
}

/// One `%{…}` macro (RFC 7208 §7.1).
public struct SPFMacro: Hashable, Sendable {
  /// The macro letter, lower-cased.
  public var letter: Character
  /// An upper-case letter: the value is URL-escaped (RFC 7208 §7.3).
  public var urlEscape: Bool
  /// How many right-hand parts to keep (nil: all).
  public var digits: Int?
  public var reverse: Bool
  /// Characters to split the value on; empty means `.`.
  public var delimiters: [Character]

  public init(
    letter: Character, urlEscape: Bool = false, digits: Int? = nil, reverse: Bool = false,
    delimiters: [Character] = []
  ) {
    self.letter = letter
    self.urlEscape = urlEscape
    self.digits = digits
    self.reverse = reverse
    self.delimiters = delimiters
  }

  static let letters: Set<Character> = ["s", "l", "o", "d", "i", "p", "h", "c", "r", "t", "v"]
  static let explanationOnly: Set<Character> = ["c", "r", "t"]
  static let delimiterSet: Set<Character> = [".", "-", "+", ",", "/", "_", "="]

  static func parse(_ body: ArraySlice<Character>, use: SPFMacroString.Use) -> Result<
    SPFMacro, SPFMacroError.Reason
  > {
    guard let first = body.first else { return .failure(.macroIncomplete) }
    guard first.isASCII, let ascii = first.asciiValue else {
      return .failure(.unknownMacroLetter(first))
    }
    let letter = Character(Unicode.Scalar(ascii | 0x20))
    guard first.isLetter, letters.contains(letter) else {
      return .failure(.unknownMacroLetter(first))
    }
    if use != .explanation, explanationOnly.contains(letter) {
      return .failure(.macroLetterOnlyInExplanation(first))
    }
    var rest = body.dropFirst()
    var digitText = ""
    while let character = rest.first, character.isASCII, character.isNumber {
      digitText.append(character)
      rest = rest.dropFirst()
    }
    var digits: Int?
    if !digitText.isEmpty {
      // More parts than a name can have (127) means "all of them".
      let value = digitText.count > 4 ? 1000 : DecimalText.value(digitText, as: Int.self) ?? 1000
      guard value > 0 else { return .failure(.zeroDigits) }
      digits = value
    }
    var reverse = false
    if let character = rest.first, character == "r" || character == "R" {
      reverse = true
      rest = rest.dropFirst()
    }
    var delimiters: [Character] = []
    for character in rest {
      guard delimiterSet.contains(character) else {
        return .failure(.invalidDelimiter(character))
      }
      delimiters.append(character)
    }
    return .success(
      SPFMacro(
        letter: letter, urlEscape: first.isUppercase, digits: digits, reverse: reverse,
        delimiters: delimiters))
  }

  /// The macro's value for `context`, transformed and escaped.
  public func expand(_ context: SPFMacroContext) -> String {
    let value: String
    switch letter {
    case "s": value = context.sender
    case "l": value = context.localPart
    case "o": value = context.senderDomain
    case "d": value = context.domain
    case "i": value = SPFMacroContext.dotted(context.ip)
    case "p": value = context.validatedName ?? "unknown"
    case "v": value = context.ip.isIPv4 ? "in-addr" : "ip6"
    case "h": value = context.helo
    case "c": value = context.ip.description
    case "r": value = context.receiver
    case "t": value = String(context.timestamp)
    default: value = ""
    }
    let splitOn = delimiters.isEmpty ? ["."] : delimiters
    var parts = value.split(omittingEmptySubsequences: false) { splitOn.contains($0) }.map(
      String.init)
    if reverse { parts.reverse() }
    if let digits, digits < parts.count { parts = Array(parts.suffix(digits)) }
    let joined = parts.joined(separator: ".")
    return urlEscape ? SPFMacro.urlEscaped(joined) : joined
  }

  /// RFC 3986 percent-encoding of everything but unreserved characters (RFC 7208 §7.3).
  static func urlEscaped(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = String(byte, radix: 16, uppercase: true)
        out += "%" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    return out
  }
}

/// Why a macro-string did not parse, and where (Characters from the start of the string).
public struct SPFMacroError: Error, Hashable, Sendable {
  public enum Reason: Error, Hashable, Sendable {
    case macroIncomplete
    case invalidEscape(String)
    case invalidCharacter(Character)
    case unknownMacroLetter(Character)
    case macroLetterOnlyInExplanation(Character)
    case zeroDigits
    case invalidDelimiter(Character)
    case emptyDomain
    case invalidTopLabel(String)
  }

  public var offset: Int
  public var length: Int
  public var reason: Reason

  public init(offset: Int, length: Int, reason: Reason) {
    self.offset = offset
    self.length = length
    self.reason = reason
  }
}

/// The values macros expand to during one check (RFC 7208 §7.2).
public struct SPFMacroContext: Sendable {
  /// `%{s}`: the sender, `local-part@domain` (`postmaster` substituted when empty).
  public var sender: String
  /// `%{l}`.
  public var localPart: String
  /// `%{o}`.
  public var senderDomain: String
  /// `%{d}`: the domain whose record is being evaluated.
  public var domain: String
  /// `%{i}`, `%{c}`, `%{v}`.
  public var ip: IPAddress
  /// `%{h}`.
  public var helo: String
  /// `%{r}`: the checking host's name.
  public var receiver: String
  /// `%{t}`: seconds since the epoch.
  public var timestamp: Int
  /// `%{p}`: the validated domain name of `ip`, once looked up.
  public var validatedName: String?

  public init(
    sender: String, localPart: String, senderDomain: String, domain: String, ip: IPAddress,
    helo: String, receiver: String = "unknown", timestamp: Int = 0,
    validatedName: String? = nil
  ) {
    self.sender = sender
    self.localPart = localPart
    self.senderDomain = senderDomain
    self.domain = domain
    self.ip = ip
    self.helo = helo
    self.receiver = receiver
    self.timestamp = timestamp
    self.validatedName = validatedName
  }

  /// `%{i}`: dotted-quad IPv4, or IPv6 as 32 dot-separated nibbles (RFC 7208 §7.3).
  static func dotted(_ ip: IPAddress) -> String {
    switch ip {
    case .v4: return ip.description
    case .v6(let bytes):
      return bytes.flatMap { [$0 >> 4, $0 & 0x0f] }.map { String($0, radix: 16) }.joined(
        separator: ".")
    }
  }
}
