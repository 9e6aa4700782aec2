import DNSLookup
import SenderAuthCore

/// `message.spf-fail`: the sending IP of the message of `check --message` does not pass SPF
/// for its envelope domain with today's DNS.
public struct MessageSPFFailRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "message.spf-fail",
    title: LocalizedText(
      en: "The message's sending IP does not pass SPF",
      de: "Die Versand-IP der Nachricht besteht SPF nicht"),
    rationale: LocalizedText(
      en: """
        Receivers check SPF for the envelope sender (Return-Path) the message came with, from \
        the address that handed it over (RFC 7208 §2.4). An address the record does not list \
        gets 'fail' or 'softfail': under '-all' some receivers reject the message at once, and \
        DMARC can then only pass through DKIM. A sending service's address is authorized by \
        its include or its own return path, never by pinning the address.
        """,
      de: """
        Empfangende Server prüfen SPF für die Return-Path-Domain der Nachricht, von der \
        Adresse, die sie angeliefert hat (RFC 7208 §2.4). Eine Adresse, die der Eintrag nicht \
        nennt, ergibt 'fail' oder 'softfail': bei '-all' weisen manche Server die Nachricht \
        sofort ab, und DMARC kann dann nur noch über DKIM bestehen. Die Adresse eines \
        Versanddienstes erlaubt sein include oder sein eigener Return-Path, nie die einzelne \
        Adresse.
        """),
    howToFix: LocalizedText(
      en: "Add the sending service's include to the envelope domain's SPF record (or, for your "
        + "own server, its address); for a service with its own return path, set that up.",
      de:
        "Ergänzen Sie im SPF-Eintrag der Return-Path-Domain den include-Mechanismus des Versanddienstes "
        + "(für einen eigenen Server dessen Adresse); bei einem Dienst mit eigenem Return-Path "
        + "richten Sie diesen ein."),
    references: [.rfc(7208, section: "2.4"), .rfc(7208, section: "4")],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: #"@ 3600 IN TXT "v=spf1 mx -all""#, otherZones: [ESPExampleZones.microsoft365],
        message: """
          Return-Path: <anna@example.com>
          Received-SPF: fail client-ip=40.92.4.20;
          DKIM-Signature: v=1; d=example.com; s=selector1; a=rsa-sha256; h=from; bh=x; b=y
          From: Anna <anna@example.com>
          """, fixable: true)
    ],
    nonTriggering: [
      RuleExample(
        zone: #"@ 3600 IN TXT "v=spf1 include:spf.protection.outlook.com -all""#,
        otherZones: [ESPExampleZones.microsoft365],
        message: """
          Return-Path: <anna@example.com>
          Received-SPF: pass client-ip=40.92.4.20;
          From: Anna <anna@example.com>
          """)
    ])

  public func evaluate(_ context: DomainContext) -> Verdict {
    MessageRuleSupport.verdict(self, context)
  }

  public func check(_ context: DomainContext) -> [Finding] {
    guard let prediction = MessageRuleSupport.prediction(context),
      let domain = prediction.spf.domain, let ipText = prediction.spf.ip,
      ["fail", "softfail", "neutral", "none", "permerror"].contains(prediction.spf.result)
    else { return [] }
    let result = prediction.spf.result
    let matched = prediction.spf.matchedTerm.map { " (matched '\($0)')" } ?? ""
    let matchedDE = prediction.spf.matchedTerm.map { " (Treffer '\($0)')" } ?? ""
    var en = "The message's sending IP '\(ipText)' gets SPF '\(result)' for '\(domain)'\(matched)"
    var de =
      "Die Versand-IP '\(ipText)' der Nachricht erhält SPF '\(result)' für '\(domain)'"
      + matchedDE
    let owner = IPAddress(ipText).flatMap { ESPAddresses.owner(of: $0, in: context) }
    var fix: Fix?
    let envelope = try? DomainName(domain)
    if let owner {
      en += "; it is a \(owner.esp.name) address (\(owner.term))"
      de += "; die Adresse gehört \(owner.esp.name) (\(owner.term))"
    }
    if let envelope, let owner, owner.esp.owns(envelope) {
      en += ", and '\(domain)' is \(owner.esp.name)'s own domain: only \(owner.esp.name) can fix it"
      de +=
        ", und '\(domain)' ist eine Domain von \(owner.esp.name): nur \(owner.esp.name) kann "
        + "das beheben"
    } else if envelope == context.domain {
      fix = SPFRuleSupport.correction(
        context,
        lead: owner.map { owner in
          LocalizedText(
            en: "Add \(owner.esp.name)'s include to the SPF record of '\(domain)', not the "
              + "single address",
            de:
              "Ergänzen Sie den include-Mechanismus von \(owner.esp.name) im SPF-Eintrag von '\(domain)', "
              + "nicht die einzelne Adresse")
        }
          ?? LocalizedText(
            en: "Authorize the sending server in the SPF record of '\(domain)'",
            de: "Erlauben Sie den sendenden Server im SPF-Eintrag von '\(domain)'"))
    }
    // An error when SPF is what DMARC would rest on: the envelope aligns and DKIM does not pass.
    let dkimPasses = prediction.dkim.contains { $0.keyFound == true && $0.aligned == true }
    let severity: Severity =
      prediction.spf.aligned == true && !dkimPasses && ["fail", "permerror"].contains(result)
      ? .error : .warning
    return [
      finding(
        LocalizedText(en: en, de: de), at: Location(name: domain, type: "TXT"), fix: fix,
        severity: severity)
    ]
  }
}
