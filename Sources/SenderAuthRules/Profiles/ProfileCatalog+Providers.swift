import SenderAuthCore

extension ProfileCatalog {
  static func text(_ en: String, _ de: String) -> LocalizedText { LocalizedText(en: en, de: de) }

  // The provider pages, shared with the provider rules.
  static let gmailPage = ProviderReferences.googleGuidelines
  static let yahooPage = ProviderReferences.yahooBestPractices
  static let microsoftPage = ProviderReferences.outlookPolicies
  static let applePage = ProviderReferences.appleICloud
  static let webDEPage = ProviderReferences.webDERequirements

  /// A requirement DNS cannot decide.
  static func manual(
    _ id: String, _ title: LocalizedText, _ explanation: LocalizedText, _ reference: Reference
  ) -> Profile.Requirement {
    .notCheckable(
      Profile.NotCheckable(id: id, title: title, explanation: explanation, reference: reference))
  }

  static func tls(_ provider: String, _ reference: Reference) -> Profile.Requirement {
    manual(
      "\(provider).tls", text("Mail is sent over TLS", "Mails werden über TLS eingeliefert"),
      text(
        "Whether the sending server uses TLS shows only in the SMTP session, not in DNS",
        "Ob der sendende Server TLS nutzt, zeigt nur die SMTP-Sitzung, nicht das DNS"), reference)
  }

  static func spamRate(_ provider: String, _ reference: Reference) -> Profile.Requirement {
    manual(
      "\(provider).spam-rate",
      text("Spam complaint rate stays below 0.3%", "Beschwerderate bleibt unter 0,3 %"),
      text(
        "Complaint rates are shown in the provider's postmaster tools, not in DNS",
        "Beschwerderaten zeigen die Postmaster-Tools des Anbieters, nicht das DNS"), reference)
  }

  static func unsubscribe(_ provider: String, _ reference: Reference) -> Profile.Requirement {
    manual(
      "\(provider).one-click-unsubscribe",
      text(
        "Marketing mail supports one-click unsubscribe (RFC 8058)",
        "Werbemails unterstützen Abmelden mit einem Klick (RFC 8058)"),
      text(
        "List-Unsubscribe and List-Unsubscribe-Post are message headers, not DNS records",
        "List-Unsubscribe und List-Unsubscribe-Post sind Header der Nachricht, keine DNS-Einträge"),
      reference)
  }

  static func messageFormat(_ provider: String, _ reference: Reference) -> Profile.Requirement {
    manual(
      "\(provider).rfc5322",
      text("Messages follow RFC 5322", "Nachrichten entsprechen RFC 5322"),
      text(
        "Message formatting can only be checked on a message",
        "Das Nachrichtenformat lässt sich nur an einer Nachricht prüfen"), reference)
  }

  static let rfc = Profile(
    id: "rfc", title: text("RFCs", "RFCs"),
    summary: text(
      "What the standards require (SPF, DKIM, DMARC, DNS); always judged",
      "Was die Standards verlangen (SPF, DKIM, DMARC, DNS); wird immer geprüft"),
    provider: text("RFCs", "RFCs"),
    requirements: [])

  static let gmail = Profile(
    id: "gmail", title: text("Gmail (all senders)", "Gmail (alle Absender)"),
    summary: text(
      "Mail to personal Gmail accounts, since February 2024",
      "Mails an private Gmail-Konten, seit Februar 2024"),
    provider: text("Gmail", "Gmail"),
    requirements: [
      .rule("gmail.spf-or-dkim"), .rule("gmail.ptr-required"), .rule("dkim.key-too-short"),
      tls("gmail", gmailPage), spamRate("gmail", gmailPage), messageFormat("gmail", gmailPage),
    ])

