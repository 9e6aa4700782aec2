import DNSLookup
import SenderAuthCore

/// "Which DMARC record applies and why" as text lines of at most 100 columns: the tree walk
/// query by query, the organizational domain and how it was chosen, the applicable record,
/// the tag that applies and why, and the report destinations.
public enum DMARCText {
  /// The widest line produced.

  /// Every line for `context`.
  public static func lines(_ context: DMARCContext, language: Language) -> [String] {
    let de = language == .de
    let discovery = context.discovery
    var lines = [
      fit(
        de
          ? "DMARC für '\(discovery.domain.text)' (Baumsuche nach RFC 9989 §4.10)"
          : "DMARC for '\(discovery.domain.text)' (RFC 9989 §4.10 tree walk)")
    ]
    lines += walkLines(discovery, language: language)
    lines += summaryLines(discovery, language: language)
    lines += destinationLines(context.reportDestinations, language: language)
    for record in context.apexRecords {
      lines.append(
        fit(
          (de ? "  Falscher Ort (nie gelesen): " : "  Wrong place (never read): ")
            + "\(discovery.domain.text) TXT \"\(TerminalText.escape(record.text))\""))
    }
    return lines
  }

  /// One line per query of the walk: the `_dmarc` name and what it held.
  public static func walkLines(_ discovery: DMARCDiscovery, language: Language) -> [String] {
    let de = language == .de
    let names = discovery.steps.map { "_dmarc.\($0.domain.text)" }
    let column = min(44, (names.map(\.count).max() ?? 0) + 2)
    return zip(discovery.steps, names).map { step, name in
      let state: String
      switch step.outcome {
      case .record:
        state = "\"" + TerminalText.escape(step.record?.text ?? "") + "\""
      case .noRecord:
        let nearMisses = step.records?.nearMisses.count ?? 0
        state =
          nearMisses > 0
          ? (de
            ? "kein gültiger Eintrag (\(nearMisses) fast DMARC)"
            : "no valid record "
              + "(\(nearMisses) almost DMARC)")
          : (de ? "kein Eintrag" : "no record")
      case .multipleRecords:
        let count = step.records?.records.count ?? 0
        state = de ? "\(count) Einträge, alle verworfen" : "\(count) records, all discarded"
      case .failed:
        state =
          (de ? "Abfrage fehlgeschlagen: " : "lookup failed: ")
          + TerminalText.escape(step.failure ?? "")
      }
      return fit("  " + pad(TerminalText.escape(name), column) + state)
    }
  }

