import DNSLookup
import SenderAuthCore

/// `esp.return-path-missing`: an ESP that can give SPF alignment through a return path under
/// your domain has that return path missing or pointing elsewhere (checked for fixed names
/// such as Postmark's `pm-bounces`, and for the `--return-path` domain).
public struct ESPReturnPathMissingRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "esp.return-path-missing",
    title: LocalizedText(
      en: "An ESP's custom return path is not set up",
      de: "Der eigene Return-Path des Versanddienstes ist nicht eingerichtet"),
    rationale: LocalizedText(
      en: """
        SPF is checked on the envelope sender (Return-Path), not on the From header. Only when \
        the ESP bounces to a subdomain of yours (a CNAME to the ESP, or MX and SPF records for \
        a custom MAIL FROM) does SPF align for DMARC; otherwise DMARC rests on DKIM alone.
        """,
      de: """
        SPF wird am Umschlagabsender (Return-Path) geprüft, nicht am From-Header. Nur wenn der \
        Versanddienst Bounces an eine Subdomain Ihrer Domain schickt (CNAME auf den Versanddienst, \
        oder MX- und SPF-Einträge für ein eigenes MAIL FROM), passt SPF für DMARC zur \
        Absenderdomain; sonst hängt DMARC allein an DKIM.
        """),
    howToFix: LocalizedText(
      en: "Publish the return-path records the ESP shows for your domain.",
      de:
        "Veröffentlichen Sie die Return-Path-Einträge, die der Versanddienst für Ihre Domain anzeigt."
    ),
    references: [
      Reference(
        title: "Postmark: Full DMARC support with custom Return-Path",
        url: "https://postmarkapp.com/blog/introducing-full-dmarc-support-with-custom"),
      Reference(
        title: "Amazon SES: Custom MAIL FROM",
        url: "https://docs.aws.amazon.com/ses/latest/DeveloperGuide/mail-from-set.html"),
      .rfc(7208, section: "2.4"),
    ],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          @ TXT "v=spf1 -all"
          """,
        options: CheckOptions(
          returnPath: try? DomainName("pm-bounces.example.com"), esps: ["postmark"]),
        fixable: true),
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          s1._domainkey CNAME s1.domainkey.u1234.wl001.sendgrid.net.
          s2._domainkey CNAME s2.domainkey.u1234.wl001.sendgrid.net.
          """, options: CheckOptions(returnPath: try? DomainName("em42.example.com")), fixable: true
      ),
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          s1._domainkey CNAME s1.domainkey.u1234.wl001.sendgrid.net.
          s2._domainkey CNAME s2.domainkey.u1234.wl001.sendgrid.net.
          em42 CNAME u1234.wl001.sendgrid.net.
          """, options: CheckOptions(returnPath: try? DomainName("em42.example.com"))),
      RuleExample(
        zone: """
          @ SOA ns1 hostmaster 1 3600 600 86400 300
          s1._domainkey CNAME s1.domainkey.u1234.wl001.sendgrid.net.
          s2._domainkey CNAME s2.domainkey.u1234.wl001.sendgrid.net.
          """),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    ESPAnalysis.applying(context).compactMap { analysis in
      if analysis.returnPathHost == nil { return unknownHostFinding(analysis, context: context) }
      guard !analysis.returnPathOK, let host = analysis.returnPathHost else { return nil }
      let esp = analysis.esp
      // A return path with an SPF record of its own is managed another way.
      let hasSPF = ESPRecords.txt(at: host, context: context).contains {
        $0.lowercased().hasPrefix("v=spf1")
      }
      switch esp.returnPath {
      case .cname(let label, let targets):
        if hasSPF && analysis.returnPathTarget == nil { return nil }
        // Without a fixed label, the --return-path host may belong to another ESP.
        if label == nil, let target = analysis.returnPathTarget,
          ESPCatalog.all.contains(where: { other in
            guard other.id != esp.id, case .cname(_, let others) = other.returnPath else {
              return false
            }
            return others.contains { $0.match(target, domain: context.domain) != nil }
          })
        {
          return nil
        }
        return cnameFinding(
          analysis, host: host, pattern: targets[0], context: context)
      case .mailFrom(let mx, let include):
        return mailFromFinding(
          analysis, host: host, mx: mx, include: include, hasSPF: hasSPF, context: context)
      default:
        return nil
      }
    }
  }

  func cnameFinding(
    _ analysis: ESPAnalysis, host: DomainName, pattern: NamePattern, context: DomainContext
  ) -> Finding {
    let esp = analysis.esp
    var bindings: [String: String] = [:]
    for state in analysis.dkim.flatMap(\.records) where state.matchedPattern != nil {
      bindings.merge(state.bindings) { first, _ in first }
    }
    let target = pattern.render(domain: context.domain, bindings: bindings) + "."
    var remove: [DNSChange] = []
    if let old = analysis.returnPathTarget {
      remove.append(DNSChange(owner: host, type: .cname, value: old.absolute))
    }
    let placeholder = target.contains("<")
    return finding(
      LocalizedText(
        en: "\(esp.name) return path '\(host.text)' "
          + (analysis.returnPathTarget.map { "points to '\($0.text)', not to " }
            ?? "has no CNAME to ") + "'\(pattern.text)', so SPF does not align for its mail",
        de: "Return-Path '\(host.text)' von \(esp.name) "
          + (analysis.returnPathTarget.map { "zeigt auf '\($0.text)' statt auf " }
            ?? "hat keinen CNAME auf ")
          + "'\(pattern.text)', SPF passt für seine Mails also nicht zur Absenderdomain"),
      at: Location(name: host.text, type: "CNAME"),
      fix: Fix(
        explanation: LocalizedText(
          en: "Point the return-path host at \(esp.name)"
            + (placeholder ? "; take the <…> values from \(esp.whereToFind.en)." : "."),
          de: "Lassen Sie den Return-Path-Namen auf \(esp.name) zeigen"
            + (placeholder ? "; die <…>-Werte stehen in \(esp.whereToFind.de)." : ".")),
        add: [
          DNSChange(
            owner: host, type: .cname, value: target,
            note: placeholder
              ? LocalizedText(
                en: "the <…> values are in \(esp.whereToFind.en)",
                de: "die <…>-Werte stehen in \(esp.whereToFind.de)") : nil)
        ], remove: remove))
  }

  /// An ESP that sends for the domain (a sending IP or the message is its) with a return-path
  /// host it names itself (SendGrid's `em<n>`), while the domain is not authenticated there
  /// (its DKIM records are missing): its setup's return-path CNAME, with the account's values
  /// as placeholders where no record names them.
  func unknownHostFinding(_ analysis: ESPAnalysis, context: DomainContext) -> Finding? {
    let esp = analysis.esp
    guard let label = esp.returnPathLabel, case .cname(_, let targets) = esp.returnPath,
      let pattern = targets.first, analysis.satisfiedSetup == nil,
      !analysis.sendingAddresses.isEmpty || analysis.sentMessage,
      let host = try? DomainName(
        label.render(domain: context.domain, bindings: analysis.bindings) + "."
          + context.domain.text)
    else { return nil }
    let target = pattern.render(domain: context.domain, bindings: analysis.bindings) + "."
    let through =
      analysis.sendingAddresses.first.map { "'\($0.ip)'" }
      ?? (analysis.sentMessage ? "the message" : "")
    return finding(
      LocalizedText(
        en: "\(esp.name) sends for '\(context.domain.text)' (\(through)), but the domain is not "
          + "set up there: no return-path CNAME such as '\(host.text)' to '\(pattern.text)', so "
          + "SPF does not align for its mail (and no 'ip4:' entry would change that)",
        de: "\(esp.name) versendet für '\(context.domain.text)' (\(through)), die Domain ist "
          + "dort aber nicht eingerichtet: kein Return-Path-CNAME wie '\(host.text)' auf "
          + "'\(pattern.text)', SPF passt für seine Mails also nicht zur Absenderdomain (und "
          + "kein 'ip4:'-Eintrag würde das ändern)"),
      at: Location(name: host.text, type: "CNAME"),
      fix: Fix(
        explanation: LocalizedText(
          en: "Authenticate the domain at \(esp.name) and publish the return-path CNAME it "
            + "shows, beside its DKIM records; take the <…> values from \(esp.whereToFind.en).",
          de: "Authentifizieren Sie die Domain bei \(esp.name) und veröffentlichen Sie den "
            + "angezeigten Return-Path-CNAME neben den DKIM-Einträgen; die <…>-Werte stehen in "
            + "\(esp.whereToFind.de)."),
        add: [DNSChange(owner: host, type: .cname, value: target)]))
  }

  func mailFromFinding(
    _ analysis: ESPAnalysis, host: DomainName, mx: NamePattern, include: String, hasSPF: Bool,
    context: DomainContext
  ) -> Finding? {
    let esp = analysis.esp
    let hosts = ESPRecords.mxHosts(at: host, context: context)
    let spfTexts = ESPRecords.txt(at: host, context: context).filter {
      $0.lowercased().hasPrefix("v=spf1")
    }
    var add: [DNSChange] = []
    var remove: [DNSChange] = []
    if hosts.isEmpty {
      add.append(
        DNSChange(
          owner: host, type: .mx, value: "10 " + mx.render(domain: context.domain) + "."))
    }
    if spfTexts.isEmpty {
      add.append(DNSChange(owner: host, type: .txt, value: "v=spf1 include:\(include) ~all"))
    } else if spfTexts.count == 1, !spfTexts[0].lowercased().contains("include:" + include) {
      remove.append(DNSChange(owner: host, type: .txt, value: spfTexts[0]))
      add.append(
        DNSChange(
          owner: host, type: .txt, value: SPFRecordEdit.adding(include: include, to: spfTexts[0])))
    }
    guard !add.isEmpty else { return nil }
    return finding(
      LocalizedText(
        en: "\(esp.name) MAIL FROM domain '\(host.text)' lacks its MX to '\(mx.text)' or its "
          + "SPF include '\(include)', so SPF does not align for its mail",
        de:
          "Der MAIL-FROM-Domain '\(host.text)' von \(esp.name) fehlt der MX auf '\(mx.text)' oder den "
          + "include-Mechanismus '\(include)', SPF passt für seine Mails also nicht zur "
          + "Absenderdomain"
      ),
      at: Location(name: host.text, type: hosts.isEmpty ? "MX" : "TXT"),
      fix: Fix(
        explanation: LocalizedText(
          en: "Publish exactly one MX and the SPF record for the MAIL FROM domain; the region "
            + "is shown in \(esp.whereToFind.en).",
          de: "Veröffentlichen Sie genau einen MX und den SPF-Eintrag für die MAIL-FROM-Domain; "
            + "die Region steht in \(esp.whereToFind.de)."),
        add: add, remove: remove))
  }
}
