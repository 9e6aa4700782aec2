import DNSLookup
import Synchronization

extension Engine {
  /// Fetches everything the rules need for `domain`, into a box (see `HeapBox`). Never
  /// throws: failures are in the context.
  ///
  /// The parts that need dependent queries (the SPF walk, the DMARC walk and its report
  /// destinations, MTA-STS and its policy, DNSSEC; the sending IPs and the message when
  /// given) run as child tasks; this task asks the one-round lookups itself, from one queue
  /// (`DNSQueryQueue`): every DKIM selector with its CNAME chain, the ESP names, MX/A/AAAA
  /// and TLS-RPT. So a domain in flight holds a handful of tasks, not one per question.
  public func fetch(_ domain: DomainName, options: CheckOptions) async -> HeapBox<DomainContext> {
    let box = await fetchIndependent(domain, options: options)
    await fetchDependent(into: box)
    return box
  }

  /// Everything that needs nothing fetched first: SPF and DMARC with what they lead to, in
  /// child tasks beside MTA-STS, DNSSEC, the sending IPs and the message; the one-round
  /// lookups from this task. (Every result comes back in a box, so that this frame holds
  /// pointers.)
  private func fetchIndependent(_ domain: DomainName, options: CheckOptions) async
    -> HeapBox<DomainContext>
  {
    let candidates = dkimCandidates(for: domain, options: options)
    async let spf = HeapBox(
      await spfAndDerivedSelectors(for: domain, options: options, tried: candidates))
    async let dmarc = HeapBox(
      await DMARCContext.fetch(domain: domain, resolver: resolver, options: options))
    let extras = ContextExtras(domain: domain)
    let round = await withTaskGroup(of: Void.self) { group in
      group.addTask {
        let mtaSTS = await MTASTSContext.fetch(domain: domain, resolver: resolver, https: https)
        extras.update { $0.mtaSTS = mtaSTS }
      }
      if let dnssec {
        group.addTask {
          let context = await DNSSECContext.fetch(domain: domain, resolvers: dnssec)
          extras.update { $0.dnssec = context }
        }
      }
      if !SendingIPContext.addresses(options).isEmpty {
        group.addTask {
          let ips = await SendingIPContext.fetch(
            domain: domain, resolver: resolver, options: options,
            serviceDomains: serviceSPFDomains, answerable: answerable)
          extras.update { $0.sendingIPs = ips }
        }
      }
      if let headers = options.message {
        group.addTask {
          let message = await MessageContext.fetch(
            headers, resolver: resolver, serviceDomains: serviceSPFDomains)
          extras.update { $0.message = message }
        }
      }
      let round = await oneRoundLookups(domain, options: options, candidates: candidates)
      await group.waitForAll()
      return round
    }
    return await extras.context(
      domain: domain, options: options, spf: spf, dmarc: dmarc, round: round)
  }

  /// What needs the other parts first: BIMI's fallback to the organizational domain of the
  /// DMARC walk and its HTTPS fetches (the domain's own record came in the first round), and
  /// with `--authoritative` the servers' answers to every question the checks rest on.
  private func fetchDependent(into box: HeapBox<DomainContext>) async {
    let bimi = await BIMIContext.fetch(
      domain: box.value.domain, own: box.value.bimi.txt,
      organizationalDomain: Self.organizationalDomain(of: box), resolver: resolver, https: https)
    box.value.bimi = bimi
    guard box.value.options.authoritative, let serverResolver else { return }
    let authoritative = await AuthoritativeContext.fetch(
      domain: box.value.domain, questions: Self.dependedOnQuestions(of: box),
      resolver: resolver, serverResolver: serverResolver, askedAt: now())
    box.value.authoritative = authoritative
  }

  @inline(never)
  private static func organizationalDomain(of box: HeapBox<DomainContext>) -> DomainName {
    box.value.dmarc.discovery.organizationalDomain
  }

  @inline(never)
  private static func dependedOnQuestions(of box: HeapBox<DomainContext>)
    -> [AuthoritativeContext.Question]
  {
    box.value.dependedOnQuestions
  }

