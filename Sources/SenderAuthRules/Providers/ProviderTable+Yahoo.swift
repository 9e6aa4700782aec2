import SenderAuthCore

extension MailboxProvider {
  /// Yahoo's sender hub pages.
  enum YahooPages {
    static let requirements = Reference(
      title: "Yahoo: Sender requirements and recommendations",
      url: "https://senders.yahooinc.com/best-practices/", read: "2026-12-05",
      via: .archive(date: "2025-04-10"))
    static let faq = Reference(
      title: "Yahoo: Sender FAQs", url: "https://senders.yahooinc.com/faqs/", read: "2026-12-05",
      via: .archive(date: "2025-08-02"))
    static let errorCodes = Reference(
      title: "Yahoo: SMTP error codes", url: "https://senders.yahooinc.com/smtp-error-codes/",
      read: "2026-12-05", via: .archive(date: "2026-02-15"))
    /// Yahoo's page names no number for unauthenticated mail; Sisimai quotes the bounce.
    static let bounceQuote = Reference(
      title: "Sisimai: Yahoo bounce messages (rhost/for-yahooinc.go)",
      url: "https://github.com/sisimai/go-sisimai/blob/main/rhost/for-yahooinc.go",
      read: "2026-12-05", via: .secondary)
  }

  public static let yahoo = MailboxProvider(
    id: "yahoo", name: "Yahoo", mailboxes: ["yahoo.com", "aol.com", "ymail.com", "rocketmail.com"],
    sources: [YahooPages.requirements, YahooPages.faq, YahooPages.errorCodes],
    note: LocalizedText(
      en: "The rules cover every brand whose mailboxes Yahoo runs (AOL among them), not Yahoo "
        + "Japan. Yahoo publishes no volume threshold for bulk senders.",
      de: "Die Regeln gelten für alle Marken, deren Postfächer Yahoo betreibt (darunter AOL), "
        + "nicht für Yahoo Japan. Eine Mengenschwelle für Massenversender nennt Yahoo nicht."))
}

