import SenderAuthCore

/// The provider pages the provider rules cite, each with the date it was read.
enum ProviderReferences {
  /// Apple's iCloud Mail postmaster page.
  static let appleICloud = Reference(
    title: "Apple: iCloud Mail postmaster information",
    url: "https://support.apple.com/en-us/102322", read: "2026-07-02")
  /// WEB.DE's (and GMX's) sender requirements.
  static let webDERequirements = Reference(
    title: "WEB.DE: Requirements and recommendations",
    url: "https://postmaster.web.de/en/requirements-and-recommendations", read: "2026-07-02")
  /// GMX's sender best practices.
  static let gmxBestPractices = Reference(
    title: "GMX: Best practices", url: "https://postmaster.gmx.net/en/best-practices",
    read: "2026-07-02")
  /// Google's email sender guidelines.
  static let googleGuidelines = Reference(
    title: "Google: Email sender guidelines", url: "https://support.google.com/mail/answer/81126",
    read: "2026-03-21")
  /// Google's FAQ on the email sender guidelines.
  static let googleGuidelinesFAQ = Reference(
    title: "Google: Email sender guidelines FAQ",
    url: "https://support.google.com/a/answer/14229414", read: "2025-10-31")
  /// La Poste's technical specifications for mail to laposte.net.
  static let laPosteSpecifications = Reference(
    title: "La Poste: Spécifications techniques pour laposte.net",
    url:
      "https://postmaster.laposte.net/contents/quelles-sont-les-specifications-techniques-a-respecter-pour-emettre-des-emails-vers-laposte-net",
    read: "2026-07-02")
  /// Microsoft's announcement of Outlook's high-volume sender requirements.
  static let outlookHighVolume = Reference(
    title: "Microsoft: Outlook's new requirements for high-volume senders",
    url:
      "https://techcommunity.microsoft.com/blog/MicrosoftDefenderforOffice365Blog/strengthening-email-ecosystem-outlook%E2%80%99s-new-requirements-for-high%E2%80%90volume-senders/4399730",
    read: "2026-07-02")
  /// Outlook.com's postmaster policies.
  static let outlookPolicies = Reference(
    title: "Outlook.com: Policies, practices and guidelines",
    url: "https://postmaster.live.com/pm/policies.aspx", read: "2026-06-30")
  /// Telekom's T-Online postmaster page.
  static let tOnlinePostmaster = Reference(
    title: "Telekom: Postmaster T-Online (section 4.1)", url: "https://postmaster.t-online.de",
    read: "2026-02-01")
  /// Yahoo's sender best practices.
  static let yahooBestPractices = Reference(
    title: "Yahoo: Sender best practices", url: "https://senders.yahooinc.com/best-practices/",
    read: "2026-07-02")
  /// Yahoo's sender FAQ.
  static let yahooFAQ = Reference(
    title: "Yahoo: Sender FAQ", url: "https://senders.yahooinc.com/faqs/", read: "2025-08-02")
}
