import DNSLookup
import SenderAuthCore

/// `dkim.key-syntax`: a key record verifiers discard, or whose `p=` is not a usable key.
public struct DKIMKeySyntaxRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dkim.key-syntax",
    title: LocalizedText(
      en: "DKIM key record is malformed or its key does not decode",
      de: "DKIM-Schlüsseleintrag fehlerhaft oder Schlüssel nicht lesbar"),
    rationale: LocalizedText(
      en: """
        A key record is a tag-list (RFC 6376 §3.2): 'v=DKIM1' first if present, no tag twice, \
        'p=' required and holding base64 of a DER public key (RFC 6376 §3.6.1) or, with \
        'k=ed25519', of the raw 32-octet key (RFC 8463 §4.2). Verifiers discard a record that \
        breaks these rules, and every signature made with the selector fails. Tags, flags and \
        service types they do not know are ignored; those are reported as notes.
        """,
      de: """
        Ein Schlüsseleintrag ist eine Tag-Liste (RFC 6376 §3.2): 'v=DKIM1' zuerst, falls \
        vorhanden, kein Tag doppelt, 'p=' ist Pflicht und enthält Base64 eines DER-Schlüssels (RFC \
        6376 §3.6.1) oder, bei 'k=ed25519', des rohen 32-Byte-Schlüssels (RFC 8463 §4.2). \
        Empfangende Server verwerfen einen Eintrag, der dagegen verstößt, und jede Signatur mit \
        diesem Selektor scheitert. Unbekannte Tags, Flags und Diensttypen werden ignoriert; sie \
        erscheinen als Hinweis.
        """),
    howToFix: LocalizedText(
      en: """
        Copy the record again from your mail service, exactly and completely: control panels \
        often cut long keys at 255 characters, add quotes or spaces inside the key, or drop \
        the '+' and '/' characters. Put a long key into several strings of one TXT record.
        """,
      de: """
        Kopieren Sie den Eintrag erneut und vollständig aus Ihrem Maildienst: Verwaltungsseiten \
        schneiden lange Schlüssel oft nach 255 Zeichen ab, fügen Anführungszeichen oder \
        Leerzeichen in den Schlüssel ein oder verlieren die Zeichen '+' und '/'. Verteilen Sie \
        einen langen Schlüssel auf mehrere Zeichenketten eines TXT-Eintrags.
        """),
    references: [
      .rfc(6376, section: "3.2"), .rfc(6376, section: "3.6.1"), .rfc(8463, section: "4.2"),
    ],
    severity: .error,
    triggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("google", "k=rsa; v=DKIM1; p=\(DKIMRuleSupport.Keys.rsa2048)"))),
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine(
            "google", "v=DKIM1; k=rsa; p=\(DKIMRuleSupport.Keys.rsa2048.prefix(255))"))),
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("s1", "v=DKIM1; k=ed25519; p=\(DKIMRuleSupport.Keys.rsa2048)"))
      ),
    ],
    nonTriggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("google", "v=DKIM1; k=rsa; p=\(DKIMRuleSupport.Keys.rsa2048)"))),
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("s1", "v=DKIM1; k=ed25519; p=\(DKIMRuleSupport.Keys.ed25519)"))
      ),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    DKIMRuleSupport.keyRecords(context).flatMap { selector, record in
      findings(for: record, name: DKIMRuleSupport.quotedName(selector))
    }
  }

  private func findings(for record: DKIMKeyRecordResult, name: String) -> [Finding] {
    var findings: [Finding] = record.record.issues.map { issue in
      let span = Location.Span(offset: issue.offset, length: issue.length)
      return finding(
        Self.message(issue, name: name), at: record.location(span: span),
        severity: issue.kind.isFatal ? .error : .note)
    }
    if let error = record.keyError {
      findings.append(
        finding(
          Self.message(error, name: name), at: record.location(span: record.keyErrorSpan)))
    }
    if record.status == .valid, !record.record.allowsEmail {
      let types = record.record.serviceTypes.joined(separator: ":")
      findings.append(
        finding(
          LocalizedText(
            en: "DKIM key at \(name) is limited to service types 's=\(types)'; not for email",
            de: "Der DKIM-Schlüssel unter \(name) gilt nur für 's=\(types)', nicht für E-Mail"),
          at: DKIMRuleSupport.location(record, tag: "s")))
    }
    return findings
  }

  /// The words for a tag-list issue.
  static func message(_ issue: DKIMKeyRecord.Issue, name: String) -> LocalizedText {
    let term = "'\(issue.term.prefix(40))'"
    let en = "DKIM key record at \(name)"
    let de = "Der DKIM-Eintrag unter \(name)"
    switch issue.kind {
    case .versionNotFirst:
      return LocalizedText(
        en: "\(en) has \(term) but not as its first tag; verifiers may discard the record",
        de:
          "\(de) hat \(term) nicht als erstes Tag; empfangende Server dürfen den Eintrag verwerfen")
    case .badVersion:
      return LocalizedText(
        en: "\(en) has \(term); only 'v=DKIM1' is valid, it is discarded",
        de: "\(de) hat \(term); gültig ist nur 'v=DKIM1', er wird verworfen")
    case .duplicateTag:
      return LocalizedText(
        en: "\(en) repeats the tag \(term); the record is invalid",
        de: "\(de) wiederholt das Tag \(term); der Eintrag ist ungültig")
    case .missingPublicKey:
      return LocalizedText(
        en: "\(en) has no 'p=' tag; it is required",
        de: "\(de) hat kein 'p='-Tag; es ist Pflicht")
    case .malformedTag:
      return LocalizedText(
        en: "\(en) has the term \(term) without '='; the record is invalid",
        de: "\(de) enthält \(term) ohne '='; der Eintrag ist ungültig")
    case .badTagName:
      return LocalizedText(
        en: "\(en) has an invalid tag name in \(term)",
        de: "\(de) hat einen ungültigen Tag-Namen in \(term)")
    case .emptyTag:
      return LocalizedText(
        en: "\(en) has an empty term (';;' or a leading ';')",
        de: "\(de) hat einen leeren Abschnitt (';;' oder ';' am Anfang)")
    case .badValueCharacter:
      return LocalizedText(
        en: "\(en) has the character \(term), which tag values do not allow",
        de: "\(de) enthält das Zeichen \(term), das in Tag-Werten unzulässig ist")
    case .unknownKeyType:
      return LocalizedText(
        en: "\(en) has \(term); only 'rsa' and 'ed25519' are known, the key is ignored",
        de: "\(de) hat \(term); bekannt sind nur 'rsa' und 'ed25519', der Schlüssel zählt nicht")
    case .unknownHashAlgorithm:
      return LocalizedText(
        en: "\(en) names an unknown hash algorithm in \(term); it is ignored",
        de: "\(de) nennt in \(term) ein unbekanntes Hashverfahren; es wird ignoriert")
    case .unknownFlag:
      return LocalizedText(
        en: "\(en) has an unknown flag in \(term); it is ignored",
        de: "\(de) hat in \(term) ein unbekanntes Flag; es wird ignoriert")
    case .unknownServiceType:
      return LocalizedText(
        en: "\(en) has an unknown service type in \(term); it is ignored",
        de: "\(de) hat in \(term) einen unbekannten Diensttyp; er wird ignoriert")
    }
  }

  /// The words for a `p=` value that is not a usable key.
  static func message(_ error: DKIMKey.KeyError, name: String) -> LocalizedText {
    let en = "DKIM key at \(name)"
    let de = "Der DKIM-Schlüssel unter \(name)"
    switch error {
    case .notBase64(let error):
      switch error {
      case .invalidCharacter(let offset, let character):
        let shown =
          (0x21..<0x7f).contains(character)
          ? "'\(Character(Unicode.Scalar(character)))'" : "byte \(character)"
        return LocalizedText(
          en: "\(en) is not base64: \(shown) at offset \(offset) of 'p='",
          de: "\(de) ist kein Base64: \(shown) an Position \(offset) von 'p='")
      case .misplacedPadding(let offset):
        return LocalizedText(
          en: "\(en) is not base64: '=' padding misplaced at offset \(offset) of 'p='",
          de: "\(de) ist kein Base64: Füllzeichen '=' an falscher Stelle (\(offset) von 'p=')")
      case .incompleteQuantum(let characters):
        return LocalizedText(
          en: "\(en) is not base64: \(characters) characters, not a multiple of 4 (cut off?)",
          de: "\(de) ist kein Base64: \(characters) Zeichen, kein Vielfaches von 4 (gekürzt?)")
      case .empty:
        return LocalizedText(en: "\(en) is empty", de: "\(de) ist leer")
      }
    case .notAKey(let error):
      let words = Self.words(error)
      return LocalizedText(
        en: "\(en) is base64 but not a DER public key (\(words.en))",
        de: "\(de) ist Base64, aber kein DER-Schlüssel (\(words.de))")
    case .unsupportedAlgorithm(let oid):
      return LocalizedText(
        en: "\(en) is a public key of algorithm \(oid), neither RSA nor Ed25519",
        de: "\(de) gehört zum Verfahren \(oid), weder RSA noch Ed25519")
    case .algorithmMismatch(let declared, let found):
      return LocalizedText(
        en: "\(en) is an \(found.rawValue) key but the record says 'k=\(declared.rawValue)'",
        de: "\(de) ist ein \(found.rawValue)-Schlüssel, der Eintrag sagt 'k=\(declared.rawValue)'")
    case .ed25519Length(let octets):
      return LocalizedText(
        en: "\(en) has \(octets) octets; an Ed25519 key is exactly 32",
        de: "\(de) hat \(octets) Byte; ein Ed25519-Schlüssel hat genau 32")
    case .ed25519Wrapped:
      return LocalizedText(
        en: "\(en) is an Ed25519 key in SubjectPublicKeyInfo form; RFC 8463 wants raw 32 octets",
        de: "\(de) ist Ed25519 in SubjectPublicKeyInfo-Form; RFC 8463 verlangt die rohen 32 Byte")
    case .badModulus:
      return LocalizedText(
        en: "\(en) has an RSA modulus that is zero or negative",
        de: "\(de) hat einen RSA-Modulus, der null oder negativ ist")
    }
  }

  /// A DER problem in words.
  static func words(_ error: DERReader.DERError) -> LocalizedText {
    switch error {
    case .truncated(let offset):
      LocalizedText(
        en: "the data ends early, at octet \(offset)",
        de: "die Daten enden vorzeitig bei Byte \(offset)")
    case .unexpectedTag(let offset, _, _):
      LocalizedText(
        en: "unexpected element at octet \(offset)", de: "unerwartetes Element bei Byte \(offset)")
    case .badLength(let offset):
      LocalizedText(
        en: "invalid length at octet \(offset)", de: "ungültige Länge bei Byte \(offset)")
    case .unsupportedTag(let offset):
      LocalizedText(
        en: "unsupported tag at octet \(offset)", de: "nicht unterstütztes Tag bei Byte \(offset)")
    case .badContent(let offset, let reason):
      LocalizedText(
        en: "\(reason) at octet \(offset)", de: "\(reason) bei Byte \(offset)")
    case .trailingData(let offset):
      LocalizedText(
        en: "extra data after octet \(offset)", de: "überzählige Daten nach Byte \(offset)")
    }
  }
}
