import DNSLookup
import SenderAuthCore

/// What a domain's records say about one ESP: the evidence found (records, sending IPs in its
/// SPF, the message it sent), the state of each DKIM setup, and the return path. Pure over a
/// `DomainContext`.
public struct ESPAnalysis: Sendable {
  /// One expected DKIM record and what was found at its name.
  public struct DKIMRecordState: Sendable {
    public var record: ESP.DKIMRecord
    /// `<selector>._domainkey.<domain>`; the selector still holds `<placeholders>` when no
    /// record named the account's value.
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

    /// True when the name still holds a placeholder (the account's value is not known).
    public var hasPlaceholder: Bool { name.text.contains("<") }
  }

  /// One DKIM setup and the state of its records.
  public struct DKIMSetupState: Sendable {
    public var setup: ESP.DKIMSetup
    public var records: [DKIMRecordState]
    public var satisfied: Bool { records.allSatisfy(\.satisfied) }
    public var matchedCount: Int { records.filter(\.satisfied).count }
  }

  /// A sending address that the ESP's SPF publishes, and the evaluation that says so.
  public struct SendingAddress: Sendable {
    public var ip: IPAddress
    public var evaluation: SPFEvaluation
    /// True for the message's sending IP, false for one given with `--ip`.
    public var fromMessage: Bool
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
  /// Values of the account the records name (`hubid`, `user`, `wl`, `shard` …), for rendering
  /// the records the ESP expects.
  public var bindings: [String: String] = [:]
  /// Sending addresses (`--ip`, the message's) inside the ESP's published SPF.
  public var sendingAddresses: [SendingAddress] = []
  /// The message (`--message`) went through this ESP: its signature, envelope or sending IP
  /// is the ESP's.
  public var sentMessage = false
  /// The message's signatures (indexes) whose key or signing domain is the ESP's.
  public var messageSignatures: [Int] = []
  /// What DKIM and SPF give the ESP's mail, as the records found say.
  public var dkimState = ESPMechanismState(aligned: nil, why: LocalizedText(en: "", de: ""))
  public var spfState = ESPMechanismState(aligned: nil, why: LocalizedText(en: "", de: ""))

  /// True when the ESP is used: named, or evidence was found.
  public var applies: Bool { named || !evidence.isEmpty }

  /// The DKIM setup that is complete, if any.
  public var satisfiedSetup: DKIMSetupState? { dkim.first(where: \.satisfied) }

  /// The setup to suggest when none is complete: the non-legacy one closest to done.
  public var suggestedSetup: DKIMSetupState? {
    let current = dkim.filter { !$0.setup.legacy }
    return current.max { $0.matchedCount < $1.matchedCount } ?? dkim.first
  }

  /// The ESPs in use (named or detected), in catalog order.
  public static func applying(_ context: DomainContext) -> [ESPAnalysis] {
    context.memo.value("ESPAnalysis.applying", of: context, analyseApplying)
  }

  /// Analyses the ESPs that may have evidence at the domain (`candidates`): the others would
  /// not apply.
  private static func analyseApplying(_ context: DomainContext) -> [ESPAnalysis] {
    let named = Set(context.options.esps.compactMap { ESPCatalog.esp(id: $0)?.id })
    let candidates = candidates(context, named: named)
    guard !candidates.isEmpty else { return [] }
    // The SPF include targets are the same for every ESP: find and parse them once.
    let includes = ESPRecords.includeTargets(context).compactMap { target in
      (try? DomainName(target)).map { (text: target, name: $0) }
    }
    return candidates.map {
      analyse($0, context: context, named: named.contains($0.id), includes: includes)
    }.filter(\.applies)
  }

  static func analyse(
    _ esp: ESP, context: DomainContext, named: Bool,
    includes targets: [(text: String, name: DomainName)]
  ) -> ESPAnalysis {
    let domain = context.domain
    var evidence: [String] = []
    // SPF includes of the domain's own record, and the account values they name.
    var bindings: [String: String] = [:]
    var includes: [String] = []
    for target in targets {
      let patterns = esp.detectionIncludes + [esp.askedInclude].compactMap { $0 }
      for pattern in patterns {
        guard let found = pattern.match(target.name, domain: domain) else { continue }
        bindings.merge(accountValues(found)) { first, _ in first }
        if !includes.contains(target.text) { includes.append(target.text) }
      }
    }
    if let record = ESPRecords.spfText(context) {
      evidence += includes.map { "\(domain.absolute) TXT \"\(record)\" (include:\($0))" }
    }
    var analysis = ESPAnalysis(
      esp: esp, domain: domain, named: named, evidence: evidence, dkim: [], includes: includes,
      tokenSelectors: [], returnPathHost: nil, returnPathTarget: nil, returnPathOK: false,
      bindings: bindings)
    // The message and the sending IPs may name account values too (a signature's selector).
    analysis.addMessageEvidence(context)
    analysis.addSendingAddresses(context)
    analysis.bindProbedSelectors(context)
    analysis.analyseDKIM(context)
    analysis.analyseReturnPath(context)
    analysis.describe(context)
    return analysis
  }

