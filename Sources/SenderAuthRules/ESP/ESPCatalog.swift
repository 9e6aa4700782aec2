import DNSLookup
import SenderAuthCore

/// The ESPs senderauth knows, from `esp-dns.json` (evidence official or secondary only).
public enum ESPCatalog {
  /// Every ESP, in listing order.
  public static let all: [ESP] = [
    sendGrid, mailjet, hubSpot, microsoft365, googleWorkspace, amazonSES, mailchimp, mandrill,
    brevo, postmark, mailgun, sparkPost, zendesk, salesforceMarketingCloud, zoho,
  ]

  /// The ESP with `id` or one of its aliases (case-insensitive).
  public static func esp(id: String) -> ESP? {
    let key = id.lowercased()
    return all.first { $0.id == key || $0.aliases.contains(key) }
  }

  /// The ids `--esp` takes.
  public static var ids: [String] { all.map(\.id) }

  /// The service whose DKIM CNAME target `target` is (a selector of `domain` leads into its
  /// zone): the key there is the service's, only it can replace it.
  public static func esp(servingDKIMAt target: DomainName, for domain: DomainName) -> ESP? {
    all.first { esp in
      let patterns =
        esp.dkim.flatMap(\.records).flatMap { record -> [NamePattern] in
          if case .cname(let targets) = record.kind { return targets }
          return []
        } + esp.tokenDKIMTargets
      return patterns.contains { $0.match(target, domain: domain) != nil }
    }
  }

  /// Every name below a customer domain that some ESP setup uses.
  public static let probes: [ESPProbe] = {
    var seen: Set<String> = []
    return all.flatMap(\.probes).filter { seen.insert($0.label).inserted }
  }()

  /// `probes` made ready once, for `Engine.espProbes`.
  public static let probePlan = ESPProbePlan(probes)

  /// Every fixed DKIM selector of the catalog; `DKIMSelectors.common` holds them all (a test
  /// keeps the two in step), so `dkim` and `check` probe one list.
  public static let selectors: [String] = {
    var seen: Set<String> = []
    return all.flatMap { $0.dkim.flatMap(\.records).filter(\.isFixed).map(\.selector) }
      .filter { seen.insert($0).inserted }
  }()

  /// The SPF domains sending IPs are checked against (`Engine.serviceSPFDomains`): one per
  /// ESP that publishes one without placeholders.
  public static let serviceSPFDomains: [DomainName] = {
    var seen: Set<DomainName> = []
    return all.compactMap(\.spfDomain).filter { seen.insert($0).inserted }
  }()

  /// The selectors with placeholders that the domain's SPF includes fill in (HubSpot's
  /// `hs1-<hub-id>` from `include:<hub-id>.spf<nn>.hubspotemail.net`), for
  /// `Engine.selectorsFromSPF`.
  @Sendable public static func selectorsFromSPF(_ spf: SPFContext) -> [String] {
    guard let domain = spf.domain else { return [] }
    let targets = ESPRecords.includeTargets(spf).compactMap { try? DomainName($0) }
    var out: [String] = []
    for (esp, patterned) in patternedSelectors {
      for target in targets {
        for pattern in esp.detectionIncludes {
          guard let bindings = pattern.match(target, domain: domain) else { continue }
          for record in patterned {
            let selector = record.selectorPattern.render(domain: domain, bindings: bindings)
            if !selector.contains("<"), !out.contains(selector) { out.append(selector) }
          }
        }
      }
    }
    return out
  }

  /// The selectors that go with `selectors` (those a message was signed with) under `domain`:
  /// the other selectors of the same account (HubSpot's `hs2-<hub-id>` beside `hs1-<hub-id>`),
  /// for `Engine.selectorsBeside`.
  @Sendable public static func selectorsBeside(_ selectors: [String], domain: DomainName)
    -> [String]
  {
    var out: [String] = []
    for selector in selectors {
      guard let label = try? DomainName(selector) else { continue }
      for (_, patterned) in patternedSelectors {
        for record in patterned {
          guard let bindings = record.selectorPattern.match(label, domain: domain) else {
            continue
          }
          for sibling in patterned {
            let rendered = sibling.selectorPattern.render(domain: domain, bindings: bindings)
            if !rendered.contains("<"), !selectors.contains(rendered), !out.contains(rendered) {
              out.append(rendered)
            }
          }
        }
      }
    }
    return out
  }

