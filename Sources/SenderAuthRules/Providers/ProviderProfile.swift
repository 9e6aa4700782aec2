import SenderAuthCore

/// The mailbox-provider profiles `--profile` takes; the rows of `ProviderTable` name the
/// profiles that list them.
public enum ProviderProfile: String, CaseIterable, Sendable {
  case gmail
  case gmailBulk = "gmail-bulk"
  case yahoo
  case yahooBulk = "yahoo-bulk"
  case microsoftBulk = "microsoft-bulk"
  case apple
  case laPoste = "laposte"
  case gmxWebDE = "gmx-webde"
  case tOnline = "t-online"
  case centrum

  /// The three whose union is the default profile `bulk`.
  public static let bulkParts: [ProviderProfile] = [.gmailBulk, .yahooBulk, .microsoftBulk]

  /// True when the default profile (`bulk`) holds this profile's rows.
  public var isPartOfBulk: Bool { Self.bulkParts.contains(self) }

  /// Whose rules these are.
  public var provider: MailboxProvider {
    switch self {
    case .gmail, .gmailBulk: .gmail
    case .yahoo, .yahooBulk: .yahoo
    case .microsoftBulk: .outlook
    case .apple: .iCloud
    case .laPoste: .laPoste
    case .gmxWebDE: .gmxWebDE
    case .tOnline: .tOnline
    case .centrum: .centrum
    }
  }

  public var title: LocalizedText {
    switch self {
    case .gmail: LocalizedText(en: "Gmail (all senders)", de: "Gmail (alle Absender)")
    case .gmailBulk: LocalizedText(en: "Gmail bulk senders", de: "Gmail-Massenversender")
    case .yahoo:
      LocalizedText(en: "Yahoo and AOL (all senders)", de: "Yahoo und AOL (alle Absender)")
    case .yahooBulk: LocalizedText(en: "Yahoo bulk senders", de: "Yahoo-Massenversender")
    case .microsoftBulk:
      LocalizedText(en: "Outlook.com high-volume senders", de: "Outlook.com-Massenversender")
    case .apple: LocalizedText(en: "iCloud Mail", de: "iCloud Mail")
    case .laPoste: LocalizedText(en: "La Poste (laposte.net)", de: "La Poste (laposte.net)")
    case .gmxWebDE: LocalizedText(en: "GMX and WEB.DE", de: "GMX und WEB.DE")
    case .tOnline: LocalizedText(en: "T-Online (Telekom)", de: "T-Online (Telekom)")
    case .centrum:
      LocalizedText(
        en: "Centrum.cz, Volny.cz and Atlas.cz", de: "Centrum.cz, Volny.cz und Atlas.cz")
    }
  }

  /// Who the profile is for, in one line.
  public var summary: LocalizedText {
    switch self {
    case .gmail:
      LocalizedText(
        en: "Mail to personal Gmail accounts, since February 2024",
        de: "Mails an private Gmail-Konten, seit Februar 2024")
    case .gmailBulk:
      LocalizedText(
        en: "Senders of about 5,000 messages a day or more to Gmail",
        de: "Absender von etwa 5.000 Mails am Tag oder mehr an Gmail")
    case .yahoo:
      LocalizedText(
        en: "Mail to Yahoo Mail, AOL and the other Yahoo-hosted brands",
        de: "Mails an Yahoo Mail, AOL und die anderen Marken, deren Postfächer Yahoo betreibt")
    case .yahooBulk:
      LocalizedText(
        en: "Bulk senders to Yahoo (no volume threshold published)",
        de: "Massenversender an Yahoo (ohne veröffentlichte Mengenschwelle)")
    case .microsoftBulk:
      LocalizedText(
        en: "Senders of over 5,000 messages a day to outlook.com, hotmail.com, live.com "
          + "(May 2025)",
        de: "Absender von über 5.000 Mails am Tag an outlook.com, hotmail.com, live.com "
          + "(Mai 2025)")
    case .apple:
      LocalizedText(
        en: "Bulk mail to iCloud Mail (Apple)", de: "Massenversand an iCloud Mail (Apple)")
    case .laPoste:
      LocalizedText(
        en: "All senders to laposte.net (September 2025)",
        de: "Alle Absender an laposte.net (September 2025)")
    case .gmxWebDE:
      LocalizedText(
        en: "All senders to GMX and WEB.DE (United Internet)",
        de: "Alle Absender an GMX und WEB.DE (United Internet)")
    case .tOnline:
      LocalizedText(en: "All senders to t-online.de", de: "Alle Absender an t-online.de")
    case .centrum:
      LocalizedText(
        en: "Senders of larger volumes to Centrum.cz, Volny.cz and Atlas.cz mailboxes (Economia)",
        de: "Absender größerer Mengen an Postfächer von Centrum.cz, Volny.cz und Atlas.cz "
          + "(Economia)")
    }
  }

  /// The profile: the table's rows that name it, in table order.
  public var profile: Profile {
    Profile(
      id: rawValue, title: title, summary: summary, provider: provider.localizedName,
      requirements: ProviderTable.rows.filter { $0.profiles.contains(self) }.map(\.requirement))
  }
}
