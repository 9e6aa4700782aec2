import DNSLookup

/// Probes one selector: TXT at `<selector>._domainkey.<domain>`, its CNAME chain hop by hop,
/// and the key records at the end of it.
///
/// A `LookupWalk`: it says which question comes next given each answer, so that every
/// selector of a domain is probed from one task (`DKIMContext.fetch`).
struct DKIMProbe: LookupWalk {
  /// The state of one walk down a CNAME chain.
  private struct Walk {
    let start: DomainName
    var current: DomainName
    var chain: [DKIMCNAMEHop] = []

    init(start: DomainName) {
      self.start = start
      current = start
    }

    enum Step {
      case advanced
      case loop
      case tooLong
    }

    /// Adds the hop `record` (a CNAME owned by `current`) and moves to its target. A `.loop` or
    /// `.tooLong` ends the walk (every caller makes it the result): the hop it added is then
    /// only shown, never followed or checked against.
    mutating func follow(_ record: ResourceRecord, to target: DomainName) -> Step {
      chain.append(
        DKIMCNAMEHop(
          name: record.name, target: target, ttl: record.ttl, file: record.origin?.file,
          line: record.origin?.line))
      // The names so far are the start and the targets before this one (a few at most).
      if target == start || chain.dropLast().contains(where: { $0.target == target }) {
        return .loop
      }
      if chain.count > DKIMContext.maxCNAMEHops { return .tooLong }
      current = target
      return .advanced
    }
  }

  /// What the question asked last was for.
  private enum Phase {
    /// TXT at the current end of the chain.
    case txt
    /// CNAME at the end of the chain, after its TXT query failed with `failure` (resolvers
    /// give up on loops and long chains with SERVFAIL: the walk goes on with CNAME queries).
    case cnameAfterFailure(LookupFailure)
    /// CNAME at the end of the chain, hop by hop towards `owner`: the TXT answer named its
    /// records' owner but not how it got there. `records` are those records; `hops` counts
    /// the hops asked so far.
    case reconstruct(owner: DomainName, records: [DKIMKeyRecordResult], hops: Int)
  }

  typealias Outcome = DKIMSelectorResult

  let candidate: DKIMSelectorCandidate
  let domain: DomainName
  private var walk: Walk?
  private var phase = Phase.txt
  /// TXT questions asked so far: each either ends the walk or moves it at least one hop, and
  /// hops are bounded, so the rounds are too.
  private var rounds = 0

  init(_ candidate: DKIMSelectorCandidate, domain: DomainName) {
    self.candidate = candidate
    self.domain = domain
    let prepared = DKIMSelectors.prepared(candidate.selector)
    purpose = prepared.purpose
    keyName = DKIMSelectors.keyName(prepared.keyPrefix, domain: domain)
  }

  /// What its questions are for, in failures: made once, not per question.
  private let purpose: String
  /// `<selector>._domainkey.<domain>`; nil for a selector that cannot be one.
  private let keyName: DomainName?

  private func result(
    _ status: DKIMSelectorResult.Status, target: DNSAnswer.Status? = nil,
    records: [DKIMKeyRecordResult] = [], failure: LookupFailure? = nil
  ) -> LookupStep<Outcome> {
    .done(
      DKIMSelectorResult(
        selector: candidate.selector, source: candidate.source,
        name: keyName,
        cnameChain: walk?.chain ?? [], status: status, targetStatus: target, records: records,
        failure: failure))
  }

  mutating func first() -> LookupStep<Outcome> {
    guard let start = keyName else {
      return result(.invalidSelector)
    }
    walk = Walk(start: start)
    return askTXT()
  }

  mutating func next(after lookup: LookupResult) -> LookupStep<Outcome> {
    switch phase {
    case .txt:
      switch lookup {
      case .answer(let answer):
        return received(answer)
      case .failed(let failure):
        phase = .cnameAfterFailure(failure)
        return askCNAME()
      }
    case .cnameAfterFailure(let failure):
      switch followOneCNAME(lookup) {
      case .advanced: return askTXT()
      case .loop: return result(.cnameLoop)
      case .tooLong: return result(.cnameTooLong)
      case nil: return result(.lookupFailed, failure: failure)
      }
    case .reconstruct(let owner, let records, let hops):
      switch followOneCNAME(lookup) {
      case .advanced: return reconstruct(owner: owner, records: records, hops: hops + 1)
      case .loop: return result(.cnameLoop)
      case .tooLong: return result(.cnameTooLong)
      case nil: return result(Self.status(of: records), records: records)
      }
    }
  }

