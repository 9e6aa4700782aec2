import DNSLookup
import SenderAuthCore
import SenderAuthReport

/// A report built in code, independent of the rule catalog, so goldens stay stable while
/// rules change: findings of every severity, one from a zone file and one from live DNS, a
/// hostile TXT record, a suppressed finding, a fix that removes and adds, a profile with
/// passed, failed and not-checkable requirements, and a second, clean domain.
enum ReportFixture {
  /// A TXT record that tries to set the terminal title and clear the screen.
  static let hostile = "v=spf1 include:_spf.example.net \u{1b}]0;pwned\u{07}\u{1b}[2J -all"

  static let spfRecords = [
    "v=spf1 include:_spf.google.com ~all", "v=spf1 include:sendgrid.net -all",
  ]

  static func name(_ text: String) -> DomainName {
    (try? DomainName(text)) ?? .root
  }

  static var report: Report {
    Report(domains: [example, clean], version: "0.0.0-test")
  }

  static var example: DomainReport {
    let multiple = Finding(
      id: "spf.multiple-records", severity: .error,
      message: LocalizedText(
        en: "'example.com' publishes 2 SPF records; receivers treat that as a permanent error",
        de: "'example.com' veröffentlicht 2 SPF-Einträge; Empfänger werten das als permanenten "
          + "Fehler"),
      location: Location(
        name: "example.com", type: "TXT", record: spfRecords[1],
        span: Location.Span(offset: 0, length: 6), file: "zones/example.com.zone", line: 7),
      fix: Fix(
        explanation: LocalizedText(
          en: "Merge both records into one that keeps every mechanism of both",
          de: "Beide Einträge zu einem zusammenführen, der alle Mechanismen beider behält"),
        add: [
          DNSChange(
            owner: name("example.com"), type: .txt,
            value: "v=spf1 include:_spf.google.com include:sendgrid.net -all")
        ],
        remove: spfRecords.map { DNSChange(owner: name("example.com"), type: .txt, value: $0) }))
    let hostileTerm = Finding(
      id: "spf.unknown-term", severity: .warning,
      message: LocalizedText(
        en: "SPF record of 'mail.example.com' has an unknown term '\u{1b}]0;pwned\u{07}\u{1b}[2J'",
        de: "SPF-Eintrag von 'mail.example.com' enthält den unbekannten Term "
          + "'\u{1b}]0;pwned\u{07}\u{1b}[2J'"),
      location: Location(
        name: "mail.example.com", type: "TXT", record: hostile,
        span: Location.Span(offset: 32, length: 14)))
    let policyNone = Finding(
      id: "dmarc.policy-none", severity: .warning,
      message: LocalizedText(
        en: "DMARC policy of 'example.com' is 'p=none': spoofed mail is delivered",
        de: "DMARC-Richtlinie von 'example.com' ist 'p=none': gefälschte Mails werden zugestellt"),
      location: Location(
        name: "_dmarc.example.com", type: "TXT",
        record: "v=DMARC1; p=none; rua=mailto:d@example.com",
        span: Location.Span(offset: 10, length: 6), file: "zones/example.com.zone", line: 9),
      fix: Fix(
        explanation: LocalizedText(
          en: "Move to 'p=quarantine' once the reports show only your own senders; put the "
            + "report address in place of the placeholder",
          de: "Auf 'p=quarantine' umstellen, sobald die Berichte nur eigene Absender zeigen; die "
            + "Berichtsadresse statt des Platzhalters eintragen"),
        add: [
          DNSChange(
            owner: name("_dmarc.example.com"), type: .txt,
            value: "v=DMARC1; p=quarantine; rua=mailto:<your-report-address>")
        ],
        remove: [
          DNSChange(
            owner: name("_dmarc.example.com"), type: .txt,
            value: "v=DMARC1; p=none; rua=mailto:d@example.com")
        ]))
    let testing = Finding(
      id: "dkim.testing", severity: .note,
      message: LocalizedText(
        en: "DKIM key 's1' is in testing mode ('t=y'); some receivers ignore its signatures",
        de: "DKIM-Schlüssel 's1' ist im Testmodus ('t=y'); manche Empfänger ignorieren seine "
          + "Signaturen"))
    let suppressed = SuppressedFinding(
      finding: Finding(
        id: "mx.missing", severity: .warning,
        message: LocalizedText(
          en: "'example.com' has no MX record", de: "'example.com' hat keinen MX-Eintrag"),
        location: Location(name: "example.com", type: "MX")),
      reason: "Inbound mail goes to another domain (ticket OPS-42)")
    let gmail = ProfileVerdict(
      id: "gmail-bulk", title: LocalizedText(en: "Gmail bulk senders", de: "Gmail-Massenversender"),
      ready: false,
      requirements: [
        RequirementResult(
          id: "gmail.bulk.spf", title: LocalizedText(en: "SPF passes", de: "SPF besteht"),
          status: .passed),
        RequirementResult(
          id: "gmail.bulk.dmarc-enforced",
          title: LocalizedText(en: "DMARC policy enforced", de: "DMARC-Richtlinie durchgesetzt"),
          status: .failed, findings: ["dmarc.policy-none"]),
        RequirementResult(
          id: "gmail.bulk.one-click-unsubscribe",
          title: LocalizedText(
            en: "One-click unsubscribe in marketing mail",
            de: "Abmeldung mit einem Klick in Werbemails"),
          status: .notCheckable),
      ])
    var report = DomainReport(
      domain: "example.com", input: "postmaster@example.com", profiles: [gmail],
      findings: [multiple, hostileTerm, policyNone, testing],
      records: [
        "spf": spfRecords.map {
          RecordSummary(
            name: "example.com", type: "TXT", ttl: 3600, data: "\"\($0)\"",
            file: "zones/example.com.zone", line: 7)
        }
      ], suppressed: [suppressed], lookupFailed: false)
    report.esps = [
      DetectedESP(
        id: "sendgrid", name: "SendGrid", named: false,
        evidence: ["s1._domainkey.example.com CNAME s1.domainkey.u1.wl1.sendgrid.net."],
        dkim: ESPMechanismState(
          aligned: true,
          why: LocalizedText(
            en: "DKIM aligns through the CNAMEd key",
            de: "DKIM passt über den per CNAME verwiesenen Schlüssel zur Absenderdomain")),
        spf: ESPMechanismState(
          aligned: nil,
          why: LocalizedText(
            en: "SPF aligns only with a custom return path",
            de: "SPF passt nur mit eigenem Return-Path")))
    ]
    return report
  }

