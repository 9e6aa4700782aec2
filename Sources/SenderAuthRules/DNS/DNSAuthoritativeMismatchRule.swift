import DNSLookup
import SenderAuthCore

/// `dns.authoritative-mismatch`: the zone's name servers give different answers (one still
/// serves an old record), so receivers see one version or the other by chance.
public struct DNSAuthoritativeMismatchRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dns.authoritative-mismatch",
    title: LocalizedText(
      en: "Name servers disagree", de: "Nameserver antworten unterschiedlich"),
    rationale: LocalizedText(
      en: """
        Resolvers ask any of the zone's name servers. When one still serves an old SPF, DKIM \
        or DMARC record, some receivers see the old version and some the new one, and results \
        flap until every server has the change and the old answers have left the caches \
        (up to their TTL).
        """,
      de: """
        Resolver fragen irgendeinen der Nameserver der Zone. Liefert einer noch einen alten SPF-, \
        DKIM- oder DMARC-Eintrag, sehen manche empfangenden Server die alte und manche die neue \
        Fassung, und die Ergebnisse schwanken, bis alle Server die Änderung haben und die alten \
        Antworten aus den Caches verschwunden sind (bis zu ihrer TTL).
        """),
    howToFix: LocalizedText(
      en: """
        Make every name server serve the new zone (check zone transfers / NOTIFY, the serial \
        number, or the DNS provider's publishing), then wait out the TTL before relying on it.
        """,
      de: """
        Sorgen Sie dafür, dass alle Nameserver die neue Zone ausliefern (Zonentransfer / \
        NOTIFY, Seriennummer oder die Veröffentlichung beim DNS-Anbieter prüfen), und warten \
        Sie danach die TTL ab.
        """),
    references: [.rfc(1034, section: "4.3.5"), .rfc(2308, section: "5")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: AuthoritativeExamples.zone(spf: "v=spf1 include:_spf.example.net -all"),
        options: AuthoritativeExamples.options,
        serverZones: [
          "192.0.2.54": AuthoritativeExamples.zone(spf: "v=spf1 -all")
        ])
    ],
    nonTriggering: [
      RuleExample(
        zone: AuthoritativeExamples.zone(spf: "v=spf1 include:_spf.example.net -all"),
        options: AuthoritativeExamples.options)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let authoritative = context.authoritative else { return [] }
    return authoritative.disagreements.map { question in
      let observations = (authoritative.observations[question] ?? []).filter {
        $0.result.answer != nil
      }
      let groups = Dictionary(grouping: observations, by: \.signature)
      let versions = groups.values.sorted { $0.count > $1.count }.map { group in
        let servers = group.map(\.server.description).joined(separator: ", ")
        return "\(servers): \(Self.summary(group[0].result))"
      }
      let ttl = observations.compactMap { $0.result.answer?.minimumTTL }.max() ?? 0
      let until = Self.clock(authoritative.askedAt + Double(ttl))
      let record = observations.compactMap { $0.result.answer?.records.first }.first
      return finding(
        LocalizedText(
          en: "Name servers give different answers for \(question): "
            + versions.joined(separator: "; ")
            + "; the old answer may be cached until about \(until) UTC (TTL \(ttl) s)",
          de: "Die Nameserver antworten unterschiedlich auf \(question): "
            + versions.joined(separator: "; ")
            + "; die alte Antwort kann bis etwa \(until) UTC im Cache liegen (TTL \(ttl) s)"),
        at: record.map { Location(record: $0) }
          ?? Location(name: question.name.text, type: question.type.mnemonic))
    }
  }

  static func summary(_ result: LookupResult) -> String {
    guard let answer = result.answer else { return "no answer" }
    guard answer.status == .answer else { return answer.status.rawValue.uppercased() }
    return answer.records.map { "'\($0.data.joinedText ?? $0.data.presentation)'" }
      .joined(separator: " ")
  }

  /// `14:32` for a time in seconds since 1970 (UTC).
  static func clock(_ seconds: Double) -> String {
    let minutes = Int(seconds / 60) % (24 * 60)
    let hour = minutes / 60
    let minute = minutes % 60
    return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
  }
}

/// `dns.authoritative-unreachable`: a name server of the zone does not answer.
public struct DNSAuthoritativeUnreachableRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dns.authoritative-unreachable",
    title: LocalizedText(
      en: "A name server does not answer", de: "Ein Nameserver antwortet nicht"),
    rationale: LocalizedText(
      en: """
        A listed name server that times out or refuses slows every lookup that picks it and \
        turns some into failures: SPF temperror, no DMARC policy, DKIM keys not found.
        """,
      de: """
        Ein eingetragener Nameserver, der nicht oder mit REFUSED antwortet, verlangsamt jede \
        Abfrage, die ihn trifft, und lässt manche scheitern: SPF temperror, keine \
        DMARC-Richtlinie, DKIM-Schlüssel nicht gefunden.
        """),
    howToFix: LocalizedText(
      en: "Fix the server, or remove it from the NS records at the zone and at the parent.",
      de: "Reparieren Sie den Server oder entfernen Sie ihn aus den NS-Einträgen der Zone und bei "
        + "der übergeordneten Zone."),
    references: [.rfc(1034, section: "4.2.1")],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: AuthoritativeExamples.zone(spf: "v=spf1 -all"),
        options: AuthoritativeExamples.options,
        failing: ["192.0.2.54"])
    ],
    nonTriggering: [
      RuleExample(
        zone: AuthoritativeExamples.zone(spf: "v=spf1 -all"), options: AuthoritativeExamples.options
      )
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let authoritative = context.authoritative else { return [] }
    return authoritative.unreachable.map { server in
      let failure = authoritative.questions.lazy.compactMap {
        authoritative.observations[$0]?.first { $0.server == server }?.result.failure
      }.first
      let reason = failure.map { "\($0.error)" } ?? "no answer"
      return finding(
        LocalizedText(
          en: "Name server \(server) of zone '\(authoritative.zone?.text ?? "")' gives no "
            + "answer: \(reason)",
          de: "Nameserver \(server) der Zone '\(authoritative.zone?.text ?? "")' antwortet "
            + "nicht: \(reason)"),
        at: Location(name: server.name.text, type: "NS"))
    }
  }
}

/// The small zone the authoritative rules' examples use: two name servers.
enum AuthoritativeExamples {
  static let options = CheckOptions(authoritative: true)

  static func zone(spf: String) -> String {
    """
    @ SOA ns1 hostmaster 1 3600 600 86400 300
    @ NS ns1
    @ NS ns2
    ns1 A 192.0.2.53
    ns2 A 192.0.2.54
    @ TXT "\(spf)"
    """
  }
}
