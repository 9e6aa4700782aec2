import SenderAuthCore

/// The profiles `--profile` takes, and how a domain fares against them.
///
/// `rfc` is always judged; without `--profile` the default is `bulk`, the union of the Gmail,
/// Yahoo and Microsoft bulk-sender rules. A provider rule (`gmail.bulk.dmarc-required`)
/// reports findings only when a chosen profile holds it, so a report speaks only of the
/// providers asked about. Severity: provider rules carry the severity the provider enforces
/// (error where mail is rejected); this is how a profile raises the weight of a problem that
/// the RFC rules rate lower (`dmarc.missing` is a warning, `gmail.bulk.dmarc-required` an
/// error). Renderers never change severities.
public enum ProfileCatalog {
  /// Every profile, in listing order.
  public static let all: [Profile] = [
    rfc, gmail, gmailBulk, yahoo, yahooBulk, microsoftBulk, bulk, apple, laPoste, gmxWebDE, tOnline,
  ]

  /// The default when `--profile` is not given.
  public static let defaultID = "bulk"

  /// The ids `--profile` takes.
  public static var ids: [String] { all.map(\.id) }

  /// The profile with `id`.
  public static func profile(id: String) -> Profile? {
    all.first { $0.id == id.lowercased() }
  }

  /// The profiles judged for `options`: `rfc` first, then the chosen ones (default `bulk`).
  public static func selected(_ options: CheckOptions) -> [Profile] {
    let chosen = options.profiles.isEmpty ? [defaultID] : options.profiles
    var ids = ["rfc"]
    for id in chosen.map({ $0.lowercased() }) where !ids.contains(id) { ids.append(id) }
    return ids.compactMap(profile(id:))
  }

  /// True when a chosen profile holds the rule `id`: provider rules stay silent otherwise.
  public static func isActive(_ id: String, options: CheckOptions) -> Bool {
    selected(options).contains { $0.ruleIDs.contains(id) }
  }

  /// Each judged profile's verdict. A requirement fails when one of `findings` has its id;
  /// a rule that needs more input (no `--ip`) and requirements DNS cannot decide are not
  /// checkable. A profile is ready only when every checkable requirement passed and no
  /// lookup failed.
  public static func evaluate(
    _ context: DomainContext, findings: [Finding], rules: [any Rule]
  ) -> [ProfileVerdict] {
    let lookupFailed = !context.failures.isEmpty
    return selected(context.options).map { profile in
      var results: [RequirementResult] = []
      for requirement in requirements(of: profile, rules: rules) {
        switch requirement {
        case .notCheckable(let item):
          results.append(RequirementResult(id: item.id, title: item.title, status: .notCheckable))
        case .rule(let id):
          guard let rule = rules.first(where: { $0.description.id == id }) else { continue }
          let matching = findings.filter { $0.id == id }
          let status: RequirementStatus
          if !matching.isEmpty {
            status = .failed
          } else if let conditional = rule as? any ConditionalRequirement,
            !conditional.isCheckable(context)
          {
            // The RFC profile lists only what it judged; a provider profile shows the gap.
            if profile.id == "rfc" { continue }
            status = .notCheckable
          } else {
            status = .passed
          }
          results.append(
            RequirementResult(
              id: id, title: rule.description.title, status: status,
              findings: status == .failed ? [id] : []))
        }
      }
      let ready = !lookupFailed && !results.contains { $0.status == .failed }
      return ProfileVerdict(
        id: profile.id, title: profile.title, ready: ready, requirements: results)
    }
  }

  /// The requirements of `profile`; for `rfc`, every error-level rule that is not a provider
  /// or ESP rule.
  static func requirements(of profile: Profile, rules: [any Rule]) -> [Profile.Requirement] {
    guard profile.id == "rfc" else { return profile.requirements }
    let providerIDs = Set(ProviderRules.all.map(\.description.id))
    return rules.map(\.description).filter { description in
      description.severity == .error && !description.id.hasPrefix("esp.")
        && !providerIDs.contains(description.id)
    }.map { .rule($0.id) }
  }
}
