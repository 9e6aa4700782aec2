import SenderAuthCore

extension MailboxProvider {
  /// La Poste's technical specifications for mail to laposte.net.
  enum LaPostePages {
    static let specifications = Reference(
      title: "La Poste: Spécifications techniques pour émettre vers laposte.net",
      url:
        "https://postmaster.laposte.net/contents/quelles-sont-les-specifications-techniques-a-respecter-pour-emettre-des-emails-vers-laposte-net",
      read: "2026-12-05")
  }

  public static let laPoste = MailboxProvider(
    id: "laposte", name: "La Poste", mailboxes: ["laposte.net"],
    sources: [LaPostePages.specifications])
}

extension ProviderTable {
  static let laPoste: [ProviderRequirement] = [
    ProviderRequirement(
      "laposte.spf-required", provider: .laPoste, profiles: [.laPoste], kind: .spfNotOpen,
      title: LocalizedText(
        en: "La Poste: SPF must be valid and not misleading",
        de: "La Poste: SPF muss gültig sein und darf nicht irreführen"),
      rationale: LocalizedText(
        en: "laposte.net checks SPF on incoming mail: mail from IPs the domain's SPF record does "
          + "not authorize is rejected, and a strict rejection policy applies when the record "
          + "is invalid or misleading, such as one that authorizes everyone.",
        de: "laposte.net prüft SPF bei eingehenden Mails: Mails von IPs, die der SPF-Eintrag der "
          + "Domain nicht autorisiert, werden abgewiesen, und für Domains mit ungültigem oder "
          + "irreführendem SPF-Eintrag gilt eine strenge Ablehnung; irreführend ist etwa ein "
          + "Eintrag, der jeden autorisiert."),
      howToFix: LocalizedText(
        en: "Publish one valid SPF record that lists your senders and ends in '~all' or "
          + "'-all'.",
        de: "Veröffentlichen Sie einen gültigen SPF-Eintrag, der Ihre Versanddienste nennt und "
          + "auf '~all' oder '-all' endet."),
      references: [MailboxProvider.LaPostePages.specifications],
      triggering: [Example(Zones.soa), Example(Zones.openSPF), Example(Zones.neutralSPF)],
      nonTriggering: [Example(Zones.spfOnly)]),
    ProviderRequirement(
      "laposte.dmarc-rua-required", provider: .laPoste, profiles: [.laPoste],
      kind: .dmarcReportAddress,
      title: LocalizedText(
        en: "La Poste: DMARC p=none with a report address at least",
        de: "La Poste: mindestens DMARC p=none mit Berichtsadresse"),
      rationale: LocalizedText(
        en: "La Poste (September 2025) asks domains without a strict policy to publish at least "
          + "p=none with an address that receives the aggregate reports (rua), to see their "
          + "mail streams before moving to quarantine or reject.",
        de: "La Poste (September 2025) verlangt von Domains ohne strenge DMARC-Richtlinie "
          + "mindestens p=none mit einer Adresse für aggregierte Berichte (rua=), damit sie "
          + "ihre Mailströme sehen, bevor sie zu quarantine oder reject wechseln."),
      howToFix: LocalizedText(
        en: "Publish _dmarc.<domain> TXT \"v=DMARC1; p=none; rua=mailto:…\", or add rua= to the "
          + "existing record.",
        de: "Veröffentlichen Sie _dmarc.<ihre-domain> TXT \"v=DMARC1; p=none; rua=mailto:…\" "
          + "oder ergänzen Sie das Tag rua= im vorhandenen Eintrag."),
      references: [MailboxProvider.LaPostePages.specifications],
      triggering: [
        Example(Zones.spfAndDKIM, rua: "mailto:dmarc@example.com", fixable: true),
        Example(Zones.noRUA, rua: "mailto:dmarc@example.com", fixable: true),
      ],
      nonTriggering: [Example(Zones.complete)]),
    ProviderRequirement(
      "laposte.ptr-required", provider: .laPoste, profiles: [.laPoste],
      kind: .reverseDNS(nonGeneric: false),
      title: LocalizedText(
        en: "La Poste: sending IPs need valid, consistent reverse DNS",
        de: "La Poste: Versand-IPs brauchen gültige, stimmige Reverse-DNS-Einträge"),
      rationale: LocalizedText(
        en: "La Poste requires every sending server to have a valid and consistent reverse DNS "
          + "record; connections from IPs without one, or with an inconsistent one, may be "
          + "refused.",
        de: "La Poste verlangt für jeden sendenden Server einen gültigen und stimmigen "
          + "Reverse-DNS-Eintrag (PTR); Verbindungen von IPs ohne ihn oder mit einem "
          + "unstimmigen können abgelehnt werden."),
      howToFix: HowToFix.ptrToHost,
      references: [MailboxProvider.LaPostePages.specifications],
      triggering: [Example(Zones.ptrBroken, ips: Zones.ip)],
      nonTriggering: [Example(Zones.ptrGood, ips: Zones.ip), Example(Zones.ptrBroken)]),
    ProviderRequirement(
      "spf.ip-not-authorized", provider: .laPoste, profiles: [.laPoste],
      kind: .rule("spf.ip-not-authorized", needsSendingIPs: true),
      title: LocalizedText(
        en: "La Poste: mail comes only from IPs the SPF record authorizes",
        de: "La Poste: Mails kommen nur von IPs, die der SPF-Eintrag autorisiert"),
      rationale: LocalizedText(
        en: "laposte.net rejects mail sent from IP addresses that the SPF record of the sending "
          + "domain does not authorize; senderauth checks the addresses given with --ip.",
        de: "laposte.net weist Mails von IP-Adressen ab, die der SPF-Eintrag der sendenden "
          + "Domain nicht autorisiert; senderauth prüft die mit --ip angegebenen Adressen."),
      howToFix: LocalizedText(
        en: "Add every sending service or address range to the SPF record.",
        de: "Nehmen Sie jeden Versanddienst und jeden Adressbereich, der für Sie sendet, in den "
          + "SPF-Eintrag auf."),
      references: [MailboxProvider.LaPostePages.specifications]),
  ]
}
