import SenderAuthCore

extension RuleCatalog {
  /// The bounce codes that lead to the rule `id`: its own (provider rules) and those of the
  /// provider requirements it decides (`451 4.7.26` for `dns.lookup-failed`).
  public static func bounceCodes(leadingTo id: String) -> [BounceCode] {
    var codes: [BounceCode] = []
    for row in ProviderTable.rows where row.ruleID == id {
      for code in row.bounceCodes where !codes.contains(code) { codes.append(code) }
    }
    return codes
  }

  /// What `senderauth explain --search TEXT` finds: the rules, and the provider requirements
  /// DNS cannot decide, whose id, title (in either language) or bounce codes contain every
  /// word of `text` (case-insensitive), in catalog order.
  public static func search(_ text: String) -> (
    rules: [RuleDescription], requirements: [ProviderRequirement]
  ) {
    let terms = text.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
    guard !terms.isEmpty else { return ([], []) }
    func matches(_ fields: [String]) -> Bool {
      let haystack = fields.joined(separator: "\n").lowercased()
      return terms.allSatisfy(haystack.contains)
    }
    let rules = all.map(\.description).filter { rule in
      matches(
        [rule.id, rule.title.en, rule.title.de]
          + bounceCodes(leadingTo: rule.id).map(\.description))
    }
    let requirements = ProviderTable.rows.filter { row in
      row.notCheckableBecause != nil
        && matches([row.id, row.title.en, row.title.de] + row.bounceCodes.map(\.description))
    }
    return (rules, requirements)
  }
}
