import DNSLookup
import SenderAuthCore
import SenderAuthRules

/// Turns every finding's changes into one verified plan.
///
/// Changes are merged per record set by a policy per kind: SPF (one record, the union of what
/// each fix needs, the strictest `all`), DMARC (one record per `_dmarc` owner, corrected from
/// what its author meant, policies never lower, report addresses never lost), and set
/// semantics for the rest (DKIM keys and CNAMEs, MX, PTR, addresses). The merged record sets
/// are laid over the data the session fetched and every rule runs again on it; new findings
/// that have fixes are merged in the next round (at most `rounds`). What remains is
/// `unresolved`, with the reason.
struct FixPlanner: Sendable {
  /// The resolver the session asked (its cache answers what was asked before).
  var resolver: any DNSResolver
  var evaluator: DomainEvaluator
  /// Seconds the re-checks of one domain may take; nil for no limit.
  var deadline: Double?
  /// The findings the configuration accepts: not planned for, not reported as unresolved.
  var suppressions: [Suppression] = []
  /// What the session's stack answers with what is there (`ResolverStack.answerable`): the
  /// re-checks leave unchecked what the check did.
  var answerable: (@Sendable (DNSQuestion) -> Bool)?

  /// Rounds of merging and re-checking before the plan stops growing.
  static let rounds = 3

  /// One change with the finding that asks for it.
  struct Change {
    var change: DNSChange
    var finding: String
    var removes: Bool
  }

  /// The plan for the domain of `result` (in a box: the planner's frames hold a pointer, not
  /// the result).
  func plan(_ result: HeapBox<DomainResult>) async -> FixPlan {
    let before = result.value.report
    var report = before
    var patch: [RecordSetKey: [ResourceRecord]] = [:]
    var published: [RecordSetKey: [ResourceRecord]] = [:]
    var notes: [String: LocalizedText] = [:]
    var conflicts: [FixPlan.Unresolved] = []
    var excluded: [FixPlan.Unresolved] = []
    for _ in 0..<Self.rounds {
      let changes = Self.changes(of: report).filter { change in
        !excluded.contains { $0.id == change.finding }
      }
      guard !changes.isEmpty else { break }
      for change in changes {
        if let note = change.change.note { notes[change.change.value] = note }
      }
      var round = await merge(changes, into: patch, published: &published)
      guard round.patch != patch else { break }
      var checked = await recheck(result, patch: round.patch)
      // A change that would cause a new error is left out (and said so), one finding's
      // changes at a time, until the plan adds no error.
      var introduced = Self.newErrors(before: before, after: checked)
      for finding in Set(changes.map(\.finding)).sorted() where !introduced.isEmpty {
        let without = changes.filter { $0.finding != finding }
        let trial = await merge(without, into: patch, published: &published)
        let trialReport = await recheck(result, patch: trial.patch)
        let remaining = Self.newErrors(before: before, after: trialReport)
        guard remaining.count < introduced.count else { continue }
        let caused = introduced.filter { !remaining.map(\.id).contains($0.id) }
        var why = LocalizedText(
          en: "left out of the plan: its change would cause "
            + caused.map { "\($0.id) (\($0.message.en))" }.joined(separator: "; "),
          de: "nicht im Plan: die Änderung würde Folgendes verursachen: "
            + caused.map { "\($0.id) (\($0.message.de))" }.joined(separator: "; "))
        if let limit = caused.first(where: { $0.id == "spf.lookup-limit" }) {
          let advice = Self.lookupLimitWhy(limit, after: checked)
          why = LocalizedText(
            en: "left out of the plan: " + advice.en, de: "nicht im Plan: " + advice.de)
        }
        excluded.append(
          FixPlan.Unresolved(
            id: finding, why: why,
            severity: before.findings.first { $0.id == finding }?.severity ?? .warning))
        round = trial
        checked = trialReport
        introduced = remaining
      }
      conflicts += round.conflicts
      patch = round.patch
      report = checked
    }
    return Self.plan(
      before: before, after: report, published: published, patch: patch, notes: notes,
      conflicts: conflicts + excluded)
  }

  /// `patch` with `changes` merged in, and the conflicts met.
  private func merge(
    _ changes: [Change], into patch: [RecordSetKey: [ResourceRecord]],
    published: inout [RecordSetKey: [ResourceRecord]]
  ) async -> (patch: [RecordSetKey: [ResourceRecord]], conflicts: [FixPlan.Unresolved]) {
    var patch = patch
    var conflicts: [FixPlan.Unresolved] = []
    let current = PatchResolver(base: resolver, patch: patch)
    let groups = Dictionary(grouping: changes) {
      RecordSetKey(owner: $0.change.owner, type: $0.change.type)
    }
    for key in groups.keys.sorted() {
      guard let group = groups[key] else { continue }
      let records = await Self.recordSet(key, from: current)
      if published[key] == nil {
        published[key] = patch[key] == nil ? records : await Self.recordSet(key, from: resolver)
      }
      var merge = RecordSetMerge(key: key, current: records)
      let final = merge.apply(group)
      conflicts += merge.conflicts
      if final != records { patch[key] = final }
    }
    return (patch, conflicts)
  }

