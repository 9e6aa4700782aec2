import DNSLookup
import SenderAuthCore

/// `ptr.mismatch`: a sending IP's PTR name does not resolve back to the IP (no
/// forward-confirmed reverse DNS).
public struct PTRMismatchRule: ReverseDNSRequirement {
  public init() {}

  public let description = RuleDescription(
    id: "ptr.mismatch",
    title: LocalizedText(
      en: "A sending IP's PTR name does not resolve back to it",
      de: "Der PTR-Name einer Versand-IP löst nicht auf diese IP auf"),
    rationale: LocalizedText(
      en: """
        Gmail: "The sending IP address must match the IP address of the hostname specified in \
        the Pointer (PTR) record." Receivers check forward-confirmed reverse DNS (FCrDNS): the \
        PTR name's A or AAAA record must contain the sending IP again.
        """,
      de: """
        Gmail: Die Versand-IP muss mit der IP des im PTR-Eintrag genannten Hostnamens \
        übereinstimmen. Empfangende Server prüfen Forward-Confirmed Reverse DNS (FCrDNS): der A- \
        oder AAAA-Eintrag des PTR-Namens muss die Versand-IP wieder enthalten.
        """),
    howToFix: LocalizedText(
      en: "Publish an A (IPv4) or AAAA (IPv6) record for the PTR name with the sending IP.",
      de: "Veröffentlichen Sie für den PTR-Namen einen A- (IPv4) oder AAAA-Eintrag (IPv6) mit der "
        + "Versand-IP."),
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
          mail.example.com. A 192.0.2.99
          10.2.0.192.in-addr.arpa. PTR mail.example.com.
          """), options: CheckOptions(ips: ["192.0.2.10"].compactMap(IPAddress.init)), fixable: true
      )
    ],
    nonTriggering: [
      IPRules.wellConfiguredExample
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    context.sendingIPs.reverseChecks.compactMap { check in
      let names = check.ptrNames
      guard !names.isEmpty, check.confirmedNames.isEmpty, check.unconfirmableNames.isEmpty
      else { return nil }
      let type = check.addressType
      let name = names[0]
      let isOwnName =
        name.isSubdomain(of: context.domain)
        || name.isSubdomain(of: context.dmarc.discovery.organizationalDomain)
      let found = (check.forward[name]?.answer?.addresses ?? []).map(\.description)
      return finding(
        LocalizedText(
          en: "PTR name '\(name.text)' of sending IP '\(check.text)' does not resolve back to it"
            + (found.isEmpty
              ? " (no \(type.mnemonic) record)"
              : " (it resolves to "
                + found.map { "'\($0)'" }.joined(separator: ", ") + ")"),
          de: "PTR-Name '\(name.text)' der Versand-IP '\(check.text)' löst nicht auf sie auf"
            + (found.isEmpty
              ? " (kein \(type.mnemonic)-Eintrag)"
              : " (er löst auf "
                + found.map { "'\($0)'" }.joined(separator: ", ") + " auf)")),
        at: Location(name: check.reverseName.text, type: "PTR", record: name.absolute),
        // A name in the domain's own zone (a service's dedicated IP pointed at it) takes the
        // address record here; another one is its operator's to fix, never a record to paste
        // into the domain's zone.
        fix: (isOwnName ? nil : IPRules.serviceFix(for: check, in: context))
          ?? Fix(
            explanation: LocalizedText(
              en: "Add the sending IP to the PTR name's address records (in the zone of "
                + "'\(name.text)'); keep its other addresses if they are in use.",
              de: "Ergänzen Sie die Versand-IP in den Adresseinträgen des PTR-Namens (in der Zone "
                + "von '\(name.text)'); andere genutzte Adressen bleiben."),
            add: isOwnName
              ? [DNSChange(owner: name, type: type, value: check.recordAddress.description)] : []))
    }
  }
}