  /// The ESPs with DKIM records whose selector has placeholders, with those records.
  private static let patternedSelectors = all.compactMap { esp in
    let patterned = esp.dkim.flatMap(\.records).filter { !$0.isFixed }
    return patterned.isEmpty ? nil : (esp, patterned)
  }

  static func text(_ en: String, _ de: String) -> LocalizedText { LocalizedText(en: en, de: de) }

  static let sendGrid = ESP(
    id: "sendgrid", aliases: ["twilio-sendgrid"], name: "Twilio SendGrid",
    unneededIncludes: ["sendgrid.net"],
    dkim: [
      .init([
        .init("s1", .cname([NamePattern("s1.domainkey.u{user}.wl{wl}.sendgrid.net")])),
        .init("s2", .cname([NamePattern("s2.domainkey.u{user}.wl{wl}.sendgrid.net")])),
      ]),
      .init([.init("m1", .txt)], legacy: true),
    ],
    returnPath: .cname(label: nil, targets: [NamePattern("u{user}.wl{wl}.sendgrid.net")]),
    // Bounces and its own signature (d=sendgrid.info) while domain authentication is off
    // (observed in delivered headers); the return-path host 'em<n>' is official-doc.
    ownDomains: ["sendgrid.net", "sendgrid.info"], returnPathLabel: "em{n}",
    alignment: text(
      "DKIM aligns (d= is your domain); SPF aligns through the em<n> return-path CNAME",
      "DKIM passt zur Absenderdomain (d= ist Ihre Domain); SPF passt über den Return-Path-CNAME "
        + "'em<n>'"),
    whereToFind: text(
      "SendGrid: Settings > Sender Authentication > your domain shows the three CNAME records",
      "SendGrid: Settings > Sender Authentication > Ihre Domain zeigt die drei CNAME-Einträge"),
    references: [
      Reference(
        title: "SendGrid: How to set up domain authentication",
        url:
          "https://www.twilio.com/docs/sendgrid/ui/account-and-settings/how-to-set-up-domain-authentication"
      ),
      Reference(
        title: "SendGrid support: SPF include not needed with automated security",
        url: "https://support.sendgrid.com/hc/en-us/articles/21415314709147"),
    ])

  static let mailjet = ESP(
    id: "mailjet", name: "Mailjet (Sinch)", requiredIncludes: ["spf.mailjet.com"],
    dkim: [.init([.init("mailjet", .txt)])],
    returnPath: .unknown,
    // Bounces to bnc3.mailjet.com (observed in delivered headers).
    ownDomains: ["mailjet.com"],
    alignment: text(
      "DKIM aligns once the key is published; SPF alignment is not documented",
      "DKIM passt zur Absenderdomain, sobald der Schlüssel veröffentlicht ist; ob SPF passt, ist "
        + "nicht dokumentiert"
    ),
    whereToFind: text(
      "Mailjet: Account settings > Domains and senders > SPF/DKIM authentication",
      "Mailjet: Account-Einstellungen > Domains und Absender > SPF/DKIM-Authentifizierung"),
    references: [
      Reference(
        title: "Mailjet: SPF and DKIM setup",
        url: "https://documentation.mailjet.com/hc/en-us/articles/360049641733")
    ])

