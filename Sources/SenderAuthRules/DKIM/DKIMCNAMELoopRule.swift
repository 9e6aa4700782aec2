import DNSLookup
import SenderAuthCore

/// `dkim.cname-loop`: a selector's CNAME chain loops or is longer than resolvers follow.
public struct DKIMCNAMELoopRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dkim.cname-loop",
    title: LocalizedText(
      en: "DKIM selector CNAME chain loops or is too long",
      de: "CNAME-Kette eines DKIM-Selektors ist zyklisch oder zu lang"),
    rationale: LocalizedText(
      en: """
        Resolvers answer a CNAME loop, or a very long chain, with SERVFAIL. Verifiers then get \
        a temporary error for the key (RFC 6376 §6.1.2: 'temperror'), every time, so mail \
        signed with the selector never passes DKIM. senderauth follows at most 8 hops.
        """,
      de: """
        Resolver beantworten eine CNAME-Schleife oder eine sehr lange Kette mit SERVFAIL. \
        Empfangende Server erhalten dann für den Schlüssel jedes Mal einen vorübergehenden Fehler \
        (RFC 6376 §6.1.2: 'temperror'), mit dem Selektor signierte Mails bestehen DKIM also nie. \
        senderauth folgt höchstens 8 Schritten.
        """),
    howToFix: LocalizedText(
      en: """
        Point the selector's CNAME straight at the name your mail service gives, or publish \
        the key as a TXT record at the selector.
        """,
      de: """
        Lassen Sie den CNAME des Selektors direkt auf den Namen zeigen, den Ihr Maildienst \
        nennt, oder veröffentlichen Sie den Schlüssel als TXT-Eintrag am Selektor.
        """),
    references: [.rfc(6376, section: "6.1.2"), .rfc(1034, section: "3.6.2")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          "s1._domainkey IN CNAME keys.example.com.",
          "keys IN CNAME s1._domainkey.example.com."))
    ],
    nonTriggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          "s1._domainkey IN CNAME keys.example.com.",
          "keys IN TXT \(RuleExample.txtData("v=DKIM1; p=\(DKIMRuleSupport.Keys.rsa2048)"))"))
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    context.dkim.selectors.compactMap { selector in
      guard selector.status == .cnameLoop || selector.status == .cnameTooLong,
        let last = selector.cnameChain.last
      else { return nil }
      let name = DKIMRuleSupport.quotedName(selector)
      let hops = selector.cnameChain.map { "'\($0.name.text)'" }.joined(separator: " → ")
      if selector.status == .cnameLoop {
        return finding(
          LocalizedText(
            en: "CNAME chain of \(name) loops: \(hops) → '\(last.target.text)'",
            de: "Die CNAME-Kette von \(name) ist zyklisch: \(hops) → '\(last.target.text)'"),
          at: last.location)
      }
      return finding(
        LocalizedText(
          en: "CNAME chain of \(name) is longer than \(DKIMContext.maxCNAMEHops) hops",
          de: "Die CNAME-Kette von \(name) ist länger als \(DKIMContext.maxCNAMEHops) Schritte"),
        at: last.location)
    }
  }
}