  static func newErrors(before: DomainReport, after: DomainReport) -> [Finding] {
    after.errorsNew(comparedTo: before)
  }

  /// Every rule again, on the session's data with `patch` laid over it.
  private func recheck(
    _ result: HeapBox<DomainResult>, patch: [RecordSetKey: [ResourceRecord]]
  ) async -> DomainReport {
    let patched = PatchResolver(base: resolver, patch: patch)
    let limited = deadline.map { DeadlineResolver(wrapping: patched, seconds: $0) }
    var engine = Engine.withCatalog(resolver: limited ?? patched)
    engine.answerable = answerable
    var options = result.value.context.options
    // The servers are not asked again: the plan is not published yet.
    options.authoritative = false
    let fetched = await engine.fetch(result.value.context.domain, options: options)
    limited?.finish()
    return report(on: fetched, as: result)
  }

  /// The report on a re-fetched context (not inlined: the context stays in its box, out of
  /// the async frames).
  @inline(never)
  private func report(on fetched: HeapBox<DomainContext>, as result: HeapBox<DomainResult>)
    -> DomainReport
  {
    let checked = result.value.context
    fetched.value.scope = checked.scope
    // What came over HTTPS and from the validating resolver is not changed by DNS records the
    // plan adds: kept from the check, not fetched again.
    fetched.value.mtaSTS.policyFetch = checked.mtaSTS.policyFetch
    fetched.value.bimi.logoFetch = checked.bimi.logoFetch
    fetched.value.bimi.evidenceFetch = checked.bimi.evidenceFetch
    fetched.value.bimi.fetchedAt = checked.bimi.fetchedAt
    fetched.value.dnssec = checked.dnssec
    return evaluator.report(for: fetched.value).suppressing(suppressions)
  }

  /// The changes the reported errors and warnings ask for. Notes are advice the owner may
  /// follow (an include a service does not need), never applied by the plan; suppressed
  /// findings are accepted as they are.
  static func changes(of report: DomainReport) -> [Change] {
    report.findings.flatMap { finding -> [Change] in
      guard FixPlan.takesChanges(of: finding), let fix = finding.fix else { return [] }
      return fix.remove.map { Change(change: $0, finding: finding.id, removes: true) }
        + fix.add.map { Change(change: $0, finding: finding.id, removes: false) }
    }
  }

  /// The records of `key` as `resolver` answers them (only those owned by the name itself).
  static func recordSet(_ key: RecordSetKey, from resolver: any DNSResolver) async
    -> [ResourceRecord]
  {
    guard let answer = try? await resolver.query(key.owner, key.type) else { return [] }
    return answer.records.filter { $0.name == key.owner && $0.type == key.type }
  }

  /// The plan: the record sets before and after, the verdicts after, and what is left.
  static func plan(
    before: DomainReport, after: DomainReport, published: [RecordSetKey: [ResourceRecord]],
    patch: [RecordSetKey: [ResourceRecord]], notes: [String: LocalizedText],
    conflicts: [FixPlan.Unresolved]
  ) -> FixPlan {
    var plan = FixPlan()
    for key in patch.keys.sorted() {
      let old = published[key] ?? []
      let new = patch[key] ?? []
      if old != new {
        plan.recordSets.append(
          FixPlan.RecordSet(
            owner: key.owner, type: key.type, ttl: new.first?.ttl ?? old.first?.ttl ?? 3600,
            values: new.map(text)))
      }
      for record in old where !new.contains(where: { $0.data == record.data }) {
        plan.remove.append(change(record, note: nil))
      }
      for record in new where !old.contains(where: { $0.data == record.data }) {
        let value = text(record)
        plan.add.append(change(record, note: notes[value]))
      }
    }
    // A profile the run could judge nothing of (T-Online's without `--ip`) is no outcome.
    plan.after = after.profiles.filter { $0.state != .notJudged }.map {
      FixPlan.Outcome(id: $0.id, title: $0.title, ready: $0.ready)
    }
    let remaining = Set(after.findings.map(\.id))
    var fixed: [String] = []
    for finding in before.findings where !remaining.contains(finding.id) {
      if !fixed.contains(finding.id) { fixed.append(finding.id) }
    }
    plan.fixes = fixed
    var unresolved = conflicts
    for finding in after.findings where finding.severity > .note {
      guard !unresolved.contains(where: { $0.id == finding.id }) else { continue }
      let reason =
        finding.id == "spf.lookup-limit"
        ? lookupLimitWhy(finding, after: after) : why(finding, before: before)
      unresolved.append(
        FixPlan.Unresolved(id: finding.id, why: reason, severity: finding.severity))
    }
    plan.unresolved = unresolved
    return plan
  }

