import DNSLookup
import SenderAuthCore

/// `message.dkim-key-missing`: a DKIM signature of the message of `check --message` cannot
/// verify with today's DNS: its tags are broken, or no usable key answers at
/// `<s>._domainkey.<d>`.
public struct MessageDKIMKeyMissingRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "message.dkim-key-missing",
    title: LocalizedText(
      en: "A signature of the message has no usable key",
      de: "Eine Signatur der Nachricht hat keinen nutzbaren Schlüssel"),
    rationale: LocalizedText(
      en: """
        Receivers verify a DKIM signature with the key at '<s>._domainkey.<d>' of its tags \
        (RFC 6376 §3.6.2.1). When that name has no key (never published, a CNAME to a key the \
        service has not created yet, a key removed after a rotation), the signature gives \
        'permerror' or 'fail', and when it was the signature that aligns with From, DMARC \
        fails with it.
        """,
      de: """
        Empfangende Server prüfen eine DKIM-Signatur mit dem Schlüssel unter \
        '<s>._domainkey.<d>' ihrer Tags (RFC 6376 §3.6.2.1). Steht dort kein Schlüssel (nie \
        veröffentlicht, ein CNAME auf einen Schlüssel, den der Dienst noch nicht angelegt hat, \
        nach einem Schlüsselwechsel entfernt), ergibt die Signatur 'permerror' oder 'fail', und \
        war es die Signatur, die zur Absenderdomain passt, scheitert mit ihr DMARC.
        """),
    howToFix: LocalizedText(
      en: "Publish the key (or the CNAME to it) that the sending service shows for the selector.",
      de: "Veröffentlichen Sie den Schlüssel (oder den CNAME darauf), den der Versanddienst für "
        + "den Selektor anzeigt."),
    references: [.rfc(6376, section: "3.6.2.1"), .rfc(6376, section: "6.1.2")],
    severity: .error,
    triggering: [
      MessageExamples.example(MessageExamples.keyMissing)
    ],
    nonTriggering: [
      MessageExamples.example(MessageExamples.aligned)
    ])

  public func evaluate(_ context: DomainContext) -> Verdict {
    MessageRuleSupport.verdict(self, context)
  }

  public func check(_ context: DomainContext) -> [Finding] {
    guard let prediction = MessageRuleSupport.prediction(context) else { return [] }
    let sender = MessageRuleSupport.sender(context)
    return prediction.dkim.enumerated().compactMap { index, signature in
      guard signature.keyFound == false else { return nil }
      let name = "\(signature.selector ?? "?")._domainkey.\(signature.domain ?? "?")"
      let problem =
        signature.problem
        ?? LocalizedText(
          en: "no usable key at '\(name)'", de: "kein nutzbarer Schlüssel unter '\(name)'")
      let aligned = signature.aligned == true
      var breaks = LocalizedText(
        en: aligned ? "; it is the signature that aligns with From, so DMARC rests on it" : "",
        de: aligned
          ? "; sie ist die Signatur, die zur Absenderdomain passt, DMARC hängt an ihr"
          : "")
      if aligned, let other = MessageRuleSupport.otherService(context) {
        breaks.en += "; " + other.en
        breaks.de += "; " + other.de
      }
      // The record the sending service expects at this name, when it expects one.
      let expected = sender.flatMap { analysis in
        ESPDKIMMissingRule().findings(for: analysis, context: context).first {
          $0.fix?.add.contains { $0.owner.text == name } ?? false
        }?.fix
      }
      let fix =
        expected
        ?? Fix(
          explanation: LocalizedText(
            en: "Publish the key the sending service shows for the selector "
              + "'\(signature.selector ?? "?")' at '\(name)'"
              + (sender.map { " (\($0.esp.whereToFind.en))" } ?? "") + ".",
            de: "Veröffentlichen Sie unter '\(name)' den Schlüssel, den der Versanddienst für den "
              + "Selektor '\(signature.selector ?? "?")' anzeigt"
              + (sender.map { " (\($0.esp.whereToFind.de))" } ?? "") + "."))
      let line = context.message?.headers.signatures[index].line ?? 0
      return finding(
        LocalizedText(
          en: "The DKIM-Signature d=\(signature.domain ?? "?") s=\(signature.selector ?? "?") "
            + "(line \(line)) cannot verify: \(problem.en)" + breaks.en,
          de: "Die DKIM-Signature d=\(signature.domain ?? "?") s=\(signature.selector ?? "?") "
            + "(Zeile \(line)) kann nicht bestehen: \(problem.de)" + breaks.de),
        at: Location(name: name, type: "TXT"), fix: fix,
        severity: aligned ? .error : .warning)
    }
  }
}
