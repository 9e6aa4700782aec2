import SenderAuthCore

/// Every mailbox-provider requirement senderauth knows, one row each (see
/// `ProviderRequirement`), grouped by provider in `ProviderTable+<Provider>.swift`.
///
/// The table is the one source of the provider rules (`ProviderRules.all`), the provider
/// profiles (`ProviderProfile.profile`), the pages they rest on, and the bounce codes
/// `senderauth explain` finds rules by. Adding a requirement is adding a row with its examples.
public enum ProviderTable {
  /// The rows in listing order.
  public static let rows: [ProviderRequirement] =
    gmail + yahoo + outlook + iCloud + laPoste + gmxWebDE + tOnline + centrum

  /// The row with `id` that is not a `.rule` row (those share the id of the rule they name).
  public static func row(id: String) -> ProviderRequirement? {
    rows.first { $0.id == id.lowercased() && $0.kind.isChecked }
      ?? rows.first { $0.id == id.lowercased() && $0.notCheckableBecause != nil }
  }

  /// The rows whose bounce codes match `query`: those with the reply code typed, or when none
  /// has it, those with the status alone (a provider may send a status under another reply).
  public static func rows(matching query: BounceCode.Query) -> [ProviderRequirement] {
    let strict = rows.filter { $0.bounceCodes.contains { query.matches($0) } }
    if !strict.isEmpty { return strict }
    return rows.filter { $0.bounceCodes.contains { query.matches($0, ignoringReply: true) } }
  }

  /// The how-to-fix texts several providers' rows share word for word.
  enum HowToFix {
    /// A forward-confirmed PTR name for each sending IP.
    static let ptrToHost = LocalizedText(
      en: "Have the owner of each sending IP set a PTR record to a host name whose address "
        + "record contains the IP.",
      de: "Lassen Sie den Inhaber jeder Versand-IP einen PTR-Eintrag auf einen Hostnamen "
        + "setzen, dessen Adresseintrag die IP enthält.")
    /// A 2048-bit DKIM key under a new selector.
    static let dkimKeySize = LocalizedText(
      en: "Have your mail service create a 2048-bit key and publish it under a new selector.",
      de: "Lassen Sie Ihren Versanddienst einen Schlüssel mit 2048 Bit erzeugen und "
        + "veröffentlichen Sie ihn unter einem neuen Selektor.")
    /// One valid SPF record and a DKIM key per sending service.
    static let spfAndDKIM = LocalizedText(
      en: "Publish one valid SPF record for the return-path domain and a DKIM key for every "
        + "service that sends.",
      de: "Veröffentlichen Sie einen gültigen SPF-Eintrag für die Return-Path-Domain und für "
        + "jeden Versanddienst einen DKIM-Schlüssel.")
    /// A DKIM key or a return path in your own domain.
    static let alignment = LocalizedText(
      en: "Publish the DKIM key of your mail service under your own domain, or have the "
        + "service use a return path below your domain (check it with --return-path).",
      de: "Veröffentlichen Sie den DKIM-Schlüssel Ihres Versanddienstes unter Ihrer eigenen "
        + "Domain, oder lassen Sie den Versanddienst eine Return-Path-Domain unterhalb Ihrer "
        + "Domain nutzen. Prüfen Sie diese mit --return-path.")
  }

