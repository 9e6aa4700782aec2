import SenderAuthCore

extension MailboxProvider {
  /// Economia's help pages for mail to Centrum.cz, Volny.cz and Atlas.cz.
  enum EconomiaPages {
    static let bulkRules = Reference(
      title: "Centrum.cz: Pravidla pro rozesílání většího objemu zpráv",
      url:
        "https://freemail.help.economia.cz/articles/44658-pravidla-pro-rozesilani-vetsiho-objemu-zprav-uzivatelum-centrumcz-mailu",
      read: "2026-12-05")
    static let reputation = Reference(
      title: "Centrum.cz: Potíže s doručením e-mailu kvůli špatné reputaci domény",
      url:
        "https://freemail.help.economia.cz/articles/99941-potize-s-dorucenim-e-mailu-kvuli-spatne-reputaci-domeny",
      read: "2026-12-05")
  }

  public static let centrum = MailboxProvider(
    id: "centrum", name: "Centrum.cz", mailboxes: ["centrum.cz", "volny.cz", "atlas.cz"],
    sources: [EconomiaPages.bulkRules, EconomiaPages.reputation],
    note: LocalizedText(
      en: "Economia grants a domain-reputation exception (554 … poor reputation of a domain) "
        + "only to domains whose SPF record lists their sending networks and ends in '-all'.",
      de: "Economia gewährt eine Ausnahme bei schlechter Domain-Reputation (554 … poor "
        + "reputation of a domain) nur Domains, deren SPF-Eintrag ihre Versandnetze nennt und "
        + "auf '-all' endet."))
}

extension ProviderTable {
  static let centrum: [ProviderRequirement] = [
    ProviderRequirement(
      "centrum.spf-required", provider: .centrum, profiles: [.centrum], kind: .spf,
      title: LocalizedText(
        en: "Centrum.cz: the domain has a valid SPF record",
        de: "Centrum.cz: die Domain hat einen gültigen SPF-Eintrag"),
      rationale: LocalizedText(
        en: "Economia's rules for larger mailings to Centrum.cz, Volny.cz and Atlas.cz ask that "
          + "the sending domain have a valid SPF record.",
        de: "Die Regeln von Economia für größere Aussendungen an Centrum.cz, Volny.cz und "
          + "Atlas.cz verlangen für die sendende Domain einen gültigen SPF-Eintrag."),
      howToFix: LocalizedText(
        en: "Publish one valid SPF record that lists your sending networks and ends in '-all'.",
        de: "Veröffentlichen Sie einen gültigen SPF-Eintrag, der Ihre Versandnetze nennt und auf "
          + "'-all' endet."),
      references: [
        MailboxProvider.EconomiaPages.bulkRules, MailboxProvider.EconomiaPages.reputation,
      ],
      triggering: [Example(Zones.soa)], nonTriggering: [Example(Zones.spfOnly)]),
    ProviderRequirement(
      "centrum.ptr-required", provider: .centrum, profiles: [.centrum],
      kind: .reverseDNS(nonGeneric: false),
      title: LocalizedText(
        en: "Centrum.cz: sending IPs have valid reverse DNS",
        de: "Centrum.cz: Versand-IPs haben gültige Reverse-DNS-Einträge"),
      rationale: LocalizedText(
        en: "Economia asks senders of larger mailings to keep valid reverse DNS records for the "
          + "IP addresses they send from.",
        de: "Economia verlangt von Absendern größerer Aussendungen gültige Reverse-DNS-Einträge "
          + "für die IP-Adressen, von denen sie senden."),
      howToFix: HowToFix.ptrToHost,
      references: [MailboxProvider.EconomiaPages.bulkRules],
      triggering: [Example(Zones.ptrBroken, ips: Zones.ip)],
      nonTriggering: [Example(Zones.ptrGood, ips: Zones.ip), Example(Zones.ptrBroken)]),
    ProviderRequirement(
      "centrum.dedicated-ip", provider: .centrum, profiles: [.centrum],
      kind: .notCheckable(NotCheckable.infrastructure),
      title: LocalizedText(
        en: "Centrum.cz: bulk mail comes from dedicated IP addresses",
        de: "Centrum.cz: Massenmails kommen von eigenen IP-Adressen"),
      rationale: LocalizedText(
        en: "Economia asks that bulk mail be sent from dedicated IP addresses.",
        de: "Economia verlangt, Massenmails von eigenen (dedizierten) IP-Adressen zu senden."),
      howToFix: LocalizedText(
        en: "Send bulk mail from IP addresses used only for it, or ask your mail service for "
          + "dedicated ones.",
        de: "Senden Sie Massenmails von IP-Adressen, die nur dafür dienen, oder fragen Sie Ihren "
          + "Versanddienst nach eigenen IP-Adressen."),
      references: [MailboxProvider.EconomiaPages.bulkRules]),
    ProviderRequirement(
      "centrum.same-from", provider: .centrum, profiles: [.centrum],
      kind: .notCheckable(NotCheckable.message),
      title: LocalizedText(
        en: "Centrum.cz: bulk mail keeps the same From header",
        de: "Centrum.cz: Massenmails behalten denselben From-Header"),
      rationale: LocalizedText(
        en: "Economia asks that the From header stay the same in all bulk messages, and that "
          + "they carry 'Precedence: bulk'.",
        de: "Economia verlangt, dass der From-Header in allen Massenmails gleich bleibt und dass "
          + "sie 'Precedence: bulk' tragen."),
      howToFix: LocalizedText(
        en: "Use one From address per kind of mailing and add the header 'Precedence: bulk'.",
        de: "Verwenden Sie je Art von Aussendung eine From-Adresse und setzen Sie den Header "
          + "'Precedence: bulk'."),
      references: [MailboxProvider.EconomiaPages.bulkRules]),
    ProviderRequirement(
      "centrum.unsubscribe", provider: .centrum, profiles: [.centrum],
      kind: .notCheckable(NotCheckable.message),
      title: LocalizedText(
        en: "Centrum.cz: recipients can unsubscribe",
        de: "Centrum.cz: Empfänger können sich abmelden"),
      rationale: LocalizedText(
        en: "Economia requires that recipients opted in and can unsubscribe through a link to a "
          + "page that asks only for confirmation, or by replying to the sending address.",
        de: "Economia verlangt, dass Empfänger eingewilligt haben und sich über einen Link zu "
          + "einer Seite, die nur eine Bestätigung verlangt, oder per Antwort an die "
          + "Absenderadresse abmelden können."),
      howToFix: LocalizedText(
        en: "Put an unsubscribe link in every bulk message that works without entering data.",
        de: "Setzen Sie in jede Massenmail einen Abmeldelink, der ohne Eingabe von Daten "
          + "funktioniert."),
      references: [MailboxProvider.EconomiaPages.bulkRules]),
  ]
}