  static let hubSpot = ESP(
    id: "hubspot", name: "HubSpot", detectionIncludes: ["{hubid}.spf{nn}.hubspotemail.net"],
    // HubSpot's portal shows, per connected sending domain, two DKIM CNAMEs whose host names
    // carry the hub id, the per-account SPF include and a DMARC record (knowledge.hubspot.com
    // "Manage your email authentication", 2025-05-15: DKIM, SPF and DMARC records generated
    // in the portal). Record shapes observed in published zones and in a copy of the portal's
    // list (read 2026-12): hs1-<hubid>._domainkey CNAME <domain-dashed>.hs<nn>a.dkim.
    // hubspotemail.net., hs2-… → …b…, include:<hubid>.spf<nn>.hubspotemail.net. Older
    // connections used hs1/hs2 without the hub id.
    dkim: [
      .init([
        .init("hs1-{hubid}", .cname([NamePattern("{dashed}.hs{shard}a.dkim.hubspotemail.net")])),
        .init("hs2-{hubid}", .cname([NamePattern("{dashed}.hs{shard}b.dkim.hubspotemail.net")])),
      ]),
      .init(
        [
          .init("hs1", .cname([NamePattern("{dashed}.hs{shard}a.dkim.hubspotemail.net")])),
          .init("hs2", .cname([NamePattern("{dashed}.hs{shard}b.dkim.hubspotemail.net")])),
        ], legacy: true),
    ],
    returnPath: .espDomain, ownDomains: ["hubspotemail.net"],
    askedInclude: "{hubid}.spf{nn}.hubspotemail.net",
    alignment: text(
      "DKIM aligns; on shared IPs the return path is hubspotemail.net, so SPF does not align",
      "DKIM passt zur Absenderdomain; auf geteilten IPs ist der Return-Path hubspotemail.net, SPF "
        + "passt also nicht"
    ),
    whereToFind: text(
      "HubSpot: Settings > Content > Domains & URLs > Email sending domains shows both CNAMEs",
      "HubSpot: Einstellungen > Inhalte > Domains & URLs > E-Mail-Versanddomains zeigt beide CNAMEs"
    ),
    references: [
      Reference(
        title: "HubSpot: Manage your email authentication",
        url: "https://knowledge.hubspot.com/domains-and-urls/connect-your-email-sending-domain",
        read: "2025-05-15")
    ])

  static let microsoft365 = ESP(
    id: "microsoft-365", aliases: ["microsoft_365", "m365", "office365", "exchange-online"],
    name: "Microsoft 365",
    requiredIncludes: [
      "spf.protection.outlook.com", "spf.protection.office365.us",
      "spf.protection.partner.outlook.cn",
    ],
    dkim: [
      .init([
        .init(
          "selector1",
          .cname([
            NamePattern("selector1-{dashed}._domainkey.{tenant}.onmicrosoft.com"),
            NamePattern("selector1-{dashed}._domainkey.{tenant}.{c}-v1.dkim.mail.microsoft"),
          ])),
        .init(
          "selector2",
          .cname([
            NamePattern("selector2-{dashed}._domainkey.{tenant}.onmicrosoft.com"),
            NamePattern("selector2-{dashed}._domainkey.{tenant}.{c}-v1.dkim.mail.microsoft"),
          ])),
      ])
    ],
    returnPath: .ownDomain,
    // Without custom DKIM, Microsoft signs with the initial domain (official-doc).
    ownDomains: ["onmicrosoft.com"],
    alignment: text(
      "SPF and DKIM both align: mail is sent with your own domain",
      "SPF und DKIM passen beide zur Absenderdomain: versendet wird mit Ihrer eigenen Domain"),
    whereToFind: text(
      "Microsoft Defender portal > Email authentication settings > DKIM, or Get-DkimSigningConfig",
      "Microsoft-Defender-Portal > E-Mail-Authentifizierung > DKIM, oder Get-DkimSigningConfig"),
    references: [
      Reference(
        title: "Microsoft: Set up DKIM",
        url:
          "https://github.com/MicrosoftDocs/defender-docs/blob/public/defender-office-365/email-authentication-dkim-configure.md"
      ),
      Reference(
        title: "Microsoft: Set up SPF",
        url:
          "https://github.com/MicrosoftDocs/defender-docs/blob/public/defender-office-365/email-authentication-spf-configure.md"
      ),
    ])

