import DNSLookup
import SenderAuthCore

/// What a domain's records say about one ESP: the evidence found, the state of each DKIM
/// setup, and the return path. Pure over a `DomainContext`.
public struct ESPAnalysis: Sendable {
  /// One expected DKIM record and what was found at its name.
  public struct DKIMRecordState: Sendable {
    public var record: ESP.DKIMRecord
    /// `<selector>._domainkey.<domain>`.
    public var name: DomainName
    /// The CNAME at the name, when there is one.
    public var cname: ResourceRecord?
    /// The CNAME target pattern it matched (index into the record's patterns) and bindings.
    public var matchedPattern: Int?
    public var bindings: [String: String]
    /// A DKIM key record is reachable at the name (TXT setups).
    public var hasKey: Bool

    /// True when the record is as the ESP expects.
    public var satisfied: Bool {
      switch record.kind {
      case .cname: matchedPattern != nil
      case .txt: hasKey
      }
    }
  }

  /// One DKIM setup and the state of its records.
  public struct DKIMSetupState: Sendable {
    public var setup: ESP.DKIMSetup
    public var records: [DKIMRecordState]
    public var satisfied: Bool { records.allSatisfy(\.satisfied) }
    public var matchedCount: Int { records.filter(\.satisfied).count }
  }

  public var esp: ESP
  public var domain: DomainName
  /// True when named with `--esp`.
  public var named: Bool
  /// Human-readable records that show the ESP is in use.
  public var evidence: [String]
  public var dkim: [DKIMSetupState]
  /// SPF include terms of the domain's record that belong to this ESP.
  public var includes: [String]
  /// DKIM selectors (found by the DKIM probe) whose CNAME points to the ESP's token pattern.
  public var tokenSelectors: [String]
  /// The return-path host checked and its CNAME target, when one was found.
  public var returnPathHost: DomainName?
  public var returnPathTarget: DomainName?
  /// True when the return path is set up as the ESP documents it.
  public var returnPathOK: Bool

  /// True when the ESP is used: named, or evidence was found.
  public var applies: Bool { named || !evidence.isEmpty }

  /// The DKIM setup that is complete, if any.
  public var satisfiedSetup: DKIMSetupState? { dkim.first(where: \.satisfied) }

  /// The setup to suggest when none is complete: the non-legacy one closest to done.
  public var suggestedSetup: DKIMSetupState? {
    let current = dkim.filter { !$0.setup.legacy }
    return current.max { $0.matchedCount < $1.matchedCount } ?? dkim.first
  }

  /// Analyses every ESP of the catalog for `context`, in catalog order.
  public static func all(_ context: DomainContext) -> [ESPAnalysis] {
    context.memo.value("ESPAnalysis.all") { analyseAll(context) }
  }

  private static func analyseAll(_ context: DomainContext) -> [ESPAnalysis] {
    let named = Set(context.options.esps.compactMap { ESPCatalog.esp(id: $0)?.id })
    // The SPF include targets are the same for every ESP: find and parse them once.
    let includes = ESPRecords.includeTargets(context).compactMap { target in
      (try? DomainName(target)).map { (text: target, name: $0) }
    }
    return ESPCatalog.all.map {
      analyse($0, context: context, named: named.contains($0.id), includes: includes)
    }
  }

  /// The ESPs in use (named or detected).
  public static func applying(_ context: DomainContext) -> [ESPAnalysis] {
    all(context).filter(\.applies)
  }

