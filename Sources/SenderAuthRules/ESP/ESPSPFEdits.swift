import SenderAuthCore

/// What the ESPs in use ask of the domain's own SPF record: includes it lacks and includes it
/// carries for nothing. The SPF rules fold these into their one corrected record, so the fixes
/// of SPF and ESP rules are the same record and never add a second one.
enum ESPSPFEdits {
  /// `include:` targets an ESP in use needs and the record lacks (one per ESP), in catalog
  /// order; with `asked`, an include the ESP's setup asks for although its mail is checked
  /// elsewhere (HubSpot's per-account include, when HubSpot is named), with its account values
  /// filled in where the records name them. Empty when the SPF lookup failed or there are
  /// several records (merging comes first).
  static func missingIncludes(_ context: DomainContext) -> [(
    include: String, esp: ESP, asked: Bool
  )] {
    guard context.spf.txt.failure == nil, context.spf.candidates.count <= 1 else { return [] }
    let present = Set(ESPRecords.includeTargets(context))
    return ESPAnalysis.applying(context).compactMap { analysis in
      let esp = analysis.esp
      if let include = esp.requiredIncludes.first {
        guard !esp.requiredIncludes.contains(where: present.contains) else { return nil }
        return (include, esp, false)
      }
      guard analysis.named, analysis.includes.isEmpty, let asked = esp.askedInclude else {
        return nil
      }
      return (asked.render(domain: context.domain, bindings: analysis.bindings), esp, true)
    }
  }

  /// Whether removing the `unneededIncludes` is needed, not only advised: the record, with the
  /// includes the fixes add, is over the lookup limit (RFC 7208 §4.6.4). Then `esp.spf-include-unneeded` is a warning, and
  /// every SPF fix (and so the plan) removes them; otherwise it is a note, and only its own fix
  /// does.
  static func unneededIncludesMustGo(_ context: DomainContext) -> Bool {
    // The includes the fixes add count too (at least one lookup each): a record at the limit
    // that gains one must lose the unneeded ones.
    (context.spf.tree?.lookups ?? 0) + missingIncludes(context).count > SPFLimits.rfc.lookups
  }

  /// `include:` terms of an ESP whose mail never uses the domain as envelope sender, so they
  /// burn lookups without passing or aligning.
  static func unneededIncludes(_ context: DomainContext) -> [(term: String, esp: ESP)] {
    guard context.spf.candidates.count == 1 else { return [] }
    // An ESP with one of its unneeded includes in the record has that include as evidence,
    // so it is among the ESPs in use.
    let analyses = ESPAnalysis.applying(context)
    var unneeded: [(term: String, esp: ESP)] = []
    for target in ESPRecords.includeTargets(context) {
      guard let analysis = analyses.first(where: { $0.esp.unneededIncludes.contains(target) })
      else { continue }
      // SendGrid's include is only useless once its CNAME setup (em<n> return path) is there.
      if analysis.esp.id == "sendgrid", analysis.dkim.first?.satisfied != true { continue }
      unneeded.append(("include:" + target, analysis.esp))
    }
    return unneeded
  }
}