  static let googleWorkspace = ESP(
    id: "google-workspace", aliases: ["google_workspace", "gsuite", "google"],
    name: "Google Workspace", requiredIncludes: ["_spf.google.com"],
    dkim: [.init([.init("google", .txt)], selectorMayDiffer: true)],
    returnPath: .ownDomain,
    // Without a DKIM key of its own, Workspace signs as <domain>.<date>.gappssmtp.com
    // (observed in delivered headers).
    ownDomains: ["gappssmtp.com"],
    alignment: text(
      "SPF and DKIM both align: mail is sent with your own domain",
      "SPF und DKIM passen beide zur Absenderdomain: versendet wird mit Ihrer eigenen Domain"),
    whereToFind: text(
      "Google Admin console > Apps > Google Workspace > Gmail > Authenticate email",
      "Google Admin-Konsole > Apps > Google Workspace > Gmail > E-Mails authentifizieren"),
    references: [
      Reference(
        title: "Google Workspace: Set up DKIM", url: "https://support.google.com/a/answer/174124"),
      Reference(
        title: "Google Workspace: SPF values", url: "https://support.google.com/a/answer/33786"),
    ])

  static let amazonSES = ESP(
    id: "amazon-ses", aliases: ["amazon_ses", "ses", "aws-ses"], name: "Amazon SES",
    unneededIncludes: ["amazonses.com"],
    tokenDKIMTargets: ["{token}.dkim.amazonses.com"],
    returnPath: .mailFrom(
      mx: NamePattern("feedback-smtp.{region}.amazonses.com"), include: "amazonses.com"),
    // The default MAIL FROM is a subdomain of amazonses.com (official-doc), which also signs.
    ownDomains: ["amazonses.com"],
    alignment: text(
      "DKIM aligns with Easy DKIM; SPF aligns only with a custom MAIL FROM subdomain",
      "DKIM passt mit Easy DKIM zur Absenderdomain; SPF nur mit einer eigenen MAIL-FROM-Subdomain"),
    whereToFind: text(
      "Amazon SES console > Identities > your domain > Authentication (DKIM) and Custom MAIL FROM",
      "Amazon-SES-Konsole > Identities > Ihre Domain > Authentication (DKIM) und Custom MAIL FROM"
    ),
    references: [
      Reference(
        title: "Amazon SES: Easy DKIM",
        url:
          "https://github.com/awsdocs/amazon-ses-developer-guide/blob/master/doc-source/easy-dkim-dns-records.md"
      ),
      Reference(
        title: "Amazon SES: Custom MAIL FROM",
        url: "https://docs.aws.amazon.com/ses/latest/DeveloperGuide/mail-from-set.html"),
    ])

  static let mailchimp = ESP(
    id: "mailchimp", name: "Mailchimp", unneededIncludes: ["servers.mcsv.net"],
    dkim: [
      .init([
        .init("k2", .cname([NamePattern("dkim2.mcsv.net")])),
        .init("k3", .cname([NamePattern("dkim3.mcsv.net")])),
      ]),
      .init([.init("k1", .cname([NamePattern("dkim.mcsv.net")]))], legacy: true),
    ],
    returnPath: .espDomain,
    // Return paths on Mailchimp domains (secondary: dmarc.wiki).
    ownDomains: ["mcsv.net", "mcdlv.net", "rsgsv.net", "mailchimpapp.net"],
    alignment: text(
      "DKIM aligns; the return path is a Mailchimp domain, so SPF never aligns",
      "DKIM passt zur Absenderdomain; der Return-Path ist eine Mailchimp-Domain, SPF passt also "
        + "nie"
    ),
    whereToFind: text(
      "Mailchimp: Website > Domains > your domain > Authenticate",
      "Mailchimp: Website > Domains > Ihre Domain > Authentifizieren"),
    references: [
      Reference(title: "dmarc.wiki: Mailchimp", url: "https://dmarc.wiki/mailchimp")
    ])