  /// The account values of a match: everything but the domain-derived placeholders.
  static func accountValues(_ bindings: [String: String]) -> [String: String] {
    bindings.filter { $0.key != "dashed" && $0.key != "domain" }
  }

  /// Binds selector placeholders from the selectors the DKIM probe found (`hs1-12345`).
  mutating func bindProbedSelectors(_ context: DomainContext) {
    for record in esp.dkim.flatMap(\.records) where !record.isFixed {
      for probed in context.dkim.selectors where probed.hasKeyRecord || !probed.cnameChain.isEmpty {
        guard let name = try? DomainName(probed.selector),
          let found = record.selectorPattern.match(name, domain: domain)
        else { continue }
        bindings.merge(Self.accountValues(found)) { first, _ in first }
      }
    }
  }

  /// The state of every DKIM setup, and the token selectors (Amazon SES).
  mutating func analyseDKIM(_ context: DomainContext) {
    var setups: [DKIMSetupState] = []
    for setup in esp.dkim {
      var states: [DKIMRecordState] = []
      for record in setup.records {
        let selector = record.selectorPattern.render(domain: domain, bindings: bindings)
        guard let name = try? DomainName(selector + "._domainkey." + domain.text) else {
          continue
        }
        let known = !selector.contains("<")
        let cname = known ? ESPRecords.cname(at: name, context: context) : nil
        var matched: Int?
        var found: [String: String] = [:]
        if case .cname(let patterns) = record.kind, case .cname(let target)? = cname?.data {
          for (index, pattern) in patterns.enumerated() {
            if let match = pattern.match(target, domain: domain) {
              matched = index
              found = match
              break
            }
          }
        }
        states.append(
          DKIMRecordState(
            record: record, name: name, cname: cname, matchedPattern: matched, bindings: found,
            hasKey: known
              && ESPRecords.hasKey(at: name, selector: record.selector, context: context)))
      }
      setups.append(DKIMSetupState(setup: setup, records: states))
    }
    dkim = setups
    for state in setups.flatMap(\.records) where state.matchedPattern != nil {
      if let cname = state.cname {
        evidence.append("\(cname.name.absolute) CNAME \(cname.data.presentation)")
      }
      bindings.merge(Self.accountValues(state.bindings)) { first, _ in first }
    }
    for state in setups.flatMap(\.records) {
      // A TXT key at an ESP-specific selector (not a generic one like 'mail') shows the ESP.
      if case .txt = state.record.kind, state.hasKey,
        Self.keySelectorsShowingESP.contains(state.record.selector)
      {
        evidence.append("\(state.name.absolute) TXT \"v=DKIM1; p=…\"")
      }
    }
    // Token selectors (Amazon SES): any probed selector whose chain points to the pattern.
    for selector in context.dkim.selectors {
      for hop in selector.cnameChain
      where esp.tokenDKIMTargets.contains(where: { $0.match(hop.target, domain: domain) != nil }) {
        tokenSelectors.append(selector.selector)
        evidence.append("\(hop.name.absolute) CNAME \(hop.target.absolute)")
        break
      }
    }
  }

  /// The return path: a fixed or given host with its CNAME, a custom MAIL FROM, or what the
  /// ESP's kind of return path implies.
  mutating func analyseReturnPath(_ context: DomainContext) {
    // A return path outside the domain's organizational domain is not the customer's host.
    let organizational = context.dmarc.discovery.organizationalDomain
    let given = context.options.returnPath.flatMap {
      $0.isSubdomain(of: organizational) || $0.isSubdomain(of: domain) ? $0 : nil
    }
    switch esp.returnPath {
    case .cname(let label, let targets):
      returnPathHost = label.flatMap { try? DomainName($0 + "." + domain.text) } ?? given
      if let host = returnPathHost, let found = ESPRecords.cname(at: host, context: context),
        case .cname(let pointed) = found.data
      {
        returnPathTarget = pointed
        let domain = self.domain
        if let match = targets.lazy.compactMap({ $0.match(pointed, domain: domain) }).first {
          returnPathOK = true
          bindings.merge(Self.accountValues(match)) { first, _ in first }
          evidence.append("\(host.absolute) CNAME \(pointed.absolute) (Return-Path)")
        }
      }
    case .mailFrom(let mx, let include):
      returnPathHost = given
      if let host = given {
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
  }

  /// The report's view: name, evidence, and what DKIM and SPF give as the records found say.
  public var detected: DetectedESP {
    DetectedESP(
      id: esp.id, name: esp.name, named: named, evidence: evidence, dkim: dkimState,
      spf: spfState)
  }
}
