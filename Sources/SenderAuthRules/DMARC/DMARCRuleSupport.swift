import DNSLookup
import SenderAuthCore

/// What the DMARC rules share: references, report addresses for fixes, record rewrites.
enum DMARCRuleSupport {
  /// RFC 9989 section references.
  static func rfc9989(_ section: String) -> Reference { .rfc(9989, section: section) }

  static let gmailGuidelines = Reference(
    title: "Gmail email sender guidelines", url: "https://support.google.com/mail/answer/81126",
    read: "2026-03-21")
  static let gmailFAQ = Reference(
    title: "Gmail email sender guidelines FAQ (4.7.31)",
    url: "https://support.google.com/a/answer/14229414", read: "2026-07-02")
  static let rfc9990 = Reference(
    title: "RFC 9990 (DMARC aggregate reporting: verifying external destinations)",
    url: "https://www.rfc-editor.org/rfc/rfc9990")

  /// Placeholder for a report mailbox nobody told us about.
  static let placeholderAddress = "mailto:<dmarc-reports@your-domain>"

  /// The `rua` URI for fixes: `--rua` (with `mailto:` added when missing), else a placeholder.
  static func reportURI(_ options: CheckOptions) -> String {
    guard let rua = options.rua?.trimmingBlanks(), !rua.isEmpty else { return placeholderAddress }
    return rua.contains(":") ? rua : "mailto:" + rua
  }

  /// The explanation of where a report address comes from, when a fix uses one.
  static func reportAddressNote(_ options: CheckOptions) -> LocalizedText {
    if options.rua != nil { return LocalizedText(en: "", de: "") }
    return LocalizedText(
      en: " Replace '\(placeholderAddress)' with a mailbox that receives the daily aggregate "
        + "reports (your own, e.g. dmarc-reports@ at your domain, or a DMARC report service's "
        + "address), or pass --rua.",
      de: " Ersetzen Sie '\(placeholderAddress)' durch ein Postfach, das die täglichen "
        + "Sammelberichte empfängt (ein eigenes, z. B. dmarc-reports@ Ihrer Domain, oder die "
        + "Adresse eines DMARC-Berichtsdienstes), oder geben Sie --rua an.")
  }

  /// The applicable record when the domain owner controls it: its own or its organizational
  /// domain's, not a public suffix operator's (`dmarc.inherited` covers that case).
  static func ownedPolicyRecord(_ context: DomainContext) -> DMARCRecord? {
    let discovery = context.dmarc.discovery
    guard discovery.source == .domain || discovery.source == .organizationalDomain else {
      return nil
    }
    return discovery.policyRecord
  }

  /// The `_dmarc` name of `domain`, or the domain itself if the name would be too long.
  static func dmarcName(_ domain: DomainName) -> DomainName {
    (try? domain.prepending("_dmarc")) ?? domain
  }

  /// Changes that replace `record` by a TXT record with `text` at the same owner.
  static func replace(_ record: DMARCRecord, with text: String, ttl: UInt32 = 3600) -> (
    remove: [DNSChange], add: [DNSChange]
  ) {
    guard let owner = record.owner else { return ([], []) }
    return (
      [DNSChange(owner: owner, ttl: ttl, type: .txt, value: record.text)],
      [DNSChange(owner: owner, ttl: ttl, type: .txt, value: text)]
    )
  }

  /// The owner text of a record for messages (`_dmarc.example.com`).
  static func ownerText(_ record: DMARCRecord, fallback domain: DomainName) -> String {
    record.owner?.text ?? dmarcName(domain).text
  }

  /// Why the applied tag applies, in words: `p=reject of its own record`, `sp=none of the
  /// record of its organizational domain 'example.com'` …
  static func appliedPolicyText(_ discovery: DMARCDiscovery) -> LocalizedText {
    guard let tag = discovery.appliedTag, let record = discovery.policyRecord,
      let policyDomain = discovery.policyDomain
    else {
      return LocalizedText(en: "no DMARC policy applies", de: "keine DMARC-Richtlinie gilt")
    }
    let written = record.term(tag).map { "'\($0.name)=\($0.value)'" } ?? "no '\(tag.rawValue)='"
    let writtenDE = record.term(tag).map { "'\($0.name)=\($0.value)'" } ?? "kein '\(tag.rawValue)='"
    let place: LocalizedText
    switch discovery.source {
    case .domain:
      place = LocalizedText(en: "its own record", de: "seines eigenen Eintrags")
    case .organizationalDomain:
      place = LocalizedText(
        en: "the record of its organizational domain '\(policyDomain.text)'",
        de: "des Eintrags seiner Organisationsdomain '\(policyDomain.text)'")
    case .publicSuffixDomain:
      place = LocalizedText(
        en: "the record of the public suffix domain '\(policyDomain.text)'",
        de: "des Eintrags der Public-Suffix-Domain '\(policyDomain.text)'")
    case .none:
      place = LocalizedText(en: "no record", de: "keines Eintrags")
    }
    let reason: LocalizedText
    switch discovery.policyRule {
    case .existingSubdomain:
      reason = LocalizedText(
        en: " (the domain exists, so 'sp' applies, else 'p')",
        de: " (die Domain existiert, daher gilt 'sp', sonst 'p')")
    case .nonexistentSubdomain:
      reason = LocalizedText(
        en: " (the domain does not exist, so 'np' applies, else 'sp', else 'p')",
        de: " (die Domain existiert nicht, daher gilt 'np', sonst 'sp', sonst 'p')")
    case .subdomainExistenceUnknown:
      reason = LocalizedText(
        en: " (whether the domain exists is unknown; read as existing: 'sp', else 'p')",
        de: " (ob die Domain existiert, ist unbekannt; gelesen als existierend: 'sp', sonst 'p')")
    case .domainRecord, nil:
      reason = LocalizedText(en: "", de: "")
    }
    return LocalizedText(
      en: "\(written) of \(place.en)\(reason.en)", de: "\(writtenDE) \(place.de)\(reason.de)")
  }
}

extension String {
  fileprivate
    func trimmingBlanks() -> String
  {
    String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
  }
}
