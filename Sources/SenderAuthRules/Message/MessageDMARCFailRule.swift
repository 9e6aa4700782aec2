import DNSLookup
import SenderAuthCore

/// `message.dmarc-fail`: the message of `check --message` fails DMARC with today's DNS: neither
/// SPF nor DKIM passes for a domain that aligns with From.
public struct MessageDMARCFailRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "message.dmarc-fail",
    title: LocalizedText(
      en: "The message fails DMARC", de: "Die Nachricht besteht DMARC nicht"),
    rationale: LocalizedText(
      en: """
        DMARC passes only when SPF passes for an envelope domain, or DKIM for a signing domain \
        (d=), that aligns with the From domain (RFC 9989 §4.4). A sending service that signs \
        with another domain than the one in From (a sending domain connected for another \
        brand, its own domain) makes every such message fail: with 'quarantine' it lands in \
        spam while the service's statistics say delivered, with 'reject' it bounces.
        """,
      de: """
        DMARC besteht nur, wenn SPF für eine Return-Path-Domain oder DKIM für eine \
        Signaturdomain (d=) besteht, die zur Absenderdomain passt (RFC 9989 §4.4). Ein \
        Versanddienst, der mit einer anderen Domain signiert als der im From (einer für eine \
        andere Marke verbundenen Domain, seiner eigenen), lässt jede solche Nachricht \
        scheitern: mit 'quarantine' landet sie im Spam-Ordner, während die Statistik des \
        Versanddienstes 'zugestellt' meldet, mit 'reject' wird sie abgewiesen.
        """),
    howToFix: LocalizedText(
      en: "Let the sending service sign for the From domain (publish the DKIM records it shows "
        + "for that domain), or send From the domain it signs for.",
      de: "Lassen Sie den Versanddienst für die Absenderdomain signieren (veröffentlichen Sie "
        + "die DKIM-Einträge, die er für diese Domain anzeigt), oder versenden Sie mit der "
        + "Domain im From, für die er signiert."),
    references: [
      .rfc(9989, section: "4.4"), .rfc(6376, section: "3.5"),
      Reference(
        title: "HubSpot: Manage your email authentication",
        url: "https://knowledge.hubspot.com/domains-and-urls/connect-your-email-sending-domain",
        read: "2025-05-15"),
    ],
    severity: .error,
    triggering: [
      MessageExamples.example(MessageExamples.misaligned)
    ],
    nonTriggering: [
      MessageExamples.example(MessageExamples.aligned),
      RuleExample(zone: MessageExamples.zone),
    ])

  public func evaluate(_ context: DomainContext) -> Verdict {
    MessageRuleSupport.verdict(self, context)
  }

  public func check(_ context: DomainContext) -> [Finding] {
    guard let prediction = MessageRuleSupport.prediction(context), prediction.dmarc.result == .fail
    else { return [] }
    let from = prediction.from
    var partsEN: [String] = []
    var partsDE: [String] = []
    let spf = prediction.spf
    if let domain = spf.domain, spf.result != "unknown" {
      if spf.result == SPFResult.pass.rawValue {
        partsEN.append("SPF passes for '\(domain)', which does not align with '\(from)'")
        partsDE.append("SPF besteht für '\(domain)', das nicht zur Absenderdomain passt")
      } else {
        partsEN.append("SPF gives '\(spf.result)' for '\(domain)'")
        partsDE.append("SPF ergibt '\(spf.result)' für '\(domain)'")
      }
    } else {
      partsEN.append("SPF cannot be predicted (no envelope sender or sending IP in the headers)")
      partsDE.append(
        "SPF lässt sich nicht vorhersagen (kein Return-Path oder keine Versand-IP in den Headern)")
    }
    if prediction.dkim.isEmpty {
      partsEN.append("it carries no DKIM signature")
      partsDE.append("sie trägt keine DKIM-Signatur")
    }
    for signature in prediction.dkim {
      let signer = "d=\(signature.domain ?? "?")"
      if signature.keyFound == true {
        partsEN.append("DKIM is signed as \(signer), which does not align with '\(from)'")
        partsDE.append("DKIM ist als \(signer) signiert, das nicht zur Absenderdomain passt")
      } else {
        partsEN.append(
          "the DKIM signature \(signer) s=\(signature.selector ?? "?") cannot verify"
            + (signature.problem.map { ": " + $0.en } ?? ""))
        partsDE.append(
          "die DKIM-Signatur \(signer) s=\(signature.selector ?? "?") kann nicht bestehen"
            + (signature.problem.map { ": " + $0.de } ?? ""))
      }
    }
    if let other = MessageRuleSupport.otherService(context) {
      partsEN.append(other.en)
      partsDE.append(other.de)
    }
    let effect = MessageRuleSupport.effect(prediction.dmarc.policy, domain: from)
    let severity: Severity =
      ["quarantine", "reject"].contains(prediction.dmarc.policy ?? "") ? .error : .warning
    // A signature that would align but has no usable key is the cause: its own finding
    // (message.dkim-key-missing) carries the fix, and this one is folded into it.
    let keyCause = prediction.dkim.contains { $0.aligned == true && $0.keyFound == false }
    return [
      finding(
        LocalizedText(
          en: "This message fails DMARC: From is '\(from)'; " + partsEN.joined(separator: "; ")
            + "; " + effect.en,
          de: "Diese Nachricht besteht DMARC nicht: From ist '\(from)'; "
            + partsDE.joined(separator: "; ") + "; " + effect.de),
        at: MessageRuleSupport.location(context), fix: fix(prediction, context: context),
        severity: severity, causes: keyCause ? ["message.dkim-key-missing"] : [])
    ]
  }

  /// Connect the From domain at the service that sent the message (its DKIM records, and its
  /// include where its mail uses the domain as envelope), or send From the domain it signs for.
  func fix(_ prediction: MessagePrediction, context: DomainContext) -> Fix? {
    let from = prediction.from
    // Sending From the signer's domain is advice only for a domain the customer can send
    // From: not a service's own (`amazonses.com`, `mcsv.net`, a tenant's `onmicrosoft.com`).
    let signer = prediction.dkim.first { signature in
      guard signature.keyFound == true, signature.aligned == false,
        let name = signature.domain.flatMap({ try? DomainName($0) })
      else { return false }
      return !ESPCatalog.all.contains { $0.owns(name) }
    }?.domain
    let instead = signer.map {
      LocalizedText(
        en: " Or send From '\($0)', the domain the message is signed for now.",
        de: " Oder versenden Sie mit '\($0)' im From, der Domain, für die die Nachricht jetzt "
          + "signiert ist.")
    }
    guard let sender = MessageRuleSupport.sender(context) else {
      return Fix(
        explanation: LocalizedText(
          en: "Publish a DKIM key for '\(from)' at the service that sent this message, so that "
            + "it signs as d=\(from)." + (instead?.en ?? ""),
          de: "Veröffentlichen Sie beim Versanddienst, der diese Nachricht verschickt hat, einen "
            + "DKIM-Schlüssel für '\(from)', damit er als d=\(from) signiert."
            + (instead?.de ?? "")))
    }
    let esp = sender.esp
    var (add, remove) = MessageRuleSupport.dkimChanges(sender, context: context)
    if esp.envelopeAtDomain, prediction.spf.domain == context.domain.text,
      prediction.spf.result != SPFResult.pass.rawValue,
      let correction = SPFRuleSupport.correction(
        context, lead: LocalizedText(en: "", de: ""))
    {
      add += correction.add
      remove += correction.remove
    }
    let what =
      add.isEmpty
      ? LocalizedText(
        en: "publish the DKIM key \(esp.name) shows for '\(from)' (\(esp.whereToFind.en))",
        de: "veröffentlichen Sie den DKIM-Schlüssel, den \(esp.name) für '\(from)' anzeigt "
          + "(\(esp.whereToFind.de))")
      : LocalizedText(
        en: "publish these records (\(esp.whereToFind.en))",
        de: "veröffentlichen Sie diese Einträge (\(esp.whereToFind.de))")
    return Fix(
      explanation: LocalizedText(
        en: "Connect '\(from)' as sending domain in \(esp.name): \(what.en); then \(esp.name) "
          + "signs as d=\(from)." + (instead?.en ?? ""),
        de: "Verbinden Sie '\(from)' in \(esp.name) als Domain für den E-Mail-Versand: "
          + "\(what.de); dann signiert \(esp.name) als d=\(from)." + (instead?.de ?? "")),
      add: add, remove: remove)
  }
}