extension ProviderTable {
  static let yahoo: [ProviderRequirement] = [
    ProviderRequirement(
      "yahoo.spf-or-dkim", provider: .yahoo, profiles: [.yahoo], kind: .spfOrDKIM,
      title: LocalizedText(
        en: "Yahoo: SPF or DKIM must be set up", de: "Yahoo: SPF oder DKIM muss eingerichtet sein"),
      rationale: LocalizedText(
        en: "Yahoo requires every sender to implement SPF or DKIM at a minimum, for Yahoo Mail, "
          + "AOL and the other brands whose mailboxes it runs. Unauthenticated mail is blocked "
          + "with 550 5.7.9; Yahoo's error page names no number, the code is known from bounces "
          + "quoted by a secondary source.",
        de: "Yahoo verlangt von jedem Absender mindestens SPF oder DKIM, für Yahoo Mail, AOL und "
          + "die anderen Marken, deren Postfächer Yahoo betreibt. Nicht authentifizierte Mails "
          + "blockiert Yahoo mit 550 5.7.9; die Fehlerseite von Yahoo nennt keine Nummer, der "
          + "Code ist aus Bounces bekannt, die eine Sekundärquelle zitiert."),
      howToFix: LocalizedText(
        en: "Publish a valid SPF record for the return-path domain, or the DKIM key of your mail "
          + "service; both is better.",
        de: "Veröffentlichen Sie einen gültigen SPF-Eintrag für die Return-Path-Domain oder den "
          + "DKIM-Schlüssel Ihres Versanddienstes. Besser ist beides."),
      bounceCodes: [BounceCode(550, "5.7.9")],
      references: [
        MailboxProvider.YahooPages.requirements, MailboxProvider.YahooPages.errorCodes,
        MailboxProvider.YahooPages.bounceQuote,
      ],
      triggering: [Example(Zones.empty)],
      nonTriggering: [Example(Zones.spfOnly), Example(Zones.dkimOnly)]),
    ProviderRequirement(
      "yahoo.ptr-required", provider: .yahoo, profiles: [.yahoo, .yahooBulk],
      kind: .reverseDNS(nonGeneric: false),
      title: LocalizedText(
        en: "Yahoo: sending IPs need valid forward and reverse DNS",
        de: "Yahoo: Versand-IPs brauchen gültige Forward- und Reverse-DNS-Einträge"),
      rationale: LocalizedText(
        en: "Yahoo requires a valid forward and reverse DNS record for every sending IP, and "
          + "recommends meaningful, non-generic PTR names that reflect your domain.",
        de: "Yahoo verlangt für jede Versand-IP gültige Forward- und Reverse-DNS-Einträge und "
          + "empfiehlt aussagekräftige, nicht generische PTR-Namen, die Ihre Domain erkennen "
          + "lassen."),
      howToFix: LocalizedText(
        en: "Have the owner of each sending IP set a PTR record to a host name in your domain "
          + "whose address record contains the IP, then check it with --ip.",
        de: "Lassen Sie den Inhaber jeder Versand-IP einen PTR-Eintrag auf einen Hostnamen Ihrer "
          + "Domain setzen, dessen Adresseintrag die IP enthält. Prüfen Sie das Ergebnis mit "
          + "--ip."),
      references: [MailboxProvider.YahooPages.requirements],
      triggering: [Example(Zones.ptrBroken, ips: Zones.ip)],
      nonTriggering: [Example(Zones.ptrGood, ips: Zones.ip), Example(Zones.ptrBroken)]),
    ProviderRequirement(
      "dkim.key-too-short", provider: .yahoo, profiles: [.yahoo, .yahooBulk],
      kind: .rule("dkim.key-too-short"),
      title: LocalizedText(
        en: "Yahoo: DKIM keys have at least 1024 bits",
        de: "Yahoo: DKIM-Schlüssel haben mindestens 1024 Bit"),
      rationale: LocalizedText(
        en: "Yahoo requires DKIM keys of 1024 bits or more and recommends 2048 bits.",
        de: "Yahoo verlangt DKIM-Schlüssel mit mindestens 1024 Bit und empfiehlt 2048 Bit."),
      howToFix: HowToFix.dkimKeySize,
      references: [MailboxProvider.YahooPages.faq]),
    ProviderRequirement(
      "yahoo.spam-rate", provider: .yahoo, profiles: [.yahoo, .yahooBulk],
      kind: .notCheckable(NotCheckable.spamRate),
      title: LocalizedText(
        en: "Yahoo: the spam rate stays below 0.3%", de: "Yahoo: die Spamrate bleibt unter 0,3 %"),
      rationale: LocalizedText(
        en: "Yahoo requires every sender to keep its spam rate below 0.3%, counted on the mail "
          + "delivered to the inbox.",
        de: "Yahoo verlangt von jedem Absender eine Spamrate unter 0,3 %, gezählt an den Mails, "
          + "die im Posteingang ankommen."),
      howToFix: LocalizedText(
        en: "Send only to recipients who asked for your mail, and enrol your DKIM domains in "
          + "Yahoo's Complaint Feedback Loop to see complaints.",
        de: "Senden Sie nur an Empfänger, die Ihre Mails angefordert haben, und melden Sie Ihre "
          + "DKIM-Domains beim Complaint Feedback Loop von Yahoo an, um Beschwerden zu sehen."),
      references: [MailboxProvider.YahooPages.requirements]),
    ProviderRequirement(
      "yahoo.rfc5322", provider: .yahoo, profiles: [.yahoo, .yahooBulk],
      kind: .notCheckable(NotCheckable.message),
      title: LocalizedText(
        en: "Yahoo: mail follows RFC 5321 and RFC 5322",
        de: "Yahoo: Mails entsprechen RFC 5321 und RFC 5322"),
      rationale: LocalizedText(
        en: "Yahoo requires every sender to comply with RFC 5321 and RFC 5322; duplicate or "
          + "malformed headers are refused.",
        de: "Yahoo verlangt von jedem Absender, RFC 5321 und RFC 5322 einzuhalten; doppelte "
          + "oder fehlerhafte Header lehnt Yahoo ab."),
      howToFix: LocalizedText(
        en: "Look at a message your system sends and remove duplicate or malformed headers.",
        de: "Prüfen Sie eine Nachricht, die Ihr System sendet, und entfernen Sie doppelte oder "
          + "fehlerhafte Header."),
      references: [MailboxProvider.YahooPages.requirements, MailboxProvider.YahooPages.errorCodes]
    ),
    ProviderRequirement(
      "yahoo.bulk.spf-and-dkim", provider: .yahoo, profiles: [.yahooBulk], kind: .spfAndDKIM,
      title: LocalizedText(
        en: "Yahoo bulk senders: SPF and DKIM must both be set up",
        de: "Yahoo-Massenversender: SPF und DKIM müssen beide eingerichtet sein"),
      rationale: LocalizedText(
        en: "Yahoo requires bulk senders to implement both SPF and DKIM. Yahoo counts a sender "
          + "by its authenticated or From domain and publishes no volume threshold.",
        de: "Yahoo verlangt von Massenversendern SPF und DKIM. Yahoo zählt Absender nach ihrer "
          + "authentifizierten Domain oder Absenderdomain und nennt keine Mengenschwelle."),
      howToFix: HowToFix.spfAndDKIM,
      references: [MailboxProvider.YahooPages.requirements, MailboxProvider.YahooPages.faq],
      triggering: [Example(Zones.spfOnly)], nonTriggering: [Example(Zones.spfAndDKIM)]),
    ProviderRequirement(
      "yahoo.bulk.dmarc-required", provider: .yahoo, profiles: [.yahooBulk], kind: .dmarcRecord,
      title: LocalizedText(
        en: "Yahoo bulk senders: a DMARC record is required",
        de: "Yahoo-Massenversender: ein DMARC-Eintrag ist Pflicht"),
      rationale: LocalizedText(
        en: "Yahoo requires bulk senders to publish a valid DMARC policy of at least p=none, "
          + "and DMARC must pass; a rua address that receives the reports is strongly "
          + "recommended.",
        de: "Yahoo verlangt von Massenversendern eine gültige DMARC-Richtlinie mit mindestens "
          + "p=none, und DMARC muss bestehen; eine Adresse im Tag rua=, die die Berichte "
          + "empfängt, wird dringend empfohlen."),
      howToFix: LocalizedText(
        en: "Publish _dmarc.<domain> TXT \"v=DMARC1; p=none; rua=mailto:…\" and read the "
          + "reports before you raise the policy.",
        de: "Veröffentlichen Sie _dmarc.<ihre-domain> TXT \"v=DMARC1; p=none; rua=mailto:…\" "
          + "und lesen Sie die Berichte, bevor Sie die DMARC-Richtlinie verschärfen."),
      references: [MailboxProvider.YahooPages.requirements, MailboxProvider.YahooPages.faq],
      triggering: [
        Example(Zones.spfAndDKIM, fixable: true), Example(Zones.noPolicy, fixable: true),
      ],
      nonTriggering: [Example(Zones.complete)]),
    ProviderRequirement(
      "yahoo.bulk.dmarc-alignment", provider: .yahoo, profiles: [.yahooBulk], kind: .alignment,
      title: LocalizedText(
        en: "Yahoo bulk senders: From must align with SPF or DKIM",
        de: "Yahoo-Massenversender: SPF oder DKIM muss zur Absenderdomain passen"),
      rationale: LocalizedText(
        en: "Yahoo requires the domain in From to align with the SPF or the DKIM domain, which "
          + "DMARC needs; relaxed alignment is acceptable.",
        de: "Yahoo verlangt, dass die Domain im From-Header zur SPF- oder zur DKIM-Domain passt, "
          + "wie DMARC es braucht; relaxed (gleiche Organisationsdomain) genügt."),
      howToFix: HowToFix.alignment,
      references: [MailboxProvider.YahooPages.requirements],
      triggering: [Example(Zones.spfOnly, returnPath: "bounces.mailer.example")],
      nonTriggering: [Example(Zones.complete)]),
    ProviderRequirement(
      "yahoo.one-click-unsubscribe", provider: .yahoo, profiles: [.yahooBulk],
      kind: .notCheckable(NotCheckable.headers),
      title: LocalizedText(
        en: "Yahoo bulk senders: marketing mail has a working List-Unsubscribe header",
        de: "Yahoo-Massenversender: Werbemails haben einen funktionierenden "
          + "List-Unsubscribe-Header"),
      rationale: LocalizedText(
        en: "Yahoo requires a functioning List-Unsubscribe header on marketing and subscribed "
          + "mail: the POST method of RFC 8058 is highly recommended, a mailto address is "
          + "acceptable. A visible unsubscribe link belongs in the body, and unsubscribes must "
          + "be honoured within 2 days.",
        de: "Yahoo verlangt in Werbemails und abonnierten Mails einen funktionierenden "
          + "List-Unsubscribe-Header: die POST-Methode nach RFC 8058 wird dringend empfohlen, "
          + "eine mailto-Adresse ist zulässig. In den Text gehört ein sichtbarer Abmeldelink, "
          + "und Abmeldungen müssen binnen 2 Tagen wirken."),
      howToFix: LocalizedText(
        en: "Have your mail service add List-Unsubscribe (with List-Unsubscribe-Post) to "
          + "marketing mail and process unsubscribes within two days.",
        de: "Lassen Sie Ihren Versanddienst List-Unsubscribe (mit List-Unsubscribe-Post) in "
          + "Werbemails setzen und Abmeldungen binnen zwei Tagen umsetzen."),
      references: [MailboxProvider.YahooPages.requirements, MailboxProvider.YahooPages.faq]),
  ]
}
