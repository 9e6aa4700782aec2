import DNSLookup
import SenderAuthCore

/// `spf.macro-unverifiable`: a term's target holds a macro, so it depends on each message and
/// cannot be checked from DNS alone (RFC 7208 §7).
public struct SPFMacroUnverifiableRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "spf.macro-unverifiable",
    title: LocalizedText(
      en: "SPF term with a macro cannot be checked", de: "SPF-Mechanismus mit Makro nicht prüfbar"),
    rationale: LocalizedText(
      en: "Macros such as %{i} (the sending address) or %{l} (the sender's local part) are "
        + "expanded per message (RFC 7208 §7), so the name such a term queries is unknown "
        + "until a message arrives. The term is counted as one DNS lookup, but whether its "
        + "target exists, and how many lookups or void lookups it causes below, cannot be "
        + "known here. Use 'senderauth spf DOMAIN --ip ADDRESS --sender ADDRESS' to evaluate "
        + "it for one message.",
      de: "Makros wie %{i} (die Versand-IP) oder %{l} (der lokale Teil des Absenders) werden pro "
        + "Nachricht eingesetzt (RFC 7208 §7); welchen Namen ein solcher Mechanismus abfragt, "
        + "steht erst fest, wenn eine Nachricht kommt. Der Mechanismus wird als eine DNS-Abfrage "
        + "gezählt, aber ob sein Ziel existiert und wie viele (leere) Abfragen er darunter "
        + "auslöst, lässt sich hier nicht wissen. Mit 'senderauth spf DOMAIN --ip ADRESSE "
        + "--sender ADRESSE' lässt er sich für eine Nachricht auswerten."),
    howToFix: LocalizedText(
      en: "Nothing to fix if the macro is intended (many providers use them); evaluate the "
        + "record with a sending address to see the term at work.",
      de: "Nichts zu tun, wenn das Makro gewollt ist (viele Anbieter nutzen sie); werten Sie den "
        + "Eintrag mit einer Versand-IP aus, um den Mechanismus zu sehen."),
    references: [SPFRuleSupport.rfc("7"), SPFRuleSupport.rfc("4.6.4")],
    severity: .note,
    triggering: [
      RuleExample(zone: #"@ 3600 IN TXT "v=spf1 exists:%{i}._spf.example.com -all""#)
    ],
    nonTriggering: [
      RuleExample(zone: #"@ 3600 IN TXT "v=spf1 ip4:192.0.2.0/24 -all exp=_exp.%{d}""#)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let tree = context.spf.tree else { return [] }
    let counted = tree.terms(with: .macro).filter { $0.term.name != "exp" && $0.term.lookups > 0 }
    return counted.map { node, term in
      finding(
        LocalizedText(
          en: "'\(term.text)' of '\(node.domain)' holds a macro: counted as one DNS lookup, its "
            + "target depends on each message and cannot be checked here",
          de: "'\(term.text)' von '\(node.domain)' enthält ein Makro: als eine DNS-Abfrage "
            + "gezählt, sein Ziel hängt von jeder Nachricht ab und ist hier nicht prüfbar"),
        at: SPFRuleSupport.location(node, term))
    }
  }
}
