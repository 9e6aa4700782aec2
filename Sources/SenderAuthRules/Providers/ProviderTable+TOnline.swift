import SenderAuthCore

extension MailboxProvider {
  /// Telekom's postmaster page for t-online.de and the account that quotes its section 4.1.
  enum TelekomPages {
    static let postmaster = Reference(
      title: "Telekom: postmaster.t-online.de (section 4.1)", url: "https://postmaster.t-online.de",
      read: "2026-12-05")
    /// The text of section 4.1, quoted word for word by a sender who was asked to meet it.
    static let section41Quote = Reference(
      title: "sidenotes.de: E-Mail? Telefonnummer bitte! (quotes section 4.1)",
      url: "https://sidenotes.de/2026/02/01/email-telefonnummer-bitte.html", read: "2026-12-05",
      via: .secondary)
  }

  public static let tOnline = MailboxProvider(
    id: "t-online", name: "T-Online", mailboxes: ["t-online.de", "magenta.de"],
    sources: [TelekomPages.postmaster, TelekomPages.section41Quote],
    note: LocalizedText(
      en: "T-Online blocks IP addresses it does not know (554 … (NOWL)) until the postmaster "
        + "team has checked them against section 4.1.",
      de: "T-Online sperrt unbekannte IP-Adressen (554 … (NOWL)), bis das Postmaster-Team sie "
        + "nach Abschnitt 4.1 geprüft hat."))
}

extension ProviderTable {
  static let tOnline: [ProviderRequirement] = [
    ProviderRequirement(
      "t-online.ptr-required", provider: .tOnline, profiles: [.tOnline],
      kind: .reverseDNS(nonGeneric: true),
      title: LocalizedText(
        en: "T-Online: sending IPs need forward-confirmed reverse DNS",
        de: "T-Online: Versand-IPs brauchen bestätigte Reverse-DNS-Einträge (FCrDNS)"),
      rationale: LocalizedText(
        en: "T-Online (postmaster section 4.1) requires that the host name of the delivering "
          + "IP leads to the operator's domain and website with contact details (RFC 1912, "
          + "FCrDNS). The text of section 4.1 is known from a secondary source quoting it.",
        de: "T-Online (Postmaster, Abschnitt 4.1) verlangt, dass der Hostname zur IP des "
          + "anliefernden Systems auf die Domain und die Website des Betreibers mit "
          + "Kontaktmöglichkeit führt (RFC 1912, FCrDNS). Der Wortlaut von Abschnitt 4.1 ist "
          + "aus einer Sekundärquelle bekannt, die ihn zitiert."),
      howToFix: LocalizedText(
        en: "Have the owner of each sending IP set a PTR record to a host name in your domain "
          + "whose address record contains the IP, and publish a website with contact details "
          + "on that domain.",
        de: "Lassen Sie den Inhaber jeder Versand-IP einen PTR-Eintrag auf einen Hostnamen Ihrer "
          + "Domain setzen, dessen Adresseintrag die IP enthält, und betreiben Sie auf dieser "
          + "Domain eine Website mit Kontaktmöglichkeit."),
      references: [
        MailboxProvider.TelekomPages.postmaster, MailboxProvider.TelekomPages.section41Quote,
      ],
      triggering: [
        Example(Zones.ptrBroken, ips: Zones.ip), Example(Zones.ptrGenericName, ips: Zones.ip),
      ],
      nonTriggering: [Example(Zones.ptrGood, ips: Zones.ip)]),
    ProviderRequirement(
      "t-online.website", provider: .tOnline, profiles: [.tOnline],
      kind: .notCheckable(NotCheckable.website),
      title: LocalizedText(
        en: "T-Online: the PTR host name's domain has a website with contact details",
        de: "T-Online: die Domain des PTR-Hostnamens hat eine Website mit Kontaktmöglichkeit"),
      rationale: LocalizedText(
        en: "Section 4.1 asks that the operator behind the delivering host can be found easily, "
          + "through the domain of its host name and a website with direct contact details "
          + "(EU directive 2000/31/EC, article 5).",
        de: "Abschnitt 4.1 verlangt, dass der Betreiber hinter dem anliefernden Host leicht zu "
          + "finden ist: über die Domain seines Hostnamens und eine Website mit unmittelbarer "
          + "Kontaktmöglichkeit (EU-Richtlinie 2000/31/EG, Artikel 5)."),
      howToFix: LocalizedText(
        en: "Publish a website with an imprint on the domain of the PTR host name.",
        de: "Betreiben Sie auf der Domain des PTR-Hostnamens eine Website mit Impressum."),
      references: [
        MailboxProvider.TelekomPages.postmaster, MailboxProvider.TelekomPages.section41Quote,
      ]),
  ]
}