  static let gmailBulk = Profile(
    id: "gmail-bulk", title: text("Gmail bulk senders", "Gmail-Massenversender"),
    summary: text(
      "Senders of about 5,000 messages a day or more to Gmail",
      "Absender von etwa 5.000 Mails am Tag oder mehr an Gmail"),
    provider: text("Gmail", "Gmail"),
    requirements: gmail.requirements.filter { $0.id != "gmail.spf-or-dkim" } + [
      .rule("gmail.bulk.spf-and-dkim"), .rule("gmail.bulk.dmarc-required"),
      .rule("gmail.bulk.dmarc-alignment"), unsubscribe("gmail", gmailPage),
    ])

  static let yahoo = Profile(
    id: "yahoo", title: text("Yahoo and AOL (all senders)", "Yahoo und AOL (alle Absender)"),
    summary: text(
      "Mail to Yahoo Mail, AOL and the other Yahoo-hosted brands",
      "Mails an Yahoo Mail, AOL und die anderen Yahoo-Marken"),
    provider: text("Yahoo", "Yahoo"),
    requirements: [
      .rule("yahoo.spf-or-dkim"), .rule("yahoo.ptr-required"), .rule("dkim.key-too-short"),
      spamRate("yahoo", yahooPage), messageFormat("yahoo", yahooPage),
    ])

  static let yahooBulk = Profile(
    id: "yahoo-bulk", title: text("Yahoo bulk senders", "Yahoo-Massenversender"),
    summary: text(
      "Bulk senders to Yahoo (no volume threshold published)",
      "Massenversender an Yahoo (ohne veröffentlichte Mengenschwelle)"),
    provider: text("Yahoo", "Yahoo"),
    requirements: yahoo.requirements.filter { $0.id != "yahoo.spf-or-dkim" } + [
      .rule("yahoo.bulk.spf-and-dkim"), .rule("yahoo.bulk.dmarc-required"),
      .rule("yahoo.bulk.dmarc-alignment"), unsubscribe("yahoo", yahooPage),
    ])

  static let microsoftBulk = Profile(
    id: "microsoft-bulk",
    title: text("Outlook.com high-volume senders", "Outlook.com-Großversender"),
    summary: text(
      "Senders of over 5,000 messages a day to outlook.com, hotmail.com, live.com (May 2025)",
      "Absender von über 5.000 Mails am Tag an outlook.com, hotmail.com, live.com (Mai 2025)"),
    provider: text("Outlook.com", "Outlook.com"),
    requirements: [
      .rule("microsoft.bulk.spf-required"), .rule("microsoft.bulk.dkim-required"),
      .rule("microsoft.bulk.dmarc-required"), .rule("microsoft.bulk.dmarc-alignment"),
      .rule("ptr.missing"),
      manual(
        "microsoft.bulk.unsubscribe",
        text("Marketing mail has a working unsubscribe link", "Werbemails haben einen Abmeldelink"),
        text(
          "Unsubscribe links are in the message, not in DNS",
          "Abmeldelinks stehen in der Nachricht, nicht im DNS"),
        microsoftPage),
    ])

  static let bulk: Profile = {
    var seen: Set<String> = []
    var requirements: [Profile.Requirement] = []
    for requirement in gmailBulk.requirements + yahooBulk.requirements
      + microsoftBulk.requirements
    where seen.insert(requirement.id).inserted {
      requirements.append(requirement)
    }
    return Profile(
      id: "bulk",
      title: text(
        "Bulk senders (Gmail, Yahoo, Outlook.com)", "Massenversender (Gmail, Yahoo, Outlook.com)"),
      summary: text(
        "The union of the Gmail, Yahoo and Outlook.com bulk-sender rules; the default",
        "Die Vereinigung der Regeln von Gmail, Yahoo und Outlook.com für Massenversender; Standard"),
      provider: text("Gmail, Yahoo, Outlook.com", "Gmail, Yahoo, Outlook.com"),
      requirements: requirements, parts: [gmailBulk, yahooBulk, microsoftBulk])
  }()

