import SenderAuthCore

/// The mailbox providers senderauth has no profile for, each with the reason: a profile is
/// added only where the provider publishes its rules itself and the page could be read.
extension MailboxProvider {
  public static let comcast = MailboxProvider(
    id: "comcast", name: "Comcast (Xfinity)", mailboxes: ["comcast.net", "xfinity.com"],
    sources: [
      Reference(
        title: "Comcast: Postmaster FAQs (legacy)", url: "https://postmaster.comcast.net/",
        read: "2026-12-05"),
      Reference(
        title: "egressif.io: Comcast / Xfinity sender requirements (checked 2026-06-22)",
        url: "https://egressif.io/resources/sender-requirements/comcast-xfinity",
        read: "2026-12-05", via: .secondary),
      Reference(
        title: "TeckNexus: Comcast migrates Xfinity email to Yahoo Mail",
        url: "https://tecknexus.com/comcast-moves-xfinity-email-to-yahoo-mail/3",
        read: "2026-12-05", via: .secondary),
    ],
    note: LocalizedText(
      en: "Comcast is moving comcast.net and xfinity.com mailboxes to Yahoo Mail through 2026 "
        + "(known from secondary sources only); migrated mailboxes follow Yahoo's rules, so "
        + "check with --profile yahoo or yahoo-bulk. Comcast's own postmaster site is a legacy "
        + "page whose news ends in 2012.",
      de: "Comcast zieht die Postfächer von comcast.net und xfinity.com im Lauf des Jahres 2026 "
        + "zu Yahoo Mail um (nur aus Sekundärquellen bekannt); umgezogene Postfächer folgen den "
        + "Regeln von Yahoo, prüfen Sie daher mit --profile yahoo oder yahoo-bulk. Die eigene "
        + "Postmaster-Seite von Comcast ist veraltet, ihre Meldungen enden 2012."))

  public static let orange = MailboxProvider(
    id: "orange", name: "Orange", mailboxes: ["orange.fr", "wanadoo.fr"],
    sources: [
      Reference(
        title: "Captain Verify: Orange postmaster requirements",
        url: "https://captainverify.com/blog/orange-postmaster.html", read: "2026-12-05",
        via: .secondary),
      Reference(
        title: "Mindbaz: la page Postmaster d'Orange",
        url:
          "https://mindbaz.com/actualites/postmaster-page-la-documentation-pour-expediteur-d-orange-disponible",
        read: "2026-12-05", via: .secondary),
    ],
    note: LocalizedText(
      en: "No profile: Orange publishes its rules at postmaster.orange.fr, but that page could "
        + "not be read for this release. Secondary sources report a valid PTR for the sending "
        + "IP, A or MX records for the domain and SPF, DKIM and DMARC; gmx-webde checks the same "
        + "records meanwhile.",
      de: "Kein Profil: Orange veröffentlicht seine Regeln unter postmaster.orange.fr, doch "
        + "diese Seite ließ sich für diese Version nicht lesen. Sekundärquellen nennen einen "
        + "gültigen PTR-Eintrag für die Versand-IP, A- oder MX-Einträge für die Domain sowie "
        + "SPF, DKIM und DMARC; bis dahin prüft gmx-webde dieselben Einträge."))

  public static let seznam = MailboxProvider(
    id: "seznam", name: "Seznam.cz", mailboxes: ["seznam.cz", "email.cz", "post.cz"],
    sources: [],
    note: LocalizedText(
      en: "No profile: no sender rules published by Seznam itself were found (searched "
        + "2026-12-05); only third-party guides describe them.",
      de: "Kein Profil: Von Seznam selbst veröffentlichte Regeln für Absender wurden nicht "
        + "gefunden (gesucht am 2026-12-05); nur Anleitungen Dritter beschreiben sie."))

  public static let mailRu = MailboxProvider(
    id: "mail-ru", name: "Mail.ru", mailboxes: ["mail.ru", "bk.ru", "inbox.ru", "list.ru"],
    sources: [
      Reference(
        title: "Suped: Mail.ru's DMARC, SPF and DKIM alignment requirements",
        url:
          "https://www.suped.com/knowledge/email-deliverability/technical/what-are-mailrus-dmarc-spf-and-dkim-alignment-requirements",
        read: "2026-12-05", via: .secondary)
    ],
    note: LocalizedText(
      en: "No profile: Mail.ru's rule that SPF or DKIM must pass and align with the From domain "
        + "is known only from secondary sources; the default profile bulk checks the same.",
      de: "Kein Profil: Die Regel von Mail.ru, dass SPF oder DKIM bestehen und zur "
        + "Absenderdomain passen muss, ist nur aus Sekundärquellen bekannt; das Standardprofil "
        + "bulk prüft dasselbe."))

  public static let libero = MailboxProvider(
    id: "libero", name: "Libero (Italiaonline)", mailboxes: ["libero.it", "virgilio.it"],
    sources: [],
    note: LocalizedText(
      en: "No profile: no sender rules published by Libero or Italiaonline were found "
        + "(searched 2026-12-05).",
      de: "Kein Profil: Von Libero oder Italiaonline veröffentlichte Regeln für Absender wurden "
        + "nicht gefunden (gesucht am 2026-12-05)."))

  public static let free = MailboxProvider(
    id: "free", name: "Free", mailboxes: ["free.fr"], sources: [],
    note: LocalizedText(
      en: "No profile: no sender rules published by Free were found (searched 2026-12-05).",
      de: "Kein Profil: Von Free veröffentlichte Regeln für Absender wurden nicht gefunden "
        + "(gesucht am 2026-12-05)."))
}
