import DNSLookup
import SenderAuthCore

/// What the message rules share: the prediction (computed once per context), the verdict that
/// passes without a message, the sending service, and the words for a DMARC policy's effect.
enum MessageRuleSupport {
  /// The prediction for the context's message, once per context.
  static func prediction(_ context: DomainContext) -> MessagePrediction? {
    // Memoized as a list: the memo cannot tell a stored nil from a missing value.
    context.memo.value("MessagePrediction", of: context) {
      [MessagePrediction(context: $0)].compactMap { $0 }
    }.first
  }

  /// The verdict of a message rule: pass without a message; else findings fail, failed
  /// lookups of the message (and the From domain's DMARC) make it unknown.
  static func verdict(_ rule: some Rule, _ context: DomainContext) -> Verdict {
    guard context.message != nil else { return .pass }
    let findings = rule.check(context)
    if !findings.isEmpty { return .fail(findings) }
    let failed = context.failures(in: rule.inputs)
    return failed.isEmpty ? .pass : .unknown(failed)
  }

  /// The ESP the message went through (its signature, envelope or sending IP is the ESP's).
  static func sender(_ context: DomainContext) -> ESPAnalysis? {
    ESPAnalysis.applying(context).first(where: \.sentMessage)
  }

  /// When the message went through one service while the domain is set up (DKIM complete)
  /// for others: the sentence that says so, else nil.
  static func otherService(_ context: DomainContext) -> LocalizedText? {
    guard let sender = sender(context) else { return nil }
    let others = ESPAnalysis.applying(context).filter {
      $0.esp.id != sender.esp.id && !$0.sentMessage && $0.satisfiedSetup != nil
    }.map(\.esp.name)
    guard !others.isEmpty else { return nil }
    let list = others.joined(separator: ", ")
    return LocalizedText(
      en: "the message came through \(sender.esp.name), while '\(context.domain.text)' is set "
        + "up for \(list): send through \(list) again, or set up \(sender.esp.name) as well",
      de: "die Nachricht kam über \(sender.esp.name), '\(context.domain.text)' ist aber für "
        + "\(list) eingerichtet: versenden Sie wieder über \(list), oder richten Sie zusätzlich "
        + "\(sender.esp.name) ein")
  }

  /// What receivers do with a message that fails DMARC under `policy` (nil: no record).
  static func effect(_ policy: String?, domain: String) -> LocalizedText {
    switch policy {
    case "reject":
      LocalizedText(
        en: "the policy 'reject' of '\(domain)' applies: receivers reject it",
        de: "es gilt die Richtlinie 'reject' von '\(domain)': empfangende Server weisen sie ab")
    case "quarantine":
      LocalizedText(
        en: "the policy 'quarantine' of '\(domain)' applies: receivers put it in spam or "
          + "quarantine, while the sending service counts it as delivered",
        de: "es gilt die Richtlinie 'quarantine' von '\(domain)': empfangende Server legen sie "
          + "im Spam-Ordner oder in Quarantäne ab, während der Versanddienst sie als zugestellt "
          + "zählt")
    case "none":
      LocalizedText(
        en: "the policy 'none' of '\(domain)' lets receivers deliver it, but it does not meet "
          + "the bulk-sender rules of Gmail, Yahoo and Outlook.com",
        de: "die Richtlinie 'none' von '\(domain)' lässt empfangende Server sie zustellen, sie "
          + "erfüllt aber die Regeln von Gmail, Yahoo und Outlook.com für Massenversender nicht")
    default:
      LocalizedText(
        en: "'\(domain)' has no DMARC policy, so receivers apply none, but the bulk-sender rules "
          + "of Gmail, Yahoo and Outlook.com require DMARC to pass",
        de: "'\(domain)' hat keine DMARC-Richtlinie, empfangende Server wenden also keine an; "
          + "die Regeln von Gmail, Yahoo und Outlook.com für Massenversender verlangen aber, dass "
          + "DMARC besteht")
    }
  }

  /// The location of the message's finding: the From domain's DMARC record, else the domain.
  static func location(_ context: DomainContext) -> Location {
    let name = (try? context.domain.prepending("_dmarc"))?.text ?? context.domain.text
    return Location(name: name, type: "message")
  }

  /// The changes an ESP's DKIM setup needs at the domain (its esp.dkim-missing fixes), merged.
  static func dkimChanges(_ analysis: ESPAnalysis, context: DomainContext) -> (
    add: [DNSChange], remove: [DNSChange]
  ) {
    let fixes = ESPDKIMMissingRule().findings(for: analysis, context: context).compactMap(\.fix)
    return (fixes.flatMap(\.add), fixes.flatMap(\.remove))
  }
}
