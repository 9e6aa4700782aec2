import DNSLookup
import SenderAuthCore

/// Rules about sending IPs (`--ip`, and the message's for the reverse DNS) and the domain's mail
/// hosts: PTR, FCrDNS, SPF authorization, MX presence, parked domains.
public enum IPRules {
  public static let all: [any Rule] = [
    PTRMissingRule(),
    PTRMismatchRule(),
    PTRGenericRule(),
    MXMissingRule(),
    ParkedNotLockedDownRule(),
  ]

  /// A zone text for examples that spans forward and reverse names: `$ORIGIN .` with every
  /// owner written absolute and no SOA, so the zone's apex is the root and one example zone
  /// answers both.
  static func rootZone(_ lines: String) -> String {
    "$ORIGIN .\n$TTL 3600\n" + lines
  }

  /// A sending IP whose PTR name resolves back to it: the non-triggering example of the PTR
  /// rules.
  static let wellConfiguredExample = RuleExample(
    zone: rootZone(
      """
      example.com. TXT "v=spf1 -all"
      mail.example.com. A 192.0.2.10
      10.2.0.192.in-addr.arpa. PTR mail.example.com.
      """), options: CheckOptions(ips: ["192.0.2.10"].compactMap(IPAddress.init)))

  /// The suggested host name for a sending IP without a usable PTR: `mail.<domain>`.
  static func suggestedHost(for domain: DomainName) -> DomainName {
    (try? DomainName("mail." + domain.text)) ?? domain
  }

  /// Who runs a sending IP, when it is not the domain itself.
  enum AddressOperator {
    /// A service of the catalog whose SPF publishes it (`ESPAddresses.owner`).
    case service(ESPAddresses.Owner)
    /// The domain whose SPF record lists the message's address, outside the checked domain's
    /// organizational domain (a vendor the catalog does not know); `alias` the name in the
    /// customer's zone whose CNAME led there, when one did.
    case domain(DomainName, alias: DomainName?)
  }

  /// Who runs the address of `check`: a catalog service, or for the message's address whose
  /// SPF passed at a term in another organization's record, that record's domain; nil for an
  /// address of the domain's own (or one nothing says more about).
  static func addressOperator(of check: SendingIPCheck, in context: DomainContext)
    -> AddressOperator?
  {
    if let owner = ESPAddresses.owner(of: check.address, in: context) { return .service(owner) }
    guard let evaluation = context.message?.passedSPF(from: check.address) else { return nil }
    let listedAt = evaluation.deepestMatch?.domain ?? evaluation.domain
    // A record reached through a CNAME is at the chain's end: a return path the customer
    // points at the vendor is the vendor's record.
    guard let named = try? DomainName(listedAt) else { return nil }
    let holder = evaluation.canonicalName(ofRecordAt: listedAt) ?? named
    guard !holder.isSubdomain(of: context.dmarc.discovery.organizationalDomain),
      !holder.isSubdomain(of: context.domain)
    else { return nil }
    return .domain(holder, alias: holder == named ? nil : named)
  }

  /// The fix of an address someone else runs (`addressOperator`): its reverse DNS is theirs to
  /// set, not a record to paste. Nil for another address.
  static func serviceFix(for check: SendingIPCheck, in context: DomainContext) -> Fix? {
    switch addressOperator(of: check, in: context) {
    case .service(let owner)?:
      let name = owner.esp.name
      return Fix(
        explanation: LocalizedText(
          en: "'\(check.text)' is an address of \(name): only \(name) sets its PTR. Where "
            + "\(name) offers reverse DNS for a dedicated IP, set it up in the account (it shows "
            + "the address record to publish in your zone); otherwise ask its support.",
          de: "'\(check.text)' ist eine Adresse von \(name): nur \(name) setzt ihren PTR. Bietet "
            + "\(name) Reverse-DNS für eine dedizierte IP an, richten Sie es im Konto ein (es zeigt "
            + "den Adresseintrag für Ihre Zone); sonst fragen Sie den Support."))
    case .domain(let holder, let alias)?:
      let via = alias.map {
        LocalizedText(
          en: " (where the CNAME at '\($0.text)' points)",
          de: " (wohin der CNAME von '\($0.text)' zeigt)")
      }
      return Fix(
        explanation: LocalizedText(
          en: "'\(check.text)' is listed in the SPF record of '\(holder.text)'\(via?.en ?? ""): "
            + "its reverse DNS is set by whoever runs '\(holder.text)'; ask them.",
          de: "'\(check.text)' steht im SPF-Eintrag von '\(holder.text)'\(via?.de ?? ""): ihr "
            + "Reverse-DNS richtet ein, wer '\(holder.text)' betreibt; fragen Sie dort nach."))
    case nil:
      return nil
    }
  }

  /// "the owner of the IP (your hosting provider or ESP)": who sets a PTR record.
  static let ptrOwner = LocalizedText(
    en: "PTR records are set by whoever owns the address (your hosting provider, ISP or ESP)",
    de: "PTR-Einträge setzt, wem die Adresse gehört (Ihr Hoster, Provider oder Versanddienst)")
}