  static let apple = Profile(
    id: "apple", title: text("iCloud Mail", "iCloud Mail"),
    summary: text("Bulk mail to iCloud Mail (Apple)", "Massenversand an iCloud Mail (Apple)"),
    provider: text("iCloud Mail", "iCloud Mail"),
    requirements: [
      .rule("apple.spf-and-dkim"), .rule("apple.dmarc-required"), .rule("apple.ptr-required"),
      unsubscribe("apple", applePage), messageFormat("apple", applePage),
    ])

  static let laPoste = Profile(
    id: "laposte", title: text("La Poste (laposte.net)", "La Poste (laposte.net)"),
    summary: text(
      "All senders to laposte.net (September 2025)", "Alle Absender an laposte.net (September 2025)"
    ),
    provider: text("La Poste", "La Poste"),
    requirements: [
      .rule("laposte.spf-required"), .rule("laposte.dmarc-rua-required"),
      .rule("laposte.ptr-required"), .rule("spf.ip-not-authorized"),
    ])

  static let gmxWebDE = Profile(
    id: "gmx-webde", title: text("GMX and WEB.DE", "GMX und WEB.DE"),
    summary: text(
      "All senders to GMX and WEB.DE (United Internet)",
      "Alle Absender an GMX und WEB.DE (United Internet)"),
    provider: text("GMX/WEB.DE", "GMX/WEB.DE"),
    requirements: [
      .rule("gmx.dkim-aligned"), .rule("gmx.ptr-required"), .rule("mx.missing"),
      manual(
        "gmx.imprint",
        text("Bulk mail carries an imprint", "Massenmails enthalten ein Impressum"),
        text(
          "The imprint is part of the message, not of DNS",
          "Das Impressum steht in der Nachricht, nicht im DNS"),
        webDEPage),
    ])

  static let tOnline = Profile(
    id: "t-online", title: text("T-Online (Telekom)", "T-Online (Telekom)"),
    summary: text("All senders to t-online.de", "Alle Absender an t-online.de"),
    provider: text("T-Online", "T-Online"),
    requirements: [
      .rule("t-online.ptr-required"),
      manual(
        "t-online.website",
        text(
          "The PTR host name's domain has a website with contact details",
          "Die Domain des PTR-Hostnamens hat eine Website mit Kontaktmöglichkeit"),
        text(
          "A website is checked over HTTP, not DNS",
          "Eine Website prüft man per HTTP, nicht per DNS"),
        Reference(
          title: "Telekom: Postmaster T-Online", url: "https://postmaster.t-online.de",
          read: "2026-02-01")),
    ])

  /// What a domain that sends no mail needs (`--parked`): locked down, no sender rules.
  static let parked = Profile(
    id: "parked", title: text("Domain that sends no mail", "Domain ohne Mailversand"),
    summary: text(
      "A parked or receive-only domain: null MX, 'v=spf1 -all' and DMARC p=reject, no DKIM "
        + "needed; the default with --parked",
      "Eine geparkte Domain oder eine, die nur empfängt: Null-MX, 'v=spf1 -all' und DMARC "
        + "p=reject, kein DKIM nötig; Standard mit --parked"),
    provider: text("Domain without mail", "Domain ohne Mailversand"),
    requirements: [.rule("parked.not-locked-down")])

  /// The setup of the sending services (ESPs) found or named: their DKIM records and SPF
  /// includes. Judged whenever one is found or named with `--esp`; not chosen with --profile.
  static func esp(names: [String]) -> Profile {
    let list = names.joined(separator: ", ")
    return Profile(
      id: "esp", title: text("Sending services (\(list))", "Versanddienste (\(list))"),
      summary: text(
        "The records the sending services in use ask for",
        "Die Einträge, die die genutzten Versanddienste verlangen"),
      provider: text(list, list),
      requirements: [.rule("esp.dkim-missing"), .rule("esp.spf-include-missing")])
  }
}
