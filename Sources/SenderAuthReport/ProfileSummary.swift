import SenderAuthCore

/// What the text and markdown formats say about one profile: its state, the failed
/// requirements (those failing because of one reported finding share a line), how many could
/// not be judged and why, what an option not given would make checkable, what DNS cannot
/// decide, what this run could not check, and how many passed.
struct ProfileSummary {
  var state: ReadinessState
  /// One line per failure: a requirement's title, or a cause with the count of requirements it
  /// fails and whose they are; each ends with the finding ids in brackets.
  var failed: [String]
  /// `12 requirements not judged: the lookups they rest on failed [dns.lookup-failed]`, or nil.
  var unknown: String?
  /// The titles of the requirements DNS cannot decide, each once.
  var notCheckable: [String]
  /// The ids of the requirements an option this run was not given would make checkable
  /// (`--ip`), each once, by the option, in the order they come: ids, as for `notChecked`
  /// (`ptr.missing`'s title is "A sending IP has no PTR record").
  var checkableWith: [(input: OnRequestInput, ids: [String])]
  /// The ids of the requirements this run could not check (an MTA-STS policy offline), each
  /// once: their titles name the problem they look for, which was not looked for.
  var notChecked: [String]
  var passed: Int

  init(_ profile: ProfileVerdict, options: RenderOptions) {
    let language = options.language
    let words = ReportWords(language)
    state = profile.state
    var groups: [(links: [String], requirements: [RequirementResult])] = []
    for requirement in profile.requirements where requirement.status == .failed {
      if let index = groups.firstIndex(where: { $0.links == requirement.findings }) {
        groups[index].requirements.append(requirement)
      } else {
        groups.append((requirement.findings, [requirement]))
      }
    }
    failed = groups.map { group in
      let ids = group.links.isEmpty ? "" : " [\(group.links.joined(separator: ", "))]"
      guard group.requirements.count > 1 else {
        return group.requirements[0].title.text(language) + ids
      }
      let causes = group.links.map { options.rule($0)?.title.text(language) ?? $0 }
      var providers: [String] = []
      for requirement in group.requirements {
        let name = requirement.provider.text(language)
        if !name.isEmpty, !providers.contains(name) { providers.append(name) }
      }
      return causes.joined(separator: "; ") + ids + " — "
        + "\(group.requirements.count) \(words[.requirements])"
        + (providers.isEmpty ? "" : " (\(providers.joined(separator: ", ")))")
    }
    let unknown = profile.requirements.filter { $0.status == .unknown }
    if unknown.isEmpty {
      self.unknown = nil
    } else {
      var ids: [String] = []
      for id in unknown.flatMap(\.findings) where !ids.contains(id) { ids.append(id) }
      self.unknown =
        "\(unknown.count) \(words[.requirementsUnknown])"
        + (ids.isEmpty ? "" : " [\(ids.joined(separator: ", "))]")
    }
    var seen: Set<String> = []
    notCheckable = []
    checkableWith = []
    for requirement in profile.requirements where requirement.status == .notCheckable {
      if let input = requirement.needs {
        if let index = checkableWith.firstIndex(where: { $0.input == input }) {
          if !checkableWith[index].ids.contains(requirement.id) {
            checkableWith[index].ids.append(requirement.id)
          }
        } else {
          checkableWith.append((input, [requirement.id]))
        }
      } else if seen.insert(requirement.title.text(language)).inserted {
        notCheckable.append(requirement.title.text(language))
      }
    }
    var seenIDs: Set<String> = []
    notChecked = profile.requirements.filter { $0.status == .notChecked }
      .map(\.id).filter { seenIDs.insert($0).inserted }
    passed = profile.requirements.filter { $0.status == .passed }.count
  }

  /// The state in words: ready, not ready, incomplete, not checked.
  static func word(_ state: ReadinessState, _ words: ReportWords) -> String {
    switch state {
    case .ready: words[.ready]
    case .notReady: words[.notReady]
    case .incomplete: words[.incompleteProfile]
    case .notJudged: words[.notJudgedProfile]
    }
  }
}

/// Whose rules a finding breaks: the providers of the failed requirements that point at it,
/// each once, in profile order (`RFCs, Gmail, Yahoo, Outlook.com`).
extension DomainReport {
  func breaks(_ finding: Finding, _ language: Language) -> [String] {
    var names: [String] = []
    for profile in profiles {
      for requirement in profile.requirements
      where requirement.status == .failed && requirement.findings.contains(finding.id) {
        let name = requirement.provider.text(language)
        if !name.isEmpty, !names.contains(name) { names.append(name) }
      }
    }
    return names
  }
}
