import DNSLookup
import SenderAuthCore

/// `alignment.none`: neither SPF nor DKIM can align with the From domain, so DMARC cannot pass.
public struct AlignmentNoneRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "alignment.none",
    title: LocalizedText(
      en: "Nothing can align with the From domain",
      de: "Weder SPF noch DKIM kann zur Absenderdomain passen"),
    rationale: LocalizedText(
      en: "DMARC passes only when SPF passes for an envelope (Return-Path) domain, or DKIM for a "
        + "signing domain, that has the same organizational domain as the From domain (relaxed) "
        + "or is identical to it (strict, adkim=s/aspf=s). Gmail, Yahoo and Microsoft require "
        + "this of bulk senders (Gmail 4.7.32). An ESP's own bounce domain never aligns.",
      de: "DMARC besteht nur, wenn SPF für eine Return-Path-Domain (Umschlagabsender) oder DKIM "
        + "für eine Signaturdomain besteht, die dieselbe Organisationsdomain wie die "
        + "Absenderdomain hat (relaxed) oder mit ihr identisch ist (strict, adkim=s/aspf=s). "
        + "Gmail, Yahoo und Microsoft verlangen das von Massenversendern (Gmail 4.7.32). Die "
        + "eigene Return-Path-Domain eines Versanddienstes passt nie zur Absenderdomain."),
    howToFix: LocalizedText(
      en: "Publish the DKIM keys your sending service gives you under your domain (and pass the "
        + "selector with --selector), or use a custom Return-Path under your domain with an SPF "
        + "record.",
      de: "Veröffentlichen Sie die DKIM-Schlüssel Ihres Versanddienstes unter Ihrer Domain (und "
        + "geben Sie den Selektor mit --selector an) oder nutzen Sie einen eigenen Return-Path "
        + "unter Ihrer Domain mit SPF-Eintrag."),
    references: [
      DMARCRuleSupport.rfc9989("3.2.10"), DMARCRuleSupport.rfc9989("4.4"),
      DMARCRuleSupport.rfc9989("4.10.2"), DMARCRuleSupport.gmailGuidelines,
    ],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: """
          $ORIGIN example.com.
          @       3600 IN MX  10 mail.example.com.
          _dmarc  3600 IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@example.com"
          """),
      RuleExample(
        zone: """
          $ORIGIN example.com.
          @       3600 IN MX  10 mail.example.com.
          _dmarc  3600 IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@example.com"
          bounce  3600 IN TXT "v=spf1 include:_spf.esp.example -all"
          """, options: CheckOptions(returnPath: try? DomainName("bounces.esp.example"))),
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          $ORIGIN example.com.
          @       3600 IN MX  10 mail.example.com.
          @       3600 IN TXT "v=spf1 mx -all"
          _dmarc  3600 IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@example.com"
          """),
      RuleExample(
        zone: """
          $ORIGIN example.com.
          @       3600 IN MX  10 mail.example.com.
          _dmarc  3600 IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@example.com"
          bounce  3600 IN TXT "v=spf1 include:_spf.esp.example -all"
          """, options: CheckOptions(returnPath: try? DomainName("bounce.example.com"))),
      // The envelope domain's TXT lookup failed: whether it has SPF is unknown, not "no".
      RuleExample(
        zone: """
          $ORIGIN example.com.
          bounce  3600 IN TXT "v=spf1 mx -all"
          _dmarc  3600 IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@example.com"
          """, options: CheckOptions(returnPath: try? DomainName("bounce.example.com")),
        failing: ["bounce.example.com"]),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard !context.options.parked else { return [] }
    // A failed lookup leaves alignment unknown, not absent: of the envelope domain's SPF record
    // (nothing may read as "no usable SPF record"), of a DKIM selector, or of the DMARC walk
    // that gives the organizational domain and the alignment modes. dns.lookup-failed reports
    // it.
    guard context.dkim.failures.isEmpty, !context.dmarc.discovery.incomplete else { return [] }
    let alignment = DMARCRuleSupport.alignment(context)
    guard !alignment.anyAligns, !alignment.spfUnknown else { return [] }
    var reasonsEN: [String] = []
    var reasonsDE: [String] = []
    for candidate in alignment.candidates where candidate.mechanism == .spf {
      let org = candidate.organizationalDomain?.text ?? candidate.domain.text
      if !candidate.canAuthenticate {
        reasonsEN.append("envelope domain '\(candidate.domain.text)' has no usable SPF record")
        reasonsDE.append(
          "Return-Path-Domain '\(candidate.domain.text)' hat keinen gültigen SPF-Eintrag")
      } else if alignment.spfMode == .strict && !candidate.strict && candidate.relaxed {
        reasonsEN.append("envelope domain '\(candidate.domain.text)' is not identical (aspf=s)")
        reasonsDE.append(
          "Return-Path-Domain '\(candidate.domain.text)' ist nicht identisch (aspf=s)")
      } else {
        reasonsEN.append(
          "envelope domain '\(candidate.domain.text)' belongs to organizational domain '\(org)'")
        reasonsDE.append(
          "Return-Path-Domain '\(candidate.domain.text)' gehört zur Organisationsdomain '\(org)'")
      }
    }
    let dkim = alignment.candidates.filter { $0.mechanism == .dkim }
    if dkim.isEmpty, !context.dkim.found.isEmpty {
      let text = ProviderChecks.dkimMissingText(context)
      reasonsEN.append(text.en)
      reasonsDE.append(text.de)
    } else if dkim.isEmpty {
      reasonsEN.append("no DKIM key was found for the selectors tried")
      reasonsDE.append("für die geprüften Selektoren wurde kein DKIM-Schlüssel gefunden")
    } else {
      let names = dkim.map { "'\($0.domain.text)'" }.joined(separator: ", ")
      reasonsEN.append("DKIM signing domains \(names) do not align")
      reasonsDE.append("die DKIM-Signaturdomains \(names) passen nicht zur Absenderdomain")
    }
    let from = context.domain.text
    let org = alignment.fromOrganizationalDomain.text
    return [
      finding(
        LocalizedText(
          en: "Neither SPF nor DKIM can align with '\(from)' (organizational domain '\(org)'): "
            + reasonsEN.joined(separator: "; "),
          de: "Weder SPF noch DKIM kann zu '\(from)' (Organisationsdomain '\(org)') passen: "
            + reasonsDE.joined(separator: "; ")),
        at: Location(name: from, type: "TXT"))
    ]
  }
}
