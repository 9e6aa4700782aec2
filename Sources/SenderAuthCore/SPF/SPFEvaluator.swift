import DNSLookup

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The processing limits of RFC 7208 §4.6.4.
public struct SPFLimits: Hashable, Sendable, Codable {
  /// Terms that query DNS (`include a mx ptr exists redirect`) per check: 10.
  public var lookups: Int
  /// Lookups that return NXDOMAIN or no records: 2.
  public var voidLookups: Int
  /// MX hosts an `mx` term may resolve: 10 (more is a `permerror`).
  public var mxHosts: Int
  /// PTR names `ptr` and `%{p}` look at: 10 (the rest are ignored).
  public var ptrNames: Int
  /// Seconds a whole check may take before it ends in `temperror` (RFC 7208 §4.6.4: at
  /// least 20).
  public var seconds: Double

  public init(
    lookups: Int = 10, voidLookups: Int = 2, mxHosts: Int = 10, ptrNames: Int = 10,
    seconds: Double = 20
  ) {
    self.lookups = lookups
    self.voidLookups = voidLookups
    self.mxHosts = mxHosts
    self.ptrNames = ptrNames
    self.seconds = seconds
  }

  /// The limits RFC 7208 §4.6.4 sets.
  public static let rfc = SPFLimits()
}

/// One step of an evaluation: a record fetched or a term tried, and what came of it.
public struct SPFTraceStep: Hashable, Sendable, Codable {
  /// 0 for the checked domain, 1 inside its includes or redirect, and so on.
  public var depth: Int
  public var domain: String
  /// The term tried, or `v=spf1 …` for the record itself.
  public var term: String
  /// `record`, `match`, `no-match`, `none`, `permerror`, `temperror`.
  public var outcome: String
  public var detail: String?
  /// For a `record` step reached through a CNAME at `domain`: the name the record is at (the
  /// chain's end), whoever runs that. Nil without a CNAME.
  public var canonicalName: String?
  /// `detail` in German, for reports in German (the JSON keeps `detail` in English).
  public var germanDetail: String? = nil

  private enum CodingKeys: String, CodingKey {
    case depth, domain, term, outcome, detail, canonicalName
  }

  public init(
    depth: Int, domain: String, term: String, outcome: String, detail: String? = nil,
    canonicalName: String? = nil
  ) {
    self.depth = depth
    self.domain = domain
    self.term = term
    self.outcome = outcome
    self.detail = detail
    self.canonicalName = canonicalName
  }

  init(depth: Int, domain: String, term: String, outcome: String, detail: LocalizedText?) {
    self.init(depth: depth, domain: domain, term: term, outcome: outcome, detail: detail?.en)
    germanDetail = detail?.de
  }

  /// `detail` in `language`.
  public func detail(in language: Language) -> String? {
    language == .de ? germanDetail ?? detail : detail
  }
}

/// The outcome of `check_host()` for one IP, sender and HELO name.
public struct SPFEvaluation: Hashable, Sendable, Codable {
  /// `pass fail softfail neutral none permerror temperror`.
  public var result: SPFResult
  /// `mailfrom`, or `helo` when the sender was empty (RFC 7208 §2.4).
  public var identity: String
  /// The domain whose record decided (the identity's domain).
  public var domain: String
  public var ip: String
  public var sender: String
  public var helo: String
  /// For `fail`: the `exp=` text of the deciding record, expanded (RFC 7208 §6.2).
  public var explanation: String?
  /// The directive that matched, when one did.
  public var matchedTerm: String?
  /// Why the result is `none`, `permerror` or `temperror`.
  public var reason: String?
  /// `reason` in German, for reports in German (the JSON keeps `reason` in English).
  public var germanReason: String? = nil
  /// DNS-querying terms evaluated (RFC 7208 §4.6.4).
  public var lookups: Int
  public var voidLookups: Int
  public var trace: [SPFTraceStep]

  public init(
    result: SPFResult, identity: String, domain: String, ip: String, sender: String,
    helo: String, explanation: String? = nil, matchedTerm: String? = nil, reason: String? = nil,
    lookups: Int = 0, voidLookups: Int = 0, trace: [SPFTraceStep] = []
  ) {
    self.result = result
    self.identity = identity
    self.domain = domain
    self.ip = ip
    self.sender = sender
    self.helo = helo
    self.explanation = explanation
    self.matchedTerm = matchedTerm
    self.reason = reason
    self.lookups = lookups
    self.voidLookups = voidLookups
    self.trace = trace
  }

