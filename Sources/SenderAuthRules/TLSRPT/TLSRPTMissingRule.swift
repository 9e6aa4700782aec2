import DNSLookup
import SenderAuthCore

/// `tls-rpt.missing`: the domain publishes MTA-STS but no TLS-RPT record, so it never learns
/// when senders fail to reach its MX hosts securely (RFC 8460 §1, RFC 8461 §5).
public struct TLSRPTMissingRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "tls-rpt.missing",
    title: LocalizedText(
      en: "MTA-STS without TLS reporting", de: "MTA-STS ohne TLS-Berichte"),
    rationale: LocalizedText(
      en: """
        TLS-RPT (RFC 8460) makes senders report daily how their TLS connections to the \
        domain's MX hosts fared, including MTA-STS policy failures. In mode testing these \
        reports are the only result MTA-STS gives (RFC 8461 §5); in mode enforce they show \
        mail that was not delivered because of a certificate or policy problem.
        """,
      de: """
        Mit TLS-RPT (RFC 8460) melden sendende Mailserver täglich, wie ihre TLS-Verbindungen zu den \
        MX-Hosts der Domain verliefen, einschließlich Fehlern der MTA-STS-Richtlinie. Bei \
        mode testing sind diese Berichte das einzige Ergebnis von MTA-STS (RFC 8461 §5); bei \
        mode enforce zeigen sie Mails, die wegen eines Zertifikats- oder Richtlinienfehlers \
        nicht zugestellt wurden.
        """),
    howToFix: LocalizedText(
      en: "Publish 'v=TLSRPTv1; rua=mailto:<address>' at _smtp._tls.<domain>.",
      de: "Veröffentlichen Sie 'v=TLSRPTv1; rua=mailto:<Adresse>' unter _smtp._tls.<Domain>."),
    references: [.rfc(8460, section: "3"), .rfc(8461, section: "5")],
    severity: .note,
    triggering: [
      RuleExample(zone: MTASTSRuleSupport.zone(), fixable: true),
      RuleExample(
        zone: MTASTSRuleSupport.zone(),
        web: MTASTSRuleSupport.web(MTASTSRuleSupport.policy(mode: "testing"))),
    ],
    nonTriggering: [
      RuleExample(
        zone: MTASTSRuleSupport.zone("_smtp._tls TXT \"v=TLSRPTv1; rua=mailto:tls@example.com\"")
      ),
      RuleExample(zone: TLSRPTRuleSupport.zone(nil)),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard !context.mtaSTS.records.isEmpty, context.tlsRPT.txt?.answer != nil,
      context.tlsRPT.records.isEmpty, let owner = context.tlsRPT.recordName
    else { return [] }
    let testing = context.mtaSTS.policy?.mode == .testing
    return [
      finding(
        LocalizedText(
          en: "'\(context.domain.text)' publishes MTA-STS but no TLS-RPT record at "
            + "'\(owner.text)'"
            + (testing
              ? "; in mode testing the reports are all MTA-STS gives"
              : "; failed deliveries stay unnoticed"),
          de: "'\(context.domain.text)' veröffentlicht MTA-STS, aber keinen TLS-RPT-Eintrag "
            + "unter '\(owner.text)'"
            + (testing
              ? "; bei mode testing sind die Berichte alles, was MTA-STS liefert"
              : "; gescheiterte Zustellungen bleiben unbemerkt")),
        at: Location(name: owner.text, type: "TXT"),
        fix: Fix(
          explanation: LocalizedText(
            en: "Publish a TLS-RPT record." + TLSRPTRuleSupport.placeholderNote.en,
            de: "Veröffentlichen Sie einen TLS-RPT-Eintrag." + TLSRPTRuleSupport.placeholderNote.de),
          add: [
            DNSChange(
              owner: owner, type: .txt,
              value: "v=TLSRPTv1; rua=\(TLSRPTRuleSupport.placeholder(context.domain))")
          ]),
        severity: testing ? .warning : nil)
    ]
  }
}
