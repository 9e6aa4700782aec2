import SenderAuthCore

extension MailboxProvider {
  /// Google's pages on sending to personal Gmail accounts.
  enum Google {
    static let guidelines = Reference(
      title: "Google: Email sender guidelines", url: "https://support.google.com/a/answer/81126",
      read: "2026-12-05", via: .archive(date: "2026-03-11"))
    /// The same page with the sending-quota note added in March 2026.
    static let guidelinesQuotas = Reference(
      title: "Google: Email sender guidelines (sending quotas)",
      url: "https://support.google.com/a/answer/81126", read: "2026-12-05",
      via: .archive(date: "2026-03-21"))
    static let faq = Reference(
      title: "Google: Email sender guidelines FAQ",
      url: "https://support.google.com/a/answer/14229414", read: "2026-12-05",
      via: .archive(date: "2026-03-11"))
    static let smtpErrors = Reference(
      title: "Google: Gmail SMTP errors and codes",
      url:
        "https://knowledge.workspace.google.com/admin/support/troubleshooting/gmail-smtp-errors-and-codes",
      read: "2026-12-05", via: .archive(date: "2026-02-15"))
  }

  public static let gmail = MailboxProvider(
    id: "gmail", name: "Gmail", mailboxes: ["gmail.com", "googlemail.com"],
    sources: [Google.guidelines, Google.faq, Google.smtpErrors, Google.guidelinesQuotas],
    note: LocalizedText(
      en: "The rules apply to personal Gmail accounts, not to Google Workspace mailboxes. A "
        + "sender that once sent about 5,000 messages a day from one organizational domain "
        + "stays a bulk sender.",
      de: "Die Regeln gelten für private Gmail-Konten, nicht für Postfächer in Google "
        + "Workspace. Wer einmal etwa 5.000 Mails am Tag aus einer Organisationsdomain gesendet "
        + "hat, bleibt Massenversender."))
}

