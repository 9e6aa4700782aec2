import SenderAuthCore

/// `message.receiver-differs`: the receiver's own `Authentication-Results` in the message
/// part from what today's DNS predicts; each difference with its likely reason.
public struct MessageReceiverDiffersRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "message.receiver-differs",
    title: LocalizedText(
      en: "The receiver's verdict differs from today's DNS",
      de: "Das Ergebnis des empfangenden Servers weicht vom heutigen DNS ab"),
    rationale: LocalizedText(
      en: """
        A delivered message carries the receiver's own verdicts (Authentication-Results, \
        RFC 8601). Where they differ from what today's records give, either DNS changed since \
        the message arrived (a key removed, an include added), the message was changed on the \
        way (a mailing list or gateway breaks DKIM, which DNS cannot fix), or a lookup failed \
        at the receiver. Knowing which saves changing records that are right.
        """,
      de: """
        Eine zugestellte Nachricht trägt die Ergebnisse des empfangenden Servers \
        (Authentication-Results, RFC 8601). Weichen sie von dem ab, was die heutigen Einträge \
        ergeben, hat sich entweder das DNS seit Eingang der Nachricht geändert (ein Schlüssel \
        entfernt, ein include ergänzt), die Nachricht wurde unterwegs verändert (ein Verteiler \
        oder Gateway bricht DKIM, was sich per DNS nicht beheben lässt), oder eine Abfrage ist \
        beim Server gescheitert. Das zu wissen erspart Änderungen an richtigen Einträgen.
        """),
    howToFix: LocalizedText(
      en: "Nothing to publish: each note says where the difference comes from.",
      de: "Nichts zu veröffentlichen: jeder Hinweis sagt, woher der Unterschied kommt."),
    references: [.rfc(8601, section: "2.2")],
    severity: .note,
    triggering: [
      MessageExamples.example(MessageExamples.keyMissing)
    ],
    nonTriggering: [
      MessageExamples.example(MessageExamples.misaligned)
    ])

  public func evaluate(_ context: DomainContext) -> Verdict {
    MessageRuleSupport.verdict(self, context)
  }

  public func check(_ context: DomainContext) -> [Finding] {
    guard let prediction = MessageRuleSupport.prediction(context) else { return [] }
    let server = prediction.receiver?.server ?? "receiver"
    return prediction.differences.map {
      finding($0, at: Location(name: server, type: "Authentication-Results"))
    }
  }
}