  static let mandrill = ESP(
    id: "mandrill", aliases: ["mailchimp-transactional"],
    name: "Mailchimp Transactional (Mandrill)",
    unneededIncludes: ["spf.mandrillapp.com"],
    dkim: [
      .init([
        .init("mte1", .cname([NamePattern("dkim1.mandrillapp.com")])),
        .init("mte2", .cname([NamePattern("dkim2.mandrillapp.com")])),
      ]),
      .init([.init("mandrill", .txt)], legacy: true),
    ],
    returnPath: .cname(label: nil, targets: [NamePattern("mandrillapp.com")]),
    ownDomains: ["mandrillapp.com"],
    alignment: text(
      "DKIM aligns; SPF aligns only with a custom return-path subdomain (CNAME to mandrillapp.com)",
      "DKIM passt zur Absenderdomain; SPF nur mit einer eigenen Return-Path-Subdomain (CNAME auf "
        + "mandrillapp.com)"
    ),
    whereToFind: text(
      "Mandrill: Settings > Domains > Sending domains",
      "Mandrill: Settings > Domains > Sending domains"),
    references: [
      Reference(
        title: "Mailchimp Transactional: Authentication and delivery",
        url: "https://mailchimp.com/developer/transactional/docs/authentication-delivery/"),
      Reference(
        title: "Mandrill: Custom Return-Path",
        url: "https://mandrill.zendesk.com/hc/en-us/articles/205582727"),
    ])

  static let brevo = ESP(
    id: "brevo", aliases: ["sendinblue"], name: "Brevo (ex-Sendinblue)",
    unneededIncludes: ["spf.brevo.com", "spf.sendinblue.com"],
    dkim: [
      .init([
        .init("brevo1", .cname([NamePattern("b1.{dashed}.dkim.brevo.com")])),
        .init("brevo2", .cname([NamePattern("b2.{dashed}.dkim.brevo.com")])),
      ]),
      .init([.init("mail", .txt)], legacy: true),
    ],
    returnPath: .espDomain, ownDomains: ["sendinblue.com", "brevosend.com", "sender-sib.com"],
    alignment: text(
      "DKIM aligns; on shared IPs the return path is a Brevo domain, so SPF does not align",
      "DKIM passt zur Absenderdomain; auf geteilten IPs ist der Return-Path eine Brevo-Domain, SPF "
        + "passt also nicht"
    ),
    whereToFind: text(
      "Brevo: Senders, domains & dedicated IPs > Domains > Authenticate",
      "Brevo: Absender, Domains & dedizierte IPs > Domains > Authentifizieren"),
    references: [
      Reference(
        title: "Brevo: About domain authentication",
        url: "https://help.brevo.com/hc/en-us/articles/17286219877778")
    ])

  static let postmark = ESP(
    id: "postmark", name: "Postmark", unneededIncludes: ["spf.mtasv.net"],
    returnPath: .cname(label: "pm-bounces", targets: [NamePattern("pm.mtasv.net")]),
    ownDomains: ["mtasv.net"],
    alignment: text(
      "DKIM aligns; SPF aligns with the custom Return-Path pm-bounces CNAME",
      "DKIM passt zur Absenderdomain; SPF passt über den eigenen Return-Path-CNAME 'pm-bounces'"),
    whereToFind: text(
      "Postmark: Sender Signatures > your domain > DNS settings (DKIM and Return-Path)",
      "Postmark: Sender Signatures > Ihre Domain > DNS settings (DKIM und Return-Path)"),
    references: [
      Reference(
        title: "Postmark: Full DMARC support with custom Return-Path",
        url: "https://postmarkapp.com/blog/introducing-full-dmarc-support-with-custom")
    ])

  static let mailgun = ESP(
    id: "mailgun", name: "Mailgun (Sinch)", requiredIncludes: ["mailgun.org"],
    returnPath: .sendingDomain(include: "mailgun.org"), ownDomains: ["mailgun.org"],
    alignment: text(
      "SPF aligns on the Mailgun sending domain (relaxed); DKIM aligns with the TXT key",
      "SPF passt über die bei Mailgun eingerichtete Subdomain (relaxed); DKIM mit dem TXT-Schlüssel"
    ),
    whereToFind: text(
      "Mailgun: Sending > Domain settings > DNS records",
      "Mailgun: Sending > Domain settings > DNS records"),
    references: [
      Reference(
        title: "Mailgun: Verify your domain",
        url: "https://documentation.mailgun.com/docs/mailgun/user-manual/domains/domains-verify.md"
      )
    ])

