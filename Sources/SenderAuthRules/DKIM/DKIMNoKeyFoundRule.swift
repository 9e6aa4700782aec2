import DNSLookup
import SenderAuthCore

/// `dkim.no-key-found`: no DKIM key record at any selector tried.
public struct DKIMNoKeyFoundRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dkim.no-key-found",
    title: LocalizedText(
      en: "No DKIM key found at the selectors tried",
      de: "Kein DKIM-Schlüssel unter den geprüften Selektoren gefunden"),
    rationale: LocalizedText(
      en: """
        Gmail and Yahoo require DKIM from bulk senders and DMARC passes far more reliably with \
        it, because DKIM survives forwarding where SPF does not. DNS cannot list a domain's \
        selectors, so a checker can only try names: when none of the tried selectors has a \
        key, the domain may have no DKIM at all, or it signs with a selector nobody guessed. \
        This finding is a warning for that reason, and an error only when every selector you \
        named yourself is missing.
        """,
      de: """
        Gmail und Yahoo verlangen DKIM von Massenversendern, und DMARC besteht damit viel \
        zuverlässiger, weil DKIM eine Weiterleitung übersteht, SPF aber nicht. Das DNS kann \
        die Selektoren einer Domain nicht auflisten; ein Prüfwerkzeug kann nur Namen \
        ausprobieren. Hat keiner der geprüften Selektoren einen Schlüssel, fehlt DKIM \
        vielleicht ganz – oder die Domain signiert mit einem Selektor, den niemand erraten \
        hat. Deshalb ist dieser Befund eine Warnung und nur dann ein Fehler, wenn alle selbst \
        angegebenen Selektoren fehlen.
        """),
    howToFix: LocalizedText(
      en: """
        Open a message the domain sent, find the DKIM-Signature header and read its 's=' tag \
        (the selector) and 'd=' tag (the domain); check again with '--selector' and that \
        name. If the domain really signs nothing, turn on DKIM signing at your mail service \
        and publish the key record it gives you at '<selector>._domainkey.<domain>'.
        """,
      de: """
        Öffnen Sie eine Nachricht, die von der Domain verschickt wurde, suchen Sie den Header \
        DKIM-Signature und lesen Sie dessen Tag 's=' (den Selektor) und 'd=' (die Domain); \
        prüfen Sie dann erneut mit '--selector' und diesem Namen. Signiert die Domain \
        tatsächlich nichts, schalten Sie die DKIM-Signatur bei Ihrem Maildienst ein und \
        veröffentlichen Sie den Schlüssel, den er Ihnen nennt, unter \
        '<selector>._domainkey.<domain>'.
        """),
    references: [
      .rfc(6376, section: "3.1"), .rfc(6376, section: "3.6.2.1"),
      MailboxProvider.Google.guidelines,
    ],
    severity: .warning,
    triggering: [
      RuleExample(zone: DKIMRuleSupport.zone()),
      RuleExample(zone: DKIMRuleSupport.zone(), options: CheckOptions(selectors: ["mx2024"])),
    ],
    nonTriggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("google", "v=DKIM1; k=rsa; p=\(DKIMRuleSupport.Keys.rsa2048)"))),
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("mx2024", "v=DKIM1; k=rsa; p=\(DKIMRuleSupport.Keys.rsa2048)")),
        options: CheckOptions(selectors: ["mx2024"])),
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("google", "v=DKIM1; k=rsa; p=\(DKIMRuleSupport.Keys.rsa2048)")),
        options: CheckOptions(selectors: ["mx2024"])),
      RuleExample(zone: DKIMRuleSupport.zone(), options: CheckOptions(parked: true)),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    let dkim = context.dkim
    let given = dkim.selectors.filter { $0.source == .given }
    guard !context.options.parked, !dkim.selectors.isEmpty else { return [] }
    // Any key record settles it (a missing named selector is `dkim.selector-missing`).
    guard !dkim.selectors.contains(where: \.hasKeyRecord) else { return [] }
    // A usable key at `*._domainkey` answers every selector.
    guard !(dkim.wildcard?.records.contains(where: \.isUsable) ?? false) else { return [] }
    let failed = dkim.selectors.filter { $0.status == .lookupFailed }
    guard failed.count < dkim.selectors.count else { return [] }
    let domain = context.domain.text
    let tried = dkim.selectors.map { "'\($0.selector)'" }.joined(separator: ", ")
    let count = dkim.selectors.count
    let allGivenMissing = !given.isEmpty
    var en = "No DKIM key found for '\(domain)' at the \(count) selectors tried (\(tried))"
    var de =
      "Kein DKIM-Schlüssel für '\(domain)' unter den \(count) geprüften Selektoren (\(tried))"
    if !failed.isEmpty {
      en += "; \(failed.count) could not be checked because the lookup failed"
      de += "; \(failed.count) davon ließen sich wegen fehlgeschlagener Abfragen nicht prüfen"
    }
    // With a message: a signature of it for this domain names the key that is missing (its
    // own finding, message.dkim-key-missing, this one folds into); none means the domain
    // signed nothing that the message shows, so asking for a message's 's=' goes in a circle.
    let message = context.message
    let signedHere = message?.headers.signatures.contains { $0.domain == context.domain } ?? false
    if allGivenMissing {
      en += "; the selectors given with '--selector' do not exist"
      de += "; die mit '--selector' angegebenen Selektoren existieren nicht"
    } else if message != nil, !signedHere {
      en += "; the message given is not signed for '\(domain)' either"
      de += "; auch die angegebene Nachricht ist nicht für '\(domain)' signiert"
    } else if message == nil {
      en += """
        ; the domain may sign with another selector: give it with '--selector NAME', \
        taking NAME from the 's=' tag of the DKIM-Signature header of a message it sent
        """
      de += """
        ; die Domain signiert vielleicht mit einem anderen Selektor: geben Sie ihn mit \
        '--selector NAME' an, NAME steht im Tag 's=' des Headers DKIM-Signature einer von \
        ihr versandten Nachricht
        """
    }
    return [
      finding(
        LocalizedText(en: en, de: de),
        at: Location(name: "_domainkey.\(domain)", type: "TXT"),
        // With a message not signed for the domain, the rule's how-to (read the 's=' tag of a
        // message) would go in a circle: the fix names the step that is left.
        fix: message != nil && !signedHere && !allGivenMissing
          ? Fix(
            explanation: LocalizedText(
              en: "Turn on DKIM signing for '\(domain)' at the service that sent this message, "
                + "and publish the key record it gives you",
              de: "Schalten Sie beim Versanddienst, der diese Nachricht verschickt hat, die "
                + "DKIM-Signatur für '\(domain)' ein, und veröffentlichen Sie den "
                + "Schlüsseleintrag, den er Ihnen nennt")) : nil,
        severity: allGivenMissing ? .error : .warning,
        causes: signedHere ? ["message.dkim-key-missing"] : [])
    ]
  }
}
