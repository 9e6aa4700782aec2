import DNSLookup
import SenderAuthCore

/// What the DMARC rules share: references, report addresses for fixes, record rewrites.
enum DMARCRuleSupport {
  /// RFC 9989 section references.
  static func rfc9989(_ section: String) -> Reference { .rfc(9989, section: section) }

  /// `Alignment.assess(context)`, decided once per context: `dmarc.alignment-none` and the
  /// provider requirements on alignment and on aligned DKIM read it.
  static func alignment(_ context: DomainContext) -> Alignment {
    context.memo.value("Alignment.assess", of: context, Alignment.assess)
  }

  /// Google's pages, as the provider table cites them (one read date for each page).
  static let gmailGuidelines = MailboxProvider.Google.guidelines
  static let gmailFAQ = MailboxProvider.Google.faq
  static let rfc9990 = Reference(
    title: "RFC 9990 (DMARC aggregate reporting: verifying external destinations)",
    url: "https://www.rfc-editor.org/rfc/rfc9990")

  /// The `rua` URI for fixes: `--rua` (validated by the request: `mailto:` or `https:`), or
  /// nil when none was given; a fix never invents an address.
  static func reportURI(_ options: CheckOptions) -> String? {
    guard let rua = options.rua?.trimmingBlanks(), !rua.isEmpty else { return nil }
    return rua.contains(":") ? rua : "mailto:" + rua
  }

  /// `; rua=URI` for a new record when `--rua` was given, else nothing.
  static func reportTag(_ options: CheckOptions) -> String {
    reportURI(options).map { "; rua=\($0)" } ?? ""
  }