  /// Why the merged SPF record still needs too many lookups, and the two ways out: the
  /// includes the sending services do not need (`esp.spf-include-unneeded`), or a service
  /// moved to its own return-path subdomain.
  static func lookupLimitWhy(_ finding: Finding, after: DomainReport) -> LocalizedText {
    let unneeded = after.findings.filter { $0.id == "esp.spf-include-unneeded" }
    let en =
      unneeded.isEmpty
      ? ""
      : " Remove what the sending services do not need: "
        + unneeded.map(\.message.en).joined(separator: "; ") + "."
    let de =
      unneeded.isEmpty
      ? ""
      : " Entfernen Sie, was die Versanddienste nicht brauchen: "
        + unneeded.map(\.message.de).joined(separator: "; ") + "."
    return LocalizedText(
      en: "after merging, " + finding.message.en + "." + en
        + " Or let a sending service use its own return-path subdomain (its include then "
        + "moves to that subdomain's SPF record), or replace 'a' and 'mx' by their addresses.",
      de: "nach dem Zusammenführen: " + finding.message.de + "." + de
        + " Oder lassen Sie einen Versanddienst eine eigene Return-Path-Subdomain nutzen (sein "
        + "include wandert dann in deren SPF-Eintrag), oder ersetzen Sie 'a' und 'mx' durch "
        + "ihre Adressen.")
  }

  /// Why a finding is still there after the plan.
  static func why(_ finding: Finding, before: DomainReport) -> LocalizedText {
    if RootCauses.lookupFailureIDs.contains(finding.id) {
      return LocalizedText(
        en: "lookups failed, so the plan could not be checked there: "
          + finding.message.en,
        de: "Abfragen sind gescheitert, der Plan ließ sich dort nicht prüfen: "
          + finding.message.de)
    }
    if let fix = finding.fix, fix.add.isEmpty, fix.remove.isEmpty {
      // A change outside DNS (turn on DKIM at the provider, ask the IP's owner for a PTR …).
      return fix.explanation
    }
    guard let fix = finding.fix else {
      let rule = RuleCatalog.rule(id: finding.id)?.description.howToFix
      return LocalizedText(
        en: "no DNS change fixes it on its own: " + finding.message.en
          + (rule.map { ". " + $0.en } ?? ""),
        de: "keine DNS-Änderung behebt das allein: " + finding.message.de
          + (rule.map { ". " + $0.de } ?? ""))
    }
    if fix.add.contains(where: \.hasPlaceholder) {
      let notes = fix.add.compactMap(\.note)
      return LocalizedText(
        en: "needs a value only you know: " + (notes.map(\.en).first ?? fix.explanation.en),
        de: "braucht einen Wert, den nur Sie kennen: "
          + (notes.map(\.de).first ?? fix.explanation.de))
    }
    let wasThere = before.findings.contains { $0.id == finding.id }
    return LocalizedText(
      en: (wasThere ? "still there with the plan applied: " : "the plan causes: ")
        + finding.message.en,
      de: (wasThere ? "bleibt auch mit dem Plan: " : "entsteht durch den Plan: ")
        + finding.message.de)
  }

  static func text(_ record: ResourceRecord) -> String {
    record.data.joinedText ?? record.data.presentation
  }

  static func change(_ record: ResourceRecord, note: LocalizedText?) -> DNSChange {
    DNSChange(
      owner: record.name, ttl: record.ttl, type: record.type, value: text(record), note: note)
  }
}

/// Merges the changes for one record set into its records after the plan.
struct RecordSetMerge {
  var key: RecordSetKey
  var current: [ResourceRecord]
  var conflicts: [FixPlan.Unresolved] = []

  /// The kind of a TXT record, by what it starts with.
  enum Kind {
    case spf
    case dmarc
    case other

    init(_ text: String) {
      let lower = text.lowercased()
      if lower == "v=spf1" || lower.hasPrefix("v=spf1 ") {
        self = .spf
      } else if lower.hasPrefix("v=dmarc1") {
        self = .dmarc
      } else {
        self = .other
      }
    }
  }

