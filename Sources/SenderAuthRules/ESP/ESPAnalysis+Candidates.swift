import DNSLookup
import SenderAuthCore

extension ESPAnalysis {
  /// DKIM selectors specific enough to one ESP (not a generic one like `mail`) that a key at
  /// them shows the ESP is in use.
  static let keySelectorsShowingESP: Set<String> = ["mailjet", "zmail", "mandrill", "m1"]

  /// The ESPs of the catalog whose analysis may find evidence at the domain, in catalog order:
  /// a cheap test that leaves out only ESPs whose full analysis would find none (so they would
  /// not apply), without analysing them.
  ///
  /// Evidence from names (an SPF include, a DKIM, token or return-path CNAME target) needs a
  /// name that ends with the literal end of one of the ESP's patterns, and the context holds
  /// few such names; evidence from a key needs a key at one of `keySelectorsShowingESP`. A
  /// message, sending IPs or a return-path domain can show any ESP: then every ESP is analysed.
  static func candidates(_ context: DomainContext, named: Set<String>) -> [ESP] {
    if context.message != nil || context.options.returnPath != nil
      || context.sendingIPs.checks.contains(where: { $0.services != nil })
    {
      return ESPCatalog.all
    }
    let names = evidenceNames(context)
    return evidence.filter { entry in
      named.contains(entry.esp.id)
        || entry.patterns.contains { pattern in names.contains { pattern.mayMatch($0) } }
        || entry.keySelectors.contains { selector in
          guard let name = DKIMSelectors.keyName(selector: selector, domain: context.domain)
          else { return false }
          return ESPRecords.hasKey(at: name, selector: selector, context: context)
        }
    }.map(\.esp)
  }

  /// Per ESP of the catalog, what `candidates` looks for: its name patterns, and its TXT key
  /// selectors among `keySelectorsShowingESP` (gathered once, not per domain). A class: reading
  /// an entry retains it once, not each of its members.
  private final class Evidence: Sendable {
    let esp: ESP
    let patterns: [NamePattern]
    let keySelectors: [String]

    init(_ esp: ESP) {
      self.esp = esp
      patterns = esp.evidencePatterns
      keySelectors = esp.dkim.flatMap(\.records).compactMap { record in
        guard case .txt = record.kind, keySelectorsShowingESP.contains(record.selector) else {
          return nil
        }
        return record.selector
      }
    }
  }

  private static let evidence = ESPCatalog.all.map(Evidence.init)

  /// The canonical text of every name an ESP's name patterns are matched against: the SPF
  /// include targets, every CNAME target of the ESP probes, and every hop of the DKIM selectors'
  /// CNAME chains.
  private static func evidenceNames(_ context: DomainContext) -> [[UInt8]] {
    var names = ESPRecords.includeTargets(context).map { Array($0.utf8) }
    for entry in context.esp.entries {
      guard case .answer(let answer) = entry.result else { continue }
      for record in answer.records {
        if case .cname(let target) = record.data { names.append(Array(target.text.utf8)) }
      }
    }
    for selector in context.dkim.selectors {
      names += selector.cnameChain.map { Array($0.target.text.utf8) }
    }
    return names
  }
}

extension ESP {
  /// Every name pattern whose match is evidence that the ESP is in use: SPF includes, DKIM
  /// CNAME targets, token targets and return-path CNAME targets.
  var evidencePatterns: [NamePattern] {
    var patterns = detectionIncludes + tokenDKIMTargets
    if let askedInclude { patterns.append(askedInclude) }
    for record in dkim.flatMap(\.records) {
      if case .cname(let targets) = record.kind { patterns += targets }
    }
    if case .cname(_, let targets) = returnPath { patterns += targets }
    return patterns
  }
}