  private enum CodingKeys: String, CodingKey {
    case result, identity, domain, ip, sender, helo, explanation, matchedTerm, reason, lookups
    case voidLookups, trace
  }

  /// `reason` in `language`.
  public func reason(in language: Language) -> String? {
    language == .de ? germanReason ?? reason : reason
  }
}

/// RFC 7208 `check_host(ip, domain, sender)` over any `DNSResolver`, with macros, `exp=`,
/// the lookup and void-lookup limits, and a trace of every term tried.
public struct SPFEvaluator: Sendable {
  public let resolver: any DNSResolver
  public var limits: SPFLimits
  /// `%{r}`: the name of the host doing the check.
  public var receiver: String
  /// The explanation given for a `fail` when the record has no usable `exp=`; nil for none.
  public var defaultExplanation: String?
  /// `%{t}`: seconds since the epoch; nil for the current time.
  public var timestamp: Int?

  public init(
    resolver: any DNSResolver, limits: SPFLimits = .rfc, receiver: String = "unknown",
    defaultExplanation: String? = nil, timestamp: Int? = nil
  ) {
    self.resolver = resolver
    self.limits = limits
    self.receiver = receiver
    self.defaultExplanation = defaultExplanation
    self.timestamp = timestamp
  }

  /// Checks the MAIL FROM identity `sender`, or the HELO identity when `sender` is empty
  /// (`postmaster@<helo>`, RFC 7208 §2.3, §2.4).
  public func evaluate(ip: IPAddress, sender: String, helo: String) async -> SPFEvaluation {
    if sender.isEmpty {
      return await checkHost(
        ip: ip, domain: helo, sender: "postmaster@" + helo, helo: helo, identity: "helo")
    }
    let domain = sender.lastIndex(of: "@").map { String(sender[sender.index(after: $0)...]) }
    return await checkHost(
      ip: ip, domain: domain ?? sender, sender: sender, helo: helo, identity: "mailfrom")
  }

  /// Checks the HELO identity alone (RFC 7208 §2.3).
  public func evaluateHELO(ip: IPAddress, helo: String) async -> SPFEvaluation {
    await evaluate(ip: ip, sender: "", helo: helo)
  }

  /// `check_host(ip, domain, sender)` (RFC 7208 §4).
  public func checkHost(
    ip original: IPAddress, domain: String, sender: String, helo: String,
    identity: String = "mailfrom"
  ) async -> SPFEvaluation {
    let ip = original.mappedIPv4 ?? original
    var local = "postmaster"
    var senderDomain = domain
    if let at = sender.lastIndex(of: "@") {
      let part = String(sender[..<at])
      if !part.isEmpty { local = part }
      senderDomain = String(sender[sender.index(after: at)...])
    }
    let context = SPFMacroContext(
      sender: local + "@" + senderDomain, localPart: local, senderDomain: senderDomain,
      domain: domain, ip: ip, helo: helo, receiver: receiver,
      timestamp: timestamp ?? Int(time(nil)))
    var state = State()
    var outcome = await check(domainText: domain, context: context, depth: 0, state: &state)
    if outcome.result == .fail {
      outcome.explanation = await explanation(for: outcome.source, context: context, state: &state)
    }
    var evaluation = SPFEvaluation(
      result: outcome.result, identity: identity, domain: domain, ip: original.description,
      sender: context.sender, helo: helo, explanation: outcome.explanation,
      matchedTerm: outcome.matched, reason: outcome.reason?.en, lookups: state.lookups,
      voidLookups: state.voids, trace: state.trace)
    evaluation.germanReason = outcome.reason?.de
    return evaluation
  }

  // MARK: - check_host

  struct State {
    let started = ContinuousClock.now
    var lookups = 0
    var voids = 0
    var trace: [SPFTraceStep] = []
    var validatedNames: [DomainName]?
  }

  /// The record and domain a `fail` came from, for its `exp=`.
  struct ExplanationSource {
    var spec: SPFMacroString
    var domain: String
  }

  struct Outcome {
    var result: SPFResult
    var reason: LocalizedText?
    var matched: String?
    var source: ExplanationSource?
    var explanation: String?
  }