  /// How to get reports when no address was given: a complete record works without one.
  static func reportAddressNote(_ options: CheckOptions) -> LocalizedText {
    if options.rua != nil { return LocalizedText(en: "", de: "") }
    return LocalizedText(
      en: " To receive the daily aggregate reports, run the check again with --rua and a "
        + "mailbox (your own, e.g. dmarc-reports@ at your domain, or a DMARC report "
        + "service's address).",
      de: " Um die täglichen aggregierten Berichte zu erhalten, prüfen Sie erneut mit --rua und "
        + "einem Postfach (einem eigenen, z. B. dmarc-reports@ Ihrer Domain, oder der Adresse "
        + "eines DMARC-Berichtsdienstes).")
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

  /// One edit of the applicable record that a DMARC rule asks for.
  struct Edit {
    var what: LocalizedText
  }

  /// The applicable record as its author meant it (`DMARCIntent`: tag case, missing `;`,
  /// mistyped policies read as meant; unknown tags, `pct`, `rf`, `ri`, `!size` and invalid
  /// values dropped) with every DMARC edit applied: `p=` written (`dmarc.no-policy`), `t=y`
  /// removed while a policy other than none applies (`dmarc.testing`), and a `rua` added when
  /// none is valid and `--rua` gives one (`dmarc.no-rua`). None of them weakens the policy.
  /// Nil when nothing is to be edited.
  static func corrected(_ record: DMARCRecord, context: DomainContext) -> (
    text: String, edits: [Edit]
  )? {
    var intent = DMARCIntent(text: record.text)
    var edits = intent.corrections.map(Edit.init(what:))
    if !record.hasPolicyTag, intent.policy == nil {
      intent.policy = DMARCPolicy.none
      edits.append(Edit(what: LocalizedText(en: "'p=none' added", de: "'p=none' ergänzt")))
    }
    let applied = context.dmarc.discovery.appliedPolicy
    if intent.testing == true, applied != nil, applied != DMARCPolicy.none {
      intent.testing = nil
      edits.append(
        Edit(what: LocalizedText(en: "'t=y' removed (test mode)", de: "'t=y' entfernt (Testmodus)"))
      )
    }
    if intent.aggregate.isEmpty, let uri = reportURI(context.options) {
      intent.aggregate = [uri]
      edits.append(
        Edit(
          what: LocalizedText(
            en: record.term(.rua) == nil ? "'rua=\(uri)' added" : "'rua=' replaced by '\(uri)'",
            de: record.term(.rua) == nil
              ? "'rua=\(uri)' ergänzt" : "'rua=' durch '\(uri)' ersetzt")))
    }
    let text = intent.text
    guard !edits.isEmpty, text != record.text else { return nil }
    return (text, edits)
  }

  /// How receivers read `record` today, in words: as it is, as `p=none` (no valid policy but
  /// a valid report address, RFC 9989 §4.10.1), or not at all.
  static func receiverReading(_ record: DMARCRecord) -> LocalizedText {
    if record.policy != nil {
      return LocalizedText(
        en: "receivers apply it with the parts they can read",
        de: "empfangende Server wenden ihn mit den lesbaren Teilen an")
    }
    if record.hasValidRUA {
      return LocalizedText(
        en: "receivers treat it as p=none, whatever policy was meant",
        de: "empfangende Server behandeln ihn als p=none, welche Richtlinie auch gemeint war")
    }
    return LocalizedText(
      en: "receivers discard it: no DMARC policy applies",
      de: "empfangende Server verwerfen ihn: keine DMARC-Richtlinie gilt")
  }

  /// The fix a rule gives for the applicable record it owns (`ownedPolicyRecord`): the record
  /// with every DMARC edit applied, so the fixes of several DMARC rules are the same record and
  /// applying one is enough; explained by `lead` and the list of edits. Nil when there is
  /// nothing to edit.
  static func correction(_ context: DomainContext, lead: LocalizedText) -> Fix? {
    guard let record = ownedPolicyRecord(context),
      let corrected = corrected(record, context: context)
    else { return nil }
    let changes = replace(record, with: corrected.text)
    let list = LocalizedText(
      en: corrected.edits.map(\.what.en).joined(separator: "; "),
      de: corrected.edits.map(\.what.de).joined(separator: "; "))
    let note =
      record.hasValidRUA ? LocalizedText(en: "", de: "") : reportAddressNote(context.options)
    return Fix(
      explanation: LocalizedText(
        en: lead.en + " The corrected record makes every DMARC correction at once: \(list.en)."
          + note.en,
        de: lead.de + " Der korrigierte Eintrag nimmt alle DMARC-Korrekturen auf einmal vor: "
          + "\(list.de)." + note.de),
      add: changes.add, remove: changes.remove)
  }

  /// The record a domain without its own should publish at `_dmarc.<domain>`, shared by
  /// `dmarc.inherited` and `dmarc.intermediate-ignored` so that both propose the same one.
  struct OwnRecord {
    /// The TXT value.
    var value: String
    /// The record it is built from: the applicable (inherited) one, or the nearest ignored
    /// record of a parent in between.
    var source: DMARCRecord
    /// True when it copies the ignored intermediate record.
    var fromIntermediate: Bool
    var policy: DMARCPolicy
  }

  /// The stronger of the two own records the domain could publish: the inherited record with
  /// the policy that applies now, or the nearest ignored intermediate record when its effective
  /// policy (after `t=y`) is at least the one that applies now. Both keep `sp`, `np`, `adkim`,
  /// `aspf`, `rua`, `ruf` and `fo` as the source writes them (so alignment and reporting stay as
  /// strict) and leave out what the DMARC rules would remove (`t`, `psd`, `pct`, `rf`, `ri`,
  /// unknown tags, `!size`). On a tie the inherited record wins: it is what applies now.
  static func ownRecord(_ context: DomainContext) -> OwnRecord? {
    let discovery = context.dmarc.discovery
    var inherited: OwnRecord?
    if discovery.source == .organizationalDomain || discovery.source == .publicSuffixDomain,
      let record = discovery.policyRecord
    {
      let policy = discovery.appliedPolicy ?? DMARCPolicy.none
      inherited = OwnRecord(
        value: ownRecordText(record, policy: policy, context: context), source: record,
        fromIntermediate: false, policy: policy)
    }
    var intermediate: OwnRecord?
    if let nearest = discovery.ignoredRecordDomains.first,
      let record = discovery.steps.first(where: { $0.domain == nearest })?.record,
      !record.hasInvalidPolicyTag
    {
      let written = record.policy ?? DMARCPolicy.none
      let effective = record.testing ? written.testingDowngrade : written
      if effective >= (discovery.effectivePolicy ?? DMARCPolicy.none) {
        intermediate = OwnRecord(
          value: ownRecordText(record, policy: written, context: context), source: record,
          fromIntermediate: true, policy: written)
      }
    }
    guard let inherited else { return intermediate }
    guard let intermediate, intermediate.policy > inherited.policy else { return inherited }
    return intermediate
  }

  /// `v=DMARC1; p=<policy>` and the tags of `record` an own record keeps.
  private static func ownRecordText(
    _ record: DMARCRecord, policy: DMARCPolicy, context: DomainContext
  ) -> String {
    var parts = ["v=DMARC1", "p=\(policy.rawValue)"]
    // `sp` and `np` only where they differ from what applies without them (`sp` falls back to
    // `p`, `np` to `sp`).
    let subdomain = record.hasInvalidValue(.sp) ? nil : record.subdomainPolicy
    if let subdomain, subdomain != policy { parts.append("sp=\(subdomain.rawValue)") }
    let nonexistent = record.hasInvalidValue(.np) ? nil : record.nonexistentPolicy
    if let nonexistent, nonexistent != (subdomain ?? policy) {
      parts.append("np=\(nonexistent.rawValue)")
    }
    for tag in [DMARCRecord.Tag.adkim, .aspf] where !record.hasInvalidValue(tag) {
      if let term = record.term(tag) { parts.append("\(tag.rawValue)=\(term.value)") }
    }
    let rua =
      record.hasValidRUA
      ? record.aggregateReportURIs.map(\.uri).joined(separator: ",")
      : reportURI(context.options)
    if let rua { parts.append("rua=\(rua)") }
    if !record.failureReportURIs.isEmpty {
      parts.append("ruf=" + record.failureReportURIs.map(\.uri).joined(separator: ","))
      if let fo = record.term(.fo), !record.hasInvalidValue(.fo) { parts.append("fo=\(fo.value)") }
    }
    return parts.joined(separator: "; ")
  }

  /// The fix of `dmarc.inherited` and `dmarc.intermediate-ignored`: the one own record.
  static func ownRecordFix(_ context: DomainContext) -> Fix? {
    guard let own = ownRecord(context) else { return nil }
    let policy = own.policy.rawValue
    let from = ownerText(own.source, fallback: context.domain)
    let note =
      own.source.hasValidRUA ? LocalizedText(en: "", de: "") : reportAddressNote(context.options)
    let explanation =
      own.fromIntermediate
      ? LocalizedText(
        en: "Publish the record of '\(from)' for '\(context.domain.text)' itself, so that its "
          + "policy '\(policy)' applies; it is at least as strict as what applies now.",
        de: "Veröffentlichen Sie den Eintrag von '\(from)' auch für '\(context.domain.text)', "
          + "damit seine Richtlinie '\(policy)' gilt; sie ist mindestens so streng wie die jetzt "
          + "geltende.")
      : LocalizedText(
        en: "Publish an own record with the policy that applies now ('\(policy)') and the "
          + "alignment and report settings of '\(from)', then tighten it independently of the "
          + "parent.",
        de: "Veröffentlichen Sie einen eigenen Eintrag mit der jetzt geltenden Richtlinie "
          + "('\(policy)') und den Ausrichtungs- und Berichtsangaben von '\(from)' und "
          + "verschärfen Sie ihn unabhängig von der übergeordneten Domain.")
    return Fix(
      explanation: LocalizedText(en: explanation.en + note.en, de: explanation.de + note.de),
      add: [DNSChange(owner: dmarcName(context.domain), type: .txt, value: own.value)])
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
      place = LocalizedText(en: "its own record", de: "des eigenen Eintrags der Domain")
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
