import DNSLookup

/// A domain as the user typed it, checked and converted: an e-mail address gives its domain,
/// a URL its host, an internationalised name its A-labels, a trailing dot is dropped. Bad
/// input is an error that says what is wrong in one line.
///
/// RFC 1035 §2.3.4: a name is at most 255 octets on the wire (253 characters in text), a label
/// 1–63 octets. RFC 5891 §4: a U-label is checked in its A-label (`xn--`, RFC 3492) form.
public struct DomainInput: Hashable, Sendable {
  /// The domain to check.
  public var domain: DomainName
  /// What was typed.
  public var input: String
  /// Why the domain differs from the input (`took the domain part of the e-mail address`).
  public var note: String? { notes?.en }
  /// The note in every language.
  public var notes: LocalizedText?
  /// The Unicode form when the input was an internationalised name (`bücher.example`).
  public var unicode: String?

  /// The longest name in text form, without the trailing dot (RFC 1035 §2.3.4).
  public static let maxLength = 253
  /// The longest label (RFC 1035 §2.3.4).
  public static let maxLabelLength = 63

  public static func parse(_ text: String) throws(DomainInputError) -> DomainInput {
    let typed = text
    func fail(_ en: String, _ de: String) -> DomainInputError {
      DomainInputError(input: typed, reasons: LocalizedText(en: en, de: de))
    }
    var candidate = text.trimmingWhitespace
    var note: LocalizedText?
    guard !candidate.isEmpty else {
      throw fail(
        "it is empty; give a domain such as example.com",
        "sie ist leer; geben Sie eine Domain wie example.com an")
    }
    if let control = candidate.unicodeScalars.first(where: \.isControlCharacter) {
      let shown = DomainInputError.escaped(String(control))
      throw fail(
        "it contains the control character \(shown)", "sie enthält das Steuerzeichen \(shown)")
    }
    if let scheme = candidate.firstRange(of: "://") {
      var host = candidate[scheme.upperBound...]
      if let end = host.firstIndex(where: { "/?#".contains($0) }) { host = host[..<end] }
      if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
      if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
        host = host[...close]  // [IPv6]:port
      } else if let colon = host.lastIndex(of: ":") {
        host = host[..<colon]
      }
      guard !host.isEmpty else {
        throw fail("the URL has no host name", "die URL hat keinen Hostnamen")
      }
      candidate = String(host)
      note = LocalizedText(
        en: "took the host name '\(candidate)' from the URL",
        de: "den Hostnamen '\(candidate)' aus der URL übernommen")
    } else if let at = candidate.lastIndex(of: "@") {
      candidate = String(candidate[candidate.index(after: at)...])
      guard !candidate.isEmpty else {
        throw fail(
          "the e-mail address has no domain part", "die E-Mail-Adresse hat keinen Domainteil")
      }
      note = LocalizedText(
        en: "took the domain part '\(candidate)' of the e-mail address",
        de: "den Domainteil '\(candidate)' der E-Mail-Adresse übernommen")
    }
    let bare =
      candidate.hasPrefix("[") && candidate.hasSuffix("]")
      ? String(candidate.dropFirst().dropLast()) : candidate
    if IPAddress(bare) != nil {
      throw fail(
        "it is an IP address; give the domain that sends mail (use --ip for addresses)",
        "das ist eine IP-Adresse; geben Sie die Domain an, die E-Mails versendet (Adressen "
          + "mit --ip)")
    }
    if candidate.hasSuffix("."), candidate.count > 1 { candidate.removeLast() }
    var unicode: String?
    if candidate.unicodeScalars.contains(where: { !$0.isASCII }) {
      guard let converted = IDNA.toASCII(candidate) else {
        throw fail(
          "it is not a valid internationalised name (a label is too long or cannot be "
            + "converted to an A-label)",
          "sie ist kein gültiger internationalisierter Name (ein Label ist zu lang oder lässt "
            + "sich nicht in ein A-Label umwandeln)")
      }
      unicode = candidate.lowercased()
      let checked = LocalizedText(
        en: "checked as '\(converted)' (the A-label form of '\(candidate)')",
        de: "geprüft als '\(converted)' (die A-Label-Form von '\(candidate)')")
      note =
        note.map {
          LocalizedText(en: $0.en + "; " + checked.en, de: $0.de + "; " + checked.de)
        } ?? checked
      candidate = converted
    } else {
      candidate = candidate.lowercased()
    }
    try check(candidate, fail: fail)
    do {
      return DomainInput(
        domain: try DomainName(candidate), input: typed, notes: note, unicode: unicode)
    } catch {
      throw fail(error.description, error.description)
    }
  }

  /// Checks the ASCII name `name` label by label; the first problem is the error.
  static func check(
    _ name: String, fail: (String, String) -> DomainInputError
  ) throws(DomainInputError) {
    let labels = name.split(separator: ".", omittingEmptySubsequences: false)
    guard labels.count >= 2 else {
      throw fail(
        "a domain has at least two labels, such as example.com",
        "eine Domain hat mindestens zwei Labels, etwa example.com")
    }
    guard name.utf8.count <= maxLength else {
      throw fail(
        "it is \(name.utf8.count) octets long; a domain name has at most \(maxLength)",
        "sie ist \(name.utf8.count) Oktette lang; ein Domainname hat höchstens \(maxLength)")
    }
    for (index, label) in labels.enumerated() {
      guard !label.isEmpty else {
        throw index == 0
          ? fail("it starts with a dot", "sie beginnt mit einem Punkt")
          : fail(
            "it has an empty label (two dots in a row)",
            "sie hat ein leeres Label (zwei Punkte hintereinander)")
      }
      guard label.utf8.count <= maxLabelLength else {
        throw fail(
          "label '\(label.prefix(20))…' is \(label.utf8.count) octets long; "
            + "a label has at most \(maxLabelLength)",
          "das Label '\(label.prefix(20))…' ist \(label.utf8.count) Oktette lang; "
            + "ein Label hat höchstens \(maxLabelLength)")
      }
      if let bad = label.unicodeScalars.first(where: { !isAllowed($0) }) {
        let shown = DomainInputError.escaped(String(bad))
        throw fail(
          "'\(shown)' is not allowed in a domain name (letters, digits, '-' and '_' only)",
          "'\(shown)' ist in einem Domainnamen nicht erlaubt (nur Buchstaben, Ziffern, '-' "
            + "und '_')")
      }
      guard !label.hasPrefix("-"), !label.hasSuffix("-") else {
        throw fail(
          "label '\(label)' starts or ends with '-'",
          "das Label '\(label)' beginnt oder endet mit '-'")
      }
    }
  }

  static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
      || scalar == "_"
  }

  public init(
    domain: DomainName, input: String, notes: LocalizedText? = nil, unicode: String? = nil
  ) {
    self.domain = domain
    self.input = input
    self.notes = notes
    self.unicode = unicode
  }
}

