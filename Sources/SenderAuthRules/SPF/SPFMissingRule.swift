import DNSLookup
import SenderAuthCore

/// `spf.missing`: the domain publishes no SPF record, so receivers get `none` (RFC 7208 §4.5)
/// and cannot tell its servers from forgers.
public struct SPFMissingRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "spf.missing",
    title: LocalizedText(en: "No SPF record", de: "Kein SPF-Eintrag"),
    rationale: LocalizedText(
      en: "Without a TXT record starting with v=spf1, SPF checks of the domain end in 'none' "
        + "(RFC 7208 §4.5): receivers cannot tell the domain's own servers from forgers. Gmail, "
        + "Yahoo and Outlook.com require SPF from bulk senders and reject or junk mail without "
        + "it. A domain that sends no mail should say so with 'v=spf1 -all'.",
      de: "Ohne TXT-Eintrag, der mit v=spf1 beginnt, endet jede SPF-Prüfung der Domain mit 'none' "
        + "(RFC 7208 §4.5): empfangende Server können die eigenen Server der Domain nicht von "
        + "Fälschern unterscheiden. Gmail, Yahoo und Outlook.com verlangen SPF von "
        + "Massenversendern und weisen Mail ohne SPF ab oder sortieren sie als Spam ein. Eine "
        + "Domain, die keine Mail versendet, sagt das mit 'v=spf1 -all'."),
    howToFix: LocalizedText(
      en: "Publish one TXT record at the domain listing every service that sends its mail "
        + "(for example 'include:' of each provider) and ending in '~all' or '-all'; for a "
        + "domain that sends no mail, publish 'v=spf1 -all'.",
      de: "Veröffentlichen Sie einen TXT-Eintrag an der Domain, der jeden Dienst aufführt, der "
        + "ihre Mail versendet (etwa per 'include:' des Anbieters), und mit '~all' oder '-all' "
        + "endet; für eine Domain ohne Mailversand veröffentlichen Sie 'v=spf1 -all'."),
    references: [SPFRuleSupport.rfc("4.5"), SPFRuleSupport.rfc("3.1")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: """
          @  3600 IN A   192.0.2.10
          @  3600 IN TXT "google-site-verification=abc123"
          """, options: CheckOptions(parked: true), fixable: true),
      RuleExample(
        zone: """
          @  3600 IN MX  10 mail.example.com.
          mail 3600 IN A 192.0.2.25
          """),
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @  3600 IN TXT "v=spf1 mx -all"
          @  3600 IN MX  10 mail.example.com.
          mail 3600 IN A 192.0.2.25
          """)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    // A failed lookup is not a missing record (dns.lookup-failed reports it).
    guard case .answer(let answer) = context.spf.txt, context.spf.candidates.isEmpty else {
      return []
    }
    let owner = context.domain
    guard let fix = SPFRuleSupport.newRecordFix(context) else { return [] }
    let detail =
      answer.status == .nxdomain
      ? LocalizedText(en: " (the name does not exist)", de: " (der Name existiert nicht)")
      : LocalizedText(en: "", de: "")
    return [
      finding(
        LocalizedText(
          en: "'\(owner.text)' has no SPF record\(detail.en)",
          de: "'\(owner.text)' hat keinen SPF-Eintrag\(detail.de)"),
        at: Location(name: owner.text, type: "TXT"), fix: fix)
    ]
  }
}