  /// The shared texts of requirements DNS cannot decide.
  enum NotCheckable {
    static let tls = LocalizedText(
      en: "Whether the sending server uses TLS shows only in the SMTP session, not in DNS.",
      de: "Ob der sendende Server TLS nutzt, zeigt nur die SMTP-Sitzung, nicht das DNS.")
    static let spamRate = LocalizedText(
      en: "Complaint rates show in the provider's postmaster tools, not in DNS.",
      de: "Beschwerderaten zeigen die Postmaster-Werkzeuge des Anbieters, nicht das DNS.")
    static let volume = LocalizedText(
      en: "Sending volume and rate show in the provider's postmaster tools and in your logs, "
        + "not in DNS.",
      de: "Versandmenge und Versandrate zeigen die Postmaster-Werkzeuge des Anbieters und Ihre "
        + "Logs, nicht das DNS.")
    static let headers = LocalizedText(
      en: "List-Unsubscribe and List-Unsubscribe-Post are message headers, not DNS records.",
      de: "List-Unsubscribe und List-Unsubscribe-Post sind Header der Nachricht, keine "
        + "DNS-Einträge.")
    static let message = LocalizedText(
      en: "This is a property of the messages themselves; DNS cannot show it.",
      de: "Das ist eine Eigenschaft der Nachrichten selbst; das DNS kann es nicht zeigen.")
    static let infrastructure = LocalizedText(
      en: "Which IP addresses send, and how, shows in the SMTP session and your setup, not in "
        + "DNS.",
      de: "Welche IP-Adressen senden und wie, zeigen die SMTP-Sitzung und Ihre Einrichtung, "
        + "nicht das DNS.")
    static let website = LocalizedText(
      en: "A website is checked over HTTP, not DNS.",
      de: "Eine Website lässt sich nur per HTTP prüfen, nicht per DNS.")
  }

  /// The small zones the rows' examples use.
  enum Zones {
    static let soa = "@ SOA ns1 hostmaster 1 3600 600 86400 300\n"
    static let empty = soa + "@ A 192.0.2.80\n"
    static let spfOnly = soa + "@ TXT \"v=spf1 ip4:192.0.2.1 -all\"\n"
    static let dkimLine = DKIMRuleSupport.keyLine(
      "s1", "v=DKIM1; k=rsa; p=\(DKIMRuleSupport.Keys.rsa2048)")
    static let spfAndDKIM = spfOnly + dkimLine + "\n"
    static let dkimOnly = soa + "@ A 192.0.2.80\n" + dkimLine + "\n"
    static let complete =
      spfAndDKIM + "_dmarc TXT \"v=DMARC1; p=none; rua=mailto:dmarc@example.com\"\n"
    static let rejecting =
      spfAndDKIM + "_dmarc TXT \"v=DMARC1; p=reject; rua=mailto:dmarc@example.com\"\n"
    static let noPolicy = spfAndDKIM + "_dmarc TXT \"v=DMARC1; rua=mailto:dmarc@example.com\"\n"
    static let noRUA = spfAndDKIM + "_dmarc TXT \"v=DMARC1; p=none\"\n"
    static let openSPF = soa + "@ TXT \"v=spf1 ip4:192.0.2.1 +all\"\n"
    static let neutralSPF = soa + "@ TXT \"v=spf1 ip4:192.0.2.1 ?all\"\n"
    static let wideSPF = soa + "@ TXT \"v=spf1 ip4:10.0.0.0/8 -all\"\n"
    static let openInclude =
      soa + "@ TXT \"v=spf1 include:_open.example.com -all\"\n_open TXT \"v=spf1 +all\"\n"
    /// Forward and reverse names in one zone (see `IPRules.rootZone`; no SOA, so the zone's
    /// apex is the root).
    static let ptrBroken = IPRules.rootZone(
      """
      example.com. TXT "v=spf1 ip4:192.0.2.10 -all"
      """)
    static let ptrGood = IPRules.rootZone(
      """
      example.com. TXT "v=spf1 ip4:192.0.2.10 -all"
      mail.example.com. A 192.0.2.10
      10.2.0.192.in-addr.arpa. PTR mail.example.com.
      """)
    static let ptrGenericName = IPRules.rootZone(
      """
      example.com. TXT "v=spf1 ip4:192.0.2.10 -all"
      192-0-2-10.dsl.isp.example. A 192.0.2.10
      10.2.0.192.in-addr.arpa. PTR 192-0-2-10.dsl.isp.example.
      """)
    /// The sending IP of the reverse-DNS examples.
    static let ip = ["192.0.2.10"]
  }

  typealias Example = ProviderRequirement.Example
}