extension ProviderTable {
  static let gmail: [ProviderRequirement] = [
    ProviderRequirement(
      "gmail.spf-or-dkim", provider: .gmail, profiles: [.gmail], kind: .spfOrDKIM,
      title: LocalizedText(
        en: "Gmail: SPF or DKIM must be set up", de: "Gmail: SPF oder DKIM muss eingerichtet sein"),
      rationale: LocalizedText(
        en: "Gmail requires every sender to authenticate its mail with SPF or DKIM. Mail that "
          + "passes neither is rate limited (421 4.7.26) or blocked (550 5.7.26).",
        de: "Gmail verlangt von jedem Absender, seine Mails mit SPF oder DKIM zu "
          + "authentifizieren. Mails, die keines von beiden bestehen, bremst Gmail "
          + "(421 4.7.26) oder blockiert sie (550 5.7.26)."),
      howToFix: LocalizedText(
        en: "Publish a valid SPF record for the domain mail is sent with, or the DKIM key of "
          + "your mail service; both is better.",
        de: "Veröffentlichen Sie einen gültigen SPF-Eintrag für die Domain, mit der Ihre Mails "
          + "versendet werden, oder den DKIM-Schlüssel Ihres Versanddienstes. Besser ist "
          + "beides."),
      bounceCodes: [BounceCode(421, "4.7.26"), BounceCode(550, "5.7.26")],
      references: [MailboxProvider.Google.guidelines, MailboxProvider.Google.smtpErrors],
      triggering: [Example(Zones.empty)],
      nonTriggering: [Example(Zones.spfOnly), Example(Zones.dkimOnly)]),
    ProviderRequirement(
      "gmail.ptr-required", provider: .gmail, profiles: [.gmail, .gmailBulk],
      kind: .reverseDNS(nonGeneric: false),
      title: LocalizedText(
        en: "Gmail: sending IPs need valid forward and reverse DNS",
        de: "Gmail: Versand-IPs brauchen gültige Forward- und Reverse-DNS-Einträge"),
      rationale: LocalizedText(
        en: "Gmail requires each sending IP to have a PTR record whose host name has an A or "
          + "AAAA record with that same IP. Without it Gmail rate limits the mail (451 4.7.23) "
          + "or blocks it (550 5.7.25).",
        de: "Gmail verlangt für jede Versand-IP einen Reverse-DNS-Eintrag (PTR), dessen "
          + "Hostname einen A- oder AAAA-Eintrag mit genau dieser IP hat. Fehlt er, bremst "
          + "Gmail die Mails (451 4.7.23) oder blockiert sie (550 5.7.25)."),
      howToFix: LocalizedText(
        en: "Have the owner of each sending IP (your host or mail service) set a PTR record to "
          + "a host name whose A or AAAA record contains the IP, then check it with --ip.",
        de: "Lassen Sie den Inhaber jeder Versand-IP (Ihren Hoster oder Versanddienst) einen "
          + "PTR-Eintrag auf einen Hostnamen setzen, dessen A- oder AAAA-Eintrag die IP "
          + "enthält. Prüfen Sie das Ergebnis mit --ip."),
      bounceCodes: [BounceCode(451, "4.7.23"), BounceCode(550, "5.7.25")],
      references: [MailboxProvider.Google.guidelines, MailboxProvider.Google.smtpErrors],
      triggering: [Example(Zones.ptrBroken, ips: Zones.ip)],
      nonTriggering: [Example(Zones.ptrGood, ips: Zones.ip), Example(Zones.ptrBroken)]),
    ProviderRequirement(
      "dkim.key-too-short", provider: .gmail, profiles: [.gmail, .gmailBulk],
      kind: .rule("dkim.key-too-short"),
      title: LocalizedText(
        en: "Gmail: DKIM keys have at least 1024 bits",
        de: "Gmail: DKIM-Schlüssel haben mindestens 1024 Bit"),
      rationale: LocalizedText(
        en: "Sending to personal Gmail accounts requires a DKIM key of 1024 bits or longer; "
          + "Google recommends 2048 bits.",
        de: "Für Mails an private Gmail-Konten verlangt Google einen DKIM-Schlüssel mit "
          + "mindestens 1024 Bit und empfiehlt 2048 Bit."),
      howToFix: HowToFix.dkimKeySize,
      references: [MailboxProvider.Google.guidelines]),
    ProviderRequirement(
      "gmail.spf-suspicious-entries", provider: .gmail, profiles: [.gmail, .gmailBulk],
      kind: .spfSuspiciousEntries,
      title: LocalizedText(
        en: "Gmail: the SPF record has no suspicious entries",
        de: "Gmail: der SPF-Eintrag hat keine verdächtigen Einträge"),
      rationale: LocalizedText(
        en: "Gmail rate limits mail (451 4.7.24) or blocks it (550 5.7.24) when the SPF record "
          + "of the sending domain has suspicious entries. Google does not say which entries "
          + "it counts, so senderauth reports only those every reading covers: entries that let "
          + "every server on the internet pass SPF ('+all', or 'all' without a qualifier) or a "
          + "large part of it (an ip4 range of /8 or wider, an ip6 range of /16 or wider), in "
          + "the record or in a record it includes. '?all' authorizes no one and is not "
          + "counted; Gmail may still find other entries suspicious.",
        de: "Gmail bremst Mails (451 4.7.24) oder blockiert sie (550 5.7.24), wenn der "
          + "SPF-Eintrag der sendenden Domain verdächtige Einträge hat. Welche Einträge Google "
          + "dazu zählt, sagt Google nicht; senderauth meldet daher nur die, die jede Lesart "
          + "umfasst: Einträge, die jeden Server im Internet ('+all' oder 'all' ohne "
          + "Qualifikator) oder einen großen Teil davon (einen ip4-Bereich von /8 oder größer, "
          + "einen ip6-Bereich von /16 oder größer) SPF bestehen lassen, im Eintrag selbst oder "
          + "in einem eingebundenen Eintrag. '?all' autorisiert niemanden und zählt nicht mit; "
          + "Gmail kann weitere Einträge für verdächtig halten."),
      howToFix: LocalizedText(
        en: "Remove the entries that authorize everyone, list only the address ranges and "
          + "services that send for you, and end the record in '~all' or '-all'.",
        de: "Entfernen Sie die Einträge, die jeden autorisieren. Führen Sie nur die "
          + "Adressbereiche und Versanddienste auf, die für Sie senden, und beenden Sie den "
          + "Eintrag mit '~all' oder '-all'."),
      bounceCodes: [BounceCode(451, "4.7.24"), BounceCode(550, "5.7.24")],
      references: [MailboxProvider.Google.smtpErrors],
      triggering: [Example(Zones.openSPF), Example(Zones.wideSPF), Example(Zones.openInclude)],
      nonTriggering: [Example(Zones.spfOnly), Example(Zones.neutralSPF)]),
    ProviderRequirement(
      "dns.lookup-failed", provider: .gmail, profiles: [], kind: .rule("dns.lookup-failed"),
      title: LocalizedText(
        en: "Gmail: DNS answers the lookups DMARC needs",
        de: "Gmail: das DNS beantwortet die Abfragen, die DMARC braucht"),
      rationale: LocalizedText(
        en: "When temporary DNS failures keep Gmail from checking mail against the sending "
          + "domain's DMARC policy, Gmail defers the mail with 451 4.7.26. senderauth reports "
          + "such failures as dns.lookup-failed.",
        de: "Wenn vorübergehende DNS-Fehler Gmail daran hindern, Mails gegen die "
          + "DMARC-Richtlinie der sendenden Domain zu prüfen, stellt Gmail sie mit 451 4.7.26 "
          + "zurück. senderauth meldet solche Fehler als dns.lookup-failed."),
      howToFix: LocalizedText(
        en: "Make sure every name server of the domain answers for _dmarc and for the SPF and "
          + "DKIM names; compare them with --authoritative.",
        de: "Sorgen Sie dafür, dass jeder Nameserver der Domain für _dmarc und für die SPF- "
          + "und DKIM-Namen antwortet. Vergleichen Sie die Nameserver mit --authoritative."),
      bounceCodes: [BounceCode(451, "4.7.26")], references: [MailboxProvider.Google.smtpErrors]),
    ProviderRequirement(
      "gmail.tls", provider: .gmail, profiles: [.gmail, .gmailBulk],
      kind: .notCheckable(NotCheckable.tls),
      title: LocalizedText(
        en: "Gmail: mail is sent over TLS", de: "Gmail: Mails werden über TLS zugestellt"),
      rationale: LocalizedText(
        en: "Gmail requires a TLS connection for transmitting mail; mail sent without it is "
          + "rate limited (421 4.7.29) or blocked (550 5.7.29).",
        de: "Gmail verlangt eine TLS-Verbindung für die Zustellung; Mails ohne TLS bremst Gmail "
          + "(421 4.7.29) oder blockiert sie (550 5.7.29)."),
      howToFix: LocalizedText(
        en: "Turn on STARTTLS in the sending server, or use a mail service that does.",
        de: "Schalten Sie STARTTLS im sendenden Server ein oder nutzen Sie einen "
          + "Versanddienst, der es tut."),
      bounceCodes: [BounceCode(421, "4.7.29"), BounceCode(550, "5.7.29")],
      references: [MailboxProvider.Google.guidelines, MailboxProvider.Google.smtpErrors]),
    ProviderRequirement(
      "gmail.spam-rate", provider: .gmail, profiles: [.gmail, .gmailBulk],
      kind: .notCheckable(NotCheckable.spamRate),
      title: LocalizedText(
        en: "Gmail: the spam rate stays below 0.3%",
        de: "Gmail: die Spamrate bleibt unter 0,3 %"),
      rationale: LocalizedText(
        en: "Gmail asks senders to keep the spam rate reported in Postmaster Tools below 0.1% "
          + "and never to reach 0.3%; above 0.3% Google offers bulk senders no delivery help.",
        de: "Gmail verlangt, die in den Postmaster Tools gemeldete Spamrate unter 0,1 % zu "
          + "halten und 0,3 % nie zu erreichen; darüber bietet Google Massenversendern keine "
          + "Hilfe bei der Zustellung."),
      howToFix: LocalizedText(
        en: "Send only to recipients who asked for your mail, make unsubscribing easy, and "
          + "watch the spam rate in Google Postmaster Tools.",
        de: "Senden Sie nur an Empfänger, die Ihre Mails angefordert haben, machen Sie das "
          + "Abmelden leicht und beobachten Sie die Spamrate in den Google Postmaster Tools."),
      references: [MailboxProvider.Google.guidelines, MailboxProvider.Google.faq]),
    ProviderRequirement(
      "gmail.sending-rate", provider: .gmail, profiles: [.gmail, .gmailBulk],
      kind: .notCheckable(NotCheckable.volume),
      title: LocalizedText(
        en: "Gmail: sending volume grows gradually",
        de: "Gmail: die Versandmenge wächst allmählich"),
      rationale: LocalizedText(
        en: "Gmail rate limits (421 4.7.28) or blocks (550 5.7.28) mail when it sees an unusual "
          + "rate from an IP address, a netblock, or an SPF or DKIM domain. Since March 2026 "
          + "Google tracks sending quotas per IP address and per authenticated SPF or DKIM "
          + "domain, and asks senders who get 4.7.28 to wait 10 minutes and retry over a "
          + "single connection.",
        de: "Gmail bremst (421 4.7.28) oder blockiert (550 5.7.28) Mails, wenn es eine "
          + "ungewöhnliche Rate von einer IP-Adresse, einem Netzblock oder einer SPF- oder "
          + "DKIM-Domain sieht. Seit März 2026 führt Google Versandkontingente je IP-Adresse und "
          + "je per SPF oder DKIM authentifizierter Domain und bittet Absender, nach 4.7.28 "
          + "zehn Minuten zu warten und es dann über eine einzige Verbindung erneut zu "
          + "versuchen."),
      howToFix: LocalizedText(
        en: "Raise volume slowly, spread campaigns over time, and after 4.7.28 retry only after "
          + "10 minutes, over one connection.",
        de: "Erhöhen Sie die Versandmenge langsam und verteilen Sie Kampagnen zeitlich. "
          + "Wiederholen Sie die Zustellung nach 4.7.28 erst nach 10 Minuten und über eine "
          + "einzige Verbindung."),
      bounceCodes: [BounceCode(421, "4.7.28"), BounceCode(550, "5.7.28")],
      references: [MailboxProvider.Google.guidelinesQuotas, MailboxProvider.Google.smtpErrors]),
    ProviderRequirement(
      "gmail.rfc5322", provider: .gmail, profiles: [.gmail, .gmailBulk],
      kind: .notCheckable(NotCheckable.message),
      title: LocalizedText(
        en: "Gmail: messages follow RFC 5322", de: "Gmail: Nachrichten entsprechen RFC 5322"),
      rationale: LocalizedText(
        en: "Gmail requires messages formatted to RFC 5322: one address in From, a valid "
          + "Message-ID, each single-instance header once. Malformed mail is refused "
          + "(554 5.6.0, or 550 5.7.1 naming the header).",
        de: "Gmail verlangt Nachrichten nach RFC 5322: eine Adresse im From-Header, eine gültige "
          + "Message-ID, jeder nur einmal erlaubte Header nur einmal. Fehlerhafte Mails lehnt "
          + "Gmail ab (554 5.6.0 oder 550 5.7.1 mit dem Namen des Headers)."),
      howToFix: LocalizedText(
        en: "Look at a message your system sends: one address in From, a valid Message-ID, "
          + "From, To, Subject and Date once each.",
        de: "Prüfen Sie eine Nachricht, die Ihr System sendet: eine Adresse im From-Header, eine "
          + "gültige Message-ID, From, To, Subject und Date je genau einmal."),
      bounceCodes: [BounceCode(554, "5.6.0")],
      references: [MailboxProvider.Google.guidelines, MailboxProvider.Google.smtpErrors]),
    ProviderRequirement(
      "gmail.bulk.spf-and-dkim", provider: .gmail, profiles: [.gmailBulk], kind: .spfAndDKIM,
      title: LocalizedText(
        en: "Gmail bulk senders: SPF and DKIM must both be set up",
        de: "Gmail-Massenversender: SPF und DKIM müssen beide eingerichtet sein"),
      rationale: LocalizedText(
        en: "Senders of about 5,000 messages a day or more to Gmail must authenticate with both "
          + "SPF and DKIM. Mail that fails SPF is rate limited (421 4.7.27) or blocked "
          + "(550 5.7.27); mail that fails DKIM likewise (421 4.7.30, 550 5.7.30).",
        de: "Wer etwa 5.000 Mails am Tag oder mehr an Gmail sendet, muss mit SPF und DKIM "
          + "authentifizieren. Mails, die SPF nicht bestehen, bremst Gmail (421 4.7.27) oder "
          + "blockiert sie (550 5.7.27); ebenso Mails, die DKIM nicht bestehen (421 4.7.30, "
          + "550 5.7.30)."),
      howToFix: LocalizedText(
        en: "Publish one valid SPF record for the return-path domain and a DKIM key of at least "
          + "1024 bits (2048 recommended) for every service that sends.",
        de: "Veröffentlichen Sie einen gültigen SPF-Eintrag für die Return-Path-Domain und für "
          + "jeden Versanddienst einen DKIM-Schlüssel mit mindestens 1024 Bit (empfohlen: "
          + "2048 Bit)."),
      bounceCodes: [
        BounceCode(421, "4.7.27"), BounceCode(550, "5.7.27"), BounceCode(421, "4.7.30"),
        BounceCode(550, "5.7.30"),
      ],
      references: [
        MailboxProvider.Google.guidelines, MailboxProvider.Google.faq,
        MailboxProvider.Google.smtpErrors,
      ],
      triggering: [Example(Zones.spfOnly)], nonTriggering: [Example(Zones.spfAndDKIM)]),
    ProviderRequirement(
      "gmail.bulk.dmarc-required", provider: .gmail, profiles: [.gmailBulk], kind: .dmarcRecord,
      title: LocalizedText(
        en: "Gmail bulk senders: a DMARC record is required",
        de: "Gmail-Massenversender: ein DMARC-Eintrag ist Pflicht"),
      rationale: LocalizedText(
        en: "Bulk senders to Gmail must publish a DMARC record for the sending domain; its "
          + "policy may be p=none but must be written. Without a record, or with one that names "
          + "no policy, Gmail rate limits the mail (421 4.7.40) or blocks it (550 5.7.40); the "
          + "FAQ still gives the older code 4.7.31. Gmail wants p= written even though "
          + "RFC 9989 reads a missing p as none.",
        de: "Massenversender an Gmail müssen für die sendende Domain einen DMARC-Eintrag "
          + "veröffentlichen; die DMARC-Richtlinie darf p=none sein, muss aber angegeben sein. "
          + "Ohne Eintrag oder mit einem Eintrag ohne Richtlinie bremst Gmail die Mails "
          + "(421 4.7.40) oder blockiert sie (550 5.7.40); die FAQ nennt noch den älteren Code "
          + "4.7.31. Gmail will p= ausdrücklich sehen, obwohl RFC 9989 ein fehlendes p als none "
          + "liest."),
      howToFix: LocalizedText(
        en: "Publish _dmarc.<domain> TXT \"v=DMARC1; p=none; rua=mailto:…\" and raise the "
          + "policy once the reports show that all legitimate mail passes.",
        de: "Veröffentlichen Sie _dmarc.<ihre-domain> TXT \"v=DMARC1; p=none; rua=mailto:…\". "
          + "Verschärfen Sie die DMARC-Richtlinie, sobald die Berichte zeigen, dass alle "
          + "legitimen Mails DMARC bestehen."),
      bounceCodes: [
        BounceCode(421, "4.7.40"), BounceCode(550, "5.7.40"), BounceCode(nil, "4.7.31"),
      ],
      references: [
        MailboxProvider.Google.guidelines, MailboxProvider.Google.faq,
        MailboxProvider.Google.smtpErrors,
      ],
      triggering: [
        Example(Zones.spfAndDKIM, fixable: true), Example(Zones.noPolicy, fixable: true),
      ],
      nonTriggering: [Example(Zones.complete)]),
    ProviderRequirement(
      "gmail.bulk.dmarc-alignment", provider: .gmail, profiles: [.gmailBulk], kind: .alignment,
      title: LocalizedText(
        en: "Gmail bulk senders: From must align with SPF or DKIM",
        de: "Gmail-Massenversender: SPF oder DKIM muss zur Absenderdomain passen"),
      rationale: LocalizedText(
        en: "For direct mail, the organizational domain in From must match the SPF or the DKIM "
          + "organizational domain; one of them is enough. Misaligned mail is rate limited "
          + "(421 4.7.32) or blocked (Google's error page gives 421 5.7.32). Forwarded and "
          + "mailing-list mail is exempt.",
        de: "Bei direkt versendeten Mails muss die Organisationsdomain im From-Header zur "
          + "Organisationsdomain von SPF oder DKIM passen; eine von beiden genügt. Mails, bei "
          + "denen keine passt, bremst Gmail (421 4.7.32) oder blockiert sie (die "
          + "Fehlerseite von Google nennt 421 5.7.32). Weitergeleitete Mails und Mails von "
          + "Mailinglisten sind ausgenommen."),
      howToFix: HowToFix.alignment,
      bounceCodes: [BounceCode(421, "4.7.32"), BounceCode(421, "5.7.32")],
      references: [
        MailboxProvider.Google.guidelines, MailboxProvider.Google.faq,
        MailboxProvider.Google.smtpErrors,
      ],
      triggering: [Example(Zones.spfOnly, returnPath: "bounces.mailer.example")],
      nonTriggering: [Example(Zones.complete)]),
    ProviderRequirement(
      "gmail.one-click-unsubscribe", provider: .gmail, profiles: [.gmailBulk],
      kind: .notCheckable(NotCheckable.headers),
      title: LocalizedText(
        en: "Gmail bulk senders: marketing mail supports one-click unsubscribe",
        de: "Gmail-Massenversender: Werbemails erlauben das Abmelden mit einem Klick"),
      rationale: LocalizedText(
        en: "Marketing and subscribed mail from bulk senders must carry List-Unsubscribe with "
          + "an HTTPS URL and List-Unsubscribe-Post (RFC 8058), plus a visible unsubscribe link "
          + "in the body; unsubscribes must take effect within 48 hours. A mailto link alone "
          + "does not count; transactional mail is exempt.",
        de: "Werbemails und abonnierte Mails von Massenversendern brauchen List-Unsubscribe mit "
          + "einer HTTPS-URL und List-Unsubscribe-Post (RFC 8058) sowie einen sichtbaren "
          + "Abmeldelink im Text; Abmeldungen müssen binnen 48 Stunden wirken. Ein mailto-Link "
          + "allein genügt nicht; Transaktionsmails sind ausgenommen."),
      howToFix: LocalizedText(
        en: "Have your mail service add both headers to marketing mail and process unsubscribes "
          + "within two days.",
        de: "Lassen Sie Ihren Versanddienst beide Header in Werbemails setzen und Abmeldungen "
          + "binnen zwei Tagen umsetzen."),
      references: [MailboxProvider.Google.guidelines, MailboxProvider.Google.faq]),
  ]
}