  enum MechanismOutcome {
    case match
    case noMatch(LocalizedText?)
    case error(SPFResult, LocalizedText)
  }

  /// RFC 7208 §4.3: a domain must be a valid multi-label name; returns it, or nil.
  static func validDomain(_ text: String) -> DomainName? {
    var body = Substring(text)
    if body.hasSuffix(".") { body = body.dropLast() }
    let labels = body.split(separator: ".", omittingEmptySubsequences: false)
    guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 63 }),
      let top = labels.last, SPFMacroString.isTopLabel(top)
    else { return nil }
    return try? DomainName(rawText: String(body))
  }

  func check(domainText: String, context base: SPFMacroContext, depth: Int, state: inout State)
    async -> Outcome
  {
    func finish(_ result: SPFResult, _ reason: LocalizedText, term: String = "") -> Outcome {
      state.trace.append(
        SPFTraceStep(
          depth: depth, domain: domainText, term: term, outcome: result.rawValue, detail: reason))
      return Outcome(result: result, reason: reason)
    }
    guard let domain = SPFEvaluator.validDomain(domainText) else {
      return finish(
        .none,
        LocalizedText(
          en: "'\(domainText)' is not a valid multi-label domain name (RFC 7208 §4.3)",
          de: "'\(domainText)' ist kein gültiger Domainname aus mehreren Labels (RFC 7208 §4.3)"))
    }
    var context = base
    context.domain = domain.rawText
    let answer: DNSAnswer
    do {
      answer = try await resolver.query(domain, .txt)
    } catch {
      return finish(
        .temperror,
        LocalizedText(
          en: "TXT lookup for '\(domain.text)' failed: \(error)",
          de: "TXT-Abfrage für '\(domain.text)' fehlgeschlagen: \(error)"))
    }
    if answer.status == .nxdomain {
      return finish(
        .none,
        LocalizedText(
          en: "'\(domain.text)' does not exist (NXDOMAIN)",
          de: "'\(domain.text)' existiert nicht (NXDOMAIN)"))
    }
    let candidates = SPFParser.select(answer.matching)
    guard let candidate = candidates.first else {
      return finish(
        .none,
        LocalizedText(
          en: "'\(domain.text)' has no SPF record", de: "'\(domain.text)' hat keinen SPF-Eintrag"))
    }
    guard candidates.count == 1 else {
      return finish(
        .permerror,
        LocalizedText(
          en: "'\(domain.text)' has \(candidates.count) SPF records (RFC 7208 §4.5)",
          de: "'\(domain.text)' hat \(candidates.count) SPF-Einträge (RFC 7208 §4.5)"))
    }
    let parsed = SPFParser.parse(candidate.text)
    let canonical = answer.canonicalName
    state.trace.append(
      SPFTraceStep(
        depth: depth, domain: domain.text, term: candidate.text, outcome: "record",
        canonicalName: canonical == domain ? nil : canonical.text))
    if let issue = parsed.issues.first {
      return finish(
        .permerror,
        LocalizedText(
          en: "syntax error at character \(issue.offset + 1): \(issue.reason.en)",
          de: "Syntaxfehler an Zeichen \(issue.offset + 1): \(issue.reason.de)"),
        term: issue.term)
    }
    let record = parsed.record

    for term in record.terms {
      guard let directive = term.directive else { continue }
      if directive.mechanism.countsAsLookup, let late = overtime(state) {
        return finish(.temperror, late, term: term.text)
      }
      if directive.mechanism.countsAsLookup {
        state.lookups += 1
        if state.lookups > limits.lookups {
          return finish(
            .permerror,
            LocalizedText(
              en: "more than \(limits.lookups) DNS-querying terms (RFC 7208 §4.6.4)",
              de: "mehr als \(limits.lookups) Mechanismen mit DNS-Abfragen (RFC 7208 §4.6.4)"),
            term: term.text)
        }
      }
      let outcome = await evaluate(
        directive.mechanism, context: context, depth: depth, state: &state)
      switch outcome {
      case .error(let result, let reason):
        return finish(result, reason, term: term.text)
      case .noMatch(let detail):
        state.trace.append(
          SPFTraceStep(
            depth: depth, domain: domain.text, term: term.text, outcome: "no-match", detail: detail
          ))
      case .match:
        let result = directive.qualifier.result
        state.trace.append(
          SPFTraceStep(
            depth: depth, domain: domain.text, term: term.text, outcome: "match",
            detail: LocalizedText(
              en: "result \(result.rawValue)", de: "Ergebnis \(result.rawValue)")))
        var source: ExplanationSource?
        if result == .fail, let exp = record.explanation?.modifier?.value {
          source = ExplanationSource(spec: exp, domain: domain.rawText)
        }
        return Outcome(result: result, matched: term.text, source: source)
      }
    }

    if let redirect = record.redirect, let spec = redirect.modifier?.value {
      if let late = overtime(state) { return finish(.temperror, late, term: redirect.text) }
      state.lookups += 1
      if state.lookups > limits.lookups {
        return finish(
          .permerror,
          LocalizedText(
            en: "more than \(limits.lookups) DNS-querying terms (RFC 7208 §4.6.4)",
            de: "mehr als \(limits.lookups) Mechanismen mit DNS-Abfragen (RFC 7208 §4.6.4)"),
          term: redirect.text)
      }
      if spec.uses("p") { context.validatedName = await validatedName(context, state: &state) }
      guard let target = spec.expandDomain(context) else {
        return finish(
          .permerror,
          LocalizedText(
            en: "the redirect target is not a valid domain",
            de: "das Ziel von redirect ist keine gültige Domain"), term: redirect.text)
      }
      state.trace.append(
        SPFTraceStep(
          depth: depth, domain: domain.text, term: redirect.text, outcome: "redirect",
          detail: target.text))
      var inner = await check(
        domainText: target.rawText, context: context, depth: depth + 1, state: &state)
      if inner.result == .none {
        inner.result = .permerror
        inner.reason = LocalizedText(
          en: "redirect target '\(target.text)' has no SPF record (RFC 7208 §6.1)",
          de: "das Ziel von redirect, '\(target.text)', hat keinen SPF-Eintrag (RFC 7208 §6.1)")
        state.trace.append(
          SPFTraceStep(
            depth: depth, domain: domain.text, term: redirect.text, outcome: "permerror",
            detail: inner.reason))
      }
      return inner
    }
    state.trace.append(
      SPFTraceStep(
        depth: depth, domain: domain.text, term: "", outcome: "neutral",
        detail: LocalizedText(
          en: "no term matched and there is no redirect (RFC 7208 §4.7)",
          de: "kein Mechanismus passt, und es gibt kein redirect (RFC 7208 §4.7)")))
    return Outcome(result: .neutral, reason: nil)
  }

  /// Why the check must stop for taking too long, or nil while there is time.
  func overtime(_ state: State) -> LocalizedText? {
    let elapsed = ContinuousClock.now - state.started
    guard elapsed > .milliseconds(Int64(limits.seconds * 1000)) else { return nil }
    return LocalizedText(
      en: "the check took longer than \(limits.seconds) seconds (RFC 7208 §4.6.4)",
      de: "die Prüfung dauerte länger als \(limits.seconds) Sekunden (RFC 7208 §4.6.4)")
  }

  // MARK: - Mechanisms (RFC 7208 §5)

  func evaluate(
    _ mechanism: SPFMechanism, context base: SPFMacroContext, depth: Int, state: inout State
  ) async -> MechanismOutcome {
    var context = base
    let ip = context.ip
    let current = (try? DomainName(rawText: context.domain)) ?? DomainName.root
    func target(_ spec: SPFMacroString?) async -> DomainName? {
      guard let spec else { return current }
      if spec.uses("p") { context.validatedName = await validatedName(context, state: &state) }
      return spec.expandDomain(context)
    }
    func void(_ detail: LocalizedText) -> MechanismOutcome {
      state.voids += 1
      if state.voids > limits.voidLookups {
        return .error(
          .permerror,
          LocalizedText(
            en: "more than \(limits.voidLookups) void lookups (RFC 7208 §4.6.4): \(detail.en)",
            de: "mehr als \(limits.voidLookups) DNS-Abfragen ohne Ergebnis (Void-Lookups, "
              + "RFC 7208 §4.6.4): \(detail.de)"))
      }
      return .noMatch(
        LocalizedText(
          en: detail.en + " (void lookup \(state.voids))",
          de: detail.de + " (Abfrage ohne Ergebnis \(state.voids))"))
    }
    let invalidName = LocalizedText(
      en: "not a valid domain name", de: "kein gültiger Domainname")
    func lookupFailed(_ type: RRType, _ name: DomainName, _ error: any Error) -> MechanismOutcome {
      .error(
        .temperror,
        LocalizedText(
          en: "\(type) lookup for '\(name.text)' failed: \(error)",
          de: "\(type)-Abfrage für '\(name.text)' fehlgeschlagen: \(error)"))
    }
    func neutral(_ text: String) -> LocalizedText { LocalizedText(en: text, de: text) }
    let addressType: RRType = ip.isIPv4 ? .a : .aaaa

    switch mechanism {
    case .all:
      return .match
    case .ip4(let network, let prefix):
      return ip.matches(network, prefixLength: prefix ?? 32) ? .match : .noMatch(nil)
    case .ip6(let network, let prefix):
      return ip.matches(network, prefixLength: prefix ?? 128) ? .match : .noMatch(nil)
    case .a(let spec, let cidr):
      guard let name = await target(spec) else { return .noMatch(invalidName) }
      let answer: DNSAnswer
      do { answer = try await resolver.query(name, addressType) } catch {
        return lookupFailed(addressType, name, error)
      }
      let addresses = answer.addresses
      if addresses.isEmpty {
        return void(
          LocalizedText(
            en: "'\(name.text)' has no \(addressType) record",
            de: "'\(name.text)' hat keinen \(addressType)-Eintrag"))
      }
      let prefix = ip.isIPv4 ? cidr.ip4 ?? 32 : cidr.ip6 ?? 128
      return addresses.contains { ip.matches($0, prefixLength: prefix) }
        ? .match
        : .noMatch(neutral("\(name.text): \(addresses.map(\.description).joined(separator: " "))"))
    case .mx(let spec, let cidr):
      guard let name = await target(spec) else { return .noMatch(invalidName) }
      let answer: DNSAnswer
      do { answer = try await resolver.query(name, .mx) } catch {
        return lookupFailed(.mx, name, error)
      }
      let hosts = answer.mxHosts.map(\.exchange)
      if hosts.isEmpty {
        return void(
          LocalizedText(
            en: "'\(name.text)' has no MX record", de: "'\(name.text)' hat keinen MX-Eintrag"))
      }
      if hosts.count > limits.mxHosts {
        return .error(
          .permerror,
          LocalizedText(
            en: "'\(name.text)' has \(hosts.count) MX hosts; at most \(limits.mxHosts) may be "
              + "looked up (RFC 7208 §4.6.4)",
            de: "'\(name.text)' hat \(hosts.count) MX-Hosts; höchstens \(limits.mxHosts) dürfen "
              + "abgefragt werden (RFC 7208 §4.6.4)"))
      }
      let prefix = ip.isIPv4 ? cidr.ip4 ?? 32 : cidr.ip6 ?? 128
      var resolved = false
      for host in hosts where !host.isRoot {
        let addresses: [IPAddress]
        do { addresses = try await resolver.query(host, addressType).addresses } catch {
          return lookupFailed(addressType, host, error)
        }
        resolved = resolved || !addresses.isEmpty
        if addresses.contains(where: { ip.matches($0, prefixLength: prefix) }) { return .match }
      }
      // The term's lookups found nothing to compare with: a void lookup for this client's
      // family, as an `a` term whose name has no record of it (RFC 7208 §4.6.4, §5.4).
      if !resolved {
        return void(
          LocalizedText(
            en: "no MX host of '\(name.text)' has an \(addressType) record",
            de: "kein MX-Host von '\(name.text)' hat einen \(addressType)-Eintrag"))
      }
      let hostList = hosts.map(\.text).joined(separator: " ")
      return .noMatch(LocalizedText(en: "MX hosts: " + hostList, de: "MX-Hosts: " + hostList))
    case .ptr(let spec):
      guard let name = await target(spec) else { return .noMatch(invalidName) }
      guard let names = await validatedNames(ip, state: &state, countVoid: true) else {
        return void(
          LocalizedText(en: "no PTR record for \(ip)", de: "kein PTR-Eintrag für \(ip)"))
      }
      if state.voids > limits.voidLookups {
        return .error(
          .permerror,
          LocalizedText(
            en: "more than \(limits.voidLookups) void lookups (RFC 7208 §4.6.4)",
            de: "mehr als \(limits.voidLookups) DNS-Abfragen ohne Ergebnis (Void-Lookups, "
              + "RFC 7208 §4.6.4)"))
      }
      return names.contains { $0.isSubdomain(of: name) }
        ? .match
        : .noMatch(
          LocalizedText(
            en: "validated names: " + names.map(\.text).joined(separator: " "),
            de: "bestätigte Namen: " + names.map(\.text).joined(separator: " ")))
    case .exists(let spec):
      guard let name = await target(spec) else { return .noMatch(invalidName) }
      let answer: DNSAnswer
      do { answer = try await resolver.query(name, .a) } catch {
        return lookupFailed(.a, name, error)
      }
      return answer.addresses.isEmpty
        ? void(
          LocalizedText(
            en: "'\(name.text)' has no A record", de: "'\(name.text)' hat keinen A-Eintrag"))
        : .match
    case .include(let spec):
      guard let name = await target(spec) else {
        return .error(
          .permerror,
          LocalizedText(
            en: "the include target is not a valid domain",
            de: "das Ziel von include ist keine gültige Domain"))
      }
      let inner = await check(
        domainText: name.rawText, context: context, depth: depth + 1, state: &state)
      switch inner.result {
      case .pass: return .match
      case .fail, .softfail, .neutral:
        return .noMatch(
          LocalizedText(
            en: "'\(name.text)' gave \(inner.result)", de: "'\(name.text)' ergab \(inner.result)"))
      case .temperror:
        return .error(
          .temperror,
          inner.reason
            ?? LocalizedText(en: "include gave temperror", de: "include ergab temperror"))
      case .permerror:
        return .error(
          .permerror,
          inner.reason
            ?? LocalizedText(en: "include gave permerror", de: "include ergab permerror"))
      case .none:
        return .error(
          .permerror,
          LocalizedText(
            en: "include target '\(name.text)' has no SPF record (RFC 7208 §5.2)",
            de: "das Ziel von include, '\(name.text)', hat keinen SPF-Eintrag (RFC 7208 §5.2)"))
      }
    }
  }

  /// The names of `ip`'s PTR records (first `limits.ptrNames`) whose forward lookup gives
  /// `ip` back (RFC 7208 §5.5). Nil when the PTR lookup was void; a DNS error gives `[]`.
  func validatedNames(_ ip: IPAddress, state: inout State, countVoid: Bool) async -> [DomainName]? {
    let answer: DNSAnswer
    do { answer = try await resolver.query(ip.reverseName, .ptr) } catch { return [] }
    let names = Array(answer.targetNames.prefix(limits.ptrNames))
    if names.isEmpty { return countVoid ? nil : [] }
    var validated: [DomainName] = []
    for name in names {
      guard let addresses = try? await resolver.query(name, ip.isIPv4 ? .a : .aaaa).addresses
      else { continue }
      if addresses.contains(ip) { validated.append(name) }
    }
    return validated
  }

  /// `%{p}` (RFC 7208 §7.3): a validated name equal to or under the current domain first,
  /// else any validated name, else `unknown`.
  func validatedName(_ context: SPFMacroContext, state: inout State) async -> String {
    let names: [DomainName]
    if let cached = state.validatedNames {
      names = cached
    } else {
      names = await validatedNames(context.ip, state: &state, countVoid: false) ?? []
      state.validatedNames = names
    }
    if let domain = try? DomainName(rawText: context.domain),
      let preferred = names.first(where: { $0.isSubdomain(of: domain) })
    {
      return preferred.rawText
    }
    return names.first?.rawText ?? "unknown"
  }

  // MARK: - exp= (RFC 7208 §6.2)

  func explanation(
    for source: ExplanationSource?, context base: SPFMacroContext, state: inout State
  ) async -> String? {
    guard let source else { return defaultExplanation }
    var context = base
    context.domain = source.domain
    if source.spec.uses("p") { context.validatedName = await validatedName(context, state: &state) }
    guard let name = source.spec.expandDomain(context),
      let answer = try? await resolver.query(name, .txt),
      answer.matching.count == 1, let text = answer.matching[0].data.joinedText,
      case .success(let explain) = SPFMacroString.parse(text, use: .explanation)
    else { return defaultExplanation }
    if explain.uses("p") { context.validatedName = await validatedName(context, state: &state) }
    return explain.expand(context)
  }
}
