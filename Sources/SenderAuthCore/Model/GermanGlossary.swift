/// One concept of the German glossary: the term senderauth uses and the ones it never uses.
public struct GlossaryEntry: Hashable, Sendable {
  /// The concept, in English.
  public var concept: String
  /// The German term to use.
  public var preferred: String
  /// Terms no German text may contain (matched as whole words, case-sensitive; a term that
  /// starts with a character other than a letter is matched anywhere).
  public var avoid: [String]
  /// Where the choice comes from, or how to use the term.
  public var note: String
  /// Phrases in which an avoided term is right (`Empfänger, die` are people, not servers).
  public var allowed: [String]

  public init(
    concept: String, preferred: String, avoid: [String], note: String = "",
    allowed: [String] = []
  ) {
    self.concept = concept
    self.preferred = preferred
    self.avoid = avoid
    self.note = note
    self.allowed = allowed
  }
}

/// A discouraged term found in a German text.
public struct GlossaryViolation: Hashable, Sendable, CustomStringConvertible {
  public var term: String
  public var preferred: String
  public var text: String

  public var description: String { "'\(term)' (use: \(preferred)) in: \(text)" }
}

/// The project's German terms: one term per concept in every `--lang de` text (messages,
/// titles, fixes, help, CLI errors), drawn from the German admin documentation of Microsoft,
/// Google, GMX/WEB.DE, T-Online, CSA, BSI and the hosters. `docs/glossary.de.md` is generated
/// from it; a test rejects the discouraged terms in every German string the program prints.
public enum GermanGlossary {
  public static let entries: [GlossaryEntry] = [
    GlossaryEntry(
      concept: "sender / From domain", preferred: "Absenderdomain",
      avoid: ["Versanddomain", "Absenderdomäne"],
      note: "Google „Absenderdomains“; WEB.DE „Absenderdomain (RFC 5322.From)“"),
    GlossaryEntry(
      concept: "envelope sender",
      preferred: "Return-Path-Domain; erklärt als "
        + "„Umschlagabsender (MAIL FROM)“",
      avoid: ["Envelope-Domain", "Umschlagdomain", "Bounce-Domain", "Envelope"],
      note: "Microsoft „Umschlagsender, 5321.MailFrom“; Versanddienste zeigen „Return-Path“"),
    GlossaryEntry(
      concept: "receiving mail server",
      preferred: "empfangender Mailserver, kurz empfangende "
        + "Server",
      avoid: ["Empfänger", "Empfängern", "Empfängers", "Prüfer"],
      note: "„Empfänger“ nur für Menschen; Google „empfangende E-Mail-Server“",
      allowed: [
        "Empfänger, die", "Empfänger können sich abmelden", "dass Empfänger eingewilligt",
        "das Logo für alle Empfänger",
      ]),
    GlossaryEntry(
      concept: "mailbox provider", preferred: "Postfachanbieter",
      avoid: ["ISP", "E-Mail-Anbieter"], note: "CSA „Mailboxprovider“"),
    GlossaryEntry(
      concept: "email service provider (ESP)",
      preferred: "Versanddienst (erste Nennung: E-Mail-Versanddienst)",
      avoid: [
        "E-Mail-Dienstleister", "Dienstleister", "Dienstleisters", "Dienste",
        "E-Mail-Diensteanbieter", "Diensteanbieter",
      ],
      note: "BSI nennt Postfachbetreiber „E-Mail-Diensteanbieter“; darum nie so für Versender"),
    GlossaryEntry(
      concept: "bulk / high-volume sender", preferred: "Massenversender",
      avoid: ["Großversender", "Bulk-Sender", "-Großversender", "-Bulk-Sender"],
      note: "Google „Absender von Massen-E-Mails“; GMX „Massenversand“"),
    GlossaryEntry(
      concept: "alignment", preferred: "Ausrichtung (Alignment)", avoid: ["Abgleich"],
      note: "WEB.DE „DKIM-Alignment“"),
    GlossaryEntry(
      concept: "aligned", preferred: "passt zur Absenderdomain",
      avoid: ["ausgerichtet", "ist ausgerichtet"],
      note: "WEB.DE „muss … übereinstimmen“; „ausgerichtet“ liest sich steif"),
    GlossaryEntry(
      concept: "relaxed / strict",
      preferred: "relaxed (gleiche Organisationsdomain) / strict (identische Domain)",
      avoid: ["locker", "strikt"], note: "WEB.DE und HubSpot behalten die englischen Werte"),
    GlossaryEntry(
      concept: "policy", preferred: "DMARC-Richtlinie", avoid: ["Policy"],
      note: "Microsoft, Google, HubSpot"),
    GlossaryEntry(
      concept: "aggregate report", preferred: "aggregierter Bericht (rua=)",
      avoid: ["Sammelbericht", "Sammelberichte"], note: "Adobe „Aggregierte Berichte (RUA)“"),
    GlossaryEntry(
      concept: "forensic / failure report", preferred: "forensischer Bericht (ruf=)",
      avoid: ["Fehlerbericht", "Fehlerberichte"],
      note: "der Schweregrad heißt schon „Fehler“"),
    GlossaryEntry(
      concept: "record / entry", preferred: "DNS-Eintrag, SPF-Eintrag",
      avoid: ["Datensatz", "Datensätze", "Record", "Records"],
      note: "Microsoft, Google, all-inkl „Eintrag“; „Record“ nur im Zitat eines Hoster-Menüs"),
    GlossaryEntry(
      concept: "TXT record / CNAME", preferred: "TXT-Eintrag / CNAME-Eintrag (kurz: der CNAME)",
      avoid: ["TXT-Record", "Alias"], note: "Microsoft „CNAME-Einträge“"),
    GlossaryEntry(
      concept: "tag", preferred: "Tag („das Tag 'rua='“) für DMARC und DKIM",
      avoid: ["Angabe", "Angaben"]),
    GlossaryEntry(
      concept: "selector / key", preferred: "Selektor / DKIM-Schlüssel",
      avoid: ["Selector", "Key"], note: "Microsoft „Selektor“"),
    GlossaryEntry(
      concept: "mechanism, qualifier, modifier",
      preferred: "Mechanismus, Qualifikator, Modifikator (redirect=, exp=)",
      avoid: ["Term", "Terme", "Terms", "-Term ", "-Terms ", "-Term'", "-Terme "],
      note: "all-inkl „Qualifikator und Mechanismus“"),
    GlossaryEntry(
      concept: "include", preferred: "include-Mechanismus; Wert: 'include:spf.example.net'",
      avoid: ["SPF-Include", "includes"]),
    GlossaryEntry(
      concept: "lookup / lookup limit", preferred: "DNS-Abfrage / Grenze von 10 DNS-Abfragen",
      avoid: ["Lookup", "Lookups", "Limit"]),
    GlossaryEntry(
      concept: "void lookup", preferred: "DNS-Abfrage ohne Ergebnis (Void-Lookup), höchstens 2",
      avoid: [
        "leere Abfrage", "leere Abfragen", "leeren Abfragen", "leere SPF-Abfragen",
        "leeren SPF-Abfragen",
      ]),
    GlossaryEntry(
      concept: "ready / not ready",
      preferred:
        "Anforderungen erfüllt / nicht erfüllt; unvollständig (Abfragen gescheitert); nicht "
        + "geprüft (nichts davon prüfbar)",
      avoid: ["bereit"], note: "Google „Anforderungen … erfüllen“"),
    GlossaryEntry(concept: "finding", preferred: "Befund", avoid: ["Problem", "Fund"]),
    GlossaryEntry(
      concept: "fix / remediation",
      preferred: "Behebung (Beschriftung), Korrektur (geänderter Eintrag)", avoid: ["Fix"]),
    GlossaryEntry(
      concept: "name server, authoritative", preferred: "(autoritativer) Nameserver",
      avoid: ["DNS-Server"], note: "Hetzner"),
    GlossaryEntry(
      concept: "propagation", preferred: "„bis die Änderung überall gilt (höchstens die TTL)“",
      avoid: ["Propagation"]),
    GlossaryEntry(
      concept: "reverse DNS / PTR / FCrDNS",
      preferred: "Reverse-DNS-Eintrag (PTR); bestätigtes Reverse-DNS (FCrDNS)",
      avoid: ["Rückwärtsauflösung"], note: "WEB.DE „Reverse-DNS-Eintrag (PTR-RR)“"),
    GlossaryEntry(
      concept: "sending IP", preferred: "Versand-IP",
      avoid: ["sendende Adresse", "Sendende Adresse"],
      note: "WEB.DE „IP-Adresse des Mailservers“"),
    GlossaryEntry(
      concept: "domain, organizational domain",
      preferred: "Domain, Organisationsdomain / Public-Suffix-Domain",
      avoid: ["Domäne", "Domänen", "Organisationsdomäne"],
      note: "Google, WEB.DE, IONOS, T-Online „Domain“"),
    GlossaryEntry(
      concept: "the domain itself", preferred: "die Domain (selbst)",
      avoid: ["seines eigenen Eintrags"]),
    GlossaryEntry(
      concept: "delivering server (T-Online's wording)", preferred: "anliefernder Server",
      avoid: ["einliefernden", "einliefernde"], note: "Wortlaut T-Online 4.1"),
    GlossaryEntry(
      concept: "stays silent on (rule examples)", preferred: "Schlägt nicht an bei",
      avoid: ["Schweigt bei"]),
    GlossaryEntry(
      concept: "singular and plural",
      preferred: "ausgeschrieben („1 DNS-Abfrage“, "
        + "„2 DNS-Abfragen“)",
      avoid: ["(n)", "(en)"], note: "nie „Abfrage(n)“"),
  ]

  /// The discouraged terms `text` contains.
  public static func violations(in text: String) -> [GlossaryViolation] {
    var found: [GlossaryViolation] = []
    for entry in entries {
      var checked = text
      for phrase in entry.allowed {
        checked = checked.replacing(phrase, with: " ")
      }
      for term in entry.avoid where contains(checked, term) {
        found.append(GlossaryViolation(term: term, preferred: entry.preferred, text: text))
      }
    }
    return found
  }

  /// True when `term` occurs in `text` as a whole word (letters, digits and '-' continue a
  /// word), or anywhere when it starts with another character.
  static func contains(_ text: String, _ term: String) -> Bool {
    guard let first = term.first, first.isLetter || first.isNumber else {
      return text.contains(term)
    }
    func continues(_ character: Character) -> Bool {
      character.isLetter || character.isNumber || character == "-"
    }
    var searchStart = text.startIndex
    while let range = text.range(of: term, range: searchStart..<text.endIndex) {
      let before =
        range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
      let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
      if !(before.map(continues) ?? false), !(after.map(continues) ?? false) { return true }
      searchStart = range.upperBound
    }
    return false
  }
}
