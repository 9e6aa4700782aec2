import DNSLookup
import SenderAuthCore

/// `ptr.missing`: a sending IP (given with `--ip`, or the one a `--message` came from) has no
/// PTR record.
public struct PTRMissingRule: ReverseDNSRequirement {
  public init() {}

  public let description = RuleDescription(
    id: "ptr.missing",
    title: LocalizedText(
      en: "A sending IP has no PTR record", de: "Eine Versand-IP hat keinen PTR-Eintrag"),
    rationale: LocalizedText(
      en: """
        Gmail, Yahoo, Outlook.com, La Poste, GMX/WEB.DE and T-Online require valid reverse DNS \
        for sending IPs; Gmail answers 4.7.23/5.7.25 when the PTR record is missing, and many \
        receivers refuse the connection outright.
        """,
      de: """
        Gmail, Yahoo, Outlook.com, La Poste, GMX/WEB.DE und T-Online verlangen gültiges \
        Reverse-DNS für Versand-IPs; Gmail antwortet ohne PTR-Eintrag mit 4.7.23/5.7.25, und viele \
        empfangende Server lehnen die Verbindung gleich ab.
        """),
    howToFix: LocalizedText(
      en: """
        Ask whoever owns the address (hosting provider, ISP, ESP) to set a PTR record to a \
        host name in your domain, and publish that name's A or AAAA record with the address.
        """,
      de: """
        Bitten Sie den Inhaber der Adresse (Hoster, Provider, Versanddienst), einen PTR-Eintrag auf \
        einen Hostnamen Ihrer Domain zu setzen, und veröffentlichen Sie für diesen Namen den \
        A- bzw. AAAA-Eintrag mit der Adresse.
        """),
    references: [
      MailboxProvider.Google.guidelines,
      .rfc(1912, section: "2.1"),
    ],
    severity: .error,
    triggering: [
      RuleExample(
        zone: IPRules.rootZone(
          """
          example.com. TXT "v=spf1 -all"
          """), options: CheckOptions(ips: ["192.0.2.10"].compactMap(IPAddress.init)), fixable: true
      )
    ],
    nonTriggering: [
      IPRules.wellConfiguredExample,
      RuleExample(
        zone: IPRules.rootZone(
          """
          example.com. TXT "v=spf1 -all"
          """)),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    context.sendingIPs.reverseChecks.compactMap { check in
      guard let answer = check.ptr.answer, check.ptrNames.isEmpty else { return nil }
      let host = IPRules.suggestedHost(for: context.domain)
      let addressType = check.addressType
      let add = [
        DNSChange(
          owner: check.reverseName, type: .ptr, value: host.absolute,
          note: LocalizedText(
            en: "in the reverse zone of whoever owns the address: ask them to set it",
            de: "in der Reverse-Zone dessen, dem die Adresse gehört: bitten Sie ihn darum")),
        DNSChange(owner: host, type: addressType, value: check.recordAddress.description),
      ]
      let fix =
        IPRules.serviceFix(for: check, in: context)
        ?? Fix(
          explanation: LocalizedText(
            en: "\(IPRules.ptrOwner.en); ask them for this PTR and publish the matching address "
              + "record in your zone (any host name in your domain will do).",
            de: "\(IPRules.ptrOwner.de); bitten Sie um diesen PTR und veröffentlichen Sie den "
              + "passenden Adresseintrag in Ihrer Zone (jeder Hostname Ihrer Domain geht)."),
          add: add)
      return finding(
        LocalizedText(
          en: "Sending IP '\(check.text)' has no PTR record ('\(answer.name.text)' "
            + (answer.status == .nxdomain ? "does not exist)" : "has no PTR)"),
          de: "Versand-IP '\(check.text)' hat keinen PTR-Eintrag ('\(answer.name.text)' "
            + (answer.status == .nxdomain ? "existiert nicht)" : "hat keinen PTR)")),
        at: Location(name: answer.name.text, type: "PTR"), fix: fix)
    }
  }
}