  /// The organizational domain, the applicable record, the tag and policy, and caveats.
  public static func summaryLines(_ discovery: DMARCDiscovery, language: Language) -> [String] {
    let de = language == .de
    var lines: [String] = []
    let organizational = discovery.organizationalDomain.text
    let rule: String
    switch discovery.organizationalDomainRule {
    case .psdNo:
      rule = de ? "ihr Eintrag hat psd=n" : "its record has psd=n"
    case .belowPublicSuffix:
      let suffix = discovery.publicSuffixDomain?.text ?? ""
      rule =
        de
        ? "eine Ebene unter dem Public Suffix '\(suffix)', psd=y"
        : "one label below public suffix '\(suffix)', psd=y"
    case .fewestLabels:
      rule = de ? "Eintrag mit den wenigsten Labels" : "the record with the fewest labels"
    case .startingDomain:
      rule =
        de ? "kein Eintrag gefunden: die Domain selbst" : "no record found: the domain itself"
    }
    lines.append(
      fit(
        (de ? "  Organisationsdomain: " : "  Organizational domain: ")
          + "\(organizational) (\(rule))"))

    guard let policyDomain = discovery.policyDomain, discovery.policyRecord != nil else {
      let text: String
      if discovery.incomplete {
        text =
          de
          ? "  Richtlinie unbekannt: eine Abfrage schlug fehl, daher lässt sich nicht sagen, "
            + "welcher DMARC-Eintrag gilt"
          : "  Policy unknown: a lookup failed, so which DMARC record applies cannot be told"
      } else {
        text =
          de
          ? "  Kein DMARC-Eintrag gilt: DMARC wird auf Mails dieser Domain nicht angewendet"
          : "  No DMARC record applies: receivers do not apply DMARC to this domain"
      }
      lines.append(fit(text))
      return lines
    }
    let place: String
    switch discovery.source {
    case .domain:
      place = de ? "die Domain selbst" : "the domain itself"
    case .organizationalDomain:
      place =
        de
        ? "Organisationsdomain, übergeordnet zu \(discovery.domain.text)"
        : "organizational domain, a parent of \(discovery.domain.text)"
    case .publicSuffixDomain:
      place = de ? "Public-Suffix-Domain, psd=y" : "public suffix domain, psd=y"
    case .none:
      place = ""
    }
    lines.append(
      fit(
        (de ? "  Geltender Eintrag: " : "  Applicable record: ")
          + "_dmarc.\(policyDomain.text) (\(place))"))

    let why = tagReason(discovery, language: language)
    if let applied = discovery.appliedPolicy {
      var text =
        (de ? "  Richtlinie: " : "  Policy: ") + applied.rawValue + " " + why
      if let effective = discovery.effectivePolicy, effective != applied {
        text +=
          de
          ? "; t=y: angewendet wird \(effective.rawValue)"
          : "; t=y: applied as \(effective.rawValue)"
      }
      lines.append(fit(text))
    } else {
      lines.append(
        fit(
          de
            ? "  Richtlinie: ungültig und keine gültige rua=-Adresse: DMARC greift nicht"
            : "  Policy: invalid and no valid rua= address: DMARC is not applied"))
    }
    if !discovery.ignoredRecordDomains.isEmpty {
      let names = discovery.ignoredRecordDomains.map { "_dmarc.\($0.text)" }
        .joined(separator: ", ")
      lines.append(
        fit((de ? "  Nicht verwendet: " : "  Not used: ") + TerminalText.escape(names)))
    }
    if discovery.incomplete {
      lines.append(
        fit(
          de
            ? "  Achtung: eine Abfrage schlug fehl, das Ergebnis ist unsicher"
            : "  Caution: a lookup failed, so this verdict is uncertain"))
    }
    return lines
  }

  /// `from 'sp=none' (the domain exists: sp, else p)` and the like.
  static func tagReason(_ discovery: DMARCDiscovery, language: Language) -> String {
    let de = language == .de
    guard let tag = discovery.appliedTag, let record = discovery.policyRecord else { return "" }
    if discovery.invalidPolicyTag {
      return de
        ? "(ungültige Richtlinie, gültige rua=-Adresse: wie p=none)"
        : "(invalid policy tag with a valid rua= address: read as p=none)"
    }
    let written =
      record.term(tag).map { "'\(TerminalText.escape($0.name))=\(TerminalText.escape($0.value))'" }
      ?? (de ? "kein p= (RFC 9989: none)" : "no p= (RFC 9989: none)")
    let reason: String
    switch discovery.policyRule {
    case .domainRecord, nil:
      reason = de ? "eigener Eintrag: p" : "own record: p"
    case .existingSubdomain:
      reason = de ? "Domain existiert: sp, sonst p" : "the domain exists: sp, else p"
    case .nonexistentSubdomain:
      reason =
        de
        ? "Domain existiert nicht: np, sonst sp, sonst p"
        : "the domain does not exist: "
          + "np, else sp, else p"
    case .subdomainExistenceUnknown:
      reason = de ? "Existenz unbekannt: sp, sonst p" : "existence unknown: sp, else p"
    }
    return (de ? "aus " : "from ") + written + " (\(reason))"
  }