  /// TXT at the end of the chain, while rounds are left.
  private mutating func askTXT() -> LookupStep<Outcome> {
    guard let walk, rounds <= DKIMContext.maxCNAMEHops + 1 else {
      return result(.cnameTooLong)
    }
    rounds += 1
    phase = .txt
    return .ask(walk.current, .txt, purpose: purpose)
  }

  /// CNAME at the end of the chain.
  private func askCNAME() -> LookupStep<Outcome> {
    guard let walk else { return result(.cnameTooLong) }
    return .ask(walk.current, .cname, purpose: purpose)
  }

  /// The TXT answer at the end of the chain: the CNAMEs it carries, then its records.
  private mutating func received(_ answer: DNSAnswer) -> LookupStep<Outcome> {
    guard var walk else { return result(.cnameTooLong) }
    let before = walk.chain.count
    for record in answer.records where record.type == .cname && record.name == walk.current {
      guard case .cname(let target) = record.data else { continue }
      switch walk.follow(record, to: target) {
      case .advanced: continue
      case .loop:
        self.walk = walk
        return result(.cnameLoop)
      case .tooLong:
        self.walk = walk
        return result(.cnameTooLong)
      }
    }
    self.walk = walk
    let txt = answer.records.filter { $0.type == .txt }
    if !txt.isEmpty {
      let records = txt.map { record in
        let strings: [[UInt8]] = if case .txt(let strings) = record.data { strings } else { [] }
        return DKIMKeyRecordResult(
          owner: record.name, ttl: record.ttl, strings: strings, file: record.origin?.file,
          line: record.origin?.line)
      }
      if !txt.contains(where: { $0.name == walk.current }) {
        // The answer names its records' owner but not how it got there: ask hop by hop.
        return reconstruct(owner: txt[0].name, records: records, hops: 0)
      }
      return result(Self.status(of: records), records: records)
    }
    switch answer.status {
    case .nxdomain, .nodata:
      if walk.chain.isEmpty {
        return result(answer.status == .nxdomain ? .nxdomain : .nodata)
      }
      // An authoritative server answers a CNAME into another zone without following it
      // (NOERROR, the CNAME only): ask at the chain's end before calling it dangling.
      if answer.status == .nodata, walk.chain.count > before { return askTXT() }
      return result(.danglingCNAME, target: answer.status)
    case .answer:
      // CNAMEs only: the resolver did not follow the chain (another zone); ask at its end.
      if walk.chain.count == before { return result(.nodata) }
      return askTXT()
    }
  }

  /// The next hop towards `owner`, at most `maxCNAMEHops + 1` of them; then the records.
  private mutating func reconstruct(
    owner: DomainName, records: [DKIMKeyRecordResult], hops: Int
  ) -> LookupStep<Outcome> {
    guard let walk, hops <= DKIMContext.maxCNAMEHops, walk.current != owner else {
      return result(Self.status(of: records), records: records)
    }
    phase = .reconstruct(owner: owner, records: records, hops: hops)
    return .ask(walk.current, .cname, purpose: purpose)
  }

  /// Follows the CNAME at the end of the walk from a CNAME answer; nil when there is none.
  private mutating func followOneCNAME(_ lookup: LookupResult) -> Walk.Step? {
    guard var walk,
      let record = lookup.answer?.records.first(where: {
        $0.type == .cname && $0.name == walk.current
      }),
      case .cname(let target) = record.data
    else { return nil }
    let step = walk.follow(record, to: target)
    self.walk = walk
    return step
  }

  /// The selector's status from its TXT records.
  private static func status(of records: [DKIMKeyRecordResult]) -> DKIMSelectorResult.Status {
    let keyRecords = records.filter { $0.status != .notKeyRecord }
    guard let first = keyRecords.first else { return .notKeyRecord }
    // Any second TXT record counts: a verifier may pick either (RFC 6376 §3.6.2.2).
    if records.count > 1 { return .multipleRecords }
    switch first.status {
    case .valid: return .key
    case .revoked: return .revoked
    case .invalidKey, .discarded, .notKeyRecord: return .invalid
    }
  }
}