/// Why a typed domain cannot be checked.
public struct DomainInputError: Error, Hashable, Sendable, CustomStringConvertible {
  public var input: String
  /// Why, in every language.
  public var reasons: LocalizedText
  /// Why, in English.
  public var reason: String { reasons.en }

  public init(input: String, reasons: LocalizedText) {
    self.input = input
    self.reasons = reasons
  }

  /// One line, with the input's control characters shown as `\xNN` so that it cannot act on
  /// the terminal it is printed to.
  public var description: String { text.en }

  /// The line in every language.
  public var text: LocalizedText {
    let shown = Self.escaped(input)
    return LocalizedText(
      en: "'\(shown)' is not a domain to check: \(reasons.en)",
      de: "'\(shown)' ist keine prüfbare Domain: \(reasons.de)")
  }

  /// `text` with C0/C1 control characters and DEL as `\xNN` (the form `TerminalText` uses).
  static func escaped(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      if scalar.isControlCharacter {
        let hex = String(scalar.value, radix: 16)
        out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}

extension Unicode.Scalar {
  /// C0 controls, DEL and C1 controls.
  var isControlCharacter: Bool {
    value < 0x20 || value == 0x7f || (0x80...0x9f).contains(value)
  }
}

extension String {
  var trimmingWhitespace: String {
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
