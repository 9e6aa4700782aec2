import DNSLookup
import SenderAuthCore

/// The profiles `--profile` takes, and how a domain fares against them.
///
/// `rfc` is always judged; without `--profile` the default is `bulk`, the union of the Gmail,
/// Yahoo and Microsoft bulk-sender rules. A provider rule (`gmail.bulk.dmarc-required`) runs
/// only when a judged profile holds it (`DomainEvaluator.activeRules`), so a report speaks
/// only of the providers asked about; the rules themselves never ask. Severity: provider rules carry the severity the provider enforces
/// (error where mail is rejected); this is how a profile raises the weight of a problem that
/// the RFC rules rate lower (`dmarc.missing` is a warning, `gmail.bulk.dmarc-required` an
/// error). Renderers never change severities.
public enum ProfileCatalog {
  /// Every profile `--profile` takes, in listing order.
  public static let all: [Profile] = [
    rfc, gmail, gmailBulk, yahoo, yahooBulk, microsoftBulk, bulk, apple, laPoste, gmxWebDE, tOnline,
    centrum, parked,
  ]

  /// The default when `--profile` is not given.
  public static let defaultID = "bulk"
  /// The default with `--parked`: a domain that sends no mail is judged against what it needs,
  /// not against sender rules.
  public static let parkedID = "parked"

  /// The ids `--profile` takes.
  public static var ids: [String] { all.map(\.id) }

  /// The profile with `id`.
  public static func profile(id: String) -> Profile? {
    all.first { $0.id == id.lowercased() }
  }

  /// `profile` as `senderauth providers` lists it: the `rfc` profile with its requirements,
  /// every RFC rule of the catalog that `rfcRequirements(of:)` takes (a run judges those of
  /// its scope; the profile itself holds none).
  public static func listing(_ profile: Profile) -> Profile {
    guard profile.id == rfc.id else { return profile }
    var listed = profile
    listed.requirements = rfcRequirements(of: RuleCatalog.all)
    return listed
  }

  /// The profiles judged for `options`: `rfc` first, then the chosen ones (default `bulk`, or
  /// `parked` with `--parked`).
  public static func selected(_ options: CheckOptions) -> [Profile] {
    selections.value(for: Selection(profiles: options.profiles, parked: options.parked)) {
      select(options.profiles, parked: options.parked)
    }
  }

  /// What `--profile` and `--parked` chose. A batch judges every domain with the run's options,
  /// so their profiles are looked up once (7.6k instructions a domain).
  private struct Selection: Hashable, Sendable {
    let profiles: [String]
    let parked: Bool
  }

  private static let selections = SharedMemo<Selection, [Profile]>(capacity: 16)

  private static func select(_ profiles: [String], parked: Bool) -> [Profile] {
    var chosen = profiles
    if parked, !chosen.contains(where: { $0.lowercased() == parkedID }) {
      chosen.insert(parkedID, at: 0)
    }
    if chosen.isEmpty { chosen = [defaultID] }
    var ids = [rfc.id]
    for id in chosen.map({ $0.lowercased() }) where !ids.contains(id) { ids.append(id) }
    return ids.compactMap(profile(id:))
  }

  /// The profiles judged for `context`: the selected ones and, when sending services are in
  /// use, their setup.
  public static func judged(_ context: DomainContext) -> [Profile] {
    let names = ESPAnalysis.applying(context).map(\.esp.name)
    return selected(context.options) + (names.isEmpty ? [] : [esp(names: names)])
  }

  /// Each profile's verdict from the rules' verdicts. A requirement fails when its rule
  /// failed (linked to the reported findings in `links`: its own, or the root cause it was
  /// folded into); it is unknown when its rule could not tell (linked to the findings that
  /// report the failed lookups); a rule that needs more input (no `--ip`) and requirements DNS
  /// cannot decide are not checkable; one whose input this run could not fetch (an MTA-STS
  /// policy offline) is not checked. A profile is ready when every requirement the run could
  /// judge passed: what is not checkable or not checked is listed beside the verdict, never
  /// counted as met. `table` is the evaluator's, made once per run.
  static func evaluate(
    _ profiles: [(Profile, RuleTable.ProfilePlan)], verdicts: RuleTable.Verdicts,
    links: [String: [String]], table: RuleTable, context: DomainContext
  ) -> [ProfileVerdict] {
    profiles.map { profile, plan in
      var results: [RequirementResult] = []
      results.reserveCapacity(plan.requirements.count)
      for requirement in plan.requirements {
        switch requirement.kind {
        case .notCheckable:
          results.append(
            RequirementResult(
              id: requirement.id, title: requirement.title, status: .notCheckable,
              provider: requirement.provider))
        case .rule(let positions):
          guard let first = positions.first, let verdict = verdicts.verdict(of: positions)
          else { continue }
          var status: RequirementStatus
          var findings: [String] = []
          var needs: OnRequestInput?
          switch verdict {
          case .fail:
            status = .failed
            findings = links[requirement.id] ?? [requirement.id]
          case .unknown(let failures):
            status = .unknown
            findings = RootCauses.failureFindingIDs(failures)
          case .pass:
            status = .passed
          }
          if status != .failed, let unjudged = table.unjudged(first, context: context) {
            // The RFC profile, which holds every RFC rule, leaves out what the run did not ask
            // for (no `--ip`); a provider profile shows the gap. What the domain's records
            // point to and the run could not fetch (an MTA-STS policy offline) is not checked
            // in this run, in every profile.
            switch unjudged {
            case .waits(let input):
              if profile.id == rfc.id { continue }
              status = .notCheckable
              needs = input
            case .notChecked:
              status = .notChecked
            }
            findings = []
          }
          results.append(
            RequirementResult(
              id: requirement.id, title: requirement.title, status: status, findings: findings,
              provider: requirement.provider, needs: needs))
        }
      }
      // Ready exactly when its state says so: none failed or is unknown, and one passed (or it
      // has none; nothing judged is `notJudged`).
      var verdict = ProfileVerdict(
        id: profile.id, title: profile.title, ready: true, requirements: results)
      verdict.ready = verdict.state == .ready
      return verdict
    }
  }

  /// The requirements of the `rfc` profile: every error-level rule of `rules` that is not a
  /// provider or ESP rule (`RuleTable` holds them; other profiles list their own).
  static func rfcRequirements(of rules: [any Rule]) -> [Profile.Requirement] {
    let providerIDs = ProviderRules.ids
    return rules.map(\.description).filter { description in
      description.severity == .error && !description.id.hasPrefix("esp.")
        && !providerIDs.contains(description.id)
    }.map { .rule($0.id) }
  }
}
