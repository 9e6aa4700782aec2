import DNSLookup
import SenderAuthCore

/// `spf.multiple-records`: more than one `v=spf1` record at one name makes every check a
/// `permerror` (RFC 7208 §3.2, §4.5).
public struct SPFMultipleRecordsRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "spf.multiple-records",
    title: LocalizedText(en: "Several SPF records", de: "Mehrere SPF-Einträge"),
    rationale: LocalizedText(
      en: "A domain name must not have more than one SPF record (RFC 7208 §3.2). When a TXT "
        + "lookup finds several records starting with v=spf1, every SPF check of the domain "
        + "ends in 'permerror' (§4.5), which DMARC treats as a failure: none of the records "
        + "counts. This often happens when a second provider's setup guide says to 'add' a "
        + "record instead of merging it into the existing one.",
      de: "Ein Domainname darf nicht mehr als einen SPF-Eintrag haben (RFC 7208 §3.2). Findet "
        + "eine TXT-Abfrage mehrere Einträge, die mit v=spf1 beginnen, endet jede SPF-Prüfung der "
        + "Domain mit 'permerror' (§4.5), was DMARC als Fehlschlag wertet: keiner der Einträge "
        + "zählt. Das passiert oft, wenn die Anleitung eines zweiten Anbieters einen Eintrag "
        + "'hinzufügen' lässt, statt ihn in den bestehenden einzufügen."),
    howToFix: LocalizedText(
      en: "Merge the records into one that keeps every mechanism of each, ending in the "
        + "strictest 'all' among them.",
      de: "Führen Sie die Einträge zu einem zusammen, der alle Mechanismen jedes Eintrags behält "
        + "und mit dem strengsten 'all' unter ihnen endet."),
    references: [SPFRuleSupport.rfc("3.2"), SPFRuleSupport.rfc("4.5")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: """
          @     3600 IN TXT "v=spf1 include:_spf.example.com ~all"
          @     3600 IN TXT "v=spf1 ip4:198.51.100.0/24 a -all"
          @     3600 IN A   192.0.2.10
          _spf  3600 IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
          """, fixable: true),
      RuleExample(
        zone: """
          @     3600 IN TXT "v=spf1 mx redirect=_spf.example.com"
          @     3600 IN TXT "V=SPF1 ip4:198.51.100.7 ?all"
          @     3600 IN MX  10 mail.example.com.
          mail  3600 IN A   192.0.2.25
          _spf  3600 IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
          """, fixable: true),
      RuleExample(
        zone: """
          @     3600 IN TXT "v=spf1 include:_esp.example.com -all"
          _esp  3600 IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
          _esp  3600 IN TXT "v=spf1 ip4:198.51.100.0/24 -all"
          """),
    ],
    nonTriggering: [
      RuleExample(
        zone: """
          @  3600 IN TXT "v=spf1 ip4:198.51.100.0/24 -all"
          @  3600 IN TXT "v=spf10 this is not SPF"
          @  3600 IN TXT "google-site-verification=abc123"
          """)
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    apexFindings(context) + includedFindings(context)
  }

  /// Records reached through include or redirect that have several SPF records: no fix,
  /// the record belongs to whoever runs that domain.
  func includedFindings(_ context: DomainContext) -> [Finding] {
    guard let tree = context.spf.tree else { return [] }
    return tree.nodes.dropFirst().filter { $0.status == .multipleRecords }.map { node in
      let count = context.spf.fetched[(try? DomainName(node.domain)) ?? .root]?.candidates.count
      let number = count.map(String.init) ?? "several"
      let numberDE = count.map(String.init) ?? "mehrere"
      return finding(
        LocalizedText(
          en: "'\(node.domain)', reached through include or redirect, has \(number) SPF "
            + "records; receivers return permerror when they get there",
          de: "'\(node.domain)', über include oder redirect erreicht, hat \(numberDE) "
            + "SPF-Einträge; empfangende Server werten die SPF-Prüfung dort als 'permerror'"),
        at: SPFRuleSupport.location(node))
    }
  }

  func apexFindings(_ context: DomainContext) -> [Finding] {
    let candidates = context.spf.candidates
    guard candidates.count > 1 else { return [] }
    let fetched = context.spf.fetched
    let merged = SPFMultipleRecordsRule.merge(context.spf.parsed.map(\.record)) { target in
      guard let name = try? DomainName(target) else { return nil }
      return fetched[name]?.record?.all?.directive?.qualifier
    }
    let ttl = candidates.map(\.record.ttl).min() ?? 3600
    let owner = candidates[0].record.name
    let dropped = Self.unparsedTerms(context.spf.parsed)
    let droppedNote =
      dropped.isEmpty
      ? LocalizedText(en: "", de: "")
      : LocalizedText(
        en: ". Terms that do not parse are left out (receivers return permerror on them); "
          + "correct and add them if they were meant: "
          + dropped.map { "'\($0)'" }.joined(separator: ", "),
        de: ". Nicht lesbare Mechanismen fallen weg (empfangende Server liefern bei ihnen "
          + "permerror); korrigieren und ergänzen Sie sie, wenn sie gewollt waren: "
          + dropped.map { "'\($0)'" }.joined(separator: ", "))
    let lookups = Self.lookups(of: merged, fetched: fetched)
    let limitNote =
      lookups.count <= 10
      ? LocalizedText(en: "", de: "")
      : LocalizedText(
        en: ". The merged record needs \(lookups.exact ? "" : "at least ")\(lookups.count) DNS "
          + "lookups, more than the limit of 10 (spf.lookup-limit): replace includes by the "
          + "ip4:/ip6: ranges they list, or remove services no longer used",
        de: ". Der zusammengeführte Eintrag braucht \(lookups.exact ? "" : "mindestens ")"
          + "\(lookups.count) DNS-Abfragen, mehr als die Grenze von 10 (spf.lookup-limit): "
          + "ersetzen Sie include-Mechanismen durch die ip4:/ip6:-Bereiche, die sie aufführen, "
          + "oder "
          + "entfernen Sie nicht mehr genutzte Versanddienste")
    let fix = Fix(
      explanation: LocalizedText(
        en: "Replace the \(candidates.count) records by one that keeps every mechanism of each "
          + "(a 'redirect=' becomes an 'include:' of the same domain, which keeps what it "
          + "authorizes) and ends in the strictest 'all' among them, never '+all' or '?all'"
          + droppedNote.en + limitNote.en,
        de: "Ersetzen Sie die \(candidates.count) Einträge durch einen, der alle Mechanismen "
          + "jedes Eintrags behält (ein 'redirect=' wird zu einem 'include:' derselben Domain, "
          + "das dieselben Server erlaubt) und mit dem strengsten 'all' unter ihnen endet, "
          + "niemals '+all' oder '?all'" + droppedNote.de + limitNote.de),
      add: [DNSChange(owner: owner, ttl: ttl, type: .txt, value: merged)],
      remove: candidates.map {
        DNSChange(owner: $0.record.name, ttl: $0.record.ttl, type: .txt, value: $0.text)
      })
    return [
      finding(
        LocalizedText(
          en: "'\(owner.text)' has \(candidates.count) SPF records; receivers return permerror "
            + "for every check",
          de: "'\(owner.text)' hat \(candidates.count) SPF-Einträge; empfangende Server liefern "
            + "bei jeder Prüfung permerror"),
        at: SPFRuleSupport.location(candidates[1]), fix: fix)
    ]
  }

  /// The terms of `parsed` that did not parse (so `merge` cannot keep them), each once.
  static func unparsedTerms(_ parsed: [SPFParseResult]) -> [String] {
    var seen: Set<String> = []
    var result: [String] = []
    for item in parsed {
      let kept = Set(item.record.terms.map(\.text))
      for issue in item.issues where !issue.term.isEmpty && !kept.contains(issue.term) {
        if seen.insert(issue.term.lowercased()).inserted { result.append(issue.term) }
      }
    }
    return result
  }

  /// The RFC 7208 §4.6.4 lookups of the merged record: its own DNS-querying terms plus the
  /// worst-case tree below each include whose target was fetched; `exact` is false when a
  /// target was not fetched (then it counts as one lookup, so the count is a lower bound).
  static func lookups(of merged: String, fetched: [DomainName: SPFFetchedDomain]) -> (
    count: Int, exact: Bool
  ) {
    let record = SPFParser.parse(merged).record
    var count = 0
    var exact = true
    for term in record.terms where term.countsAsLookup {
      count += 1
      guard case .include(let spec)? = term.directive?.mechanism else { continue }
      if let target = spec.fixedDomain, fetched[target] != nil {
        count += SPFLookupTree.build(domain: target, fetched: fetched).lookups
      } else {
        exact = false
      }
    }
    return (count, exact)
  }

  /// One record keeping every evaluated mechanism of `records` (in order, without repeats),
  /// redirects turned into includes, and the strictest `all` among them, where a redirect
  /// stands for its target's `all` (`redirectAll`; unknown counts as `-all`). The result ends
  /// in `-all` or `~all`, never in something weaker.
  static func merge(_ records: [SPFRecord], redirectAll: (String) -> SPFQualifier? = { _ in nil })
    -> String
  {
    var terms: [String] = []
    var seen: Set<String> = []
    var modifiers: [String] = []
    var hasExplanation = false
    var strictest: SPFQualifier?
    let rank: [SPFQualifier: Int] = [.fail: 3, .softfail: 2, .neutral: 1, .pass: 0]
    func tighten(_ qualifier: SPFQualifier) {
      if strictest.map({ (rank[$0] ?? 0) < (rank[qualifier] ?? 0) }) ?? true {
        strictest = qualifier
      }
    }
    func add(_ text: String) {
      if seen.insert(text.lowercased()).inserted { terms.append(text) }
    }
    var includes: [String] = []
    for record in records {
      for term in SPFLookupTree.evaluatedTerms(of: record) {
        if let directive = term.directive {
          if case .all = directive.mechanism {
            tighten(directive.qualifier)
          } else {
            add(term.text)
          }
        } else if let spec = term.domainSpec, term.modifier?.kind == .redirect {
          includes.append("include:" + spec.text)
          tighten(redirectAll(spec.text) ?? .fail)
        }
      }
      for term in record.terms {
        guard let modifier = term.modifier, modifier.kind != .redirect else { continue }
        if modifier.kind == .explanation {
          if !hasExplanation { modifiers.append(term.text) }
          hasExplanation = true
        } else if seen.insert(term.text.lowercased()).inserted {
          modifiers.append(term.text)
        }
      }
    }
    includes.forEach(add)
    let all = strictest == .fail ? "-all" : "~all"
    return (["v=spf1"] + terms + [all] + modifiers).joined(separator: " ")
  }
}
