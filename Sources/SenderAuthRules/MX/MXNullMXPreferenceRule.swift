import DNSLookup
import SenderAuthCore

/// `mx.null-mx-preference`: an MX with exchange `.` but a preference other than 0, which is
/// no null MX (RFC 7505 §3) but an MX pointing at the root.
public struct MXNullMXPreferenceRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "mx.null-mx-preference",
    title: LocalizedText(
      en: "A null MX with a preference other than 0",
      de: "Ein Null-MX mit einer anderen Präferenz als 0"),
    rationale: LocalizedText(
      en: """
        RFC 7505 §3 defines the null MX as preference 0 with the exchange '.'. With another \
        preference, senders that follow RFC 7505 do not recognize it: they look up '.' as a \
        host, fail, and retry for days before bouncing, instead of bouncing at once.
        """,
      de: """
        RFC 7505 §3 definiert den Null-MX als Präferenz 0 mit dem Ziel '.'. Mit einer anderen \
        Präferenz erkennen Absender, die RFC 7505 folgen, ihn nicht: sie suchen '.' als Host, \
        scheitern und versuchen es tagelang, statt die Mail sofort abzuweisen.
        """),
    howToFix: LocalizedText(
      en: "Publish the null MX as 'MX 0 .'.", de: "Veröffentlichen Sie den Null-MX als 'MX 0 .'."),
    references: [.rfc(7505, section: "3")],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ MX 10 .
          """, fixable: true)
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ MX 0 .
          """)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    let mail = context.mail
    let wrong = mail.nullMXRecords.filter { $0 != 0 }
    guard !wrong.isEmpty else { return [] }
    let domain = context.domain
    let ttl = mail.mx.answer?.matching.first?.ttl ?? 3600
    let hasZero = mail.nullMXRecords.contains(0)
    return [
      finding(
        LocalizedText(
          en: "'\(domain.text)' publishes 'MX \(wrong[0]) .': a null MX needs preference 0, so "
            + "senders do not recognize it",
          de: "'\(domain.text)' veröffentlicht 'MX \(wrong[0]) .': ein Null-MX braucht die "
            + "Präferenz 0, darum erkennen sendende Mailserver ihn nicht"),
        at: Location(name: domain.text, type: "MX"),
        fix: Fix(
          explanation: LocalizedText(
            en: "Replace it with the null MX '0 .'.",
            de: "Ersetzen Sie ihn durch den Null-MX '0 .'."),
          add: hasZero ? [] : [DNSChange(owner: domain, ttl: ttl, type: .mx, value: "0 .")],
          remove: wrong.map { DNSChange(owner: domain, ttl: ttl, type: .mx, value: "\($0) .") }))
    ]
  }
}
