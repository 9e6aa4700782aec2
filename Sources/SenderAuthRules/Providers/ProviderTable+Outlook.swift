import SenderAuthCore

extension MailboxProvider {
  /// Microsoft's Outlook.com postmaster pages (moved to substrate.office.com in June 2026).
  enum MicrosoftPages {
    static let policies = Reference(
      title: "Outlook.com Postmaster: Policies, practices, and guidelines",
      url: "https://substrate.office.com/ip-domain-management-snds/Postmaster/Policies",
      read: "2026-12-05", via: .archive(date: "2026-06-15"))
  }

  public static let outlook = MailboxProvider(
    id: "outlook", name: "Outlook.com",
    mailboxes: ["outlook.com", "hotmail.com", "live.com", "msn.com"],
    sources: [MicrosoftPages.policies],
    note: LocalizedText(
      en: "The postmaster pages moved from postmaster.live.com to substrate.office.com in "
        + "June 2026; the requirements did not change. Mail from domains that send over 5,000 "
        + "messages a day and miss them goes to Junk first and may then be rejected with "
        + "550 5.7.515.",
      de: "Die Postmaster-Seiten sind im Juni 2026 von postmaster.live.com nach "
        + "substrate.office.com umgezogen; die Anforderungen sind gleich geblieben. Mails von "
        + "Domains, die über 5.000 Mails am Tag senden und sie nicht erfüllen, landen zuerst im "
        + "Junk-Ordner und können dann mit 550 5.7.515 abgewiesen werden."))
}

extension ProviderTable {
  /// The code Outlook.com gives for every authentication requirement of high-volume senders.
  static let outlookRejection = BounceCode(550, "5.7.515")

