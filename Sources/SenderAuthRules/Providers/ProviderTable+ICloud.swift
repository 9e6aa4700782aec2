import SenderAuthCore

extension MailboxProvider {
  /// Apple's postmaster page for iCloud Mail.
  enum ApplePages {
    static let postmaster = Reference(
      title: "Apple: Postmaster information for iCloud Mail",
      url: "https://support.apple.com/en-us/102322", read: "2026-12-05",
      via: .archive(date: "2025-02-26"))
  }

  public static let iCloud = MailboxProvider(
    id: "icloud", name: "iCloud Mail", mailboxes: ["icloud.com", "me.com", "mac.com"],
    sources: [ApplePages.postmaster],
    note: LocalizedText(
      en: "Apple states that bulk mail which misses any of its requirements is rejected; it "
        + "publishes no volume threshold and no error codes.",
      de: "Apple weist nach eigener Aussage Massenmails ab, die eine der Anforderungen nicht "
        + "erfüllen; eine Mengenschwelle und Fehlercodes nennt Apple nicht."))
}

extension ProviderTable {
  static let iCloud: [ProviderRequirement] = [
    ProviderRequirement(
      "apple.spf-and-dkim", provider: .iCloud, profiles: [.apple], kind: .spfAndDKIM,
      title: LocalizedText(
        en: "iCloud Mail: SPF and DKIM must be used",
        de: "iCloud Mail: SPF und DKIM müssen genutzt werden"),
      rationale: LocalizedText(
        en: "Apple requires bulk senders to authenticate with SPF and DKIM, and rejects bulk "
          + "mail that misses any of its requirements.",
        de: "Apple verlangt von Massenversendern SPF und DKIM und weist Massenmails ab, die eine "
          + "der Anforderungen nicht erfüllen."),
      howToFix: HowToFix.spfAndDKIM,
      references: [MailboxProvider.ApplePages.postmaster],
      triggering: [Example(Zones.spfOnly)], nonTriggering: [Example(Zones.spfAndDKIM)]),
    ProviderRequirement(
      "apple.dmarc-required", provider: .iCloud, profiles: [.apple], kind: .dmarcRecord,
      title: LocalizedText(
        en: "iCloud Mail: a DMARC policy is required",
        de: "iCloud Mail: eine DMARC-Richtlinie ist Pflicht"),
      rationale: LocalizedText(
        en: "Apple requires the sending domain of bulk mail to publish a DMARC policy, and "
          + "iCloud Mail applies the policy the sender publishes.",
        de: "Apple verlangt, dass die sendende Domain von Massenmails eine DMARC-Richtlinie "
          + "veröffentlicht, und iCloud Mail wendet die Richtlinie des Absenders an."),
      howToFix: LocalizedText(
        en: "Publish _dmarc.<domain> TXT \"v=DMARC1; p=none; rua=mailto:…\".",
        de: "Veröffentlichen Sie _dmarc.<ihre-domain> TXT \"v=DMARC1; p=none; rua=mailto:…\"."),
      references: [MailboxProvider.ApplePages.postmaster],
      triggering: [
        Example(Zones.spfAndDKIM, fixable: true), Example(Zones.noPolicy, fixable: true),
      ],
      nonTriggering: [Example(Zones.complete)]),
    ProviderRequirement(
      "apple.ptr-required", provider: .iCloud, profiles: [.apple],
      kind: .reverseDNS(nonGeneric: false),
      title: LocalizedText(
        en: "iCloud Mail: sending IPs need reverse DNS",
        de: "iCloud Mail: Versand-IPs brauchen Reverse-DNS-Einträge"),
      rationale: LocalizedText(
        en: "Apple requires bulk senders to publish reverse DNS with their domain, so that their "
          + "IP addresses can be identified.",
        de: "Apple verlangt von Massenversendern Reverse-DNS-Einträge mit ihrer Domain, damit "
          + "ihre IP-Adressen erkennbar sind."),
      howToFix: LocalizedText(
        en: "Have the owner of each sending IP set a PTR record to a host name in your domain "
          + "whose address record contains the IP.",
        de: "Lassen Sie den Inhaber jeder Versand-IP einen PTR-Eintrag auf einen Hostnamen Ihrer "
          + "Domain setzen, dessen Adresseintrag die IP enthält."),
      references: [MailboxProvider.ApplePages.postmaster],
      triggering: [Example(Zones.ptrBroken, ips: Zones.ip)],
      nonTriggering: [Example(Zones.ptrGood, ips: Zones.ip), Example(Zones.ptrBroken)]),
    ProviderRequirement(
      "apple.one-click-unsubscribe", provider: .iCloud, profiles: [.apple],
      kind: .notCheckable(NotCheckable.message),
      title: LocalizedText(
        en: "iCloud Mail: bulk mail offers an unsubscribe link",
        de: "iCloud Mail: Massenmails bieten einen Abmeldelink"),
      rationale: LocalizedText(
        en: "Apple requires bulk mail to offer an unsubscribe link that takes effect at once.",
        de: "Apple verlangt in Massenmails einen Abmeldelink, der sofort wirkt."),
      howToFix: LocalizedText(
        en: "Put an unsubscribe link in every bulk message and honour it immediately.",
        de: "Setzen Sie in jede Massenmail einen Abmeldelink und setzen Sie Abmeldungen sofort "
          + "um."),
      references: [MailboxProvider.ApplePages.postmaster]),
    ProviderRequirement(
      "apple.rfc5322", provider: .iCloud, profiles: [.apple],
      kind: .notCheckable(NotCheckable.message),
      title: LocalizedText(
        en: "iCloud Mail: mail follows RFC 5321 and RFC 5322",
        de: "iCloud Mail: Mails entsprechen RFC 5321 und RFC 5322"),
      rationale: LocalizedText(
        en: "Apple requires bulk mail to comply with RFC 5321 and RFC 5322.",
        de: "Apple verlangt, dass Massenmails RFC 5321 und RFC 5322 einhalten."),
      howToFix: LocalizedText(
        en: "Look at a message your system sends and correct malformed or duplicate headers.",
        de: "Prüfen Sie eine Nachricht, die Ihr System sendet, und korrigieren Sie fehlerhafte "
          + "oder doppelte Header."),
      references: [MailboxProvider.ApplePages.postmaster]),
  ]
}
