import DNSLookup
import SenderAuthCore

/// `ptr.generic`: a sending IP's PTR name looks generic (derived from the address, or naming
/// a dynamic or consumer range).
public struct PTRGenericRule: ReverseDNSRequirement {
  public init() {}

  public let description = RuleDescription(
    id: "ptr.generic",
    title: LocalizedText(
      en: "A sending IP has a generic-looking PTR name",
      de: "Eine Versand-IP hat einen generisch wirkenden PTR-Namen"),
    rationale: LocalizedText(
      en: """
        GMX and WEB.DE: "Generic default entries (e.g. 123-123-123-123-static.ihrprovider.tld) \
        usually result in rejection." Yahoo asks for "non-generic reverse DNS" that reflects \
        your domain; Outlook.com may refuse connections from dynamic IP space.
        """,
      de: """
        GMX und WEB.DE: Generische Standardeinträge (etwa \
        123-123-123-123-static.ihrprovider.tld) führen meist zur Ablehnung. Yahoo verlangt \
        nicht-generisches Reverse-DNS, das Ihre Domain erkennen lässt; Outlook.com nimmt \
        Verbindungen aus dynamischen Bereichen unter Umständen nicht an.
        """),
    howToFix: LocalizedText(
      en: """
        Ask whoever owns the address for a PTR record naming a host in your domain \
        (mail.example.com), and publish that host's address record.
        """,
      de: """
        Bitten Sie den Inhaber der Adresse um einen PTR-Eintrag mit einem Hostnamen Ihrer \
        Domain (mail.example.com), und veröffentlichen Sie dessen Adresseintrag.
        """),
    references: [
      MailboxProvider.UnitedInternetPages.webDERequirements,
      MailboxProvider.YahooPages.requirements,
    ],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: IPRules.rootZone(
          """
          example.com. TXT "v=spf1 -all"
          192-0-2-10.dynamic.isp.example. A 192.0.2.10
          10.2.0.192.in-addr.arpa. PTR 192-0-2-10.dynamic.isp.example.
          """), options: CheckOptions(ips: ["192.0.2.10"].compactMap(IPAddress.init)), fixable: true
      )
    ],
    nonTriggering: [
      IPRules.wellConfiguredExample
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    context.sendingIPs.reverseChecks.compactMap { check in
      let flagged = check.ptrNames.compactMap { name -> (DomainName, [String])? in
        let reasons = PTRNameHeuristics.reasons(
          name: name, address: check.address, domain: context.domain)
        return reasons.isEmpty ? nil : (name, reasons)
      }
      guard let (name, reasons) = flagged.first, flagged.count == check.ptrNames.count else {
        return nil
      }
      let host = IPRules.suggestedHost(for: context.domain)
      let type = check.addressType
      let reverse = check.reverseName
      let why = reasons.joined(separator: ", ")
      return finding(
        LocalizedText(
          en: "PTR name '\(name.text)' of sending IP '\(check.text)' looks generic (\(why))",
          de: "PTR-Name '\(name.text)' der Versand-IP '\(check.text)' wirkt generisch (\(why))"),
        at: Location(name: reverse.text, type: "PTR", record: name.absolute),
        fix: IPRules.serviceFix(for: check, in: context)
          ?? Fix(
            explanation: LocalizedText(
              en: "\(IPRules.ptrOwner.en); ask them to point it at a host in your domain, and "
                + "publish that host's address record.",
              de: "\(IPRules.ptrOwner.de); bitten Sie, ihn auf einen Host Ihrer Domain zeigen zu "
                + "lassen, und veröffentlichen Sie dessen Adresseintrag."),
            add: [
              DNSChange(owner: reverse, type: .ptr, value: host.absolute),
              DNSChange(owner: host, type: type, value: check.recordAddress.description),
            ],
            remove: [DNSChange(owner: reverse, type: .ptr, value: name.absolute)]))
    }
  }
}