  static let outlook: [ProviderRequirement] = [
    ProviderRequirement(
      "microsoft.bulk.spf-required", provider: .outlook, profiles: [.microsoftBulk], kind: .spf,
      title: LocalizedText(
        en: "Outlook.com high-volume senders: SPF must pass",
        de: "Outlook.com-Massenversender: SPF muss bestehen"),
      rationale: LocalizedText(
        en: "Since 5 May 2025 Outlook.com requires domains that send over 5,000 messages a day "
          + "to pass SPF for the sending domain. Mail that fails goes to Junk and may be "
          + "rejected with 550 5.7.515.",
        de: "Seit dem 5. Mai 2025 verlangt Outlook.com von Domains, die über 5.000 Mails am Tag "
          + "senden, dass SPF für die sendende Domain besteht. Mails, die das nicht erfüllen, "
          + "landen im Junk-Ordner und können mit 550 5.7.515 abgewiesen werden."),
      howToFix: LocalizedText(
        en: "Publish one valid SPF record (at most 10 DNS lookups) that authorizes every "
          + "service sending for the domain.",
        de: "Veröffentlichen Sie einen gültigen SPF-Eintrag (höchstens 10 DNS-Abfragen), der "
          + "jeden Versanddienst der Domain autorisiert."),
      bounceCodes: [outlookRejection], references: [MailboxProvider.MicrosoftPages.policies],
      triggering: [Example(Zones.soa)], nonTriggering: [Example(Zones.spfOnly)]),
    ProviderRequirement(
      "microsoft.bulk.dkim-required", provider: .outlook, profiles: [.microsoftBulk], kind: .dkim,
      title: LocalizedText(
        en: "Outlook.com high-volume senders: DKIM must pass",
        de: "Outlook.com-Massenversender: DKIM muss bestehen"),
      rationale: LocalizedText(
        en: "Outlook.com requires domains that send over 5,000 messages a day to pass DKIM. "
          + "Mail that fails goes to Junk and may be rejected with 550 5.7.515.",
        de: "Outlook.com verlangt von Domains, die über 5.000 Mails am Tag senden, dass DKIM "
          + "besteht. Mails, die das nicht erfüllen, landen im Junk-Ordner und können mit "
          + "550 5.7.515 abgewiesen werden."),
      howToFix: LocalizedText(
        en: "Publish the DKIM key (or the CNAMEs) of every service that sends for the domain.",
        de: "Veröffentlichen Sie den DKIM-Schlüssel (oder die CNAME-Einträge) jedes "
          + "Versanddienstes, der für die Domain sendet."),
      bounceCodes: [outlookRejection], references: [MailboxProvider.MicrosoftPages.policies],
      triggering: [Example(Zones.spfOnly)], nonTriggering: [Example(Zones.spfAndDKIM)]),
    ProviderRequirement(
      "microsoft.bulk.dmarc-required", provider: .outlook, profiles: [.microsoftBulk],
      kind: .dmarcRecord,
      title: LocalizedText(
        en: "Outlook.com high-volume senders: a DMARC record is required",
        de: "Outlook.com-Massenversender: ein DMARC-Eintrag ist Pflicht"),
      rationale: LocalizedText(
        en: "Outlook.com requires domains that send over 5,000 messages a day to publish DMARC "
          + "with at least p=none and recommends p=reject. Mail that misses it goes to Junk "
          + "and may be rejected with 550 5.7.515.",
        de: "Outlook.com verlangt von Domains, die über 5.000 Mails am Tag senden, einen "
          + "DMARC-Eintrag mit mindestens p=none und empfiehlt p=reject. Mails, die das nicht "
          + "erfüllen, landen im Junk-Ordner und können mit 550 5.7.515 abgewiesen werden."),
      howToFix: LocalizedText(
        en: "Publish _dmarc.<domain> TXT \"v=DMARC1; p=none; rua=mailto:…\" and tighten the "
          + "policy over time.",
        de: "Veröffentlichen Sie _dmarc.<ihre-domain> TXT \"v=DMARC1; p=none; rua=mailto:…\" "
          + "und verschärfen Sie die DMARC-Richtlinie nach und nach."),
      bounceCodes: [outlookRejection], references: [MailboxProvider.MicrosoftPages.policies],
      triggering: [
        Example(Zones.spfAndDKIM, fixable: true), Example(Zones.noPolicy, fixable: true),
      ],
      nonTriggering: [Example(Zones.complete)]),
    ProviderRequirement(
      "microsoft.bulk.dmarc-alignment", provider: .outlook, profiles: [.microsoftBulk],
      kind: .alignment,
      title: LocalizedText(
        en: "Outlook.com high-volume senders: From must align with SPF or DKIM",
        de: "Outlook.com-Massenversender: SPF oder DKIM muss zur Absenderdomain passen"),
      rationale: LocalizedText(
        en: "Outlook.com requires the DMARC of high-volume senders to align with SPF or DKIM, "
          + "preferably both; otherwise mail goes to Junk and may be rejected with 550 5.7.515.",
        de: "Outlook.com verlangt, dass bei Massenversendern SPF oder DKIM zur Absenderdomain "
          + "passt, am besten beide; sonst landen die Mails im Junk-Ordner und können mit "
          + "550 5.7.515 abgewiesen werden."),
      howToFix: HowToFix.alignment,
      bounceCodes: [outlookRejection], references: [MailboxProvider.MicrosoftPages.policies],
      triggering: [Example(Zones.spfOnly, returnPath: "bounces.mailer.example")],
      nonTriggering: [Example(Zones.complete)]),
    ProviderRequirement(
      "ptr.missing", provider: .outlook, profiles: [.microsoftBulk],
      kind: .rule("ptr.missing", needsSendingIPs: true),
      title: LocalizedText(
        en: "Outlook.com: sending servers have reverse DNS",
        de: "Outlook.com: sendende Server haben Reverse-DNS-Einträge"),
      rationale: LocalizedText(
        en: "Outlook.com requires every server that connects to it to have valid reverse DNS "
          + "records, and may refuse connections from dynamic IP space.",
        de: "Outlook.com verlangt von jedem Server, der Mails einliefert, gültige "
          + "Reverse-DNS-Einträge und kann Verbindungen aus dynamischen IP-Bereichen ablehnen."),
      howToFix: LocalizedText(
        en: "Have the owner of each sending IP publish a PTR record for it.",
        de: "Lassen Sie den Inhaber jeder Versand-IP einen PTR-Eintrag für sie veröffentlichen."),
      references: [MailboxProvider.MicrosoftPages.policies]),
    ProviderRequirement(
      "microsoft.bulk.unsubscribe", provider: .outlook, profiles: [.microsoftBulk],
      kind: .notCheckable(NotCheckable.message),
      title: LocalizedText(
        en: "Outlook.com: marketing mail has a working unsubscribe link",
        de: "Outlook.com: Werbemails haben einen funktionierenden Abmeldelink"),
      rationale: LocalizedText(
        en: "Outlook.com requires an unsubscribe mechanism that recipients find easily and that "
          + "is clearly documented, for one list or for all lists of the sender.",
        de: "Outlook.com verlangt eine leicht auffindbare, klar beschriebene Möglichkeit, sich "
          + "von einer Liste oder allen Listen des Absenders abzumelden."),
      howToFix: LocalizedText(
        en: "Put a working unsubscribe link in every marketing message and honour it promptly.",
        de: "Setzen Sie in jede Werbemail einen funktionierenden Abmeldelink und setzen Sie "
          + "Abmeldungen zügig um."),
      references: [MailboxProvider.MicrosoftPages.policies]),
  ]
}
