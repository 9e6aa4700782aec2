import DNSLookup
import SenderAuthCore

/// `parked.not-locked-down`: a domain that sends no mail (`--parked` or `--profile parked`, or
/// no MX, no address, no SPF authorization and no DKIM key) lacks one of the records that stop
/// others from using it: `v=spf1 -all`, a DMARC `p=reject` record, and a null MX (RFC 7505).
public struct ParkedNotLockedDownRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "parked.not-locked-down",
    title: LocalizedText(
      en: "A domain that sends no mail is not locked down",
      de: "Eine Domain ohne Mailversand ist nicht abgesichert"),
    rationale: LocalizedText(
      en: """
        A domain without mail is a favourite From domain for phishing: without an SPF record \
        that authorizes nothing and a DMARC policy of reject, receivers have no reason to \
        refuse forged mail from it. A null MX (RFC 7505) also tells senders not to try \
        delivering to it.
        """,
      de: """
        Eine Domain ohne Mailverkehr ist eine beliebte Absenderdomain für Phishing: ohne \
        SPF-Eintrag, der niemanden autorisiert, und ohne DMARC-Richtlinie reject haben empfangende \
        Server keinen Grund, gefälschte Mails abzulehnen. Ein Null-MX (RFC 7505) sagt außerdem, \
        dass niemand an sie zustellen soll.
        """),
    howToFix: LocalizedText(
      en: "Publish 'v=spf1 -all', '_dmarc' 'v=DMARC1; p=reject' and the null MX '0 .'.",
      de: "Veröffentlichen Sie 'v=spf1 -all', '_dmarc' 'v=DMARC1; p=reject' und den Null-MX "
        + "'0 .'."),
    references: [
      .rfc(7505, section: "3"), .rfc(7208, section: "10.1.2"), .rfc(9989, section: "7.4"),
    ],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ A 192.0.2.80
          """, options: CheckOptions(parked: true), fixable: true),
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ TXT "v=spf1 -all"
          _dmarc TXT "v=DMARC1; p=none; rua=mailto:d@example.com"
          """, fixable: true),
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ TXT "v=spf1 -all"
          @ MX 0 .
          _dmarc TXT "v=DMARC1; p=reject"
          """, options: CheckOptions(parked: true)),
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ MX 10 mx1
          mx1 A 192.0.2.25
          @ TXT "v=spf1 mx -all"
          """),
    ])

  /// True when nothing suggests the domain sends or receives mail: no MX (or a null MX), no
  /// address, an SPF record (if any) that authorizes nothing, no DKIM key.
  static func looksParked(_ context: DomainContext) -> Bool {
    let mail = context.mail
    guard let mx = mail.mx.answer, mx.mxHosts.isEmpty || mail.isNullMX,
      mail.a.answer?.addresses.isEmpty ?? false, mail.aaaa.answer?.addresses.isEmpty ?? false,
      context.dkim.found.isEmpty, context.spf.failures.isEmpty
    else { return false }
    guard let record = context.spf.record?.parsed.record else { return true }
    return record.directives.allSatisfy { term in
      guard case .all? = term.directive?.mechanism else { return false }
      return term.directive?.qualifier == .fail
    }
  }

  public func check(_ context: DomainContext) -> [Finding] {
    guard context.options.parked || Self.looksParked(context) else { return [] }
    let domain = context.domain
    var add: [DNSChange] = []
    var remove: [DNSChange] = []
    var missing: [String] = []
    // SPF: exactly 'v=spf1 -all'.
    let candidates = context.spf.candidates
    if candidates.count != 1 || candidates[0].text.lowercased() != "v=spf1 -all" {
      missing.append("v=spf1 -all")
      for candidate in candidates {
        remove.append(
          DNSChange(owner: domain, ttl: candidate.record.ttl, type: .txt, value: candidate.text))
      }
      add.append(DNSChange(owner: domain, type: .txt, value: "v=spf1 -all"))
    }
    // DMARC: p=reject at _dmarc.<domain>, other tags kept.
    if let name = try? DomainName("_dmarc." + domain.text) {
      let own = context.dmarc.directRecords
      if let record = own?.record {
        if record.policy != .reject {
          missing.append("p=reject")
          remove.append(DNSChange(owner: name, type: .txt, value: record.text))
          let others = record.terms.filter { !["v", "p"].contains($0.name.lowercased()) }
          let text = (["v=DMARC1", "p=reject"] + others.map { "\($0.name)=\($0.value)" })
            .joined(separator: "; ")
          add.append(DNSChange(owner: name, type: .txt, value: text))
        }
      } else if own?.isAmbiguous != true {
        missing.append("v=DMARC1; p=reject")
        add.append(DNSChange(owner: name, type: .txt, value: "v=DMARC1; p=reject"))
      }
    }
    // Null MX, only where no MX exists (a null MX must be the only one).
    if let mx = context.mail.mx.answer, mx.mxHosts.isEmpty {
      missing.append("MX 0 .")
      add.append(DNSChange(owner: domain, type: .mx, value: "0 ."))
    }
    guard !missing.isEmpty else { return [] }
    let list = missing.map { "'\($0)'" }.joined(separator: ", ")
    let why =
      context.options.parked
      ? LocalizedText(
        en: "is marked as sending no mail", de: "ist als Domain ohne Mailversand angegeben")
      : LocalizedText(
        en: "has no MX, no address, no SPF authorization and no DKIM key",
        de: "hat weder MX noch Adresse, SPF-Autorisierung oder DKIM-Schlüssel")
    return [
      finding(
        LocalizedText(
          en: "'\(domain.text)' \(why.en) but lacks \(list)",
          de: "'\(domain.text)' \(why.de), es \(missing.count == 1 ? "fehlt" : "fehlen") aber "
            + list),
        at: Location(name: domain.text, type: "TXT"),
        fix: Fix(
          explanation: LocalizedText(
            en: "Lock the domain down: SPF authorizes no one, DMARC rejects, null MX says no "
              + "mail is accepted.",
            de: "Sichern Sie die Domain ab: SPF autorisiert niemanden, DMARC lehnt ab, der "
              + "Null-MX sagt, dass keine Mails angenommen werden."),
          add: add, remove: remove))
    ]
  }
}