  static var clean: DomainReport {
    DomainReport(
      domain: "example.org",
      profiles: [
        ProfileVerdict(
          id: "gmail-bulk",
          title: LocalizedText(en: "Gmail bulk senders", de: "Gmail-Massenversender"), ready: true,
          requirements: [
            RequirementResult(
              id: "gmail.bulk.spf", title: LocalizedText(en: "SPF passes", de: "SPF besteht"),
              status: .passed)
          ])
      ])
  }

  /// Descriptions for the fixture's rule ids (the catalog's may change; these do not).
  static var rules: [RuleDescription] {
    [
      describe(
        "spf.multiple-records", .error,
        title: ("More than one SPF record", "Mehr als ein SPF-Eintrag"),
        rationale: (
          "RFC 7208 allows one SPF record per name. With two, every receiver returns permerror "
            + "and SPF fails for all mail, so DMARC can only pass through DKIM.",
          "RFC 7208 erlaubt einen SPF-Eintrag je Name. Bei zweien liefert jeder Empfänger "
            + "permerror, SPF scheitert für alle Mails, und DMARC kann nur noch über DKIM bestehen."
        ),
        fix: (
          "Merge the records into one that keeps every mechanism.",
          "Die Einträge zu einem zusammenführen, der alle Mechanismen behält."
        ),
        reference: .rfc(7208, section: "4.5"),
        zone: "@ TXT \"v=spf1 include:_spf.google.com ~all\"\n@ TXT \"v=spf1 -all\""),
      describe(
        "spf.unknown-term", .warning,
        title: ("Unknown term in the SPF record", "Unbekannter Term im SPF-Eintrag"),
        rationale: (
          "Receivers stop at a term they cannot parse and return permerror.",
          "Empfänger brechen bei einem Term ab, den sie nicht lesen können, und melden permerror."
        ),
        fix: (
          "Remove the term or correct its spelling.",
          "Den Term entfernen oder seine Schreibweise korrigieren."
        ),
        reference: .rfc(7208, section: "4.6.1"),
        zone: "mail TXT \"v=spf1 inclde:_spf.example.net -all\"", domain: "mail.example.com"),
      describe(
        "dmarc.policy-none", .warning,
        title: ("DMARC policy is 'none'", "DMARC-Richtlinie ist 'none'"),
        rationale: (
          "With p=none receivers deliver mail that fails DMARC as if it passed; Gmail and Yahoo "
            + "accept it for bulk senders, but spoofed mail in your name still reaches inboxes.",
          "Mit p=none stellen Empfänger Mails trotz gescheitertem DMARC zu; Gmail und Yahoo "
            + "akzeptieren das bei Massenversendern, aber gefälschte Mails in Ihrem Namen "
            + "erreichen weiter Postfächer."
        ),
        fix: (
          "Raise the policy to quarantine, then reject, once reports show only your own mail.",
          "Die Richtlinie auf quarantine und dann reject anheben, sobald die Berichte nur eigene "
            + "Mails zeigen."
        ),
        reference: .rfc(9989, section: "4.7"),
        zone: "_dmarc TXT \"v=DMARC1; p=none\""),
      describe(
        "dkim.testing", .note,
        title: ("DKIM key in testing mode", "DKIM-Schlüssel im Testmodus"),
        rationale: (
          "t=y asks receivers to treat signatures like unsigned mail.",
          "t=y bittet Empfänger, signierte Mails wie unsignierte zu behandeln."
        ),
        fix: ("Remove 't=y' from the key record.", "'t=y' aus dem Schlüsseleintrag entfernen."),
        reference: .rfc(6376, section: "3.6.1"),
        zone: "s1._domainkey TXT \"v=DKIM1; t=y; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC\"",
        selector: "s1"),
      describe(
        "mx.missing", .warning, title: ("No MX record", "Kein MX-Eintrag"),
        rationale: (
          "Bounces and replies to the domain cannot be delivered.",
          "Unzustellbarkeitsmeldungen und Antworten an die Domain kommen nicht an."
        ),
        fix: (
          "Publish an MX record, or a null MX if the domain receives no mail.",
          "Einen MX-Eintrag veröffentlichen, oder einen Null-MX, wenn die Domain keine Mails "
            + "empfängt."
        ),
        reference: .rfc(7505, section: "3"), zone: "@ A 192.0.2.1"),
    ]
  }

  static func describe(
    _ id: String, _ severity: Severity, title: (String, String), rationale: (String, String),
    fix: (String, String), reference: Reference, zone: String, domain: String = "example.com",
    selector: String? = nil
  ) -> RuleDescription {
    RuleDescription(
      id: id, title: LocalizedText(en: title.0, de: title.1),
      rationale: LocalizedText(en: rationale.0, de: rationale.1),
      howToFix: LocalizedText(en: fix.0, de: fix.1), references: [reference],
      severity: severity,
      triggering: [
        RuleExample(
          domain: domain, zone: zone,
          options: CheckOptions(selectors: selector.map { [$0] } ?? []))
      ], nonTriggering: [RuleExample(domain: domain, zone: "@ A 192.0.2.1")])
  }

  /// Render options as on a terminal 100 columns wide (`width: nil` for a pipe or a file).
  static func options(_ language: Language, color: Bool = false, width: Int? = 100)
    -> RenderOptions
  {
    RenderOptions(language: language, color: color, width: width, rules: rules)
  }
}