  static let sparkPost = ESP(
    id: "sparkpost", aliases: ["bird"], name: "SparkPost (Bird)",
    returnPath: .cname(
      label: nil,
      targets: [
        NamePattern("sparkpostmail.com"), NamePattern("eu.sparkpostmail.com"),
        NamePattern("{tenant}.mail.e.sparkpost.com"),
      ]), ownDomains: ["sparkpostmail.com"],
    alignment: text(
      "DKIM aligns; SPF aligns with a bounce subdomain CNAME to sparkpostmail.com",
      "DKIM passt zur Absenderdomain; SPF passt über eine Return-Path-Subdomain mit CNAME auf "
        + "sparkpostmail.com"),
    whereToFind: text(
      "SparkPost: Configuration > Domains > your sending and bounce domains",
      "SparkPost: Configuration > Domains > Ihre Sending- und Bounce-Domains"),
    references: [
      Reference(
        title: "SparkPost: Sending domains API",
        url: "https://developers.sparkpost.com/api/sending-domains")
    ])

  static let zendesk = ESP(
    id: "zendesk", name: "Zendesk", requiredIncludes: ["mail.zendesk.com"],
    dkim: [
      .init([
        .init("zendesk1", .cname([NamePattern("zendesk1._domainkey.zendesk.com")])),
        .init("zendesk2", .cname([NamePattern("zendesk2._domainkey.zendesk.com")])),
      ])
    ],
    returnPath: .unknown, ownDomains: ["zendesk.com"],
    alignment: text(
      "DKIM aligns after setup; SPF alignment is not documented",
      "DKIM passt nach der Einrichtung zur Absenderdomain; ob SPF passt, ist nicht dokumentiert"),
    whereToFind: text(
      "Zendesk: Admin Center > Channels > Email > Digital signatures",
      "Zendesk: Admin Center > Kanäle > E-Mail > Digitale Signaturen"),
    references: [
      Reference(
        title: "Zendesk: SPF for your domain",
        url: "https://support.zendesk.com/hc/en-us/articles/115015746187"),
      Reference(
        title: "Zendesk: Digitally signing email (DKIM)",
        url: "https://support.zendesk.com/hc/en-us/articles/4408822303386"),
    ])

  static let salesforceMarketingCloud = ESP(
    id: "salesforce-marketing-cloud", aliases: ["salesforce_marketing_cloud", "sfmc"],
    name: "Salesforce Marketing Cloud", detectionIncludes: ["cust-spf.exacttarget.com"],
    returnPath: .delegated, ownDomains: ["exacttarget.com"],
    alignment: text(
      "SPF and DKIM align when From uses the delegated SAP subdomain",
      "SPF und DKIM passen zur Absenderdomain, wenn From die delegierte SAP-Subdomain nutzt"),
    whereToFind: text(
      "Marketing Cloud: Setup > Sender Authentication Package (SAP) records from Salesforce",
      "Marketing Cloud: Setup > Sender Authentication Package (SAP), Einträge von Salesforce"),
    references: [
      Reference(
        title: "Marketing Cloud: Sender Authentication Package",
        url: "https://senderauth.marketingcloud.com/quickstart.php")
    ])

  static let zoho = ESP(
    id: "zoho", aliases: ["zoho_mail", "zoho-mail"], name: "Zoho Mail",
    dkim: [.init([.init("zmail", .txt)], selectorMayDiffer: true)],
    returnPath: .ownDomain,
    alignment: text(
      "SPF and DKIM align: mail is sent with your own domain",
      "SPF und DKIM passen zur Absenderdomain: versendet wird mit Ihrer eigenen Domain"),
    whereToFind: text(
      "Zoho Mail Admin Console > Domains > your domain > Email configuration (SPF include and DKIM)",
      "Zoho-Mail-Admin-Konsole > Domains > Ihre Domain > E-Mail-Konfiguration (SPF und DKIM)"
    ),
    references: [])
}