  /// The DKIM probes, the ESP names, MX/A/AAAA, TLS-RPT and the domain's own BIMI record, all
  /// from this task.
  private func oneRoundLookups(
    _ domain: DomainName, options: CheckOptions, candidates: [DKIMSelectorCandidate]
  ) async -> HeapBox<OneRound> {
    let esp = espProbes.lookups(domain: domain, options: options)
    let mail = MailHostContext.lookups(domain: domain)
    var tlsRPT = TLSRPTContext(domain: domain)
    let tlsLookups = [tlsRPT.recordName].compactMap { $0 }.map {
      SingleLookup(name: $0, type: .txt, purpose: TLSRPTContext.purpose)
    }
    let bimiLookups = [BIMIContext.ownLookup(for: domain)].compactMap { $0 }
    let probes = DKIMContext.probes(domain: domain, candidates: candidates)
    // Built once at its size, not joined from arrays (each join a new buffer of large steps).
    var lookups: [EngineLookup] = []
    let singleCount = esp.count + mail.count + tlsLookups.count + bimiLookups.count
    lookups.reserveCapacity(probes.count + singleCount)
    for probe in probes { lookups.append(.dkim(probe)) }
    for singles in [esp, mail, tlsLookups, bimiLookups] {
      for single in singles { lookups.append(.single(single)) }
    }
    var selectors: [DKIMSelectorResult] = []
    selectors.reserveCapacity(probes.count)
    var results: [LookupResult] = []
    results.reserveCapacity(singleCount)
    for outcome in await EngineLookup.run(consume lookups, resolver: resolver) {
      switch outcome {
      case .dkim(let result): selectors.append(result)
      case .single(let result): results.append(result)
      }
    }
    // The single lookups' results in the order asked: the ESP names, MX/A/AAAA, TLS-RPT, BIMI.
    let mailResults = Array(results.dropFirst(esp.count).prefix(mail.count))
    let tlsResults = results.dropFirst(esp.count + mail.count).prefix(tlsLookups.count)
    if !tlsLookups.isEmpty { tlsRPT.txt = tlsResults.first }
    let bimiResults = results.dropFirst(esp.count + mail.count + tlsLookups.count)
    return HeapBox(
      OneRound(
        dkim: DKIMContext(domain: domain, probed: selectors),
        esp: ESPContext(lookups: esp, results: Array(results.prefix(esp.count))),
        mail: MailHostContext(results: mailResults), tlsRPT: tlsRPT,
        bimiTXT: bimiResults.first))
  }
}

/// What the engine's own round fetched.
struct OneRound: Sendable {
  var dkim: DKIMContext
  var esp: ESPContext
  var mail: MailHostContext
  var tlsRPT: TLSRPTContext
  /// The domain's own BIMI record (`BIMIContext.ownLookup`).
  var bimiTXT: LookupResult?
}

/// A lookup of the engine's own round: a DKIM selector probe, or one question.
private struct EngineLookup: LookupWalk {
  // Exactly one is set (`dkim(_:)` or `single(_:)` made it). The probe steps in place, through
  // optional chaining on the stored value: as an enum's payload it would be copied out and
  // stored back at each step (about a thousand reference counts a domain).
  private var probe: DKIMProbe?
  private let lookup: SingleLookup?

  static func dkim(_ probe: DKIMProbe) -> EngineLookup { EngineLookup(probe: probe, lookup: nil) }

  static func single(_ lookup: SingleLookup) -> EngineLookup {
    EngineLookup(probe: nil, lookup: lookup)
  }

  enum Outcome {
    case dkim(DKIMSelectorResult)
    case single(LookupResult)
  }

  mutating func first() -> LookupStep<Outcome> {
    if let step = probe?.first() { return step.map { .dkim($0) } }
    return lookup!.first().map { .single($0) }
  }

  mutating func next(after result: LookupResult) -> LookupStep<Outcome> {
    if let step = probe?.next(after: result) { return step.map { .dkim($0) } }
    return lookup!.next(after: result).map { .single($0) }
  }
}

/// The parts of a domain's context that its child tasks fetch when the request asks for them
/// (each has its value for "not fetched" until then).
final class ContextExtras: Sendable {
  struct Extras {
    var mtaSTS = MTASTSContext()
    var dnssec: DNSSECContext
    var sendingIPs = SendingIPContext()
    var message: MessageContext?
  }

  private let extras: Mutex<Extras>

  init(domain: DomainName) {
    extras = Mutex(Extras(dnssec: DNSSECContext(domain: domain)))
  }

  func update(_ change: (inout Extras) -> Void) {
    extras.withLock { change(&$0) }
  }

  /// The context from the parts, in a box (not inlined: the context is built on this
  /// function's stack, not in the caller's async frame).
  @inline(never)
  func context(
    domain: DomainName, options: CheckOptions, spf: HeapBox<(SPFContext, DKIMContext?)>,
    dmarc: HeapBox<DMARCContext>, round: HeapBox<OneRound>
  ) -> HeapBox<DomainContext> {
    var dkim = round.value.dkim
    if let derived = spf.value.1 { dkim.append(derived) }
    return extras.withLock { extras in
      let box = HeapBox(
        DomainContext(
          domain: domain, options: options, spf: spf.value.0, dmarc: dmarc.value, dkim: dkim,
          mail: round.value.mail, sendingIPs: extras.sendingIPs, esp: round.value.esp))
      box.value.mtaSTS = extras.mtaSTS
      box.value.tlsRPT = round.value.tlsRPT
      box.value.bimi.domain = domain
      box.value.bimi.txt = round.value.bimiTXT
      box.value.dnssec = extras.dnssec
      box.value.message = extras.message
      return box
    }
  }
}
