import DNSLookup
import SenderAuthCore

/// `laposte.spf-required`: la Poste: SPF must be valid and not misleading (La Poste).
public struct LaPosteSPFRequiredRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "laposte.spf-required",
    title: LocalizedText(
      en: "La Poste: SPF must be valid and not misleading",
      de: "La Poste: SPF muss gültig und darf nicht irreführend sein"),
    rationale: LocalizedText(
      en: """
        laposte.net rejects mail from IPs the domain's SPF does not authorize and applies a \
        strict rejection policy when the SPF record is "invalide ou trompeur" (invalid or \
        misleading), such as one that authorizes everyone.
        """,
      de: """
        laposte.net lehnt Mails von IPs ab, die das SPF der Domain nicht autorisiert, und \
        wendet eine strenge Ablehnung an, wenn der SPF-Eintrag ungültig oder irreführend ist, \
        etwa wenn er jeden autorisiert.
        """),
    howToFix: LocalizedText(
      en: """
        Publish one valid SPF record that lists your senders and ends in ~all or -all.
        """,
      de: """
        Veröffentlichen Sie einen gültigen SPF-Eintrag, der Ihre Absender nennt und auf ~all \
        oder -all endet.
        """),
    references: [
      ProviderReferences.laPosteSpecifications
    ],
    severity: .error,
    triggering: [
      RuleExample(zone: ProviderChecks.Zones.soa, options: CheckOptions(profiles: ["laposte"])),
      RuleExample(zone: ProviderChecks.Zones.openSPF, options: CheckOptions(profiles: ["laposte"])),
    ],
    nonTriggering: [
      RuleExample(zone: ProviderChecks.Zones.spfOnly, options: CheckOptions(profiles: ["laposte"]))
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard ProfileCatalog.isActive(description.id, options: context.options) else { return [] }
    var reason = ProviderChecks.spfFailure(context)
    if reason == nil, let record = context.spf.record?.parsed.record,
      let all = record.all?.directive, all.qualifier == .pass || all.qualifier == .neutral
    {
      reason = ProviderChecks.Reason(
        "the SPF record ends in '\(record.all?.text ?? "")', which authorizes anyone",
        "der SPF-Eintrag endet auf '\(record.all?.text ?? "")' und autorisiert jeden",
        cause: all.qualifier == .pass ? "spf.plus-all" : "spf.neutral-all")
    }
    guard let reason else { return [] }
    return [
      finding(
        LocalizedText(
          en: "La Poste rejects mail when SPF is invalid or misleading: \(reason.text.en)",
          de: "La Poste lehnt Mails bei ungültigem oder irreführendem SPF ab: "
            + reason.text.de),
        at: Location(name: context.domain.text, type: "TXT"),
        causes: ProviderChecks.causes([reason]))
    ]
  }
}