  static func analyse(
    _ esp: ESP, context: DomainContext, named: Bool,
    includes targets: [(text: String, name: DomainName)]
  ) -> ESPAnalysis {
    let domain = context.domain
    var evidence: [String] = []
    // SPF includes of the domain's own record.
    let includes = targets.filter { target in
      esp.detectionIncludes.contains { $0.match(target.name, domain: domain) != nil }
    }.map(\.text)
    if let record = ESPRecords.spfText(context) {
      evidence += includes.map { "\(domain.absolute) TXT \"\(record)\" (include:\($0))" }
    }
    // DKIM setups.
    var setups: [DKIMSetupState] = []
    for setup in esp.dkim {
      var states: [DKIMRecordState] = []
      for record in setup.records {
        guard let name = try? DomainName(record.selector + "._domainkey." + domain.text) else {
          continue
        }
        let cname = ESPRecords.cname(at: name, context: context)
        var matched: Int?
        var bindings: [String: String] = [:]
        if case .cname(let patterns) = record.kind, case .cname(let target)? = cname?.data {
          for (index, pattern) in patterns.enumerated() {
            if let found = pattern.match(target, domain: domain) {
              matched = index
              bindings = found
              break
            }
          }
        }
        states.append(
          DKIMRecordState(
            record: record, name: name, cname: cname, matchedPattern: matched,
            bindings: bindings,
            hasKey: ESPRecords.hasKey(
              at: name, selector: record.selector,
              context: context)))
      }
      setups.append(DKIMSetupState(setup: setup, records: states))
    }
    for state in setups.flatMap(\.records) where state.matchedPattern != nil {
      if let cname = state.cname {
        evidence.append("\(cname.name.absolute) CNAME \(cname.data.presentation)")
      }
    }
    for state in setups.flatMap(\.records) {
      // A TXT key at an ESP-specific selector (not a generic one like 'mail') shows the ESP.
      if case .txt = state.record.kind, state.hasKey,
        ["mailjet", "zmail", "mandrill", "m1"].contains(state.record.selector)
      {
        evidence.append("\(state.name.absolute) TXT \"v=DKIM1; p=…\"")
      }
    }
    // Token selectors (Amazon SES): any probed selector whose chain points to the pattern.
    var tokenSelectors: [String] = []
    for selector in context.dkim.selectors {
      for hop in selector.cnameChain
      where esp.tokenDKIMTargets.contains(where: { $0.match(hop.target, domain: domain) != nil }) {
        tokenSelectors.append(selector.selector)
        evidence.append("\(hop.name.absolute) CNAME \(hop.target.absolute)")
        break
      }
    }
    // Return path.
    var host: DomainName?
    var target: DomainName?
    var returnPathOK = false
    let given = context.options.returnPath
    switch esp.returnPath {
    case .cname(let label, let targets):
      host = label.flatMap { try? DomainName($0 + "." + domain.text) } ?? given
      if let host, let found = ESPRecords.cname(at: host, context: context),
        case .cname(let pointed) = found.data
      {
        target = pointed
        if targets.contains(where: { $0.match(pointed, domain: domain) != nil }) {
          returnPathOK = true
          evidence.append("\(host.absolute) CNAME \(pointed.absolute) (return path)")
        }
      }
    case .mailFrom(let mx, let include):
      host = given
      if let host {
        let hosts = ESPRecords.mxHosts(at: host, context: context)
        let spf = ESPRecords.txt(at: host, context: context).first {
          $0.lowercased().hasPrefix("v=spf1")
        }
        let mxOK = hosts.count == 1 && hosts.allSatisfy { mx.match($0, domain: domain) != nil }
        if mxOK {
          evidence.append("\(host.absolute) MX \(hosts[0].absolute) (MAIL FROM)")
        }
        returnPathOK = mxOK && (spf?.contains("include:" + include) ?? false)
      }
    case .ownDomain, .sendingDomain, .delegated:
      returnPathOK = true
    case .espDomain, .unknown:
      returnPathOK = false
    }
    return ESPAnalysis(
      esp: esp, domain: domain, named: named, evidence: evidence, dkim: setups,
      includes: includes, tokenSelectors: tokenSelectors, returnPathHost: host,
      returnPathTarget: target, returnPathOK: returnPathOK)
  }

  /// The report's view: name, evidence and the alignment this setup gives.
  public var detected: DetectedESP {
    DetectedESP(
      id: esp.id, name: esp.name, named: named, evidence: evidence, alignment: esp.alignment)
  }
}
