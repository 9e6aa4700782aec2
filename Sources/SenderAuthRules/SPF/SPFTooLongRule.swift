import DNSLookup
import SenderAuthCore

/// `spf.too-long`: the SPF record is over 450 octets, or the TXT answer at the name is over
/// 512 octets and no longer fits a classic UDP answer (RFC 7208 §3.4).
public struct SPFTooLongRule: Rule {
  public init() {}

  /// RFC 7208 §3.4: keep the record (name and TXT data) under this many octets.
  public static let advised = 450
  /// The classic DNS-over-UDP answer size (RFC 1035 §4.2.1).
  public static let udp = 512

  public let description = RuleDescription(
    id: "spf.too-long",
    title: LocalizedText(en: "SPF record too long", de: "SPF-Eintrag zu lang"),
    rationale: LocalizedText(
      en: "RFC 7208 §3.4 advises keeping the SPF answer small enough for one UDP packet: the "
        + "name and the TXT data under 450 octets. Larger answers over 512 octets need EDNS or "
        + "a retry over TCP; resolvers and firewalls that handle these badly make the lookup "
        + "fail, and the check ends in 'temperror'. Other TXT records at the same name are part "
        + "of the same answer and count too.",
      de: "RFC 7208 §3.4 rät, die SPF-Antwort klein genug für ein UDP-Paket zu halten: Name "
        + "und TXT-Daten unter 450 Oktetten. Antworten über 512 Oktetten brauchen EDNS oder "
        + "eine Wiederholung über TCP; Resolver und Firewalls, die das schlecht beherrschen, "
        + "lassen die Abfrage scheitern, und die Prüfung endet mit 'temperror'. Andere "
        + "TXT-Einträge unter demselben Namen gehören zur selben Antwort und zählen mit."),
    howToFix: LocalizedText(
      en: "Shorten the record: merge adjacent ip4 ranges into CIDR blocks, drop senders no "
        + "longer used, move groups of addresses into an included record of a subdomain, and "
        + "remove stale TXT records at the same name.",
      de: "Kürzen Sie den Eintrag: fassen Sie benachbarte ip4-Adressen zu CIDR-Blöcken "
        + "zusammen, streichen Sie nicht mehr genutzte Versender, lagern Sie Adressgruppen in "
        + "einen eingebundenen Eintrag einer Subdomain aus und entfernen Sie veraltete "
        + "TXT-Einträge unter demselben Namen."),
    references: [SPFRuleSupport.rfc("3.4"), .rfc(1035, section: "4.2.1")],
    severity: .warning,
    triggering: [RuleExample(zone: SPFTooLongRule.longZone(terms: 39))],
    nonTriggering: [RuleExample(zone: SPFTooLongRule.longZone(terms: 20))])

  /// A zone whose apex record lists `terms` ip4 addresses, split into 255-octet strings
  /// (as octets: made at every start with the catalog, a split over an array of Characters
  /// took 1.5 M instructions, a third of the rules' setup).
  static func longZone(terms: Int) -> String {
    let text =
      "v=spf1 " + (1...terms).map { "ip4:192.0.2.\($0)" }.joined(separator: " ") + " -all"
    return "@ 3600 IN TXT ( " + RuleExample.txtData(text) + " )"
  }

  public func check(_ context: DomainContext) -> [Finding] {
    guard let apex = SPFRuleSupport.record(context), let answer = context.spf.txt.answer else {
      return []
    }
    let recordOctets = apex.candidate.text.utf8.count
    // The owner name, and per TXT record its character-strings with their length octets.
    let answerOctets =
      apex.candidate.record.name.text.utf8.count
      + answer.txtStrings.reduce(0) { sum, strings in
        sum + strings.reduce(0) { $0 + 1 + $1.count }
      }
    let owner = apex.candidate.record.name.text
    if answerOctets > Self.udp {
      return [
        finding(
          LocalizedText(
            en: "TXT answer at '\(owner)' is \(answerOctets) octets (the SPF record "
              + "\(recordOctets)); over \(Self.udp) it no longer fits a classic UDP answer",
            de: "TXT-Antwort unter '\(owner)' ist \(answerOctets) Oktette groß (der "
              + "SPF-Eintrag \(recordOctets)); über \(Self.udp) passt sie nicht mehr in eine "
              + "klassische UDP-Antwort"),
          at: SPFRuleSupport.location(apex.candidate))
      ]
    }
    guard recordOctets + owner.utf8.count > Self.advised else { return [] }
    return [
      finding(
        LocalizedText(
          en: "SPF record of '\(owner)' is \(recordOctets) octets; RFC 7208 advises keeping "
            + "name and record under \(Self.advised)",
          de: "SPF-Eintrag von '\(owner)' ist \(recordOctets) Oktette lang; RFC 7208 rät, Name "
            + "und Eintrag unter \(Self.advised) zu halten"),
        at: SPFRuleSupport.location(apex.candidate))
    ]
  }
}
