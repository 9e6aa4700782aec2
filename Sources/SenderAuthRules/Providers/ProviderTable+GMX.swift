import SenderAuthCore

extension MailboxProvider {
  /// The postmaster pages of GMX and WEB.DE (United Internet).
  enum UnitedInternetPages {
    static let webDERequirements = Reference(
      title: "WEB.DE: Requirements and recommendations",
      url: "https://postmaster.web.de/en/requirements-and-recommendations", read: "2026-12-05")
    static let gmxBestPractices = Reference(
      title: "GMX: Best practices", url: "https://postmaster.gmx.net/en/best-practices",
      read: "2026-12-05")
  }

  public static let gmxWebDE = MailboxProvider(
    id: "gmx-webde", name: "GMX/WEB.DE", mailboxes: ["gmx.de", "gmx.net", "web.de"],
    sources: [UnitedInternetPages.webDERequirements, UnitedInternetPages.gmxBestPractices],
    note: LocalizedText(
      en: "Unlike the US providers, GMX and WEB.DE make an aligned DKIM signature mandatory and "
        + "only recommend SPF and DMARC.",
      de: "Anders als die US-Anbieter machen GMX und WEB.DE eine zur Absenderdomain passende "
        + "DKIM-Signatur zur Pflicht und empfehlen SPF und DMARC nur."))
}

extension ProviderTable {
  static let gmxWebDE: [ProviderRequirement] = [
    ProviderRequirement(
      "gmx.dkim-aligned", provider: .gmxWebDE, profiles: [.gmxWebDE], kind: .dkimAligned,
      title: LocalizedText(
        en: "GMX/WEB.DE: an aligned DKIM signature is mandatory",
        de: "GMX/WEB.DE: eine zur Absenderdomain passende DKIM-Signatur ist Pflicht"),
      rationale: LocalizedText(
        en: "WEB.DE and GMX make a valid DKIM signature mandatory, and its domain must match the "
          + "From domain at least in relaxed mode. SPF alone is not enough there.",
        de: "WEB.DE und GMX verlangen eine gültige DKIM-Signatur, deren Domain mindestens "
          + "relaxed (gleiche Organisationsdomain) zur Absenderdomain passt. SPF allein genügt "
          + "dort nicht."),
      howToFix: LocalizedText(
        en: "Have every sending service sign with a key published under your domain (its DKIM "
          + "CNAMEs or TXT key).",
        de: "Lassen Sie jeden Versanddienst mit einem Schlüssel signieren, der unter Ihrer "
          + "Domain veröffentlicht ist (seine DKIM-CNAME-Einträge oder sein TXT-Schlüssel)."),
      references: [
        MailboxProvider.UnitedInternetPages.webDERequirements,
        MailboxProvider.UnitedInternetPages.gmxBestPractices,
      ],
      triggering: [Example(Zones.spfOnly)], nonTriggering: [Example(Zones.spfAndDKIM)]),
    ProviderRequirement(
      "gmx.ptr-required", provider: .gmxWebDE, profiles: [.gmxWebDE],
      kind: .reverseDNS(nonGeneric: true),
      title: LocalizedText(
        en: "GMX/WEB.DE: sending IPs need a non-generic PTR",
        de: "GMX/WEB.DE: Versand-IPs brauchen einen nicht generischen PTR-Eintrag"),
      rationale: LocalizedText(
        en: "WEB.DE requires the mail server's IP to have a valid reverse DNS entry that points "
          + "to a fully qualified host name, preferably in your own domain; generic default "
          + "names usually lead to rejection.",
        de: "WEB.DE verlangt für die IP des Mailservers einen gültigen Reverse-DNS-Eintrag "
          + "(PTR), der auf einen vollständigen Hostnamen zeigt, möglichst in Ihrer eigenen "
          + "Domain; generische Standardnamen führen meist zur Ablehnung."),
      howToFix: LocalizedText(
        en: "Have the owner of each sending IP set a PTR record to a host name in your domain, "
          + "such as mail.<domain>, whose address record contains the IP.",
        de: "Lassen Sie den Inhaber jeder Versand-IP einen PTR-Eintrag auf einen Hostnamen Ihrer "
          + "Domain setzen, etwa mail.<ihre-domain>, dessen Adresseintrag die IP enthält."),
      references: [MailboxProvider.UnitedInternetPages.webDERequirements],
      triggering: [
        Example(Zones.ptrBroken, ips: Zones.ip), Example(Zones.ptrGenericName, ips: Zones.ip),
      ],
      nonTriggering: [Example(Zones.ptrGood, ips: Zones.ip)]),
    ProviderRequirement(
      "mx.missing", provider: .gmxWebDE, profiles: [.gmxWebDE], kind: .rule("mx.missing"),
      title: LocalizedText(
        en: "GMX/WEB.DE: the domain has MX or A records",
        de: "GMX/WEB.DE: die Domain hat MX- oder A-Einträge"),
      rationale: LocalizedText(
        en: "WEB.DE requires valid MX or A records for the domain, so that replies to the mail "
          + "can be delivered.",
        de: "WEB.DE verlangt gültige MX- oder A-Einträge für die Domain, damit Antworten auf die "
          + "Mails zugestellt werden können."),
      howToFix: LocalizedText(
        en: "Publish MX records for the servers that receive the domain's mail.",
        de: "Veröffentlichen Sie MX-Einträge für die Server, die Mails der Domain empfangen."),
      references: [MailboxProvider.UnitedInternetPages.webDERequirements]),
    ProviderRequirement(
      "gmx.imprint", provider: .gmxWebDE, profiles: [.gmxWebDE],
      kind: .notCheckable(NotCheckable.message),
      title: LocalizedText(
        en: "GMX/WEB.DE: bulk mail carries an imprint",
        de: "GMX/WEB.DE: Massenmails enthalten ein Impressum"),
      rationale: LocalizedText(
        en: "GMX requires bulk mail to carry an imprint that identifies the sender, and to go "
          + "only to recipients who consented, preferably by double opt-in.",
        de: "GMX verlangt in Massenmails ein Impressum, das den Absender erkennen lässt, und "
          + "Versand nur an Empfänger, die eingewilligt haben, am besten per Double-Opt-in."),
      howToFix: LocalizedText(
        en: "Add an imprint with the sender's name and postal address to every bulk message.",
        de: "Fügen Sie jeder Massenmail ein Impressum mit Name und Anschrift des Absenders "
          + "hinzu."),
      references: [MailboxProvider.UnitedInternetPages.gmxBestPractices]),
  ]
}