  /// One line per report destination that needs attention or authorization.
  public static func destinationLines(
    _ checks: [DMARCReportAuthorization], language: Language
  ) -> [String] {
    let de = language == .de
    return checks.map { check in
      let uri = TerminalText.escape(check.uri.uri)
      var state: String
      switch check.verdict {
      case .internalDestination: state = de ? "eigene Domain" : "own domain"
      case .authorized:
        state =
          (de ? "autorisiert durch " : "authorized by ") + (check.authorizedBy?.text ?? "")
      case .unauthorized:
        state =
          (de ? "NICHT autorisiert, fehlt: " : "NOT authorized, missing: ")
          + "\(check.authorizationName?.absolute ?? "") TXT \"v=DMARC1\""
      case .overriddenElsewhere:
        state =
          (de
            ? "NICHT autorisiert, umgeleitet an einen anderen Host: "
            : "NOT authorized, redirected to another host: ")
          + check.overrides.map(TerminalText.escape).joined(separator: ", ")
      case .unknown: state = de ? "unbekannt (Abfrage fehlgeschlagen)" : "unknown (lookup failed)"
      case .notCheckable: state = de ? "nicht prüfbar" : "not checkable"
      }
      switch check.mailHost {
      case .none: state += de ? "; kein MX, keine Adresse" : "; no MX, no address"
      case .nullMX: state += de ? "; Null-MX" : "; null MX"
      case .addressOnly: state += de ? "; kein MX (implizit)" : "; no MX (implicit)"
      case .mx, .unknown, .notApplicable: break
      }
      return fit("  \(check.kind.rawValue) \(uri): \(state)")
    }
  }

  /// Whether SPF and DKIM can align with the From domain, one line each, plus one per
  /// candidate identifier with its organizational domain.
  public static func alignmentLines(_ alignment: Alignment, language: Language) -> [String] {
    let de = language == .de
    func verdict(_ mechanism: Alignment.Mechanism, _ mode: DMARCAlignmentMode) -> String {
      let yes = alignment.aligns(mechanism, in: mode)
      let modeWord =
        mode == .strict ? "strict" : "relaxed"
      let answer = yes ? (de ? "ja" : "yes") : (de ? "nein" : "no")
      return "\(modeWord) \(answer)"
    }
    var lines = [
      fit(
        (de ? "Ausrichtung mit '" : "Alignment with '") + alignment.fromDomain.text + "' ("
          + (de ? "Organisationsdomain " : "organizational domain ")
          + alignment.fromOrganizationalDomain.text + ")")
    ]
    for (mechanism, mode, name) in [
      (Alignment.Mechanism.spf, alignment.spfMode, "SPF"),
      (.dkim, alignment.dkimMode, "DKIM"),
    ] {
      let required = mode == .strict ? "s" : "r"
      let tag = mechanism == .spf ? "aspf" : "adkim"
      lines.append(
        fit(
          "  \(name): \(verdict(mechanism, .relaxed)), \(verdict(mechanism, .strict)) "
            + "(\(tag)=\(required))"))
    }
    for candidate in alignment.candidates {
      let source: String
      switch candidate.source {
      case .returnPath: source = "--return-path"
      case .esp: source = "ESP"
      case .fromDomain:
        source = de ? "Absenderdomain als Return-Path-Domain" : "From domain as envelope"
      case .dkimKey: source = de ? "DKIM-Schlüssel" : "DKIM key"
      }
      let org = candidate.organizationalDomain?.text ?? "?"
      var note = ""
      if !candidate.canAuthenticate {
        note = de ? ", kein gültiger SPF-Eintrag" : ", no usable SPF record"
      }
      lines.append(
        fit(
          "    \(candidate.mechanism == .spf ? "SPF" : "DKIM") "
            + "\(TerminalText.escape(candidate.domain.text)) (\(source); "
            + (de ? "Organisationsdomain " : "organizational domain ") + "\(org)\(note))"))
    }
    if !alignment.candidates.contains(where: { $0.mechanism == .dkim }) {
      lines.append(
        fit(
          de
            ? "    DKIM: kein Schlüssel für die geprüften Selektoren (--selector angeben)"
            : "    DKIM: no key for the selectors tried (give --selector)"))
    }
    return lines
  }

  static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
  }

  /// `text` as it is: lines are never cut (a terminal wraps what is too long for it).
  static func fit(_ text: String) -> String { text }
}