  /// The record set after `changes`.
  mutating func apply(_ changes: [FixPlanner.Change]) -> [ResourceRecord] {
    guard key.type == .txt else { return applySet(changes) }
    var out: [ResourceRecord] = []
    for kind in [Kind.spf, .dmarc, .other] {
      let published = current.filter { Kind(FixPlanner.text($0)) == kind }
      let mine = changes.filter { Kind($0.change.value) == kind }
      var merged = published
      if !mine.isEmpty { merged = merge(kind, published: published, changes: mine) }
      // The plan never leaves two SPF or two DMARC records at a name it touches.
      let ttl = merged.first?.ttl ?? 3600
      if kind == .spf, merged.count > 1 {
        merged = [
          record(
            SPFMerge.merge(published: merged.map(FixPlanner.text), proposals: []), ttl: ttl)
        ]
      }
      if kind == .dmarc, merged.count > 1,
        let intent = DMARCIntent.combined(merged.map { DMARCIntent(text: FixPlanner.text($0)) })
      {
        merged = [record(intent.text, ttl: ttl)]
      }
      out += merged
    }
    return out
  }

  private func merge(_ kind: Kind, published: [ResourceRecord], changes: [FixPlanner.Change])
    -> [ResourceRecord]
  {
    let removed = Set(changes.filter(\.removes).map(\.change.value))
    // A value only the owner can fill in is not laid over the data (the plan says so).
    let proposals = changes.filter { !$0.removes && !$0.change.hasPlaceholder }.map(\.change)
    let ttl = published.first?.ttl ?? proposals.first?.ttl ?? 3600
    switch kind {
    case .spf where !proposals.isEmpty:
      let merged = SPFMerge.merge(
        published: published.map(FixPlanner.text), proposals: proposals.map(\.value))
      return [record(merged, ttl: ttl)]
    case .dmarc where !proposals.isEmpty:
      let intents = published.map { DMARCIntent(text: FixPlanner.text($0)) }
      var intent = DMARCIntent.combined(intents)
      for proposal in proposals {
        let wanted = DMARCIntent(text: proposal.value)
        intent = intent.map { $0.applying(wanted) } ?? wanted
      }
      return intent.map { [record($0.text, ttl: ttl)] } ?? []
    default:
      var out = published.filter { !removed.contains(FixPlanner.text($0)) }
      for proposal in proposals
      where !out.contains(where: { FixPlanner.text($0) == proposal.value }) {
        out.append(record(proposal.value, ttl: proposal.ttl))
      }
      return out
    }
  }

  /// A record set of any other type: removed records go, added ones come; a CNAME keeps one
  /// target (the first one asked for) and the others are conflicts.
  private mutating func applySet(_ changes: [FixPlanner.Change]) -> [ResourceRecord] {
    var out = current
    for change in changes where change.removes {
      guard let data = Self.data(change.change) else { continue }
      out.removeAll { $0.data == data }
    }
    for change in changes where !change.removes {
      guard let data = Self.data(change.change) else {
        // A placeholder the owner must fill in: not laid over the data.
        continue
      }
      if out.contains(where: { $0.data == data }) { continue }
      if key.type == .cname, let existing = out.first {
        conflicts.append(
          FixPlan.Unresolved(
            id: change.finding,
            why: LocalizedText(
              en: "'\(key.owner.text)' can have one CNAME; the plan keeps "
                + "'\(existing.data.presentation)' and leaves '\(change.change.value)' out",
              de: "'\(key.owner.text)' kann nur einen CNAME haben; der Plan behält "
                + "'\(existing.data.presentation)' und lässt '\(change.change.value)' weg"),
            severity: .error))
        continue
      }
      out.append(
        ResourceRecord(name: key.owner, type: key.type, ttl: change.change.ttl, data: data))
    }
    return out
  }

  private func record(_ text: String, ttl: UInt32) -> ResourceRecord {
    ResourceRecord(name: key.owner, type: .txt, ttl: ttl, data: .txt(splitting: text))
  }

  /// The data of a change, or nil when its value holds a placeholder or does not parse.
  static func data(_ change: DNSChange) -> RData? {
    guard !change.hasPlaceholder else { return nil }
    if change.type == .txt { return .txt(splitting: change.value) }
    return try? RData.parse(presentation: change.value, type: change.type)
  }
}

extension DomainReport {
  /// The errors this report has that `before` did not: not the same finding, and not one that
  /// only fails requirements that failed before already (La Poste's report address, once a
  /// DMARC record exists). A plan must never add one.
  public func errorsNew(comparedTo before: DomainReport) -> [Finding] {
    let errors = Set(before.findings.filter { $0.severity == .error }.map(\.id))
    let failed = Set(
      before.profiles.flatMap(\.requirements).filter { $0.status == .failed }.map(\.id))
    let requirements = profiles.flatMap(\.requirements).filter { $0.status == .failed }
    return findings.filter { finding in
      guard finding.severity == .error, !errors.contains(finding.id) else { return false }
      let linked = requirements.filter { $0.findings.contains(finding.id) }.map(\.id)
      return linked.isEmpty || !linked.allSatisfy(failed.contains)
    }
  }
}
