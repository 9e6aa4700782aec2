import SenderAuthCore

extension ProfileCatalog {
  static func text(_ en: String, _ de: String) -> LocalizedText { LocalizedText(en: en, de: de) }

  static let rfc = Profile(
    id: ProfileVerdict.rfcID, title: text("RFCs", "RFCs"),
    summary: text(
      "What the standards require (SPF, DKIM, DMARC, DNS, MTA-STS, TLS-RPT), and BIMI as its "
        + "Internet-Draft specifies; always judged",
      "Was die Standards verlangen (SPF, DKIM, DMARC, DNS, MTA-STS, TLS-RPT), und BIMI nach "
        + "seinem Internet-Draft; wird immer geprüft"),
    provider: text("RFCs", "RFCs"),
    requirements: [])

  // The mailbox-provider profiles: their requirements are the rows of `ProviderTable`.
  static let gmail = ProviderProfile.gmail.profile
  static let gmailBulk = ProviderProfile.gmailBulk.profile
  static let yahoo = ProviderProfile.yahoo.profile
  static let yahooBulk = ProviderProfile.yahooBulk.profile
  static let microsoftBulk = ProviderProfile.microsoftBulk.profile
  static let apple = ProviderProfile.apple.profile
  static let laPoste = ProviderProfile.laPoste.profile
  static let gmxWebDE = ProviderProfile.gmxWebDE.profile
  static let tOnline = ProviderProfile.tOnline.profile
  static let centrum = ProviderProfile.centrum.profile

  static let bulk: Profile = {
    let parts = ProviderProfile.bulkParts.map(\.profile)
    var seen: Set<String> = []
    var requirements: [Profile.Requirement] = []
    for requirement in parts.flatMap(\.requirements) where seen.insert(requirement.id).inserted {
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
      requirements: requirements, parts: parts)
  }()

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
