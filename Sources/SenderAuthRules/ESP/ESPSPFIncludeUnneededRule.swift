import DNSLookup
import SenderAuthCore

/// `esp.spf-include-unneeded`: the domain's SPF record includes an ESP whose mail never uses
/// the domain as envelope sender, so the include burns DNS lookups without passing or aligning.
public struct ESPSPFIncludeUnneededRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "esp.spf-include-unneeded",
    title: LocalizedText(
      en: "An SPF include for an ESP is not needed at this domain",
      de: "Ein include-Mechanismus für einen Versanddienst ist an dieser Domain unnötig"),
    rationale: LocalizedText(
      en: """
        SPF is evaluated for the envelope (Return-Path) domain. Mailchimp, Mandrill, Postmark, \
        Amazon SES, Brevo, and SendGrid with automated security bounce to their own domain or \
        to a subdomain of yours, so an include at your apex is never consulted for their mail: \
        it only spends the 10-lookup budget (RFC 7208 §4.6.4) that other senders need.
        """,
      de: """
        SPF wird für die Return-Path-Domain (Umschlagabsender) ausgewertet. Mailchimp, Mandrill, \
        Postmark, Amazon SES, Brevo und SendGrid mit automatischer Sicherheit nutzen dafür eine \
        eigene Domain oder eine Subdomain Ihrer Domain; ein include an Ihrer Hauptdomain wird für \
        deren Mails nie befragt und verbraucht nur das Budget von 10 Abfragen (RFC 7208 §4.6.4), \
        das andere Absender brauchen.
        """),
    howToFix: LocalizedText(
      en: """
        Remove the include. When the record is over the lookup limit, remove these first, \
        before flattening anything.
        """,
      de: """
        Entfernen Sie das Include. Liegt der Eintrag über dem Abfragelimit, entfernen Sie \
        diese zuerst, bevor Sie etwas auflösen (flatten).
        """),
    references: [
      Reference(
        title: "SendGrid support: SPF include not needed with automated security",
        url: "https://support.sendgrid.com/hc/en-us/articles/21415314709147"),
      Reference(title: "dmarc.wiki: Mailchimp", url: "https://dmarc.wiki/mailchimp"),
      .rfc(7208, section: "4.6.4"),
    ],
    severity: .note,
    triggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ TXT "v=spf1 include:servers.mcsv.net include:spf.mandrillapp.com -all"
          """, fixable: true),
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ TXT ( "v=spf1 include:servers.mcsv.net include:s1.example.com"
                  " include:s2.example.com include:s3.example.com include:s4.example.com"
                  " include:s5.example.com include:s6.example.com include:s7.example.com"
                  " include:s8.example.com include:s9.example.com include:s10.example.com -all" )
          s1 TXT "v=spf1 -all"
          s2 TXT "v=spf1 -all"
          s3 TXT "v=spf1 -all"
          s4 TXT "v=spf1 -all"
          s5 TXT "v=spf1 -all"
          s6 TXT "v=spf1 -all"
          s7 TXT "v=spf1 -all"
          s8 TXT "v=spf1 -all"
          s9 TXT "v=spf1 -all"
          s10 TXT "v=spf1 -all"
          """, fixable: true),
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ TXT "v=spf1 include:sendgrid.net -all"
          """),
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ TXT "v=spf1 include:spf.mailjet.com -all"
          """),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let current = context.spf.candidates.first else { return [] }
    let unneeded = ESPSPFEdits.unneededIncludes(context)
    guard !unneeded.isEmpty else { return [] }
    let rootTerms = context.spf.tree?.root.terms ?? []
    let saved = unneeded.reduce(0) { sum, item in
      sum + (rootTerms.first { $0.text.lowercased() == item.term }?.totalLookups ?? 1)
    }
    let total = context.spf.tree?.lookups ?? 0
    let listEN = unneeded.map { "'\($0.term)' (\($0.esp.name))" }.joined(separator: ", ")
    let one = unneeded.count == 1
    var en =
      "SPF record of '\(context.domain.text)' includes \(listEN), which never "
      + (one
        ? "makes SPF pass or align: the ESP uses its own"
        : "make SPF pass or align: those ESPs use their own")
      + " return path; removing \(one ? "it" : "them") saves \(saved) DNS lookup(s)"
    var de =
      "SPF-Eintrag von '\(context.domain.text)' bindet \(listEN) ein; damit besteht SPF nie und "
      + "passt nie zur Absenderdomain, da \(one ? "der Versanddienst" : "diese Versanddienste") "
      + "einen eigenen Return-Path \(one ? "nutzt" : "nutzen"); ohne \(one ? "ihn" : "sie") "
      + "braucht "
      + "der SPF-Eintrag \(saved) \(saved == 1 ? "DNS-Abfrage" : "DNS-Abfragen") weniger"
    var severity = Severity.note
    if ESPSPFEdits.unneededIncludesMustGo(context) {
      severity = .warning
      en += " (the record needs \(total), the limit is 10; after removal \(total - saved))"
      de += " (der Eintrag braucht \(total), erlaubt sind 10; danach \(total - saved))"
    }
    let terms = unneeded.map { "'\($0.term)'" }.joined(separator: ", ")
    let fix = SPFRuleSupport.correction(
      context, removingUnneededIncludes: true,
      lead: LocalizedText(
        en: "Remove \(terms); every other term stays. Do this before flattening",
        de: "Entfernen Sie \(terms); alle anderen Mechanismen bleiben. Tun Sie das vor jedem "
          + "Auflösen (Flattening)"))
    return [
      finding(
        LocalizedText(en: en, de: de), at: Location(record: current.record, text: current.text),
        fix: fix,
        severity: severity)
    ]
  }
}
