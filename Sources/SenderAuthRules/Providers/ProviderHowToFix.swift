import SenderAuthCore

/// The how-to-fix texts that several providers' rules share word for word.
enum ProviderHowToFix {
  /// The fix of the plain DMARC requirement: publish a `p=none` record.
  static let dmarcRequired = LocalizedText(
    en: """
      Publish _dmarc.<domain> TXT "v=DMARC1; p=none; rua=mailto:…".
      """,
    de: """
      Veröffentlichen Sie _dmarc.<Domain> TXT "v=DMARC1; p=none; rua=mailto:…".
      """)
  /// The fix of the reverse DNS requirement: a forward-confirmed PTR name in your domain.
  static let ptrRequired = LocalizedText(
    en: """
      Have the owner of each sending IP set a PTR record to a host name in your domain whose \
      address record contains the IP.
      """,
    de: """
      Lassen Sie den Inhaber jeder Versand-IP einen PTR-Eintrag auf einen Hostnamen Ihrer \
      Domain setzen, dessen Adresseintrag die IP enthält.
      """)
  /// The fix of the SPF-and-DKIM requirement: one valid SPF record and a DKIM key per service.
  static let spfAndDKIM = LocalizedText(
    en: """
      Publish one valid SPF record for the envelope domain and a DKIM key for every service \
      that sends.
      """,
    de: """
      Veröffentlichen Sie einen gültigen SPF-Eintrag für die Umschlagdomain und einen \
      DKIM-Schlüssel für jeden versendenden Dienst.
      """)
  /// The fix of the alignment requirement: a DKIM key or return path in your own domain.
  static let alignment = LocalizedText(
    en: """
      Publish the DKIM key of your mail service under your own domain, or use a return path \
      below your domain.
      """,
    de: """
      Veröffentlichen Sie den DKIM-Schlüssel Ihres Maildienstes unter Ihrer Domain, oder \
      nutzen Sie einen Return-Path unterhalb Ihrer Domain.
      """)
}
